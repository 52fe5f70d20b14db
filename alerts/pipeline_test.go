package alerts_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

func TestFirstPollBacklogDoesNotFlood(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    any: [ISKP]\n"))
	if err != nil {
		t.Fatal(err)
	}
	pipe := alerts.NewPipeline(ingest.NewRecorder(st, ingest.Options{}), m, alerts.PipelineOptions{Subscribers: []alerts.Subscriber{{Destination: "rec:1"}}, Backlog: 24 * time.Hour}, quietLog())
	now := clock.Wall()
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

// processTwoOutlets records storypairs.BishkekArrest, from 24kg then kaktus, through
// a pipeline that alerts rec:1 (with follow-ups as followUps says) about
// topic iskp, and returns what each Process did and what the pipeline's
// observer was told.
func processTwoOutlets(t *testing.T, st *store.Store, opt ingest.Options, now time.Time, followUps string) (first, second alerts.Stats, obs *countingObserver) {
	t.Helper()
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    any: [ИГИЛ, Исламское государство]\n"))
	if err != nil {
		t.Fatal(err)
	}
	obs = &countingObserver{}
	pipe := alerts.NewPipeline(ingest.NewRecorder(st, opt), m, alerts.PipelineOptions{Subscribers: []alerts.Subscriber{{Destination: "rec:1", FollowUps: followUps}},
		Observer: obs}, quietLog())
	stats := [2]alerts.Stats{}
	for i, feed := range []string{"24kg", "kaktus"} {
		key := string(rune('a' + i))
		title, lead := storypairs.BishkekArrest[i].Title, storypairs.BishkekArrest[i].Lead
		res := feeds.Result{Source: feeds.Source{URL: "http://127.0.0.1/" + feed, Name: feed}, Items: []feeds.Item{{
			Key: key, FeedURL: "http://127.0.0.1/" + feed, FeedName: feed, Title: title, Summary: lead, Text: lead,
			Link: "http://127.0.0.1/" + feed + "/" + key, Published: now, FirstSeen: now}}}
		if stats[i], err = pipe.Process(context.Background(), res); err != nil {
			t.Fatal(err)
		}
	}
	return stats[0], stats[1], obs
}

func TestSameStoryFromTwoOutletsAlertsOnce(t *testing.T) {
	st := openStore(t)
	now := clock.Wall()
	first, second, obs := processTwoOutlets(t, st, ingest.Options{}, now, "")
	if first.Queued != 1 || second.New != 1 || second.Joined != 1 || second.Matched != 1 || second.Queued != 0 {
		t.Errorf("first %+v, second %+v; want one alert for the story", first, second)
	}
	if obs.matched != 2 || obs.byWords != 1 || obs.byMeaning != 0 {
		t.Errorf("observer told of %d matches, %d joins by words, %d by meaning; want 2, 1, 0", obs.matched, obs.byWords, obs.byMeaning)
	}
	matches, _ := st.MatchesSince(context.Background(), now.Add(-time.Minute), now.Add(time.Minute), nil)
	if len(matches) != 2 || matches[0].StoryID != matches[1].StoryID {
		t.Errorf("matches = %+v; both reports belong to one story, for the digest", matches)
	}
}

// countingObserver counts what a pipeline tells its observer.
type countingObserver struct{ matched, byWords, byMeaning, followUps int }

func (o *countingObserver) FollowedUp(n int) { o.followUps += n }

func (o *countingObserver) Matched(string) { o.matched++ }

func (o *countingObserver) Joined(byMeaning bool) {
	if byMeaning {
		o.byMeaning++
	} else {
		o.byWords++
	}
}

// TestNearReportIsAFollowUp: a report of the story in other words that
// joins no story (the threshold is set too high to join these two) is
// queued, with follow-ups on, as a follow-up of the first alert, and
// delivered naming it — loud for a subscriber that wants follow-ups in a
// thread, and as an alert like any for one that turned them off.
func TestNearReportIsAFollowUp(t *testing.T) {
	for _, mode := range []string{"", ingest.FollowUpsQuiet, ingest.FollowUpsThread, ingest.FollowUpsOff} {
		st := openStore(t)
		_, second, obs := processTwoOutlets(t, st, ingest.Options{Threshold: 0.99, FollowUps: true}, clock.Wall(), mode)
		followUps := map[bool]int{true: 1}[mode != ingest.FollowUpsOff]
		if second.Joined != 0 || second.Queued != 1 || second.FollowUps != followUps || obs.followUps != followUps {
			t.Fatalf("%q: second report: %+v (observer: %d follow-ups); want an alert of its own, %d follow-ups", mode, second, obs.followUps, followUps)
		}
		rec := &recorder{}
		if _, err := alerts.NewDispatcher(st, map[string]alerts.Sender{"rec": rec}, alerts.DispatcherOptions{}, clock.Wall, quietLog()).Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := rec.take()
		if len(got) != 2 || got[0].alert.FollowUp != nil {
			t.Fatalf("%q: delivered %+v; want two alerts, the first no follow-up", mode, got)
		}
		f := got[1].alert.FollowUp
		switch {
		case mode == ingest.FollowUpsOff:
			if f != nil {
				t.Errorf("off: the second alert follows up %+v; want an alert like any", f)
			}
		case f == nil || f.Title != storypairs.BishkekArrest[0].Title || f.Link != "http://127.0.0.1/24kg/a" || f.Loud != (mode == ingest.FollowUpsThread):
			t.Errorf("%q: the second alert's follow-up %+v; want the first, loud only in a thread", mode, f)
		}
	}
}
