package alerts_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// mailbox receives digests; during is run while a send is under way.
type mailbox struct {
	mu       sync.Mutex
	received []string
	refuse   bool
	during   func()
}

func (b *mailbox) Send(_ context.Context, _ string, m alerts.Message) error {
	b.mu.Lock()
	refuse, during := b.refuse, b.during
	b.during = nil
	b.mu.Unlock()
	if refuse {
		return errors.New("451 try again later")
	}
	if during != nil {
		during()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.received = append(b.received, m.Text.Plain)
	return nil
}

// The next digest comes due while the dispatcher is sending the one that
// waited (it had read it as due): the new one must not supersede a digest
// on its way, nor repeat what it held. Whatever the order, each story
// arrives in one digest.
func TestADigestOnItsWayIsNotSupersededNorRepeated(t *testing.T) {
	ctx := context.Background()
	created := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	clk := clocktest.New(created.Add(time.Hour + 30*time.Second))
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	add := func(key string, at time.Time) {
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "Story " + key,
			Link: "https://24.kg/" + key, FirstSeen: at}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Fatal(err)
		}
	}
	st.AddSubscriber(ctx, "mail:1", "Reader", created)
	add("a", created.Add(10*time.Minute))
	render := func(d alerts.Digest) []alerts.Text {
		var titles []string
		for _, tp := range d.Topics {
			for _, e := range tp.Entries {
				titles = append(titles, e.Title)
			}
		}
		return []alerts.Text{{Plain: strings.Join(titles, ",")}}
	}
	sched := alerts.NewDigestScheduler(st, alerts.NewAudience(st, []alerts.Configured{{Destination: "mail:1",
		Topics: []string{"iskp"}, DigestOnly: true, Schedule: "CRON_TZ=UTC 0 9 * * *"}}, clk.Now),
		map[string]alerts.DigestRenderer{"mail": render}, m.Topics, clk.Now, quietLog())
	box := &mailbox{refuse: true}
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"mail": box}, alerts.DispatcherOptions{}, clk.Now, quietLog())

	if n, err := sched.QueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("queued %d, %v", n, err)
	}
	disp.Flush(ctx) // refused: waits for a retry
	clk.Add(24*time.Hour + 5*time.Minute)
	add("b", created.Add(5*time.Hour))
	box.mu.Lock()
	box.refuse = false
	box.during = func() { sched.QueueDue(ctx) } // the scheduler's tick, mid-send
	box.mu.Unlock()
	for range 3 {
		disp.Flush(ctx)
		if _, err := sched.QueueDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	disp.Flush(ctx)

	got := strings.Join(box.received, ",")
	if strings.Count(got, "Story a") != 1 || strings.Count(got, "Story b") != 1 {
		t.Errorf("digests received: %q; want each story in one digest", box.received)
	}
	if sub, _ := st.Subscriber(ctx, "mail:1"); !sub.DigestSentUntil.Equal(clk.Now()) {
		t.Errorf("digests delivered up to %v; want %v", sub.DigestSentUntil, clk.Now())
	}
}
