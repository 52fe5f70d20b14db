package alerts_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
)

func TestFirstPollBacklogDoesNotFlood(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    any: [ISKP]\n"))
	if err != nil {
		t.Fatal(err)
	}
	pipe := alerts.NewPipeline(st, m, []alerts.Subscriber{{Destination: "rec:1"}}, quietLog())
	pipe.Backlog = 24 * time.Hour
	now := time.Now()
	item := func(key string, age time.Duration, estimated bool) feeds.Item {
		return feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", Title: "ISKP " + key,
			Published: now.Add(-age), DateEstimated: estimated, FirstSeen: now}
	}
	first := feeds.Result{FirstPoll: true, Items: []feeds.Item{
		item("fresh", time.Hour, false), item("old", 72*time.Hour, false), item("undated", 0, true)}}
	stats, err := pipe.Process(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if stats.New != 3 || stats.Backlog != 2 || stats.Matched != 1 || stats.Queued != 1 {
		t.Errorf("first poll = %+v; want 3 new, 2 backlog, 1 matched and queued", stats)
	}
	// After the first poll, every new item counts, whatever its date.
	later := feeds.Result{Items: []feeds.Item{item("late-report", 72*time.Hour, false), item("old", 72*time.Hour, false)}}
	if stats, _ := pipe.Process(ctx, later); stats.New != 1 || stats.Queued != 1 || stats.Backlog != 0 {
		t.Errorf("later poll = %+v; want the one new item alerted", stats)
	}
	digest, _ := st.MatchesSince(ctx, now.Add(-time.Minute), now.Add(time.Minute), nil)
	if len(digest) != 2 {
		t.Errorf("%d matches recorded for digests; want 2 (backlog items are not)", len(digest))
	}
}
