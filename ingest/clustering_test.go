package ingest

import (
	"context"
	"fmt"
	"github.com/newsalert/newsalert/store"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// recordFeeds records every item of the given real feeds, oldest first,
// in a real store — as the daemon would have, polling them as they were
// published, for a reader alerted about every report (one topic), with
// follow-ups on and joins sure from stories.SureFrom — joining stories by
// meaning too if meaning is not nil. It returns the items in the order
// recorded, what recording each did, and the store, which callers only
// read: a recording is made once per test binary (see recordings).
func recordFeeds(t *testing.T, byFeed map[string][]feeds.Item, names []string, meaning Meaning) ([]feeds.Item, []Added, *testStore) {
	t.Helper()
	if raceDetector {
		// One goroutine records everything: the race detector has nothing to
		// find and makes it 15 times slower (about 7 minutes of CI's). The
		// runs without it, CI's shifted ones among them, check these tests.
		t.Skip("records the fixture feeds in one goroutine; run without -race")
	}
	key := fmt.Sprint(names, meaning != nil)
	if r, ok := recordings[key]; ok {
		return r.all, r.added, r.st
	}
	all, batch := feedBatch(byFeed, names, func(it feeds.Item) stories.Fingerprint { return stories.Of(it.Title, it.Summary) })
	dir, err := os.MkdirTemp("", "newsalert-recording-")
	if err != nil {
		t.Fatal(err)
	}
	st := openAt(t, filepath.Join(dir, "clustering.db"))
	st.setMeaning(meaning, stories.DefaultMeaningThreshold)
	st.setFollowUps(true)
	st.setSureJoins(stories.SureFrom)
	added, err := st.AddAll(context.Background(), batch)
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		t.Fatal(err)
	}
	recordings[key] = &recording{all: all, added: added, st: st, dir: dir}
	return all, added, st
}

// feedBatch is every item of the named feeds in publication order, and
// each as a new item to record for a reader alerted about every report,
// fingerprinted by fp.
func feedBatch(byFeed map[string][]feeds.Item, names []string, fp func(feeds.Item) stories.Fingerprint) ([]feeds.Item, []NewItem) {
	var all []feeds.Item
	for _, name := range names {
		all = append(all, byFeed[name]...)
	}
	slices.SortStableFunc(all, func(a, b feeds.Item) int { return store.StoryTime(a).Compare(store.StoryTime(b)) })
	batch := make([]NewItem, len(all))
	reader := []Delivery{{Destination: "reader", Topics: []DeliveryTopic{{ID: "news"}}, Payload: []byte("alert")}}
	for i, it := range all {
		batch[i] = NewItem{Item: it, Fingerprint: fp(it), Deliveries: reader}
	}
	return all, batch
}

// recordings are the recordings of real feeds made so far, by their feeds
// and whether the meaning joined stories. Recording the labelled feeds by
// words takes half a minute under the race detector, and two tests read
// it (TestClusteringOfRealFeeds and TestFollowUpsInLabelledStreams); the
// tests of this package do not run in parallel.
var recordings = map[string]*recording{}

// recording is one recording of real feeds (see recordFeeds), its store
// in a directory of its own.
type recording struct {
	all   []feeds.Item
	added []Added
	st    *testStore
	dir   string
}

// TestMain runs the tests, then closes the stores of the recordings and
// removes them.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, r := range recordings {
		r.st.Close()
		os.RemoveAll(r.dir)
	}
	os.Exit(code)
}

// clusterFeeds records the feeds as recordFeeds does and returns the story
// each item was put in, by item key.
func clusterFeeds(t *testing.T, byFeed map[string][]feeds.Item, names []string, meaning Meaning) map[string]int64 {
	t.Helper()
	all, added, _ := recordFeeds(t, byFeed, names, meaning)
	story := map[string]int64{}
	for i, a := range added {
		if a.New { // a repeated item was known already: its first copy counts
			story[all[i].Key] = a.Story.ID
		}
	}
	return story
}

// TestClusteringOfRealFeeds measures the clustering as users meet it: the
// labelled pairs, and every pair of the labelled streams, are judged by
// whether the store put both reports in one story after recording every
// item of the real feeds in publication order (window, LSH candidates, word
// weights learnt as items arrive, and joins through a third report all play
// their part).
//
// It does so twice: joining stories by their words alone (the default),
// and by their words and then their meaning (stories.meaning: on; see
// stories/semantic). The
// floors guard against losing more: pairs.json was used to shape the
// rule, the other sets were not (see stories/pairs_test.go); sealed.json
// and stream2.json are reported by their totals only.
func TestClusteringOfRealFeeds(t *testing.T) {
	sets, streams, newsFeeds := labelled(t)
	byFeed := storypairs.FeedItems(t)
	enc, err := semantic.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Floors for each configuration: by the words alone (the default), and
	// by the words and then the meaning. stream2's precision was 0.95 and
	// 0.90 until 2026-12-07, when the quote marks around words were dropped
	// ('foils' is foils): of its pairs, three more joined right by the words
	// alone and one wrong, in both configurations.
	for _, c := range []struct {
		name    string
		meaning Meaning
		floors  map[string][2]float64
	}{
		{"words", nil, map[string][2]float64{
			"pairs": {0.85, 0.8}, "heldout": {0.85, 0.5}, "unseen": {0.75, 0.3}, "sealed": {0.75, 0.3},
			"stream": {0.9, 0.65}, "stream2": {0.88, 0.25}, "stream3": {0.75, 0.2},
		}},
		{"words+meaning", enc, map[string][2]float64{
			"pairs": {0.9, 0.85}, "heldout": {0.9, 0.7}, "unseen": {0.8, 0.45}, "sealed": {0.95, 0.4},
			"stream": {0.85, 0.75}, "stream2": {0.84, 0.6}, "stream3": {0.75, 0.2},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			story := clusterFeeds(t, byFeed, newsFeeds, c.meaning)
			check := func(name string, n storypairs.Counts) {
				if f := c.floors[name]; n.Precision() < f[0] || n.Recall() < f[1] {
					t.Errorf("%s: precision %.3f, recall %.3f: want at least %.2f and %.2f", name, n.Precision(), n.Recall(), f[0], f[1])
				}
			}
			for _, set := range storypairs.Sets {
				check(set, checkPairs(t, set, sets[set], byFeed, story))
			}
			var english joins // the English streams', report by report
			for _, name := range []string{"stream", "stream2"} {
				english.add(itemJoins(streams[name], story))
			}
			c := english.counts()
			t.Logf("stream + stream2, report by report (a feature joined to its event neither right nor wrong): precision %.3f, recall %.3f, F0.5 %.3f, F1 %.3f",
				c.Precision(), c.Recall(), c.FBeta(0.5), c.FBeta(1))
			for _, name := range storypairs.Streams {
				check(name, checkStream(t, name, streams[name], story))
			}
		})
	}
}

