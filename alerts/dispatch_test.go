package alerts_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
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
		return &alerts.SendError{Reason: alerts.Rejected, Err: errors.New("Forbidden: bot was blocked by the user")}
	case "slow-down":
		return &alerts.SendError{Reason: alerts.RateLimited, After: 7 * time.Second, Err: errors.New("Too Many Requests")}
	}
	return nil
}

func queue(t *testing.T, dests ...string) *store.Store {
	t.Helper()
	st := openStore(t)
	var ds []ingest.Delivery
	for _, d := range dests {
		payload := []byte(`{"item_key":"k","title":"T","topics":[{"id":"x","name":"X"}]}`)
		if d == "s:garbled" {
			payload = []byte("{not json")
		}
		ds = append(ds, ingest.Delivery{Destination: d, Payload: payload})
	}
	it := feeds.Item{Key: "k", FeedURL: "http://127.0.0.1/", Title: "T", FirstSeen: clock.Wall().Add(-time.Minute)}
	if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(context.Background(), ingest.NewItem{Item: it, Deliveries: ds}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDispatcherOutcomes(t *testing.T) {
	ctx := context.Background()
	st := queue(t, "s:ok", "s:flaky", "s:blocked", "s:slow-down", "s:garbled", "nosuch:1")
	s := &scripted{calls: map[string]int{}}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"s": s}, alerts.DispatcherOptions{}, clock.Wall, quietLog())
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
	due, _ := st.DueDeliveries(ctx, clock.Wall().Add(8*time.Second), 0, 10)
	if len(due) != 1 || due[0].Destination != "s:slow-down" {
		t.Errorf("due after 8s = %+v; want only slow-down", due)
	}
	due, _ = st.DueDeliveries(ctx, clock.Wall().Add(alerts.Backoff(1)+time.Second), 0, 10)
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
	for _, want := range []string{"Evil[2J title\nF\n", "\nhttp://127.0.0.1/x", "🏷 ISKP: ISIS-K\n", "📍 Afghanistan\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// refusing refuses every send with a ChannelError until told otherwise.
type refusing struct {
	mu      sync.Mutex
	refuse  bool
	tries   int
	touched map[string]int
}

func (s *refusing) Send(_ context.Context, address string, _ alerts.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries++
	s.touched[address]++
	if s.refuse {
		return &alerts.ChannelError{Reason: "auth_failed", Err: errors.New("535 credentials invalid")}
	}
	return nil
}

func (s *refusing) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries
}

// A channel that refused is held, without holding up other channels;
// after the hold one try goes first, and once one is accepted the hold is
// lifted for the rest.
func TestChannelErrorHoldsTheChannel(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	for _, dest := range []string{"m:1", "m:2", "m:3", "s:ok"} {
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Destination: dest, Key: "k", Payload: []byte(`{"text":{"plain":"p"}}`)}); err != nil {
			t.Fatal(err)
		}
	}
	m := &refusing{refuse: true, touched: map[string]int{}}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"m": m, "s": &scripted{calls: map[string]int{}}}, alerts.DispatcherOptions{}, clk.Now, quietLog())
	got, err := d.Flush(ctx)
	if err != nil || got.Sent != 1 || got.Retrying == 0 || got.Failed != 0 {
		t.Fatalf("first flush = %+v, %v; want the other channel's entry sent, the refused ones kept", got, err)
	}
	first := m.count()
	clk.Add(alerts.ChannelHold - time.Second)
	d.Flush(ctx)
	if m.count() != first {
		t.Errorf("%d tries within the hold; want none", m.count()-first)
	}
	clk.Add(time.Second)
	d.Flush(ctx)
	if m.count() != first+1 {
		t.Errorf("%d tries in the flush after the hold, still refused; want one", m.count()-first)
	}
	clk.Add(alerts.ChannelHold)
	m.mu.Lock()
	m.refuse = false
	m.mu.Unlock()
	d.Flush(ctx)
	d.Flush(ctx)
	if ob, _ := st.OutboxStats(ctx); ob.Pending != 0 || ob.Sent != 4 {
		t.Errorf("outbox %+v once accepted again; want all sent", ob)
	}
	for dest, n := range m.touched {
		if n > 3 {
			t.Errorf("%s tried %d times", dest, n)
		}
	}
}

// TestSendReasonsAreMetricLabels: each attempt not accepted is counted
// with why, as newsalert_sends_total's reason label.
func TestSendReasonsAreMetricLabels(t *testing.T) {
	st := queue(t, "s:ok", "s:flaky", "s:blocked", "s:slow-down")
	obs := alertstest.NewAttempts()
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"s": &scripted{calls: map[string]int{}}}, alerts.DispatcherOptions{Observer: obs}, clock.Wall, quietLog())
	if _, err := d.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]int{{"sent", ""}: 1, {"retry", "transient"}: 1, {"failed", "rejected"}: 1, {"retry", "rate_limited"}: 1}
	for k, n := range want {
		if obs.Count("s", k[0], k[1]) != n {
			t.Errorf("observed %v, want %d %v", obs, n, k)
		}
	}
	if obs.Total() != 4 {
		t.Errorf("observed %v, want 4 attempts", obs)
	}
}
