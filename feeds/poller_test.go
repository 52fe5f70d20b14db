package feeds_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// openStore opens a fresh SQLite store on disk, on the wall clock, closed
// when the test ends.
func openStore(tb testing.TB) *store.Store { return storetest.Open(tb, clock.Wall) }

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/feeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func newPoller(t testing.TB, st feeds.StateStore, opts feeds.PollerOptions) *feeds.Poller {
	return newPollerAt(t, st, opts, clock.Wall)
}

// newPollerAt is newPoller on the clock now: items dated by a fixture are
// in the future of a clock moved years back (CI's clock-shift runs).
func newPollerAt(t testing.TB, st feeds.StateStore, opts feeds.PollerOptions, now func() time.Time) *feeds.Poller {
	if opts.Workers == 0 {
		opts.Workers = 4
	}
	return feeds.NewPoller(feeds.NewFetcher("newsalert/test", 5*time.Second, 0, opts.Workers, now), st, opts, now, quietLog())
}

// afterTheFixtures is a clock an hour after the dates of the page and
// channel fixtures (4 December 2026).
func afterTheFixtures() time.Time { return time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC) }

func state(t *testing.T, st *store.Store, url string) feeds.State {
	t.Helper()
	states, err := st.FeedStates(context.Background(), []string{url})
	if err != nil {
		t.Fatal(err)
	}
	return states[url]
}

// feedServer serves real fixtures and misbehaving endpoints.
func feedServer(t *testing.T) *httptest.Server {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	jsonFeed := fixture(t, "en_humanwhocodes_jsonfeed1.json")
	mux := http.NewServeMux()
	mux.HandleFunc("/lenta.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(lenta)
	})
	mux.HandleFunc("/feed.json", func(w http.ResponseWriter, r *http.Request) { w.Write(jsonFeed) })
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/invalid", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>This is not a feed</body></html>"))
	})
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		w.Write(lenta[:len(lenta)/2])
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestPollAllBadFeedsDoNotStopGoodOnes(t *testing.T) {
	srv := feedServer(t)
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{Workers: 2, PerHost: 2})
	srcs := []feeds.Source{
		{URL: srv.URL + "/error"},
		{URL: srv.URL + "/lenta.xml", Name: "Lenta"},
		{URL: srv.URL + "/invalid"},
		{URL: srv.URL + "/feed.json"},
		{URL: srv.URL + "/truncated"},
		{URL: "http://127.0.0.1:1/refused"},
	}
	ctx := context.Background()
	res := p.PollAll(ctx, srcs)
	wantErr := map[int]string{0: "HTTP 500", 2: "not an RSS, Atom or JSON feed", 4: "invalid feed XML", 5: "connection refused"}
	for i, r := range res {
		if r.Source.URL != srcs[i].URL {
			t.Fatalf("result %d is for %s, want %s", i, r.Source.URL, srcs[i].URL)
		}
		if want, bad := wantErr[i]; bad {
			if r.Err == nil || !strings.Contains(r.Err.Error(), want) || !strings.Contains(r.Err.Error(), srcs[i].URL) {
				t.Errorf("%s: err = %v, want one naming the feed and %q", srcs[i].URL, r.Err, want)
			}
			continue
		}
		if r.Err != nil || len(r.Items) == 0 || !r.FirstPoll {
			t.Errorf("%s: err = %v, items = %d, first poll %v", srcs[i].URL, r.Err, len(r.Items), r.FirstPoll)
		}
	}
	if res[1].Items[0].FeedName != "Lenta" {
		t.Errorf("feed name = %q", res[1].Items[0].FeedName)
	}

	// Failures are recorded and counted across polls.
	p.PollAll(ctx, srcs[:1])
	failed := state(t, st, srcs[0].URL)
	if failed.ConsecutiveErrors != 2 || failed.TotalErrors != 2 || failed.LastStatus != 500 || !strings.Contains(failed.LastError, "HTTP 500") {
		t.Errorf("state after two failures = %+v", failed)
	}
	good := state(t, st, srcs[1].URL)
	if good.ConsecutiveErrors != 0 || good.LastSuccess.IsZero() || good.ItemsLastPoll != 200 || good.NextPoll.Before(clock.Wall()) {
		t.Errorf("state of the good feed = %+v", good)
	}
	if again := p.Poll(ctx, srcs[1]); again.FirstPoll || !again.NotModified {
		t.Errorf("second poll of an unchanged feed without validators: first %v, not modified %v", again.FirstPoll, again.NotModified)
	}
}

