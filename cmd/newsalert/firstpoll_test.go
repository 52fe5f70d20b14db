package main

import (
	"context"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store/storetest"
)

// The first poll is done once every feed due at start was polled: not
// those due later, nor the disabled ones.
func TestFirstPollWaitsForTheFeedsDueAtStart(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	if err := st.SaveFeedStates(ctx, []feeds.State{
		{URL: "http://127.0.0.1/overdue", NextPoll: clk.Now().Add(-time.Hour)},
		{URL: "http://127.0.0.1/later", NextPoll: clk.Now().Add(time.Hour)},
		{URL: "http://127.0.0.1/gone", Disabled: "410 Gone"},
	}); err != nil {
		t.Fatal(err)
	}
	var srcs []feeds.Source
	for _, u := range []string{"overdue", "later", "gone", "new"} {
		srcs = append(srcs, feeds.Source{URL: "http://127.0.0.1/" + u})
	}
	isDone := func(p *firstPoll) bool {
		select {
		case <-p.done:
			return true
		default:
			return false
		}
	}
	p := newFirstPoll(ctx, st, srcs, clk.Now())
	for _, u := range []string{"later", "gone", "overdue", "overdue"} {
		p.polled("http://127.0.0.1/" + u)
		if isDone(p) {
			t.Fatalf("done after %s; the new feed was not polled yet", u)
		}
	}
	p.polled("http://127.0.0.1/new")
	if !isDone(p) {
		t.Error("not done once every feed due at start was polled")
	}
	p.polled("http://127.0.0.1/new") // again: no second close

	if none := newFirstPoll(ctx, st, srcs[1:3], clk.Now()); !isDone(none) {
		t.Error("not done at once with no feed due")
	}
}
