package alerts_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
)

// scripted fails each address in its own way.
type scripted struct {
	mu    sync.Mutex // the dispatcher sends to destinations side by side
	calls map[string]int
}

func (s *scripted) Send(_ context.Context, address string, _ alerts.Message) error {
	s.mu.Lock()
	s.calls[address]++
	n := s.calls[address]
	s.mu.Unlock()
	switch address {
	case "flaky":
		if n == 1 {
			return errors.New("HTTP 502")
		}
		return nil
	case "blocked":
		return &alerts.PermanentError{Err: errors.New("Forbidden: bot was blocked by the user")}
	case "slow-down":
		return &alerts.RetryAfterError{After: 7 * time.Second, Err: errors.New("Too Many Requests")}
	}
	return nil
}

func queue(t *testing.T, dests ...string) *store.Store {
	t.Helper()
	st := openStore(t)
	var ds []store.Delivery
	for _, d := range dests {
		payload := []byte(`{"item_key":"k","title":"T","topics":[{"id":"x","name":"X"}]}`)
		if d == "s:garbled" {
			payload = []byte("{not json")
		}
		ds = append(ds, store.Delivery{Destination: d, Payload: payload})
	}
	it := feeds.Item{Key: "k", FeedURL: "http://127.0.0.1/", Title: "T", FirstSeen: clock.Wall().Add(-time.Minute)}
	if _, err := st.Add(context.Background(), store.NewItem{Item: it, Deliveries: ds}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDispatcherOutcomes(t *testing.T) {
	ctx := context.Background()
	st := queue(t, "s:ok", "s:flaky", "s:blocked", "s:slow-down", "s:garbled", "nosuch:1")
	s := &scripted{calls: map[string]int{}}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"s": s}, clock.Wall, quietLog())
	got, err := d.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// ok sent; flaky, slow-down and nosuch kept for retry; blocked and garbled failed.
	if got != (alerts.FlushStats{Sent: 1, Retrying: 3, Failed: 2}) {
		t.Errorf("first flush = %+v", got)
	}
	stats, _ := st.OutboxStats(ctx)
	if stats.Sent != 1 || stats.Failed != 2 || stats.Pending != 3 {
		t.Errorf("outbox = %+v", stats)
	}
	// Nothing is due again at once: each retry waits.
	if again, _ := d.Flush(ctx); again != (alerts.FlushStats{}) {
		t.Errorf("immediate second flush = %+v; want nothing due", again)
	}
	// The retry-after entry waits the time the receiver asked for, the
	// network error the first backoff step.
	due, _ := st.DueDeliveries(ctx, clock.Wall().Add(8*time.Second), 10)
	if len(due) != 1 || due[0].Destination != "s:slow-down" {
		t.Errorf("due after 8s = %+v; want only slow-down", due)
	}
	due, _ = st.DueDeliveries(ctx, clock.Wall().Add(alerts.Backoff(1)+time.Second), 10)
	if len(due) != 2 {
		t.Errorf("due after the first backoff = %d entries; want flaky and slow-down", len(due))
	}
	if s.calls["blocked"] != 1 {
		t.Errorf("blocked chat tried %d times; want 1", s.calls["blocked"])
	}
}

func TestBackoffGrowsToACap(t *testing.T) {
	if alerts.Backoff(1) != 15*time.Second || alerts.Backoff(2) != 30*time.Second || alerts.Backoff(30) != time.Hour {
		t.Errorf("backoff = %v, %v, %v", alerts.Backoff(1), alerts.Backoff(2), alerts.Backoff(30))
	}
}

func TestAlertTextStripsControlCharacters(t *testing.T) {
	a := alerts.Alert{Title: "Evil\x1b[2J title\u202e", Feed: "F\x07", Link: "http://127.0.0.1/x",
		Topics: []alerts.TopicHit{{ID: "iskp", Name: "ISKP", Why: []string{`"ISIS-K"`}, Regions: []string{"afghanistan"}}}}
	text := a.Text()
	if strings.ContainsAny(text, "\x1b\x07\u202e") {
		t.Errorf("control characters survived: %q", text)
	}
	for _, want := range []string{"[ISKP] Evil[2J title", "source: F", "link: http://127.0.0.1/x", `matched iskp: "ISIS-K" · regions: afghanistan`} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