func TestPollUsesConditionalGet(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	var full, conditional atomic.Int32
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Sat, 03 Dec 2022 10:00:00 GMT" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 03 Dec 2022 10:00:00 GMT")
		w.Write(lenta)
	}))
	defer srv.Close()
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{})
	src := feeds.Source{URL: srv.URL}
	first := p.Poll(context.Background(), src)
	second := p.Poll(context.Background(), src)
	if first.Err != nil || len(first.Items) != 200 {
		t.Fatalf("first poll: err %v, %d items", first.Err, len(first.Items))
	}
	if second.Err != nil || !second.NotModified || len(second.Items) != 0 {
		t.Fatalf("second poll: err %v, not modified %v, %d items", second.Err, second.NotModified, len(second.Items))
	}
	if full.Load() != 1 || conditional.Load() != 1 {
		t.Errorf("full responses %d, conditional %d; want 1 and 1", full.Load(), conditional.Load())
	}
	if ua.Load() != "newsalert/test" {
		t.Errorf("User-Agent = %q", ua.Load())
	}
	if s := state(t, st, srv.URL); s.Validators.ETag != `"v1"` || s.LastStatus != 304 {
		t.Errorf("state after 304 = %+v", s)
	}
}

func TestRedirects(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	mux := http.NewServeMux()
	mux.Handle("/old", http.RedirectHandler("/older", http.StatusMovedPermanently))
	mux.Handle("/older", http.RedirectHandler("/new", http.StatusPermanentRedirect))
	mux.Handle("/temp", http.RedirectHandler("/new", http.StatusFound))
	mux.Handle("/loop", http.RedirectHandler("/loop", http.StatusMovedPermanently))
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{})
	ctx := context.Background()

	if res := p.Poll(ctx, feeds.Source{URL: srv.URL + "/old"}); res.Err != nil || len(res.Items) != 200 {
		t.Fatalf("permanent chain: %v", res.Err)
	}
	if s := state(t, st, srv.URL+"/old"); s.FetchURL != srv.URL+"/new" {
		t.Errorf("after 301 and 308: fetch URL %q, want %q", s.FetchURL, srv.URL+"/new")
	}
	if res := p.Poll(ctx, feeds.Source{URL: srv.URL + "/temp"}); res.Err != nil {
		t.Fatal(res.Err)
	}
	if s := state(t, st, srv.URL+"/temp"); s.FetchURL != "" {
		t.Errorf("a 302 changed the fetch URL to %q", s.FetchURL)
	}
	res := p.Poll(ctx, feeds.Source{URL: srv.URL + "/loop"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "redirect loop") {
		t.Errorf("loop: err = %v", res.Err)
	}
}

func TestGzipAndCharsetFromHeader(t *testing.T) {
	cp1251 := fixture(t, "ru_ibash-org-ru_rss2_windows-1251.xml")
	undeclared := bytes.Replace(cp1251, []byte(`<?xml version="1.0" encoding="windows-1251"?>`), nil, 1)
	if bytes.Equal(undeclared, cp1251) {
		t.Fatal("fixture declaration not found")
	}
	var gzipped atomic.Bool
	handler := func(body []byte, contentType string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				gzipped.Store(true)
				w.Header().Set("Content-Encoding", "gzip")
				zw := gzip.NewWriter(w)
				zw.Write(body)
				zw.Close()
				return
			}
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/with-header", handler(undeclared, "text/xml; charset=windows-1251"))
	mux.Handle("/without", handler(undeclared, "text/xml"))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p := newPoller(t, openStore(t), feeds.PollerOptions{})
	for _, path := range []string{"/with-header", "/without"} {
		res := p.Poll(context.Background(), feeds.Source{URL: srv.URL + path})
		if res.Err != nil || len(res.Items) != 50 || !strings.HasPrefix(res.Items[0].Title, "Цитата #") {
			t.Errorf("%s: err %v, %d items, first %q", path, res.Err, len(res.Items), firstTitle(res))
		}
	}
	if !gzipped.Load() {
		t.Error("the fetcher did not accept gzip")
	}
}

func firstTitle(r feeds.Result) string {
	if len(r.Items) == 0 {
		return ""
	}
	return r.Items[0].Title
}

