package feeds_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/feeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
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
	p := feeds.NewPoller(feeds.NewFetcher("newsalert-test", 5*time.Second, 0), st, 2, quietLog())
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
	wantErr := map[int]string{0: "HTTP 500", 2: "not an RSS, Atom or JSON feed", 4: "parse", 5: "fetch"}
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
		if r.Err != nil || len(r.Items) == 0 {
			t.Errorf("%s: err = %v, items = %d; want items", srcs[i].URL, r.Err, len(r.Items))
		}
	}
	if res[1].Items[0].FeedName != "Lenta" {
		t.Errorf("feed name = %q", res[1].Items[0].FeedName)
	}

	// Failures are recorded and counted across polls.
	p.PollAll(ctx, srcs[:1])
	state, err := st.FeedState(ctx, srcs[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	if state.ConsecutiveErrors != 2 || state.TotalErrors != 2 || state.LastStatus != 500 || !strings.Contains(state.LastError, "HTTP 500") {
		t.Errorf("state after two failures = %+v", state)
	}
	good, _ := st.FeedState(ctx, srcs[1].URL)
	if good.ConsecutiveErrors != 0 || good.LastSuccess.IsZero() || good.ItemsLastPoll != 200 {
		t.Errorf("state of the good feed = %+v", good)
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
	p := feeds.NewPoller(feeds.NewFetcher("newsalert/test", 5*time.Second, 0), st, 1, quietLog())
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
}

func TestFetchRefusesOversizedBody(t *testing.T) {
	srv := feedServer(t)
	p := feeds.NewPoller(feeds.NewFetcher("t", 5*time.Second, 1000), openStore(t), 1, quietLog())
	res := p.Poll(context.Background(), feeds.Source{URL: srv.URL + "/lenta.xml"})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "exceeds the size limit of 1000 bytes") {
		t.Fatalf("err = %v, want a size-limit error", res.Err)
	}
}

func TestSchedulerPollsAtStartAndStops(t *testing.T) {
	srv := feedServer(t)
	p := feeds.NewPoller(feeds.NewFetcher("t", 5*time.Second, 0), openStore(t), 2, quietLog())
	var mu sync.Mutex
	got := map[string]int{}
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	handle := func(_ context.Context, r feeds.Result) {
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
	}
	s := feeds.NewScheduler(p, time.Hour, handle, quietLog())
	srcs := []feeds.Source{{URL: srv.URL + "/lenta.xml"}, {URL: srv.URL + "/feed.json", Schedule: "0 3 * * *"}}
	if s.Spec(srcs[0]) != "@every 1h0m0s" || s.Spec(srcs[1]) != "0 3 * * *" {
		t.Errorf("specs = %q, %q", s.Spec(srcs[0]), s.Spec(srcs[1]))
	}
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
}

func TestSchedulerRejectsBadSpec(t *testing.T) {
	p := feeds.NewPoller(feeds.NewFetcher("t", time.Second, 0), openStore(t), 1, quietLog())
	s := feeds.NewScheduler(p, time.Hour, func(context.Context, feeds.Result) {}, quietLog())
	err := s.Run(context.Background(), []feeds.Source{{URL: "http://127.0.0.1/x", Schedule: "every day"}})
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1/x") {
		t.Fatalf("err = %v, want one naming the feed", err)
	}
}
