package ingest

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
)

// TestRegionalPairsThroughOneStore judges the labelled pairs as a user's
// daemon meets them: each part's reports polled from two outlets — every
// pair's first report from one, its second from the other — and recorded
// by one store on disk with the defaults, so that a report is compared
// with every report of the part within the story window, not only its
// pair's, and may join another pair's story. A pair is joined when the
// store put both reports in one story. It reports what TestRegionalStoryPairs
// does, pair by pair, and fails below each part's store floor
// (regionalParts).
func TestRegionalPairsThroughOneStore(t *testing.T) {
	m := shippedRules(t)
	for _, part := range regionalParts {
		ps := loadRegionalPairs(t, part.name)
		st := openTemp(t)
		checkThroughStore(t, part.name+" through one store", ps, recordPairs(t, st, m, ps), part.store)
		st.Close()
	}
}

// TestRegionalPairsAfterTheBundledFeeds judges the pairs as
// TestRegionalPairsThroughOneStore does, in a store that has first
// recorded the bundled feeds (testdata/feeds: 3,388 reports, most of world
// news of February 2026, a pair's report may join one), as the issue's
// trial polled its two outlets after those feeds: the words then weigh
// what they weigh to a daemon that reads other news besides the region's
// security news (Kyrgyzstan and attack are rare there). It fails below
// each part's afterFeeds floor (regionalParts).
func TestRegionalPairsAfterTheBundledFeeds(t *testing.T) {
	if raceDetector {
		t.Skip("records the bundled feeds in one goroutine; run without -race")
	}
	m := shippedRules(t)
	seed := recordBundledFeeds(t, m)
	for _, part := range regionalParts {
		ps := loadRegionalPairs(t, part.name)
		st := openCopy(t, seed)
		checkThroughStore(t, part.name+" after the bundled feeds", ps, recordPairs(t, st, m, ps), part.afterFeeds)
		st.Close()
	}
}

// checkThroughStore counts the pairs the store joined (story has each
// report's story by URL), logs each mistake and the counts, and fails
// below floor (precision, recall).
func checkThroughStore(t *testing.T, name string, ps []regionalPair, story map[string]int64, floor [2]float64) {
	t.Helper()
	var c storypairs.Counts
	for _, p := range ps {
		joined := story[p.A.URL] == story[p.B.URL]
		c.Add(joined, p.Same)
		if joined != p.Same {
			t.Logf("%s: %s (%s/%s): %q ~ %q", name, storypairs.Mistake(joined), p.A.Lang, p.B.Lang, p.A.Title, p.B.Title)
		}
	}
	t.Logf("%s: %d pairs (%d same): %s", name, c.Pairs(), c.Same(), c)
	if c.Precision() < floor[0] || c.Recall() < floor[1] {
		t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f and %.2f", name, c.Precision(), c.Recall(), floor[0], floor[1])
	}
}

// recordBundledFeeds records every bundled feed's reports, fingerprinted
// with the shipped rules' concepts, in a store of their own, closes it and
// returns its file.
func recordBundledFeeds(t *testing.T, m *rules.Matcher) string {
	t.Helper()
	byFeed := storypairs.FeedItems(t)
	names := slices.Sorted(maps.Keys(byFeed))
	_, batch := feedBatch(byFeed, names, func(it feeds.Item) stories.Fingerprint {
		return fingerprintOf(m, regionalReport{Title: it.Title, Lead: it.Summary})
	})
	st := openTemp(t)
	if _, err := st.AddAll(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return st.path
}

// openCopy opens a copy of the store file at path.
func openCopy(t *testing.T, path string) *testStore {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "s.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return openAt(t, cp)
}

// recordPairs records the pairs' reports as two outlets' polls — the first
// reports, then the second ones — and returns each report's story by URL.
// A report in several pairs is polled once, from the outlet of its first
// appearance; one whose page gave no date is served without one, first
// seen when its pair's other report was published (an outlet publishes
// about then; this says nothing of the label, as different events are
// paired alike), and with neither date when it was polled.
func recordPairs(t *testing.T, st *testStore, m *rules.Matcher, ps []regionalPair) map[string]int64 {
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
