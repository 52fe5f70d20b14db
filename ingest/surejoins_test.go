package ingest

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
)

// TestUnsureJoins: a report that joins a story by a score short of sure is
// sent, as a follow-up of the alert about the story, to a destination
// already alerted about it for the topic — not withheld; a sure join is
// withheld, as is any join with follow-ups off. The two reports of the
// Bishkek arrest join; the score from which a join is sure is moved above
// and below their score.
func TestUnsureJoins(t *testing.T) {
	ctx := context.Background()
	first := "follow-up of " + gknb[0] + " https://24kg.example/a " + t0.Format(time.RFC3339)
	tests := []struct {
		name      string
		followUps bool
		sureFrom  float64
		earlier   Delivery // with the first report
		failFirst bool     // the earlier alert was refused
		later     Delivery // with the second
		want      string   // the second report's delivery; "" for none
	}{
		{"unsure join", true, 0.99, followUpTo("tg:1", "iskp"), false, followUpTo("tg:1", "iskp"), first},
		{"sure join", true, 0.13, followUpTo("tg:1", "iskp"), false, followUpTo("tg:1", "iskp"), ""},
		{"no sure joins set (the default): every join sure", true, 0, followUpTo("tg:1", "iskp"), false, followUpTo("tg:1", "iskp"), ""},
		{"unsure join, follow-ups off", false, 0.99, followUpTo("tg:1", "iskp"), false, followUpTo("tg:1", "iskp"), ""},
		{"unsure join, another topic", true, 0.99, followUpTo("tg:1", "attacks"), false, followUpTo("tg:1", "iskp"), "alert"},
		{"unsure join, another destination", true, 0.99, followUpTo("tg:2", "iskp"), false, followUpTo("tg:1", "iskp"), "alert"},
		{"unsure join, the earlier alert failed", true, 0.99, followUpTo("tg:1", "iskp"), true, followUpTo("tg:1", "iskp"), ""},
		{"unsure join, the chat turned follow-ups off", true, 0.99, followUpTo("tg:1", "iskp"), false, noFollowUpsTo("tg:1", "iskp"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
			defer s.Close()
			s.setFollowUps(tt.followUps)
			s.setSureJoins(tt.sureFrom)
			_, rb, err := addBishkekArrest(t, s, []Delivery{tt.earlier}, tt.failFirst, tt.later)
			if err != nil || !rb.Story.Joined() {
				t.Fatalf("second report: %+v, %v; want it to join the first's story", rb, err)
			}
			if want := map[bool]int{true: 1}[tt.want == first]; rb.FollowUps != want {
				t.Errorf("FollowUps = %d, want %d", rb.FollowUps, want)
			}
			due, _ := s.DueDeliveries(ctx, t0.Add(3*time.Hour), 0, 10)
			got := ""
			for _, d := range due {
				if d.ItemKey == "b" {
					got = string(d.Payload)
				}
			}
			if got != tt.want {
				t.Errorf("the second report's delivery: %q, want %q", got, tt.want)
			}
			ms, err := s.MatchesSince(ctx, t0.Add(-time.Hour), t0.Add(3*time.Hour), nil)
			if err != nil || len(ms) != 2 {
				t.Fatalf("matches %+v, %v", ms, err)
			}
			unsure := tt.followUps && tt.sureFrom > 0.5 // kept for digests
			if ms[0].UnsureJoin || ms[1].Item.Key != "b" || ms[1].UnsureJoin != unsure {
				t.Errorf("unsure joins kept: %v, %v; want false, %v", ms[0].UnsureJoin, ms[1].UnsureJoin, unsure)
			}
		})
	}
}

