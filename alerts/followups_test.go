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
	"github.com/newsalert/newsalert/stories"
)

// TestFollowUpsPerChat: a chat gets follow-ups as it chose with
// /followups, or as the deployment's default says; a deployment with
// follow-ups off turns them off for every chat, whatever it chose.
func TestFollowUpsPerChat(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ deflt, chose, want string }{
		{"quiet", "", ingest.FollowUpsQuiet},
		{"thread", "", ingest.FollowUpsThread},
		{"quiet", "thread", ingest.FollowUpsThread},
		{"thread", "off", ingest.FollowUpsOff},
		{"off", "quiet", ingest.FollowUpsOff},
		{"", "", ingest.FollowUpsQuiet},
	} {
		st := openStore(t)
		st.EnsureSubscriber(ctx, "tg:1", "analysts", "group", clock.Wall())
		st.Subscribe(ctx, "tg:1", []string{"iskp"}, clock.Wall())
		if err := st.SaveSettings(ctx, "tg:1", store.Settings{Mode: store.ModeImmediate, FollowUps: tt.chose}); err != nil {
			t.Fatal(err)
		}
		a := alerts.NewAudience(st, nil, clock.Wall)
		a.SetDefaults(alerts.Defaults{FollowUps: tt.deflt})
		subs, err := a.Immediate(ctx)
		if err != nil || len(subs) != 1 || subs[0].FollowUps != tt.want {
			t.Errorf("default %q, chose %q: subscribers %+v, %v; want follow-ups %q", tt.deflt, tt.chose, subs, err, tt.want)
		}
	}
}

// TestDigestWithoutFollowUps: in the digest of a chat that turned
// follow-ups off, a report near a story, or joined to it unsure, is a
// story of its own, not folded under that story as related.
func TestDigestWithoutFollowUps(t *testing.T) {
	ctx := context.Background()
	now := clock.Wall()
	st := openStore(t)
	rec := ingest.NewRecorder(st, ingest.Options{Threshold: 0.99, FollowUps: true})
	for i, r := range storypairs.BishkekArrest {
		key := string(rune('a' + i))
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f" + key, FeedName: "outlet " + key, Title: r.Title, Summary: r.Lead,
			Link: "http://127.0.0.1/" + key, Published: now, FirstSeen: now}
		if _, err := rec.Add(ctx, ingest.NewItem{Item: it, Fingerprint: stories.Of(r.Title, r.Lead), Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    any: [ИГИЛ]\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := alerts.NewAudience(st, nil, clock.Wall)
	sched := alerts.NewDigestScheduler(st, a, nil, m.Topics, clock.Wall, quietLog())
	for _, mode := range []string{ingest.FollowUpsQuiet, ingest.FollowUpsOff} {
		st.EnsureSubscriber(ctx, "tg:1", "analysts", "group", now.Add(-time.Hour))
		st.Subscribe(ctx, "tg:1", []string{"iskp"}, now.Add(-time.Hour))
		st.SaveSettings(ctx, "tg:1", store.Settings{Mode: store.ModeDigest, FollowUps: mode})
		r, _, err := a.Reader(ctx, "tg:1")
		if err != nil {
			t.Fatal(err)
		}
		d, err := sched.Digest(ctx, r, now.Add(-time.Hour), now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		entries := d.Topics[0].Entries
		folded := len(entries) == 1 && len(entries[0].Related) == 1
		if folded != (mode == ingest.FollowUpsQuiet) || !folded && len(entries) != 2 {
			t.Errorf("follow-ups %s: digest entries %+v; want the second report related to the first only with follow-ups", mode, entries)
		}
	}
}
