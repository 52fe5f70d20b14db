// Package storypairs reads, for tests of story clustering, the labelled
// pairs of reports in stories/testdata and the real feeds in
// testdata/feeds that the reports come from.
package storypairs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/stories"

	"github.com/newsalert/newsalert/feeds"
)

// Report is one side of a pair: an item of a fixture feed, named by the
// feed's file and the start of its title, or — when Feed is empty — a
// composed report given whole by Title and Lead. In a stream, reports of
// a story with the same News tell one news in other words (retellings).
type Report struct{ Feed, Title, Lead, News string }

// BishkekArrest is two outlets' reports of one arrest in Bishkek told in
// other words (a composed pair of pairs.json, given whole): the issue's
// case of one story, for the tests of joining, follow-ups and alerting
// once in every package.
var BishkekArrest = [2]Report{
	{Title: "ГКНБ задержал в Бишкеке вербовщика ИГИЛ",
		Lead: "Сотрудники ГКНБ Кыргызстана задержали в Бишкеке гражданина, который вербовал молодежь в ряды «Исламского государства» через Telegram."},
	{Title: "В Бишкеке спецслужбы задержали вербовщика «Исламского государства»",
		Lead: "Госкомитет национальной безопасности сообщил о задержании в Бишкеке мужчины, вербовавшего молодых людей в ИГИЛ через мессенджер Telegram."},
}

// Pair is two reports and whether they tell the same story; of a pair of
// one story, Kind says how (Retelling, Development or Feature).
type Pair struct {
	Same bool
	Kind string
	A, B Report
}

// The kinds of pairs of one story. A Retelling is the issue's
// near-duplicate: the same news — one event or announcement and its main
// facts — told in other words. A Development is other news of the story:
// a later turn, an update with new facts, a reaction, another part of one
// event. A Feature is another kind of piece the news occasioned: a
// profile, explainer, analysis, interview or fact-check.
const (
	Retelling   = "retelling"
	Development = "development"
	Feature     = "feature"
)

// Kinds are the kinds of pairs of one story, in the order tests report them.
var Kinds = []string{Retelling, Development, Feature}

// OneOutlet reports whether both reports come from one feed: a follow-up
// or a reaction, rather than another outlet's report.
func (p Pair) OneOutlet() bool { return p.A.Feed != "" && p.A.Feed == p.B.Feed }

// Sets are the labelled sets, in the order they were made (see the
// "about" of each file); "sealed" is kept out of every choice.
var Sets = []string{"pairs", "heldout", "unseen", "sealed"}

// Sealed reports whether a labelled set or stream is kept to judge the
// next change to the clustering rule: its tests log totals, never which
// pairs fail.
func Sealed(name string) bool { return name == "sealed" || name == "stream2" }

// Mistake names a wrong verdict on a pair.
func Mistake(joined bool) string {
	if joined {
		return "false join"
	}
	return "missed"
}

// root is the repository's root folder.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Load reads the labelled set stories/testdata/<set>.json.
func Load(tb testing.TB, set string) []Pair {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(root(), "stories", "testdata", set+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var file struct{ Pairs []Pair }
	if err := json.Unmarshal(data, &file); err != nil {
		tb.Fatalf("%s.json: %v", set, err)
	}
	for i, p := range file.Pairs {
		if p.Same != slices.Contains(Kinds, p.Kind) {
			tb.Fatalf("%s.json: pair %d (%q): same %v, kind %q", set, i, p.A.Title, p.Same, p.Kind)
		}
	}
	return file.Pairs
}

// ReadAt is when FeedItems reads the feeds, as if polled then: after the
// newest of their items (24 September 2026), so that none is dated in the
// future, and the same on any day the tests run.
var ReadAt = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

// FeedItems returns the items of every real feed in testdata/feeds, by
// file name, as feeds.Normalise makes them at ReadAt. The feeds are read
// and parsed once per test binary.
func FeedItems(tb testing.TB) map[string][]feeds.Item {
	tb.Helper()
	items, err := loadFeeds()
	if err != nil {
		tb.Fatal(err)
	}
	return items
}

var loadFeeds = sync.OnceValues(func() (map[string][]feeds.Item, error) {
	files, err := filepath.Glob(filepath.Join(root(), "testdata", "feeds", "*"))
	if err != nil {
		return nil, err
	}
	byFeed := map[string][]feeds.Item{}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		feed, err := feeds.Parse(body, "")
		if err != nil {
			return nil, err
		}
		name := filepath.Base(f)
		byFeed[name] = feeds.Normalise(feed, feeds.Source{URL: "http://127.0.0.1/feeds/" + name}, ReadAt)
	}
	return byFeed, nil
})

// Find returns the item a report names: the one of its feed whose title
// starts so (the first, if the feed repeats it), or a composed item. A
// title's start that names no item, or items of different titles, fails
// the test.
func Find(tb testing.TB, byFeed map[string][]feeds.Item, r Report) feeds.Item {
	tb.Helper()
	if r.Feed == "" {
		return feeds.Item{Title: r.Title, Summary: r.Lead}
	}
	var found []feeds.Item
	for _, it := range byFeed[r.Feed] {
		if strings.HasPrefix(it.Title, r.Title) {
			found = append(found, it)
		}
	}
	if len(found) == 0 || slices.ContainsFunc(found, func(it feeds.Item) bool { return it.Title != found[0].Title }) {
		tb.Fatalf("%d items %q in %s; want one", len(found), r.Title, r.Feed)
	}
	return found[0]
}

// ShareBand reports whether two fingerprints share an LSH band: whether
// the store would find either as the other's candidate.
func ShareBand(a, b stories.Fingerprint) bool {
	for i := range a.Bands {
		if i < len(b.Bands) && a.Bands[i] == b.Bands[i] {
			return true
		}
	}
	return false
}
