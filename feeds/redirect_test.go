package feeds_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

// publicServer makes f take srv, on 127.0.0.1 like every test server, for
// a server on a public address; every other address keeps its real kind.
func publicServer(f *feeds.Fetcher, srv *httptest.Server) {
	public := netip.MustParseAddrPort(srv.Listener.Addr().String())
	f.SetAddressKinds(func(ap netip.AddrPort) string {
		if ap == public {
			return ""
		}
		return feeds.AddressKind(ap)
	})
}

// A feed on a public address may not lead the fetcher to a loopback,
// private or link-local one (see TestAddressKinds), whether the redirect
// names an IP or a host name that resolves to one; the check is made on the
// address connected to, so nothing reaches the inside. A feed the operator configured on a
// private address may still be fetched and redirect within private space.
func TestRedirectsFromPublicToPrivateAddressesAreRefused(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	var inside atomic.Int32
	private := http.NewServeMux()
	private.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { inside.Add(1); w.Write(lenta) })
	private.Handle("/hop", http.RedirectHandler("/feed", http.StatusFound))
	privateSrv := httptest.NewServer(private)
	defer privateSrv.Close()
	privatePort := strconv.Itoa(privateSrv.Listener.Addr().(*net.TCPAddr).Port)

	public := http.NewServeMux()
	public.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta) })
	redirect := func(path, to string) { public.Handle(path, http.RedirectHandler(to, http.StatusMovedPermanently)) }
	redirect("/to-self", "/feed")
	redirect("/to-ip", privateSrv.URL+"/feed")
	redirect("/to-name", "http://localhost:"+privatePort+"/feed")
	publicSrv := httptest.NewServer(public)
	defer publicSrv.Close()

	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
	publicServer(f, publicSrv)
	st := openStore(t)
	p := feeds.NewPoller(f, st, feeds.PollerOptions{}, clock.Wall, quietLog())
	for _, tc := range []struct {
		url  string
		want []string // what the error must say; nil for a good poll
	}{
		{publicSrv.URL + "/to-self", nil},
		{publicSrv.URL + "/to-ip", []string{"redirect to " + privateSrv.URL + "/feed refused", "loopback"}},
		{publicSrv.URL + "/to-name", []string{"redirect to http://localhost:" + privatePort + "/feed refused", "loopback"}},
		{privateSrv.URL + "/hop", nil}, // configured on a private address
	} {
		res := p.Poll(context.Background(), feeds.Source{URL: tc.url})
		s := state(t, st, tc.url)
		if tc.want == nil {
			if res.Err != nil || len(res.Items) != 200 {
				t.Errorf("%s: err %v, %d items; want the feed", tc.url, res.Err, len(res.Items))
			}
			continue
		}
		if res.Err == nil || len(res.Items) != 0 {
			t.Errorf("%s: %d items; want the redirect refused", tc.url, len(res.Items))
			continue
		}
		t.Log(s.LastError)
		for _, w := range tc.want {
			if !strings.Contains(s.LastError, w) {
				t.Errorf("%s: state error %q lacks %q", tc.url, s.LastError, w)
			}
		}
	}

	// A state saved before this rule, whose feed had moved inside, is
	// judged by the configured URL too.
	moved := feeds.State{URL: publicSrv.URL + "/moved-inside", FetchURL: privateSrv.URL + "/feed"}
	if err := st.SaveFeedStates(context.Background(), []feeds.State{moved}); err != nil {
		t.Fatal(err)
	}
	res := p.Poll(context.Background(), feeds.Source{URL: moved.URL})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "refused to connect: 127.0.0.1:"+privatePort+" is a loopback address") {
		t.Errorf("moved inside: err %v", res.Err)
	}
	if n := inside.Load(); n != 1 {
		t.Errorf("the private server was reached %d times; want once, by its own configured feed", n)
	}
}

// Through a proxy the fetcher does not connect to the target itself: the
// target's host is resolved and checked before the request goes to the
// proxy, and the proxy itself, on a private address as proxies often are,
// is reached.
func TestRedirectsThroughAProxyAreCheckedToo(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	var inside atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Host == "intranet.example":
			inside.Add(1)
			w.Write(lenta)
		case r.URL.Path == "/moved":
			http.Redirect(w, r, "http://intranet.example/feed", http.StatusFound)
		default:
			w.Write(lenta)
		}
	}))
	defer proxy.Close()
	for _, env := range []string{"HTTP_PROXY", "http_proxy"} {
		t.Setenv(env, proxy.URL)
	}
	for _, env := range []string{"NO_PROXY", "no_proxy"} {
		t.Setenv(env, "")
	}
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
	f.SetResolver(func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "news.example":
			return []netip.Addr{netip.MustParseAddr("203.0.113.7")}, nil
		case "intranet.example":
			return []netip.Addr{netip.MustParseAddr("10.0.0.7")}, nil
		}
		return nil, fmt.Errorf("no such host %s", host)
	})
	ctx := context.Background()
	if resp, err := f.Fetch(ctx, "http://news.example/feed", feeds.Validators{}); err != nil || len(resp.Body) != len(lenta) {
		t.Fatalf("through the proxy: %v", err)
	}
	_, err := f.Fetch(ctx, "http://news.example/moved", feeds.Validators{})
	if err == nil || !strings.Contains(err.Error(), "redirect to http://intranet.example/feed refused") || !strings.Contains(err.Error(), "private") {
		t.Errorf("err = %v; want the redirect to intranet.example refused", err)
	}
	t.Log(err)
	if inside.Load() != 0 {
		t.Error("the proxy was asked for the private host")
	}
}

// add-feed follows the feed links a page announces: from a page on a public
// address, like redirects, they may not lead inside.
func TestDiscoverDoesNotFollowAPublicPageInside(t *testing.T) {
	var inside atomic.Int32
	privateSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inside.Add(1)
		w.Write(fixture(t, "ru_lenta-ru_rss2.xml"))
	}))
	defer privateSrv.Close()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="%s/rss"></head></html>`, privateSrv.URL)
	}))
	defer page.Close()
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
	publicServer(f, page)
	d, err := feeds.Discover(context.Background(), f, page.URL+"/")
	if err == nil || inside.Load() != 0 {
		t.Errorf("found %+v, err %v; the private server was reached %d times", d, err, inside.Load())
	}
}