func TestFetchRefusesOversizedBody(t *testing.T) {
	srv := feedServer(t)
	p := feeds.NewPoller(feeds.NewFetcher("t", 5*time.Second, 1000, 1, clock.Wall), openStore(t), feeds.PollerOptions{}, clock.Wall, quietLog())
	res := p.Poll(context.Background(), feeds.Source{URL: srv.URL + "/lenta.xml"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "exceeds the size limit of 1000 bytes") {
		t.Fatalf("err = %v, want a size-limit error", res.Err)
	}
}

func TestSlowBodyTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
		w.(http.Flusher).Flush()
		select { // drips nothing more until the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	p := feeds.NewPoller(feeds.NewFetcher("t", 300*time.Millisecond, 0, 1, clock.Wall), openStore(t), feeds.PollerOptions{}, clock.Wall, quietLog())
	start := time.Now()
	res := p.Poll(context.Background(), feeds.Source{URL: srv.URL})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "timed out") && !strings.Contains(res.Err.Error(), "deadline") {
		t.Fatalf("err = %v, want a timeout", res.Err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("the timeout took %v", time.Since(start))
	}
}

func TestFailureBackoffRetryAfterRecoveryAndGone(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	var mode atomic.Value
	mode.Store("500")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case "500":
			http.Error(w, "boom", 500)
		case "429":
			w.Header().Set("Retry-After", "7200")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "503":
			// The server's own clock, which need not agree with ours.
			w.Header().Set("Retry-After", time.Now().Add(3*time.Hour).UTC().Format(http.TimeFormat))
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		case "410":
			http.Error(w, "gone", http.StatusGone)
		default:
			w.Write(lenta)
		}
	}))
	defer srv.Close()
	st := openStore(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	p := feeds.NewPoller(feeds.NewFetcher("t", 5*time.Second, 0, 1, clock.Wall), st,
		feeds.PollerOptions{Timing: feeds.Timing{MinBackoff: time.Minute, MaxBackoff: 6 * time.Hour, UnhealthyAfter: 3}}, clock.Wall, log)
	src := feeds.Source{URL: srv.URL}
	ctx := context.Background()

	var waits []time.Duration
	for range 3 {
		before := clock.Wall()
		p.Poll(ctx, src)
		waits = append(waits, state(t, st, src.URL).NextPoll.Sub(before).Round(time.Minute))
	}
	if waits[0] != time.Minute || waits[1] != 2*time.Minute || waits[2] != 4*time.Minute {
		t.Errorf("backoff = %v, want 1m, 2m, 4m", waits)
	}
	if !p.Unhealthy(state(t, st, src.URL)) || !strings.Contains(logs.String(), "feed unhealthy") {
		t.Errorf("not reported unhealthy after 3 failures; logs:\n%s", logs.String())
	}

	mode.Store("429")
	p.Poll(ctx, src)
	if wait := state(t, st, src.URL).NextPoll.Sub(clock.Wall()); wait < 119*time.Minute {
		t.Errorf("429 with Retry-After 7200: next poll in %v", wait)
	}
	mode.Store("503")
	p.Poll(ctx, src)
	if wait := state(t, st, src.URL).NextPoll.Sub(clock.Wall()); wait < 179*time.Minute {
		t.Errorf("503 with a Retry-After date 3h ahead: next poll in %v", wait)
	}

	mode.Store("ok")
	if res := p.Poll(ctx, src); res.Err != nil || len(res.Items) != 200 {
		t.Fatalf("recovery: %v", res.Err)
	}
	if s := state(t, st, src.URL); s.ConsecutiveErrors != 0 || s.TotalErrors != 5 || s.LastError != "" {
		t.Errorf("after recovery: %+v", s)
	}
	if !strings.Contains(logs.String(), "feed recovered") {
		t.Error("recovery not logged")
	}

	mode.Store("410")
	p.Poll(ctx, src)
	gone := state(t, st, src.URL)
	if !strings.Contains(gone.Disabled, "410") || !strings.Contains(logs.String(), "feed disabled") {
		t.Fatalf("410: state %+v", gone)
	}
	mode.Store("ok")
	if res := p.Poll(ctx, src); res.Err == nil || !strings.Contains(res.Err.Error(), "disabled") {
		t.Errorf("a disabled feed was polled: %v", res.Err)
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestMaxAgeIsALowerBoundWithoutUserInterval(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=7200")
		w.Write(lenta)
	}))
	defer srv.Close()
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{Timing: feeds.Timing{Interval: 15 * time.Minute}})
	ctx := context.Background()
	p.Poll(ctx, feeds.Source{URL: srv.URL + "/a"})
	if wait := state(t, st, srv.URL+"/a").NextPoll.Sub(clock.Wall()); wait < 119*time.Minute {
		t.Errorf("default interval: next poll in %v, want max-age 2h", wait)
	}
	p.Poll(ctx, feeds.Source{URL: srv.URL + "/b", Interval: 10 * time.Minute})
	if wait := state(t, st, srv.URL+"/b").NextPoll.Sub(clock.Wall()); wait > 12*time.Minute {
		t.Errorf("user interval 10m: next poll in %v; max-age must not override it", wait)
	}
}

