package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBytes caps a feed body; a larger one fails instead of being read on.
const DefaultMaxBytes = 10 << 20

const maxRedirects = 10

// Fetcher downloads feeds with conditional GET. Compressed responses are
// decompressed transparently by the transport. A feed on a public address
// may only lead it to public addresses (see guard.go).
type Fetcher struct {
	anywhere  *http.Client // for feeds configured on a private address
	public    *http.Client // for every other feed: public addresses only
	userAgent string
	maxBytes  int64
	now       func() time.Time
	buffers   sync.Pool // *bytes.Buffer for bodies, handed back by Response.Release
	// connectTimeout bounds a DNS lookup, a connection, a TLS handshake.
	connectTimeout time.Duration
	// kindOf classifies an address ("" for public: see addrKind); lookup
	// resolves a host name. Tests replace them.
	kindOf func(netip.AddrPort) string
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

// NewFetcher returns a Fetcher that identifies itself with userAgent, gives
// up on a feed after timeout (connecting, waiting and reading included),
// refuses bodies over maxBytes (0 means DefaultMaxBytes), and keeps up to
// conns idle connections per host for reuse across polls. now is the
// clock a Retry-After date is read against when the reply has no Date.
// Proxies are taken from the environment (HTTP_PROXY, HTTPS_PROXY,
// NO_PROXY) as it is now.
func NewFetcher(userAgent string, timeout time.Duration, maxBytes int64, conns int, now func() time.Time) *Fetcher {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	f := &Fetcher{userAgent: userAgent, maxBytes: maxBytes, now: now, connectTimeout: min(10*time.Second, timeout),
		kindOf: addrKind, lookup: lookupIP}
	dialer := &net.Dialer{Timeout: f.connectTimeout, KeepAlive: 30 * time.Second}
	proxy, proxies := proxyFor()
	anyProxy := func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	f.anywhere = newClient(timeout, f.connectTimeout, conns, dialer.DialContext, anyProxy)
	f.public = newClient(timeout, f.connectTimeout, conns, f.publicOnly(dialer, proxies), f.checkedProxy(proxy))
	return f
}

func newClient(timeout, connect time.Duration, conns int,
	dial func(context.Context, string, string) (net.Conn, error), proxy func(*http.Request) (*url.URL, error)) *http.Client {
	return &http.Client{Timeout: timeout, Transport: &http.Transport{
		Proxy:                 proxy,
		DialContext:           dial,
		TLSHandshakeTimeout:   connect,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          max(100, conns*4),
		MaxIdleConnsPerHost:   max(2, conns),
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}}
}

func lookupIP(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// Validators are the cache validators from the last successful fetch.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is the outcome of one fetch.
type Response struct {
	StatusCode  int
	NotModified bool
	Body        []byte
	ContentType string
	Validators  Validators
	// MaxAge is the Cache-Control max-age the server asked for, or zero.
	MaxAge time.Duration
	// MovedTo is the final URL when every redirect on the way was
	// permanent (301 or 308): the feed has moved and should be fetched
	// there from now on. It is "" when there was no redirect or a
	// temporary one.
	MovedTo string

	buf  *bytes.Buffer
	pool *sync.Pool
}

// Release hands the body's memory back for reuse by later fetches; Body
// must not be used after it. Calling it is optional.
func (r *Response) Release() {
	if r == nil || r.buf == nil {
		return
	}
	if r.buf.Cap() <= 1<<20 { // do not keep the odd huge buffer alive
		r.buf.Reset()
		r.pool.Put(r.buf)
	}
	r.buf, r.Body = nil, nil
}

// StatusError is a non-success HTTP status from a feed server.
type StatusError struct {
	Code   int
	Status string
	// RetryAfter is the server's Retry-After on a 429 or 503, or zero.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("HTTP %s (retry after %s)", e.Status, e.RetryAfter)
	}
	return "HTTP " + e.Status
}

// ErrTooLarge is returned when a feed body exceeds the size cap.
var ErrTooLarge = errors.New("body exceeds the size limit")

// Fetch GETs url, sending the validators so that an unchanged feed costs a
// 304 and no parse. The error names what went wrong but not the URL: the
// caller knows which feed it asked for.
func (f *Fetcher) Fetch(ctx context.Context, url string, v Validators) (*Response, error) {
	return f.fetch(ctx, url, url, v)
}

// fetch GETs url for the feed configured at origin (url, or where it has
// moved): whether it may reach private addresses depends on origin.
func (f *Fetcher) fetch(ctx context.Context, origin, url string, v Validators) (*Response, error) {
	resp, err := f.get(ctx, origin, url, v)
	return resp, limitError(err)
}

func (f *Fetcher) get(ctx context.Context, origin, url string, v Validators) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	permanent, redirected := true, false
	client := *f.public
	if f.privateOrigin(ctx, origin) {
		client = *f.anywhere
	}
	client.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects (a redirect loop?)", maxRedirects)
		}
		redirected = true
		if c := r.Response.StatusCode; c != http.StatusMovedPermanently && c != http.StatusPermanentRedirect {
			permanent = false
		}
		return nil
	}
	resp, err := client.Do(req)
	if err != nil {
		if refused := refusal(err, redirected); refused != nil {
			return nil, refused
		}
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	out := &Response{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		MaxAge: maxAge(resp.Header.Get("Cache-Control"))}
	if final := resp.Request.URL.String(); permanent && final != url {
		out.MovedTo = final
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.Validators = v
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		se := &StatusError{Code: resp.StatusCode, Status: statusLine(resp)}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			se.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), f.serverNow(resp.Header))
		}
		return out, se
	}
	buf, _ := f.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	out.buf, out.pool = buf, &f.buffers
	if n := resp.ContentLength; n > 0 && n <= f.maxBytes {
		buf.Grow(int(n) + bytes.MinRead) // one allocation instead of doubling
	}
	_, err = buf.ReadFrom(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		out.Release()
		return out, fmt.Errorf("read body: %w", unwrapURLError(err))
	}
	if int64(buf.Len()) > f.maxBytes {
		out.Release()
		return out, fmt.Errorf("%w of %d bytes", ErrTooLarge, f.maxBytes)
	}
	out.Body = buf.Bytes()
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return out, nil
}

