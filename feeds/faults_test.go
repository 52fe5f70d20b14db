package feeds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

// faultServer misbehaves in every way we know, beside two good feeds.
func faultServer(t *testing.T) *httptest.Server {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	jsonFeed := fixture(t, "en_humanwhocodes_jsonfeed1.json")
	utf8Feed := `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента</title>
<item><title>Задержан вербовщик ИГИЛ</title><link>http://127.0.0.1/1</link></item></channel></rss>`
	mux := http.NewServeMux()
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta) })
	mux.HandleFunc("/good.json", func(w http.ResponseWriter, r *http.Request) { w.Write(jsonFeed) })
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) })
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		for _, b := range lenta {
			if _, err := w.Write([]byte{b}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	})
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta[:len(lenta)/2]) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Moved</title></head><body><h1>Our new site</h1></body></html>")
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := []byte(strings.Repeat("<item><title>x</title></item>", 1000))
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel>`)
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/wrong-charset", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, utf8Feed) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// One poll cycle over every kind of broken feed beside good ones: the good
// feeds' items arrive, each bad feed's state says what went wrong, and
// memory stays bounded.
func TestPollCycleWithEveryFault(t *testing.T) {
	srv := faultServer(t)
	st := openStore(t)
	// A 5 s timeout: at 2 s, ten redirects or the 50 MB body timed out
	// before their own error under -race on a busy two-core machine.
	p := feeds.NewPoller(feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 8, clock.Wall), st,
		feeds.PollerOptions{Workers: 8, PerHost: 16}, clock.Wall, quietLog())
	want := map[string]string{ // path → what its state's error must say ("" for a good feed)
		"/good.xml": "", "/good.json": "", "/wrong-charset": "",
		"/404": "HTTP 404", "/500": "HTTP 500", "/429": "HTTP 429",
		"/hang": "Timeout", "/drip": "Timeout", "/truncated": "invalid feed XML",
		"/html": "not an RSS, Atom or JSON feed", "/huge": "exceeds the size limit", "/loop": "redirect",
		"/empty": "empty",
	}
	var srcs []feeds.Source
	for path := range want {
		srcs = append(srcs, feeds.Source{URL: srv.URL + path})
	}
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
		}
	}()
	started := time.Now()
	results := p.PollAll(context.Background(), srcs)
	close(stop)
	for _, r := range results {
		path := strings.TrimPrefix(r.Source.URL, srv.URL)
		s := state(t, st, r.Source.URL)
		switch w := want[path]; {
		case w == "" && (r.Err != nil || len(r.Items) == 0):
			t.Errorf("%s: err %v, %d items; want its items", path, r.Err, len(r.Items))
		case w != "" && (r.Err == nil || !strings.Contains(s.LastError, w)):
			t.Errorf("%s: state error %q; want one saying %q", path, s.LastError, w)
		}
	}
	for _, r := range results {
		if strings.HasSuffix(r.Source.URL, "/wrong-charset") && len(r.Items) == 1 && r.Items[0].Title != "Задержан вербовщик ИГИЛ" {
			t.Errorf("wrong charset declaration: title %q", r.Items[0].Title)
		}
	}
	if s := state(t, st, srv.URL+"/429"); s.NextPoll.Sub(clock.Wall()) < 110*time.Second {
		t.Errorf("429: next poll in %s; want Retry-After's 120 s honoured", s.NextPoll.Sub(clock.Wall()).Round(time.Second))
	}
	if took := time.Since(started); took > 10*time.Second {
		t.Errorf("the cycle took %s: a slow feed held up the others", took)
	}
	if mib := peak.Load() >> 20; mib > 100 {
		t.Errorf("peak heap %d MiB during the cycle; want it bounded well below the 50 MB body", mib)
	}
	t.Logf("cycle took %s, peak heap %d MiB", time.Since(started).Round(time.Millisecond), peak.Load()>>20)
}

// What a failing server sends (a page, a status line, XML names) reaches
// the feed's state, logs, `newsalert feeds` and /status only as a short
// snippet without terminal escapes, control characters or markup, marked
// when cut.
func TestFailedFetchesDoNotEchoTheBody(t *testing.T) {
	escapes := "\x1b[31;1m\x1b]0;pwned\x07\x1b[2J"
	long := strings.Repeat("A", 100_000)
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, escapes+"<html><head><script>alert(1)</script></head><body><h1>Site down</h1>\u202e"+long+"</body></html>")
	})
	raw := func(head string) http.HandlerFunc { // a reply net/http would not write
		return func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			buf.WriteString(head + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			buf.Flush()
		}
	}
	mux.Handle("/status", raw("HTTP/1.1 503 "+escapes+"<b>"+long+"</b>"))
	mux.Handle("/location", raw("HTTP/1.1 302 Found\r\nLocation: http://[::1"+escapes+long))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{})
	for _, tc := range []struct {
		path, want string
		quoted     bool // the server's bytes are quoted by net/http: escaped, only cut short
	}{
		{"/page", `not an RSS, Atom or JSON feed: the body's text starts "Site down AAAA`, false},
		{"/status", "HTTP 503 AAAA", false},
		{"/location", `malformed MIME header line: "Location: http://[::1\x1b[31;1m`, true},
	} {
		res := p.Poll(context.Background(), feeds.Source{URL: srv.URL + tc.path})
		s := state(t, st, srv.URL+tc.path)
		if res.Err == nil || res.Err.Error() != s.LastError {
			t.Errorf("%s: err %v; want the state's error %q", tc.path, res.Err, s.LastError)
		}
		t.Log(s.LastError)
		msg := strings.TrimPrefix(s.LastError, "feed "+srv.URL+tc.path+": ")
		msg = msg[strings.Index(msg, ": ")+2:] // after "fetch: " or "parse: "
		if n := utf8.RuneCountInString(msg); n > 201 || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "…") {
			t.Errorf("%s: %d runes %.300q; want at most 200 and …, saying %q", tc.path, n, msg, tc.want)
		}
		if i := strings.IndexFunc(msg, func(r rune) bool { return unicode.IsControl(r) || unicode.In(r, unicode.Cf) }); i >= 0 {
			t.Errorf("%s: control or format character in %q", tc.path, msg)
		}
		bad := []string{strings.Repeat("A", 81)}
		if !tc.quoted {
			bad = append(bad, "[31", "pwned", "<b>", "script", "alert")
		}
		for _, b := range bad {
			if strings.Contains(msg, b) {
				t.Errorf("%s: %q in %.300q", tc.path, b, msg)
			}
		}
	}
}