// labelled loads the labelled pair sets and streams, and names the feeds
// their reports come from: the news a user would watch.
func labelled(t *testing.T) (map[string][]storypairs.Pair, map[string]storypairs.Stream, []string) {
	sets := map[string][]storypairs.Pair{}
	var names []string
	addFeed := func(f string) {
		if f != "" && !slices.Contains(names, f) {
			names = append(names, f)
		}
	}
	for _, set := range storypairs.Sets {
		sets[set] = storypairs.Load(t, set)
		for _, p := range sets[set] {
			addFeed(p.A.Feed)
			addFeed(p.B.Feed)
		}
	}
	streams := map[string]storypairs.Stream{}
	for _, name := range storypairs.Streams {
		s := storypairs.LoadStream(t, name)
		streams[name] = s
		for _, f := range s.Feeds {
			addFeed(f)
		}
	}
	slices.Sort(names)
	return sets, streams, names
}

// checkPairs judges the clustering on a set of labelled pairs, logging
// each mistake (but those of a sealed set) and the totals.
func checkPairs(t *testing.T, set string, pairs []storypairs.Pair, byFeed map[string][]feeds.Item, story map[string]int64) storypairs.Counts {
	var c storypairs.Counts
	skipped := 0
	var retellings joinedOf
	for _, p := range pairs {
		if p.A.Feed == "" || p.B.Feed == "" {
			skipped++ // composed reports are in no feed
			continue
		}
		a, b := storypairs.Find(t, byFeed, p.A), storypairs.Find(t, byFeed, p.B)
		sa, okA := story[a.Key]
		sb, okB := story[b.Key]
		if !okA || !okB {
			t.Fatalf("%s: no recorded item for %q or %q", set, p.A.Title, p.B.Title)
		}
		c.Add(sa == sb, p.Same)
		if p.Kind == storypairs.Retelling {
			retellings.add(sa == sb)
		}
		if sa == sb != p.Same && !storypairs.Sealed(set) {
			t.Logf("%s: %s: %q ~ %q", set, storypairs.Mistake(sa == sb), a.Title, b.Title)
		}
	}
	t.Logf("%s: %d pairs (%d same story; %d composed skipped): %s; of %d retellings, %d joined", set, c.Pairs(), c.Same(), skipped, c, retellings.all, retellings.joined)
	return c
}

// TestMeaningJoinsInAllFeeds records every item of every real fixture feed
// with joining by meaning on, and logs each join the meaning made, with
// the first report of the story it joined: the unlabelled check docs/story-quality.md
// quotes (about 5 of them are one story told again; the rest related
// reports on one subject, posts of one series, lists of games). It fails if
// the meaning makes none, or many more than today's 17.
func TestMeaningJoinsInAllFeeds(t *testing.T) {
	enc, err := semantic.Load()
	if err != nil {
		t.Fatal(err)
	}
	byFeed := storypairs.FeedItems(t)
	names := slices.Sorted(maps.Keys(byFeed))
	all, added, st := recordFeeds(t, byFeed, names, enc)
	first := map[int64]feeds.Item{}
	byMeaning, otherFeed := 0, 0
	for i, a := range added {
		if !a.New {
			continue
		}
		if _, ok := first[a.Story.ID]; !ok {
			first[a.Story.ID] = all[i]
		}
		if a.ByMeaning {
			byMeaning++
			f := first[a.Story.ID]
			if f.FeedURL != all[i].FeedURL {
				otherFeed++
			}
			t.Logf("%s: %q\n    joined %s: %q", all[i].FeedName, all[i].Title, f.FeedName, f.Title)
		}
	}
	var embedded int
	if err := st.sql().QueryRow(`SELECT count(*) FROM items WHERE meaning IS NOT NULL`).Scan(&embedded); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d items joined a story by meaning, %d of them a story another feed told first; %d items were embedded",
		byMeaning, len(all), otherFeed, embedded)
	if embedded < byMeaning {
		t.Errorf("%d items embedded, fewer than the %d joined by meaning", embedded, byMeaning)
	}
	if byMeaning == 0 || byMeaning > 25 {
		t.Errorf("%d joins by meaning; want some, and not many more than the 17 of today", byMeaning)
	}
}
