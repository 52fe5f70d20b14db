package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// TestRegionalPairsThroughOneStore judges the labelled pairs as a user's
// daemon meets them: each part's reports polled from two outlets — every
// pair's first report from one, its second from the other — and recorded
// by one store on disk with the defaults, so that a report is compared
// with every report of the part within the story window, not only its
// pair's, and may join another pair's story. A pair is joined when the
// store put both reports in one story. It reports what TestRegionalStoryPairs
// does, pair by pair, and fails below what each part measured when this
// test was written.
func TestRegionalPairsThroughOneStore(t *testing.T) {
	m := shippedRules(t)
	// What each part measures since two outlets' reports of one act and
	// place dated within a day join (ingest.Candidate.Close), rounded
	// down; the first three had been read when this test was written,
	// unseen2 was read first by it, at 7ba3967, close.jsonl with the rule
	// of closeness (docs/story-quality.md has each reading); unseen since
	// "Chui" named a place (see regionalUnseenFloor): 0.780 → 0.762; tune
	// and holdout since days far apart keep two reports apart
	// (stories.ApartDays): 0.902 → 0.920 and 0.812 → 0.867, and holdout
	// since rare acts need no detail (stories.RareActs): 0.882 / 0.517,
	// and since a town and its province are one place: 0.889 / 0.552;
	// close and close2 since two outlets' reports a day apart join with
	// details crossed: 0.875 / 0.700 → 0.846 / 0.733, 0.316 / 0.600 →
	// 0.364 / 0.800;
	// unseen3 as first read, at 7e5a5a1 (0.853 without days apart), and
	// unseen4 at dc70fef, unseen5 at 6b69c92, unseen6 at 812a9ed, unseen7 at c0b96cf.
	floors := map[string][2]float64{"tune": {0.92, 0.71}, "holdout": {0.88, 0.55}, "unseen": {0.76, 0.47}, "unseen2": {0.84, 0.36}, "close": {0.84, 0.73}, "close2": {0.36, 0.80}, "unseen3": {0.87, 0.39}, "unseen4": {0.91, 0.57}, "unseen5": {0.99, 0.50}, "unseen6": {0.95, 0.45}, "unseen7": {0.99, 0.66}}
	for _, part := range regionalParts {
		ps := loadRegionalPairs(t, part)
		story := recordPairs(t, m, ps)
		var c storypairs.Counts
		for _, p := range ps {
			joined := story[p.A.URL] == story[p.B.URL]
			c.Add(joined, p.Same)
			if joined != p.Same {
				t.Logf("%s: %s (%s/%s): %q ~ %q", part, storypairs.Mistake(joined), p.A.Lang, p.B.Lang, p.A.Title, p.B.Title)
			}
		}
		t.Logf("%s through one store: %d pairs (%d same): %s", part, c.Pairs(), c.Same(), c)
		if f := floors[part]; c.Precision() < f[0] || c.Recall() < f[1] {
			t.Errorf("%s through one store: precision %.3f, recall %.3f; want at least %.2f and %.2f",
				part, c.Precision(), c.Recall(), f[0], f[1])
		}
	}
}

// recordPairs records the pairs' reports as two outlets' polls — the first
// reports, then the second ones — and returns each report's story by URL.
// A report in several pairs is polled once, from the outlet of its first
// appearance; one whose page gave no date is served without one, first
// seen when its pair's other report was published (an outlet publishes
// about then; this says nothing of the label, as different events are
// paired alike), and with neither date when it was polled.
func recordPairs(t *testing.T, m *rules.Matcher, ps []regionalPair) map[string]int64 {
	t.Helper()
	outlets := [2][]NewItem{}
	seen := map[string]bool{}
	reader := []Delivery{{Destination: "reader", Topics: []DeliveryTopic{{ID: "news"}}, Payload: []byte("alert")}}
	for _, p := range ps {
		for side, r := range []regionalReport{p.A, p.B} {
			if seen[r.URL] {
				continue
			}
			seen[r.URL] = true
			it := feeds.Item{Key: r.URL, FeedURL: [2]string{"http://127.0.0.1:1/a.xml", "http://127.0.0.1:2/b.xml"}[side],
				Title: r.Title, Link: r.URL, CanonicalLink: r.URL, Summary: r.Lead, Text: r.Lead, FirstSeen: t0, Published: t0, DateEstimated: true}
			if d := dateOf(r.Published); !d.IsZero() {
				it.Published, it.FirstSeen, it.DateEstimated = d, d, false
			} else if d := dateOf([2]string{p.B.Published, p.A.Published}[side]); !d.IsZero() {
				it.FirstSeen = d // its feed gave no date: first seen about when its pair's was published
			}
			outlets[side] = append(outlets[side], NewItem{Item: it, Fingerprint: fingerprintOf(m, r), Deliveries: reader})
		}
	}
	st := openTemp(t)
	defer st.Close()
	story := map[string]int64{}
	for _, batch := range outlets {
		slices.SortStableFunc(batch, func(a, b NewItem) int { return store.StoryTime(a.Item).Compare(store.StoryTime(b.Item)) })
		added, err := st.AddAll(context.Background(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range added {
			story[batch[i].Item.Key] = a.Story.ID
		}
	}
	return story
}