// statusLine is the status of a reply with its reason phrase, which the
// server chose, cleaned and cut short.
func statusLine(resp *http.Response) string {
	code := strconv.Itoa(resp.StatusCode)
	reason, _ := shortText(strings.TrimPrefix(resp.Status, code), 40)
	return strings.TrimSpace(code + " " + reason)
}

// unwrapURLError drops the "Get <url>:" prefix of net/http errors: the
// feed's URL is added once by the caller.
func unwrapURLError(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && strings.HasPrefix(err.Error(), "Get ") {
		if inner := ue.Unwrap(); inner != nil {
			if errors.Is(inner, context.DeadlineExceeded) || strings.Contains(inner.Error(), "Client.Timeout") {
				return fmt.Errorf("timed out: %w", inner)
			}
			return inner
		}
	}
	return err
}

// maxAge reads max-age from a Cache-Control header.
func maxAge(cc string) time.Duration {
	for _, part := range strings.Split(cc, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(k, "max-age") {
			if secs, err := strconv.Atoi(strings.Trim(v, `"`)); err == nil && secs > 0 {
				return time.Duration(secs) * time.Second
			}
		}
	}
	return 0
}

// serverNow is the time the server sent its reply, from its Date header,
// or else now by the fetcher's clock: a Retry-After date is the server's
// time, so a clock of ours that is off does not stretch or cancel the
// wait.
func (f *Fetcher) serverNow(h http.Header) time.Time {
	if t, err := http.ParseTime(h.Get("Date")); err == nil {
		return t
	}
	return f.now()
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}