func TestJitterSpreadsFeedsOnTheSameSchedule(t *testing.T) {
	st := openStore(t)
	var mu sync.Mutex
	body := fixture(t, "uz_andijonfk_rss2_uzbek-latin.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	p := newPoller(t, st, feeds.PollerOptions{Workers: 8, PerHost: 8, Timing: feeds.Timing{Interval: time.Hour}})
	var srcs []feeds.Source
	for i := range 50 {
		srcs = append(srcs, feeds.Source{URL: srv.URL + "/f" + string(rune('A'+i))})
	}
	p.PollAll(context.Background(), srcs)
	seconds := map[int64]bool{}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range srcs {
		seconds[state(t, st, s.URL).NextPoll.Unix()] = true
	}
	if len(seconds) < 40 {
		t.Errorf("50 hourly feeds fall due in only %d distinct seconds", len(seconds))
	}
}

func TestSlowHostDoesNotStarveOthers(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	fast := feedServer(t)
	p := newPoller(t, openStore(t), feeds.PollerOptions{Workers: 3, PerHost: 1})
	srcs := []feeds.Source{{URL: slow.URL + "/1"}, {URL: slow.URL + "/2"}, {URL: slow.URL + "/3"}, {URL: slow.URL + "/4"}}
	done := make(chan []feeds.Result)
	go func() { done <- p.PollAll(context.Background(), srcs) }()
	time.Sleep(100 * time.Millisecond) // the slow host's feeds are waiting
	start := time.Now()
	res := p.Poll(context.Background(), feeds.Source{URL: fast.URL + "/lenta.xml"})
	if res.Err != nil || time.Since(start) > 2*time.Second {
		t.Errorf("a feed on another host waited %v behind a slow host (err %v)", time.Since(start), res.Err)
	}
	close(release)
	<-done
}

func TestSchedulerPollsAtStartAndStops(t *testing.T) {
	srv := feedServer(t)
	p := newPoller(t, openStore(t), feeds.PollerOptions{})
	var mu sync.Mutex
	got := map[string]int{}
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	handle := func(_ context.Context, r feeds.Result) error {
		mu.Lock()
		defer mu.Unlock()
		got[r.Source.URL]++
		if len(got) == 2 {
			select {
			case <-done:
			default:
				close(done)
			}
		}
		return nil
	}
	s := feeds.NewScheduler(p, handle, quietLog())
	srcs := []feeds.Source{{URL: srv.URL + "/lenta.xml"}, {URL: srv.URL + "/feed.json", Schedule: "0 3 * * *"}}
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx, srcs) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the first polls did not happen at start")
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	mu.Lock()
	defer mu.Unlock()
	if got[srcs[0].URL] != 1 || got[srcs[1].URL] != 1 {
		t.Errorf("polls = %v; want one each (the next ones are not due)", got)
	}
}

func TestSchedulerRetriesAfterBackoff(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "down", 500)
	}))
	defer srv.Close()
	p := newPoller(t, openStore(t), feeds.PollerOptions{Timing: feeds.Timing{MinBackoff: 100 * time.Millisecond, MaxBackoff: 200 * time.Millisecond}})
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	feeds.NewScheduler(p, func(context.Context, feeds.Result) error { return nil }, quietLog()).Run(ctx, []feeds.Source{{URL: srv.URL}})
	if n := calls.Load(); n < 4 || n > 12 {
		t.Errorf("%d attempts in 1.5 s with a 100–200 ms backoff", n)
	}
}

