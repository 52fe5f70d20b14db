package ingest

import (
	"bufio"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/text"
)

// regionalPart is a part of testdata/regional-pairs and what it must
// measure (regionalParts says where each floor comes from): pair by pair
// (pairwise precision and recall, BCubed precision and recall), through
// one store (TestRegionalPairsThroughOneStore) and through one store
// after the bundled feeds (TestRegionalPairsAfterTheBundledFeeds), each
// precision and recall.
type regionalPart struct {
	name       string
	pairwise   [4]float64
	store      [2]float64
	afterFeeds [2]float64
}

// regionalReport is one report of a labelled pair, as its outlet published it.
type regionalReport struct {
	Title, Lead, URL, Outlet, Lang, Published string
}

// regionalPair: two reports of the region's outlets, of one event or not.
type regionalPair struct {
	A, B      regionalReport
	Same      bool
	Kind, Why string
}

func loadRegionalPairs(t *testing.T, part string) []regionalPair {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "regional-pairs", part+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []regionalPair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var p struct {
			A, B regionalReport
			Same bool
			Kind string
			Why  string
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("%s.jsonl:%d: %v", part, n, err)
		}
		for _, r := range []*regionalReport{&p.A, &p.B} {
			if r.Title == "" { // as feeds.Normalise titles an item without one
				r.Title = text.Truncate(r.Lead, 80)
			}
		}
		out = append(out, regionalPair{A: p.A, B: p.B, Same: p.Same, Kind: p.Kind, Why: p.Why})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shippedRules is the matcher of the shipped rules.yaml, whose term lists
// give reports their concepts.
func shippedRules(t *testing.T) *rules.Matcher {
	t.Helper()
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fingerprintOf is the fingerprint the pipeline makes of a report (its
// words, language and concepts).
func fingerprintOf(m *rules.Matcher, r regionalReport) stories.Fingerprint {
	read := m.Read(rules.Item{Title: r.Title, Text: r.Lead})
	return stories.OfReport(r.Title, r.Lead, read.Language.String(), read.Concepts, read.Regions)
}

// Reasons a pair is joined or kept apart, for the tally of which signal
// decides.
const (
	byWordsJoined    = "joined by words"
	byEvidenceJoined = "joined by evidence (two languages)"
	noSharedBand     = "not candidates (no shared LSH band)"
	wordsTooFew      = "words' score below the threshold"
	evidenceTooFew   = "evidence's score below stories.CrossFrom"
	outsideWindow    = "published further apart than the story window"
	closeJoined      = "joined: one act and place, two outlets' dates close"
)

// daysApart is how far apart two publication dates (YYYY-MM-DD) are, when
// both are known: the recorder compares only reports within its window.
func daysApart(a, b string) (time.Duration, bool) {
	ta, tb := dateOf(a), dateOf(b)
	return ta.Sub(tb).Abs(), !ta.IsZero() && !tb.IsZero()
}

// judge places B with A as its only candidate, as the recorder would
// (default policy), and says whether it joined and why.
func judge(p regionalPair, a, b stories.Fingerprint, w stories.Weights) (joined bool, reason string) {
	if !sharesBand(a, bandSet(b)) {
		return false, noSharedBand
	}
	cand := store.Candidate{Story: 1, Fingerprint: a, FeedURL: "a", Link: p.A.URL, Published: dateOf(p.A.Published)}
	it := feeds.Item{FeedURL: "b", Link: p.B.URL, Published: dateOf(p.B.Published), DateEstimated: p.B.Published == ""}
	c := score([]store.Candidate{cand}, NewItem{Item: it, Fingerprint: b}, w, DefaultCloseWithin)[0]
	pl := Place([]Candidate{c}, Policy{Threshold: stories.DefaultThreshold, NearFloor: stories.NearFloor,
		CrossFrom: stories.CrossFrom, CloseWithin: DefaultCloseWithin})
	switch {
	case pl.Close:
		return true, closeJoined
	case !c.Comparable:
		return false, "apart: " + c.Apart
	case pl.Story != 0 && c.Cross:
		return true, byEvidenceJoined
	case pl.Story != 0:
		return true, byWordsJoined
	case c.Cross:
		return false, evidenceTooFew
	}
	return false, wordsTooFew
}

// dateOf is a report's publication date (YYYY-MM-DD) at noon, or zero.
func dateOf(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return d.Add(12 * time.Hour)
}

func bandSet(fp stories.Fingerprint) map[uint64]bool {
	out := map[uint64]bool{}
	for _, b := range fp.Bands {
		out[b] = true
	}
	return out
}

// pairsVerdict is a set's tally: pairwise, BCubed over its reports, and
// the reasons of each verdict by label.
type pairsVerdict struct {
	pairs            storypairs.Counts
	byDating         map[string]storypairs.Counts // dating (see datingOf) → pairs
	bcubedP, bcubedR float64
	reasons          map[string]map[string]int // "same"/"different" → reason → pairs
	byKind           map[string][2]int         // kind → pairs joined, pairs
	mistakes         []string
}

func evaluateRegional(ps []regionalPair, w stories.Weights, m *rules.Matcher) pairsVerdict {
	v := pairsVerdict{reasons: map[string]map[string]int{"same": {}, "different": {}}, byKind: map[string][2]int{}, byDating: map[string]storypairs.Counts{}}
	gold, got := newUnion(), newUnion()
	for _, p := range ps {
		a, b := fingerprintOf(m, p.A), fingerprintOf(m, p.B)
		joined, reason := judge(p, a, b, w)
		if apart, ok := daysApart(p.A.Published, p.B.Published); ok && apart > DefaultStoryWindow {
			joined, reason = false, outsideWindow
		}
		v.pairs.Add(joined, p.Same)
		dated := v.byDating[datingOf(p)]
		dated.Add(joined, p.Same)
		v.byDating[datingOf(p)] = dated
		kinds := []string{p.Kind}
		if p.Same && p.A.Lang != p.B.Lang {
			langs := []string{p.A.Lang, p.B.Lang}
			slices.Sort(langs)
			kinds = append(kinds, "one event in "+strings.Join(langs, "+"))
		}
		for _, kind := range kinds {
			k := v.byKind[kind]
			if joined {
				k[0]++
			}
			k[1]++
			v.byKind[kind] = k
		}
		label := map[bool]string{true: "same", false: "different"}[p.Same]
		v.reasons[label][reason]++
		gold.add(p.A.URL, p.B.URL, p.Same)
		got.add(p.A.URL, p.B.URL, joined)
		if joined != p.Same {
			v.mistakes = append(v.mistakes, storypairs.Mistake(joined)+" ("+reason+", "+p.Kind+", "+p.A.Lang+"/"+p.B.Lang+", "+datingOf(p)+"): "+p.A.Title+" ~ "+p.B.Title)
		}
	}
	v.bcubedP, v.bcubedR = bcubed(gold, got)
	return v
}

// datingOf says how a pair's pages dated its reports: a daemon meets
// reports its feeds date, and only they join close in time.
func datingOf(p regionalPair) string {
	switch d, ok := daysApart(p.A.Published, p.B.Published); {
	case !ok:
		return "a report undated"
	case d <= DefaultCloseWithin:
		return "dated within a day"
	}
	return "dated further apart"
}

// union is a union-find of reports by URL.
type union struct{ parent map[string]string }

func newUnion() *union { return &union{parent: map[string]string{}} }

func (u *union) find(x string) string {
	if _, ok := u.parent[x]; !ok {
		u.parent[x] = x
	}
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *union) add(a, b string, linked bool) {
	ra, rb := u.find(a), u.find(b)
	if linked && ra != rb {
		u.parent[ra] = rb
	}
}

func (u *union) clusters() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for x := range u.parent {
		r := u.find(x)
		if out[r] == nil {
			out[r] = map[string]bool{}
		}
		out[r][x] = true
	}
	return out
}

// bcubed is the BCubed precision and recall of got's clusters against
// gold's, averaged over the reports.
func bcubed(gold, got *union) (precision, recall float64) {
	gc, pc := gold.clusters(), got.clusters()
	n := 0
	for x := range gold.parent {
		g, p := gc[gold.find(x)], pc[got.find(x)]
		both := 0
		for y := range p {
			if g[y] {
				both++
			}
		}
		precision += float64(both) / float64(len(p))
		recall += float64(both) / float64(len(g))
		n++
	}
	return precision / float64(max(n, 1)), recall / float64(max(n, 1))
}

// TestRegionalStoryPairs reports how the clustering tells apart labelled
// pairs of real reports of the region's outlets (testdata/regional-pairs:
// the same event retold by another outlet or in another language, and
// different events sharing a headline's template, a place or a group),
// pairwise and BCubed, with which signal decided each pair; it fails
// below what each part measured when the held-out part was first read.
func TestRegionalStoryPairs(t *testing.T) {
	m := shippedRules(t)
	parts := map[string][]regionalPair{}
	for _, part := range regionalParts {
		parts[part.name] = loadRegionalPairs(t, part.name)
	}
	// Words are weighed by the reports of the parts read so far: the tuned
	// and held-out parts together, and each later part with those before it
	// (its weights leave the others' figures as they were first read).
	var df stories.DocFreq
	seen := map[string]bool{}
	counted := 0 // parts whose reports df counts
	countUpTo := func(n int) {
		for ; counted < n; counted++ {
			for _, p := range parts[regionalParts[counted].name] {
				for _, r := range []regionalReport{p.A, p.B} {
					if !seen[r.URL] {
						seen[r.URL] = true
						df.Add(stories.Of(r.Title, r.Lead).Words)
					}
				}
			}
		}
	}
	all := map[string]storypairs.Counts{}
	defer func() {
		for _, dating := range slices.Sorted(maps.Keys(all)) {
			c := all[dating]
			t.Logf("all parts, %s: %d pairs (%d same): pairwise %s", dating, c.Pairs(), c.Same(), c)
		}
	}()
	for i, part := range regionalParts {
		countUpTo(max(i+1, 2))
		v := evaluateRegional(parts[part.name], &df, m)
		for dating, c := range v.byDating {
			sum := all[dating]
			sum.AddAll(c)
			all[dating] = sum
		}
		t.Logf("%s: %d pairs (%d same): pairwise %s; BCubed precision %.3f, recall %.3f",
			part.name, v.pairs.Pairs(), v.pairs.Same(), v.pairs, v.bcubedP, v.bcubedR)
		for _, label := range []string{"same", "different"} {
			t.Logf("  %s, decided by: %v", label, v.reasons[label])
		}
		t.Logf("  joined of each kind: %v", v.byKind)
		for _, mk := range v.mistakes { // every part has been read
			t.Logf("  %s", mk)
		}
		f := part.pairwise
		if v.pairs.Precision() < f[0] || v.pairs.Recall() < f[1] || v.bcubedP < f[2] || v.bcubedR < f[3] {
			t.Errorf("%s: pairwise %.3f / %.3f, BCubed %.3f / %.3f; want at least %.2f / %.2f and %.2f / %.2f",
				part.name, v.pairs.Precision(), v.pairs.Recall(), v.bcubedP, v.bcubedR, f[0], f[1], f[2], f[3])
		}
	}
}

// regionalParts are the parts of testdata/regional-pairs in the order
// they were gathered and first read (README.md there), each with its
// floors: what it measured once the stories took the countries the rules
// read (unseen14: its first reading, at 5775ae6), once the gazetteer kept
// the district towns (unseen, and close through a store), once a
// headline's hyphened names were read whole (unseen11) and once formal
// names were read by the word that names the state (tune through a store:
// docs/story-quality.md, "Formal names") and once Uzbek Cyrillic was read
// in Latin (unseen2 after the feeds: "Uzbek in two scripts"), rounded down,
// precision at most 0.99 — guards against losing ground, not targets. Each part's first reading and what each change
// since has moved are in docs/story-quality.md (and, before 55a54a1, in
// this comment's history). tune and holdout are the tuned and
// held-out parts: it asks 0.95 / 0.85 of the tuned part, which the
// clustering does not reach yet.
var regionalParts = []regionalPart{
	{"tune", [4]float64{0.97, 0.65, 0.99, 0.88}, [2]float64{0.90, 0.73}, [2]float64{0.90, 0.73}},
	{"holdout", [4]float64{0.94, 0.58, 0.99, 0.89}, [2]float64{0.90, 0.62}, [2]float64{0.90, 0.65}},
	{"unseen", [4]float64{0.78, 0.48, 0.95, 0.83}, [2]float64{0.76, 0.51}, [2]float64{0.76, 0.51}},
	{"unseen2", [4]float64{0.87, 0.45, 0.97, 0.83}, [2]float64{0.84, 0.43}, [2]float64{0.84, 0.44}},
	{"close", [4]float64{0.87, 0.70, 0.93, 0.83}, [2]float64{0.96, 0.80}, [2]float64{0.96, 0.80}},
	{"close2", [4]float64{0.40, 0.80, 0.85, 0.97}, [2]float64{0.36, 0.80}, [2]float64{0.36, 0.80}},
	{"unseen3", [4]float64{0.93, 0.38, 0.99, 0.79}, [2]float64{0.91, 0.45}, [2]float64{0.89, 0.47}},
	{"unseen4", [4]float64{0.99, 0.57, 0.99, 0.88}, [2]float64{0.99, 0.65}, [2]float64{0.96, 0.65}},
	{"unseen5", [4]float64{0.99, 0.56, 0.99, 0.85}, [2]float64{0.99, 0.56}, [2]float64{0.96, 0.56}},
	{"unseen6", [4]float64{0.95, 0.43, 0.99, 0.81}, [2]float64{0.95, 0.45}, [2]float64{0.95, 0.47}},
	{"unseen7", [4]float64{0.99, 0.72, 0.99, 0.90}, [2]float64{0.99, 0.69}, [2]float64{0.99, 0.72}},
	{"unseen8", [4]float64{0.95, 0.61, 0.99, 0.86}, [2]float64{0.95, 0.63}, [2]float64{0.95, 0.63}},
	{"unseen9", [4]float64{0.96, 0.66, 0.98, 0.89}, [2]float64{0.96, 0.66}, [2]float64{0.95, 0.63}},
	{"unseen10", [4]float64{0.95, 0.45, 0.99, 0.84}, [2]float64{0.94, 0.40}, [2]float64{0.95, 0.45}},
	{"unseen11", [4]float64{0.90, 0.57, 0.98, 0.84}, [2]float64{0.95, 0.57}, [2]float64{0.82, 0.57}},
	{"unseen12", [4]float64{0.99, 0.56, 0.99, 0.86}, [2]float64{0.99, 0.63}, [2]float64{0.99, 0.63}},
	{"unseen13", [4]float64{0.92, 0.60, 0.98, 0.87}, [2]float64{0.96, 0.60}, [2]float64{0.90, 0.62}},
	{"unseen14", [4]float64{0.95, 0.54, 0.99, 0.85}, [2]float64{0.91, 0.56}, [2]float64{0.91, 0.59}},
	{"unseen15", [4]float64{0.99, 0.61, 0.99, 0.88}, [2]float64{0.99, 0.69}, [2]float64{0.99, 0.75}},
}
