package alerts_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// recorder is a sender that remembers what it was given.
type recorder struct {
	mu   sync.Mutex
	sent []sent
}

type sent struct {
	address string
	alert   alerts.Alert
}

func (r *recorder) Send(_ context.Context, address string, m alerts.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, sent{address, m.Alert})
	return nil
}

func (r *recorder) take() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.sent
	r.sent = nil
	return out
}

func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// openStore opens a fresh SQLite store on disk, on the wall clock, closed
// when the test ends.
func openStore(tb testing.TB) *store.Store { return storetest.Open(tb, clock.Wall) }

// mutableFeed serves a feed whose body the test can change.
type mutableFeed struct {
	mu   sync.Mutex
	body []byte
}

func (f *mutableFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write(f.body)
}

func (f *mutableFeed) set(b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body = b
}

const e2eRules = `
topics:
  - id: arrests
    any: [задерж*, арестова*]
  - id: london
    any: [Лондон*]
  - id: sanctions
    any: [санкци*]
    delivery: digest
`

// cycle runs one poll of the feeds through the pipeline and the outbox.
type cycle struct {
	t     *testing.T
	path  string
	srcs  []feeds.Source
	rules *rules.Matcher
	subs  []alerts.Subscriber // analysts (arrests only) and everything, unless set
	rec   *recorder
	// after, when set, runs on the store at the end of the cycle.
	after func(*store.Store)
	// parallel polls and records the feeds at once, as the daemon's
	// scheduler may.
	parallel bool
}

// run returns what the last feed's Process did and what was delivered.
func (c *cycle) run() (alerts.Stats, []sent) {
	c.t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, c.path, clock.Wall) // a fresh open each cycle: a restart
	if err != nil {
		c.t.Fatal(err)
	}
	defer st.Close()
	fetcher := feeds.NewFetcher("newsalert-test", 5*time.Second, 0, 4, clock.Wall)
	poller := feeds.NewPoller(fetcher, st, feeds.PollerOptions{Workers: 4}, clock.Wall, quietLog())
	subs := c.subs
	if subs == nil {
		subs = []alerts.Subscriber{
			{Destination: "rec:analysts", Topics: []string{"arrests"}},
			{Destination: "rec:everything"},
		}
	}
	pipe := alerts.NewPipeline(ingest.NewRecorder(st, ingest.Options{}), c.rules, alerts.PipelineOptions{Subscribers: subs}, quietLog())
	var wg sync.WaitGroup
	stats := make([]alerts.Stats, len(c.srcs))
	errs := make([]error, len(c.srcs))
	for i, src := range c.srcs {
		one := func() {
			res := poller.Poll(ctx, src)
			if res.Err != nil {
				errs[i] = fmt.Errorf("poll %s: %w", src.Name, res.Err)
				return
			}
			stats[i], errs[i] = pipe.Process(ctx, res)
		}
		if !c.parallel {
			one()
			continue
		}
		wg.Go(one)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		c.t.Fatal(err)
	}
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"rec": c.rec}, alerts.DispatcherOptions{}, clock.Wall, quietLog())
	if _, err := disp.Flush(ctx); err != nil {
		c.t.Fatal(err)
	}
	if c.after != nil {
		c.after(st)
	}
	return stats[len(stats)-1], c.rec.take()
}