// checkUnsureJoins measures, on the labelled streams recorded by
// TestFollowUpsInLabelledStreams (a reader alerted about every report),
// what sending unsure joins as follow-ups does: of the reports that joined
// an earlier report's story, those of a different or related story — whose
// alert joining would have lost — and those of the same story, which now
// arrive as quiet follow-ups instead of nothing.
func checkUnsureJoins(t *testing.T, st *testStore, streams map[string]storypairs.Stream, all []feeds.Item, added []Added) {
	story, sent := map[string]int64{}, map[string]bool{}
	for i, a := range added {
		if a.New {
			story[all[i].Key] = a.Story.ID
			sent[all[i].Key] = a.Story.Joined() && a.FollowUps > 0
		}
	}
	var lost, saved, right, quiet int
	for _, name := range storypairs.Streams {
		s := streams[name]
		var nLost, nSaved, nRight, nQuiet int
		for i, b := range s.Items {
			switch joinOf(s, story, i) {
			case joinedWrong, joinedRelated:
				nLost++
				if sent[b.Key] {
					nSaved++
				}
				if !storypairs.Sealed(name) {
					var score float64
					if err := st.sql().QueryRow(`SELECT story_score FROM items WHERE key = ?`, b.Key).Scan(&score); err != nil {
						t.Fatal(err)
					}
					t.Logf("%s: joined another story at %.3f, sent as a follow-up %v: %q", name, score, sent[b.Key], b.Title)
				}
			case joinedRight:
				nRight++
				if sent[b.Key] {
					nQuiet++
				}
			}
		}
		t.Logf("%s: reports that joined a different or related story: %d, of them sent as follow-ups: %d; reports that joined their own story: %d, of them sent as follow-ups: %d",
			name, nLost, nSaved, nRight, nQuiet)
		lost, saved, right, quiet = lost+nLost, saved+nSaved, right+nRight, quiet+nQuiet
	}
	t.Logf("all streams (sure from %.2f): of %d reports that joined a different or related story, %d sent as follow-ups (alerts lost: %d → %d); of %d that joined their own story, %d sent as follow-ups",
		stories.SureFrom, lost, saved, lost, lost-saved, right, quiet)
	// An outlet's own later reports join unsure (outlet.go): 11 of the 12
	// lost alerts are sent, at the cost of 26 of 45 right joins sent quietly
	// (before that rule: 7, and 11). Held as a share, since right joins
	// grow as the words do (a place's other name counts: 27 of 47; "в
	// российской столице" read as Moscow: 28 of 48, one more right join,
	// unsure and so sent as a follow-up).
	if saved < 11 || float64(quiet) > 0.59*float64(right) {
		t.Errorf("%d of %d lost alerts sent as follow-ups, %d of %d right joins; want at least 11 and at most 59%%", saved, lost, quiet, right)
	}
}

// TestJoinByMeaningIsUnsure: a report joined to a story by its meaning
// alone — its words short of the threshold — is sent to a reader alerted
// about the story as a follow-up of that alert, with follow-ups on and
// sure joins set.
func TestJoinByMeaningIsUnsure(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "m.db"))
	defer s.Close()
	s.setMeaning(&fakeMeaning{axis: map[string]int{"videos": 1, "clips": 1}}, stories.DefaultMeaningThreshold)
	s.setFollowUps(true)
	s.setSureJoins(stories.SureFrom)
	for i, b := range background {
		if _, err := s.Add(ctx, report(string(rune('p'+i)), "bg", b[0], b[1], t0)); err != nil {
			t.Fatal(err)
		}
	}
	a, b := report("a", "24kg", arrestA[0], arrestA[1], t0), report("b", "akipress", arrestB[0], arrestB[1], t0.Add(time.Hour))
	a.Deliveries, b.Deliveries = []Delivery{followUpTo("tg:1", "iskp")}, []Delivery{followUpTo("tg:1", "iskp")}
	if _, err := s.Add(ctx, a); err != nil {
		t.Fatal(err)
	}
	rb, err := s.Add(ctx, b)
	if err != nil || !rb.ByMeaning || rb.FollowUps != 1 {
		t.Errorf("second report: %+v, %v; want it joined by meaning and sent as a follow-up", rb, err)
	}
}

// TestUnsureJoinsInAllFeeds records every fixture feed in publication
// order (by words, follow-ups on) and counts how many joins are unsure —
// what a chat alerted about every story would get as quiet follow-ups of
// a story it knows, beside the near reports. Unlabelled: it says how much
// sending unsure joins costs, not whether they were right. It fails if more
// than 40 % of the joins are unsure.
func TestUnsureJoinsInAllFeeds(t *testing.T) {
	byFeed := storypairs.FeedItems(t)
	_, added, _ := recordFeeds(t, byFeed, slices.Sorted(maps.Keys(byFeed)), nil)
	var items, joins, unsure, near int
	for _, a := range added {
		if !a.New {
			continue
		}
		items++
		switch {
		case a.Story.Joined():
			joins++
			if a.FollowUps > 0 {
				unsure++
			}
		case a.FollowUps > 0:
			near++
		}
	}
	t.Logf("%d items: %d joined an earlier report's story, %d of them unsure (sent as follow-ups); %d near a story (sent as follow-ups)",
		items, joins, unsure, near)
	// An outlet's own later reports join unsure (outlet.go): 85 of 247.
	if joins == 0 || 10*unsure > 4*joins {
		t.Errorf("%d of %d joins unsure; want at most 40 %%", unsure, joins)
	}
}
