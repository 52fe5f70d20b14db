package alerts_test

import (
	"context"
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

// owedAtStart is a store and a digest scheduler started after the daemon
// was down past a reader's digest time; add records a matching item as a
// poll would; digests are the digests queued, as lists of titles.
type owedAtStart struct {
	st    *store.Store
	sched *alerts.DigestScheduler
	add   func(key string)

	mu      sync.Mutex
	digests []string
}

func newOwedAtStart(t *testing.T) *owedAtStart {
	ctx := context.Background()
	created := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	clk := clocktest.New(created.Add(25 * time.Hour)) // the digest of 09:00 is owed
	o := &owedAtStart{st: storetest.Open(t, clk.Now)}
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o.st.AddSubscriber(ctx, "mail:1", "Reader", created)
	o.add = func(key string) {
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "Story " + key,
			Link: "https://24.kg/" + key, FirstSeen: clk.Now().Add(-time.Minute)}
		if _, err := ingest.NewRecorder(o.st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Error(err)
		}
	}
	render := func(d alerts.Digest) []alerts.Text {
		var titles []string
		for _, tp := range d.Topics {
			for _, e := range tp.Entries {
				titles = append(titles, e.Title)
			}
		}
		o.mu.Lock()
		o.digests = append(o.digests, strings.Join(titles, ","))
		o.mu.Unlock()
		return []alerts.Text{{Plain: strings.Join(titles, ",")}}
	}
	o.sched = alerts.NewDigestScheduler(o.st, alerts.NewAudience(o.st, []alerts.Configured{{Destination: "mail:1",
		Topics: []string{"iskp"}, DigestOnly: true, Schedule: "CRON_TZ=UTC 0 9 * * *"}}, clk.Now),
		map[string]alerts.DigestRenderer{"mail": render}, m.Topics, clk.Now, quietLog())
	o.add("before")
	return o
}

// run runs the scheduler until the test ends; the channel it returns
// receives when a digest was queued.
func (o *owedAtStart) run(t *testing.T) <-chan struct{} {
	ctx, stop := context.WithCancel(context.Background())
	queued := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		o.sched.Run(ctx, func() {
			select {
			case queued <- struct{}{}:
			default:
			}
		})
	})
	t.Cleanup(func() { stop(); wg.Wait() })
	return queued
}

// The digest owed at start waits for the first poll after the downtime,
// so that it holds what was published meanwhile (not the next one, a day
// later).
func TestOwedDigestWaitsForTheFirstPoll(t *testing.T) {
	o := newOwedAtStart(t)
	firstPoll := make(chan struct{})
	o.sched.AfterFirstPoll(firstPoll, time.Minute)
	queued := o.run(t)
	time.Sleep(100 * time.Millisecond)
	o.add("meanwhile") // the first poll finds it
	close(firstPoll)
	select {
	case <-queued:
	case <-time.After(5 * time.Second):
		t.Fatal("no digest queued after the first poll")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.digests) != 1 || o.digests[0] != "Story before,Story meanwhile" {
		t.Errorf("digests %q; want one, with the story the first poll found", o.digests)
	}
}

// A first poll that does not end (a feed that hangs) holds the owed
// digest a while only.
func TestOwedDigestWaitsForTheFirstPollAWhileOnly(t *testing.T) {
	o := newOwedAtStart(t)
	o.sched.AfterFirstPoll(make(chan struct{}), 300*time.Millisecond)
	started := time.Now()
	queued := o.run(t)
	select {
	case <-queued:
	case <-time.After(5 * time.Second):
		t.Fatal("no digest queued")
	}
	if waited := time.Since(started); waited < 300*time.Millisecond {
		t.Errorf("queued after %v; want after the 300ms wait", waited)
	}
	select {
	case <-o.sched.FirstPassDone():
	default:
		t.Error("first pass not done after the digest was queued")
	}
}
