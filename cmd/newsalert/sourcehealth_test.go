package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

const (
	busyFeed   = "http://127.0.0.1:1/busy.xml"
	weeklyFeed = "http://127.0.0.1:1/weekly.xml"
	brokenFeed = "http://127.0.0.1:1/broken.xml"
)

// addItems stores n items of feed, one every gap, the newest at latest.
func addItems(t *testing.T, st *store.Store, feed string, n int, gap time.Duration, latest time.Time) {
	t.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			at := latest.Add(-time.Duration(i) * gap)
			key := fmt.Sprintf("%s#%d", feed, at.UnixMilli())
			it := feeds.Item{Key: key, FeedURL: feed, FeedName: "f", GUID: key, Title: "t", Link: key, Published: at, FirstSeen: at}
			if err := tx.Insert(store.NewItem{Item: it}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSourcesInTroubleAreToldOnce: a source failing N times and a busy
// feed silent for a day are each told to the admins once, however often
// the daemon looks; a quiet weekly feed is not; each recovery is told
// once; /status lists the sources in trouble with the reason.
func TestSourcesInTroubleAreToldOnce(t *testing.T) {
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	clk := func() time.Time { return now }
	st := storetest.Open(t, clk)
	cfg, err := config.Parse("newsalert.yaml", []byte(fmt.Sprintf("telegram:\n  admins: [5005]\n  language: en\nfeeds:\n"+
		"  - url: %s\n    name: Busy\n  - url: %s\n    name: Weekly\n  - url: %s\n    name: Broken\n", busyFeed, weeklyFeed, brokenFeed)))
	if err != nil {
		t.Fatal(err)
	}
	var live atomic.Pointer[config.Config]
	live.Store(cfg)
	sender := telegram.NewSender(testToken, telegram.Options{Endpoint: api.Endpoint(),
		Limits: telegram.Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{}, clk, slog.New(slog.DiscardHandler))
	notices := newAdminNotices(st, &live, true, func() {}, clk, slog.New(slog.DiscardHandler))
	ctx := context.Background()
	seen := 0
	told := func() []string {
		t.Helper()
		if _, err := disp.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		msgs := api.MessagesTo("5005")
		var out []string
		for _, m := range msgs[seen:] {
			out = append(out, m.Text)
		}
		seen = len(msgs)
		return out
	}
	check := func() {
		t.Helper()
		if err := checkSources(ctx, cfg, st, notices, now); err != nil {
			t.Fatal(err)
		}
	}

	day := 24 * time.Hour
	addItems(t, st, busyFeed, 30*14, day/30, now.Add(-day)) // ~30 a day, none for a day
	addItems(t, st, weeklyFeed, 3, 7*day, now.Add(-6*day))  // weekly, quiet for six days
	ok := func(url string) feeds.State {
		return feeds.State{URL: url, LastAttempt: now, LastSuccess: now, LastStatus: 200}
	}
	broken := feeds.State{URL: brokenFeed, LastAttempt: now, LastStatus: 404, LastError: "HTTP 404 Not Found", ConsecutiveErrors: 5}
	if err := st.SaveFeedStates(ctx, []feeds.State{ok(busyFeed), ok(weeklyFeed), broken}); err != nil {
		t.Fatal(err)
	}

	check()
	check() // the second look tells nothing new
	got := told()
	if len(got) != 2 || !containsOne(got, "Source Broken keeps failing: HTTP 404 Not Found") ||
		!containsOne(got, "Source Busy has published nothing for 24 hours") {
		t.Fatalf("notices: %q, want one for Broken and one for Busy", got)
	}

	status := &statusReport{cfg: live.Load, st: st, started: now, now: clk}
	text, err := status.text(ctx, "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Sources in trouble: 2") || !strings.Contains(text, "Source Busy has published nothing") ||
		strings.Contains(text, "Source Weekly") {
		t.Errorf("/status does not list the sources in trouble:\n%s", text)
	}
	ru, err := status.text(ctx, "ru")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ru, "Источники с проблемами: 2") || !strings.Contains(ru, "Источник Broken раз за разом не отвечает") {
		t.Errorf("Russian /status:\n%s", ru)
	}

	// The digests' footer names them too.
	if names := troubledNames(ctx, cfg, st, now, slog.New(slog.DiscardHandler)); strings.Join(names, ", ") != "Busy, Broken" {
		t.Errorf("names for the digest footer: %q, want Busy, Broken", names)
	}

	// A digest run asks once a minute, whatever its readers.
	calls := 0
	memo := &troubledMemo{now: clk, names: func(time.Time) []string { calls++; return []string{"Busy"} }}
	memo.get()
	memo.get()
	if calls != 1 {
		t.Errorf("names asked %d times within a minute, want 1", calls)
	}

	// Both recover: the broken feed polls fine, the busy one publishes.
	now = now.Add(time.Hour)
	addItems(t, st, busyFeed, 1, time.Minute, now)
	if err := st.SaveFeedStates(ctx, []feeds.State{ok(brokenFeed)}); err != nil {
		t.Fatal(err)
	}
	check()
	check()
	got = told()
	if len(got) != 2 || !containsOne(got, "Source Broken works again") || !containsOne(got, "Source Busy works again") {
		t.Fatalf("recovery notices: %q", got)
	}
}

func containsOne(msgs []string, part string) bool {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m, part) {
			n++
		}
	}
	return n == 1
}