// A stop that comes before the saved states are read (SIGTERM just after
// a reload started a new scheduler) is a stop, not a failure: the daemon
// must exit 0.
func TestSchedulerStoppedBeforeItStartsIsNoFailure(t *testing.T) {
	p := newPoller(t, openStore(t), feeds.PollerOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := feeds.NewScheduler(p, func(context.Context, feeds.Result) error { return nil }, quietLog())
	if err := s.Run(ctx, []feeds.Source{{URL: "http://127.0.0.1/x"}}); err != nil {
		t.Fatalf("Run with a cancelled context = %v; want nil", err)
	}
}

func TestSchedulerRejectsBadSpec(t *testing.T) {
	p := newPoller(t, openStore(t), feeds.PollerOptions{})
	s := feeds.NewScheduler(p, func(context.Context, feeds.Result) error { return nil }, quietLog())
	err := s.Run(context.Background(), []feeds.Source{{URL: "http://127.0.0.1/x", Schedule: "every day"}})
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1/x") {
		t.Fatalf("err = %v, want one naming the feed", err)
	}
}

// The feed's state (validators, next poll) is saved only once the items
// were handed on and recorded; when recording fails, the next poll reads
// the whole body again instead of hearing 304.
func TestStateIsSavedAfterTheItemsAreRecorded(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(lenta)
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{})
	src := feeds.Source{URL: srv.URL}
	ctx := context.Background()

	res := p.PollThen(ctx, src, func(r feeds.Result) error {
		if s := state(t, st, srv.URL); !s.LastSuccess.IsZero() {
			t.Error("the state was saved before the items were recorded")
		}
		return errors.New("disk full")
	})
	if len(res.Items) == 0 {
		t.Fatal("no items")
	}
	again := p.Poll(ctx, src)
	if again.NotModified || len(again.Items) != len(res.Items) {
		t.Errorf("after a failed recording: not modified %v, %d items; want the body read again", again.NotModified, len(again.Items))
	}
	if third := p.Poll(ctx, src); !third.NotModified {
		t.Error("once recorded, the validators should be kept")
	}
}

// TestPollDatesUndatedItems: an item without a date of its own is dated by
// a poll that follows its feed's previous successful one within
// PollDatedGap (it was published between the two), never by the feed's
// first poll, whose items may be of any age, nor after a longer gap; an
// item with a date keeps its own.
func TestPollDatesUndatedItems(t *testing.T) {
	bodies := map[string][]byte{"/undated.xml": fixture(t, "en_yahoo-video_rss2_nopubdate_media.xml"),
		"/dated.xml": fixture(t, "ru_lenta-ru_rss2.xml")}
	var polls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bodies[r.URL.Path])
		fmt.Fprintf(w, "<!-- poll %d -->", polls.Add(1)) // never the same body: no poll is "not modified"
	}))
	defer srv.Close()
	clk := clocktest.New(time.Date(2022, 12, 3, 18, 0, 0, 0, time.UTC))
	p := newPollerAt(t, openStore(t), feeds.PollerOptions{}, clk.Now)
	undated, dated := feeds.Source{URL: srv.URL + "/undated.xml"}, feeds.Source{URL: srv.URL + "/dated.xml"}
	for _, step := range []struct {
		name  string
		after time.Duration
		want  bool // the undated items dated by the poll
	}{
		{"first poll", 0, false},
		{"fifteen minutes on", 15 * time.Minute, true},
		{"six hours on", feeds.PollDatedGap, true},
		{"back after a longer gap", feeds.PollDatedGap + time.Minute, false},
	} {
		now := clk.Add(step.after)
		res := p.Poll(context.Background(), undated)
		if res.Err != nil || len(res.Items) == 0 {
			t.Fatalf("%s: err %v, %d items", step.name, res.Err, len(res.Items))
		}
		for _, it := range res.Items {
			if !it.DateEstimated || !it.Published.Equal(now) || it.DatedByPoll != step.want {
				t.Errorf("%s: %q estimated %v, published %v, dated by the poll %v; want %v", step.name, it.Title,
					it.DateEstimated, it.Published, it.DatedByPoll, step.want)
			}
		}
		res = p.Poll(context.Background(), dated)
		for _, it := range res.Items {
			if it.DateEstimated || it.DatedByPoll {
				t.Fatalf("%s: the dated feed's %q estimated %v, dated by the poll %v", step.name, it.Title, it.DateEstimated, it.DatedByPoll)
			}
		}
	}
}
