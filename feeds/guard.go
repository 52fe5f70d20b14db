package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"golang.org/x/net/http/httpproxy"
)

// Which addresses a fetch may connect to. A feed whose configured URL is on
// a loopback, private or link-local address (an IP, or a host name that
// resolves only to such addresses) was put there by the operator: an RSS
// bridge in the same network, say. It is fetched with a client that goes
// anywhere. Every other feed is fetched with a client whose
// dialer refuses, at connection time, any address that is not public, so
// that neither a redirect nor a host name that resolves to 127.0.0.1 can
// make a public feed reach inside (SSRF). The check is on the resolved
// address the socket is about to connect to, not on the URL, so no DNS
// answer can slip past it. Through a proxy the fetcher never connects to
// the target: the proxy is let through, and the target's host is resolved
// and checked before each request goes to it (a host our resolver cannot
// resolve is left to the proxy).

var (
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")     // "this host" on Linux
	sharedNAT   = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT, RFC 6598
)

// addrKind says what kind of non-public address ap is, or "" for a public one.
func addrKind(ap netip.AddrPort) string {
	a := ap.Addr().Unmap()
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsUnspecified(), thisNetwork.Contains(a):
		return "unspecified"
	case sharedNAT.Contains(a):
		return "shared (carrier-grade NAT)"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	return ""
}

// refusedError is a connection the fetcher would not make: from a feed on
// a public address to one that is not.
type refusedError struct {
	Addr netip.AddrPort
	Kind string // what addrKind said
}

func (e *refusedError) Error() string {
	article := "a"
	if strings.ContainsRune("aeiou", rune(e.Kind[0])) {
		article = "an"
	}
	return fmt.Sprintf("%s is %s %s address, and a feed configured on a public address may only reach public ones", e.Addr, article, e.Kind)
}

// publicOnly is the dialer of the client for public feeds: it connects to
// public addresses and to the configured proxies.
func (f *Fetcher) publicOnly(d *net.Dialer, proxies map[string]bool) func(ctx context.Context, network, addr string) (net.Conn, error) {
	checked := *d
	checked.Control = func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("refused to connect to %s: not an IP address and port", address)
		}
		if kind := f.kindOf(ap); kind != "" {
			return &refusedError{Addr: ap, Kind: kind}
		}
		return nil
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if proxies[addr] {
			return d.DialContext(ctx, network, addr)
		}
		return checked.DialContext(ctx, network, addr)
	}
}

// proxyFor returns the proxy function of the environment and the addresses
// (host:port, as the transport dials them) of its proxies.
func proxyFor() (func(*url.URL) (*url.URL, error), map[string]bool) {
	cfg := httpproxy.FromEnvironment()
	addrs := map[string]bool{}
	for _, p := range []string{cfg.HTTPProxy, cfg.HTTPSProxy} {
		if u, err := url.Parse(p); err == nil && u.Host != "" {
			addrs[hostPort(u)] = true
		} else if u, err := url.Parse("http://" + p); err == nil && u.Host != "" {
			addrs[hostPort(u)] = true // "proxy:3128" without a scheme, as httpproxy allows
		}
	}
	return cfg.ProxyFunc(), addrs
}

// checkedProxy wraps the proxy function of the client for public feeds:
// a request that goes through a proxy is refused when its host resolves
// to an address that is not public.
func (f *Fetcher) checkedProxy(proxy func(*url.URL) (*url.URL, error)) func(*http.Request) (*url.URL, error) {
	return func(r *http.Request) (*url.URL, error) {
		p, err := proxy(r.URL)
		if p == nil || err != nil {
			return p, err
		}
		addrs, err := f.addrsOf(r.Context(), r.URL)
		if err != nil {
			return p, nil // the proxy resolves it, or says it cannot
		}
		for _, ap := range addrs {
			if kind := f.kindOf(ap); kind != "" {
				return nil, &refusedError{Addr: ap, Kind: kind}
			}
		}
		return p, nil
	}
}

// privateOrigin reports whether a feed's configured URL is on addresses
// that are all not public: then the operator chose to reach inside. A
// host that does not resolve counts as public.
func (f *Fetcher) privateOrigin(ctx context.Context, rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	addrs, err := f.addrsOf(ctx, u)
	if err != nil || len(addrs) == 0 {
		return false
	}
	for _, ap := range addrs {
		if f.kindOf(ap) == "" {
			return false
		}
	}
	return true
}

// addrsOf resolves the host of u, with its port.
func (f *Fetcher) addrsOf(ctx context.Context, u *url.URL) ([]netip.AddrPort, error) {
	_, portStr, _ := net.SplitHostPort(hostPort(u))
	port, _ := net.LookupPort("tcp", portStr)
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.AddrPort{netip.AddrPortFrom(a.WithZone(""), uint16(port))}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, f.connectTimeout)
	defer cancel()
	ips, err := f.lookup(ctx, host)
	out := make([]netip.AddrPort, len(ips))
	for i, a := range ips {
		out[i] = netip.AddrPortFrom(a.Unmap(), uint16(port))
	}
	return out, err
}

// hostPort is u's host:port, with the scheme's default port.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	port := map[string]string{"https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
	if port == "" {
		port = "80"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// refusal says which URL the fetcher refused to connect for and why, or
// nil when err is no refusal. err is the client's error, which carries the
// URL being fetched.
func refusal(err error, redirected bool) error {
	var refused *refusedError
	var ue *url.Error
	if !errors.As(err, &refused) || !errors.As(err, &ue) {
		return nil
	}
	if !redirected {
		return fmt.Errorf("refused to connect: %w", refused)
	}
	return fmt.Errorf("redirect to %s refused: %w", ue.URL, refused)
}