func TestEndToEndPollMatchRememberDeliver(t *testing.T) {
	lenta, err := os.ReadFile("../testdata/feeds/ru_lenta-ru_rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	feed := &mutableFeed{body: lenta}
	srv := httptest.NewServer(feed)
	defer srv.Close()
	m, err := rules.Parse("e2e.yaml", []byte(e2eRules))
	if err != nil {
		t.Fatal(err)
	}
	c := &cycle{t: t, path: filepath.Join(t.TempDir(), "newsalert.db"),
		srcs: []feeds.Source{{URL: srv.URL + "/lenta.xml", Name: "Lenta.ru"}}, rules: m, rec: &recorder{}}

	// First cycle: every matching item of the real feed reaches the recorder.
	stats, got := c.run()
	if stats.Items != 200 || stats.New != 198 {
		t.Fatalf("first cycle stats = %+v; want 200 items, 198 new (two are listed twice)", stats)
	}
	byAddr := map[string][]string{}
	for _, s := range got {
		var ids []string
		for _, tp := range s.alert.Topics {
			ids = append(ids, tp.ID)
			if len(tp.Why) == 0 {
				t.Errorf("alert %q for %s has no why", s.alert.Title, tp.ID)
			}
		}
		byAddr[s.address] = append(byAddr[s.address], strings.Join(ids, "+")+": "+s.alert.Title)
	}
	for addr := range byAddr {
		sort.Strings(byAddr[addr])
	}
	// The subscriber to "arrests" gets only that topic.
	for _, line := range byAddr["analysts"] {
		if !strings.HasPrefix(line, "arrests: ") {
			t.Errorf("analysts got %q, which is not an arrests alert", line)
		}
	}
	if len(byAddr["analysts"]) == 0 {
		t.Error("no arrests alert reached the analysts")
	}
	// One alert per item and subscriber, listing every topic it wants; the
	// digest-only topic is never sent at once.
	wantEverything := "arrests+london: Стало известно о задержании бизнесмена Михаила Фридмана в Лондоне"
	found := false
	for _, line := range byAddr["everything"] {
		if strings.Contains(line, "sanctions") {
			t.Errorf("digest-only topic sent at once: %q", line)
		}
		found = found || line == wantEverything
	}
	if !found {
		t.Errorf("everything did not get %q; got %v", wantEverything, byAddr["everything"])
	}
	if !contains(byAddr["analysts"], "arrests: Полиция задержала подозреваемого в убийстве участника трио Migos") {
		t.Errorf("analysts did not get the Migos arrest; got %v", byAddr["analysts"])
	}
	if stats.Queued != len(got) {
		t.Errorf("queued %d, delivered %d", stats.Queued, len(got))
	}

	// Second cycle after a restart (the store is reopened): nothing new.
	stats, got = c.run()
	if stats.New != 0 || len(got) != 0 {
		t.Fatalf("after restart: %d new items, %d alerts; want none", stats.New, len(got))
	}

	// The feed gains one matching item: exactly one new alert per subscriber that wants it.
	newItem := `<item><title>В Москве задержаны готовившие теракт сторонники ИГИЛ</title>
<link>https://lenta.ru/news/2026/11/27/new/</link><guid>https://lenta.ru/news/2026/11/27/new/</guid>
<description>&lt;p&gt;ФСБ сообщила о задержании.&lt;/p&gt;</description>
<pubDate>Fri, 27 Nov 2026 07:00:00 +0300</pubDate></item>`
	feed.set(bytes.Replace(lenta, []byte("<item>"), []byte(newItem+"<item>"), 1))
	stats, got = c.run()
	if stats.New != 1 || len(got) != 2 {
		t.Fatalf("after one new item: %d new, %d alerts %+v; want 1 new and 2 alerts (analysts, everything)", stats.New, len(got), got)
	}
	for _, s := range got {
		if s.alert.Title != "В Москве задержаны готовившие теракт сторонники ИГИЛ" || s.alert.Feed != "Lenta.ru" ||
			s.alert.Link != "https://lenta.ru/news/2026/11/27/new/" || s.alert.Summary != "ФСБ сообщила о задержании." {
			t.Errorf("alert = %+v", s.alert)
		}
		if s.alert.Topics[0].ID != "arrests" || !strings.Contains(strings.Join(s.alert.Topics[0].Why, " "), "задержаны") {
			t.Errorf("topics = %+v", s.alert.Topics)
		}
	}

	// And once more: still exactly once.
	if stats, got = c.run(); stats.New != 0 || len(got) != 0 {
		t.Fatalf("repeat poll: %d new, %d alerts", stats.New, len(got))
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
