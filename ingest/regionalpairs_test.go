package ingest

import (
	"bufio"
	"encoding/json"
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
	lang, concepts := m.Concepts(rules.Item{Title: r.Title, Text: r.Lead})
	return stories.OfReport(r.Title, r.Lead, lang.String(), concepts)
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
	bcubedP, bcubedR float64
	reasons          map[string]map[string]int // "same"/"different" → reason → pairs
	byKind           map[string][2]int         // kind → pairs joined, pairs
	mistakes         []string
}

func evaluateRegional(ps []regionalPair, w stories.Weights, m *rules.Matcher) pairsVerdict {
	v := pairsVerdict{reasons: map[string]map[string]int{"same": {}, "different": {}}, byKind: map[string][2]int{}}
	gold, got := newUnion(), newUnion()
	for _, p := range ps {
		a, b := fingerprintOf(m, p.A), fingerprintOf(m, p.B)
		joined, reason := judge(p, a, b, w)
		if apart, ok := daysApart(p.A.Published, p.B.Published); ok && apart > DefaultStoryWindow {
			joined, reason = false, outsideWindow
		}
		v.pairs.Add(joined, p.Same)
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
			v.mistakes = append(v.mistakes, storypairs.Mistake(joined)+" ("+reason+", "+p.A.Lang+"/"+p.B.Lang+"): "+p.A.Title+" ~ "+p.B.Title)
		}
	}
	v.bcubedP, v.bcubedR = bcubed(gold, got)
	return v
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
	for i, part := range regionalParts {
		countUpTo(max(i+1, 2))
		v := evaluateRegional(parts[part.name], &df, m)
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
// floors, rounded down from what it measured.
//
// Pair by pair, unseen is what unseen.jsonl measures: gathered after every
// choice of the rule was made, in two parts, read once each (the first 61
// pairs at 62a7ea7: 0.619, 0.382; the other 60 at f5be9c9: 0.720,
// 0.529; both then 0.674, 0.456), and again after each of two changes:
// one rule they showed to join more different events than retellings
// was taken out (0.698, 0.441), and crossed details, chosen on the tuned
// part, kept one more retelling apart (0.690, 0.426); then the rules'
// words of killing ("убили") gave one Russian report of the Aktobe attack
// a concept its English retelling lacks, below stories.CrossFrom (0.683,
// 0.412): the evidence moves with the rules' vocabulary. So does it with
// the gazetteer's: once "Chui", 24.kg's English spelling of Чүй, named a
// place, two of its reports of different arrests in Chüy region, written
// to one template, shared a detail and joined by words (0.806 → 0.784).
//
// Pair by pair, unseen2 is what unseen2.jsonl measured when first read,
// at 7ba3967: 124 pairs gathered by two helper sessions after all of the
// above (unseen2-notes/), from pages no other part uses. Like unseen, it
// moves with the rules' vocabulary: when Russian "вооружённый" left
// $clash for a list of its own ($armed: "armed forces" made border
// incidents of arms deliveries), one pair of retellings lost the act it
// shared (0.833, 0.405 → 0.829, 0.392; 0.976, 0.823 → 0.976, 0.819).
//
// Pair by pair, tune and holdout are what the two parts
// measure (pairwise precision, recall; BCubed precision, recall), rounded
// down: guards against losing ground. The held-out part was first read at
// e54198e (0.800, 0.414; 0.973, 0.842), and again after each of two
// changes chosen on the tuned part (reports naming only a country and a
// concept are candidates across languages, and dates: 0.778, 0.483; eight
// keys of evidence rather than four: 0.789, 0.517; one place named two
// ways is no conflict of names: 0.800, 0.552; a wire's dateline is not
// the event's place: 0.810, 0.586, while the tuned part lost a pair whose
// datelines alone had kept it apart; crossed details: unchanged, while
// the tuned part kept two more pairs of different events apart; the
// rules' $terror-acts as evidence: 0.818, 0.621; one act needs a detail
// in common, chosen on the tuned part: 0.857, 0.414). The issue asks 0.95
// and 0.85 of the tuned part; the clustering does not reach them yet
// (docs/story-quality.md). Every part was read after that rule (tuned
// 0.914, 0.500; unseen 0.750, 0.353; unseen2 0.812, 0.351), and again
// after two outlets' reports of one act and place dated within a day
// join (ingest.Candidate.Close): tuned 0.951, 0.609; unseen 0.806,
// 0.426; unseen2 0.833, 0.405; the held-out part did not move. Days named
// far apart in title or lead keep two reports apart (stories.ApartDays,
// 2026-12-07): tuned 0.975, 0.609 (BCubed 0.995); held out 0.923, 0.414
// (0.991); no other part moved. An act of terror or a prison riot
// (stories.RareActs) needs no detail in common: tuned 0.976, 0.625 (0.995,
// 0.882); held out 0.933, 0.483 (0.991, 0.864); no other part moved. A
// town and the province it lies in are one place (geo/within.tsv): tuned
// 0.976, 0.641 (0.995, 0.886); held out 0.938, 0.517 (0.991, 0.873); no
// other part moved.
//
// Pair by pair, close is what close.jsonl measured when first read: 39
// pairs whose reports were both dated, a day apart at most, gathered by
// two helper sessions (close-notes/) after the rule of closeness was
// written and before any of it was scored (0.857, 0.600; 0.938, 0.794;
// without closeness it measures 1.000, 0.233), rounded down from what it
// measures since SCNS and GNKB read as GKNB (0.864, 0.633; 0.937, 0.810).
// Pair by pair, close2 is
// what close2.jsonl measured when first read, at 66a95fd: 48 pairs (38
// of different events) dated a day apart at most, gathered by two more
// helper sessions (close2-notes/) from crises where many acts happened
// on consecutive days (0.263, 0.500; 0.829, 0.941; without closeness
// 0.182, 0.200), raised to what it measures since Russian ordinals in
// any case and English ones in digits are numbers (0.312, 0.500; 0.865,
// 0.941): close2 has been read, so this is no unseen figure. Since two
// outlets' reports dated within a day may join with details crossed
// (ingest.closeEnough): close 0.870, 0.667 (0.937, 0.826); close2 0.400,
// 0.800 (0.853, 0.976): three retellings more and one false join; tuned
// 0.977, 0.656 and unseen4 0.909, 0.526 gained a retelling each.
//
// Pair by pair, unseen3 is what unseen3.jsonl measured when first read, at
// 7e5a5a1: 119 pairs (46 of different events) gathered by two helper
// sessions after days apart were written (unseen3-notes/), committed
// before any score was computed on it (0.893, 0.342; 0.987, 0.782). The
// rule of days kept three of its pairs of different events apart, each of
// which another signal kept apart too (the same figures without it).
//
// Pair by pair, unseen4 is what unseen4.jsonl measured when first read, at
// dc70fef: 68 pairs (30 of different events) gathered by two helper
// sessions after days apart and rare acts were chosen (unseen4-notes/),
// committed before any score was computed on it (0.905, 0.500; 0.985,
// 0.860).
//
// Pair by pair, unseen5 is what unseen5.jsonl measured when first read, at
// 6b69c92: 77 pairs (33 of different events, 20 of one event in English
// and Russian) gathered by two helper sessions after a town's province
// and crossed details of one day were chosen (unseen5-notes/), committed
// before any score was computed on it (1.000, 0.500; 1.000, 0.831).
// Pair by pair, unseen6 is what unseen6.jsonl measured when first read, at
// 812a9ed: 86 pairs (38 of different events, 15 of one event in English
// and Russian), gathered by two more helper sessions after unseen5 was
// read (unseen6-notes/), committed before any score (0.957, 0.458; 0.993,
// 0.824).
// Pair by pair, unseen7 is what unseen7.jsonl measured when first read, at
// c0b96cf: 56 pairs (23 of different events, 9 of one event in English
// and Russian) gathered under a brief asking first for the kinds
// (retellings, two languages, different events of one kind; unseen7-notes/),
// committed before any score (1.000, 0.667; 1.000, 0.882).
// Pair by pair, unseen8 is what unseen8.jsonl measured when first read, at
// 6dffb4e, after a shared count corroborated and Overwhelming became 0.6:
// 62 pairs (26 of different events, 11 of one event in English and
// Russian; unseen8-notes/), committed before any score (0.952, 0.556;
// 0.991, 0.850).
// Pair by pair, unseen9 is what unseen9.jsonl measured when first read, at
// 5b37376, with the clustering as unseen8 met it: 59 pairs (23 of
// different events, 14 of one event in English and Russian;
// unseen9-notes/), committed before any score (0.952, 0.556; 0.982, 0.860).
// Pair by pair, unseen10 is what unseen10.jsonl measured when first read,
// at 83871e8, after quote marks left the words: 72 pairs (30 of different
// events, 7 of one event in English and Russian; unseen10-notes/),
// committed before any score (0.947, 0.429; 0.993, 0.833).
// Pair by pair, unseen11 is what unseen11.jsonl measured when first read,
// at 34ea364, after a word came to name only the places it is a form of:
// 58 pairs (25 of different events, 8 of one event in English and
// Russian; unseen11-notes/), committed before any score (0.895, 0.515;
// 0.980, 0.828).
// Pair by pair, unseen12 is what unseen12.jsonl measured when first read,
// at 4be12a4, after countries beyond the region became evidence and
// violence one act: 86 pairs (31 of different events, 15 of one event in
// English and Russian; unseen12-notes/), committed before any score
// (1.000, 0.473; 1.000, 0.831).
// Since a word names only the places it is a form of (stories.appendReadings),
// unseen3 and unseen6 lose the join of a pair that shared a place only by
// a word's stem ("Turkish" as Turkestan, "RIA Novosti" as Novosibirsk):
// 0.893 / 0.342 → 0.889 / 0.329 and 0.957 / 0.458 → 0.955 / 0.438; close
// gains one: 0.870 / 0.667 → 0.875 / 0.700.
// Since a country beyond the region is a country, not a name (Syria no
// longer weighs as a name both share), unseen6 loses a join across
// languages: 0.955 / 0.438 → 0.952 / 0.417.
//
// Through one store: what each part measures since two outlets' reports
// of one act and place dated within a day join (ingest.Candidate.Close),
// rounded down; the first three had been read when that test was
// written, unseen2 was read first by it, at 7ba3967, close.jsonl with the
// rule of closeness (docs/story-quality.md has each reading); unseen since
// "Chui" named a place (above): 0.780 → 0.762; tune and holdout since days
// far apart keep two reports apart (stories.ApartDays): 0.902 → 0.920 and
// 0.812 → 0.867, and holdout since rare acts need no detail
// (stories.RareActs): 0.882 / 0.517, and since a town and its province
// are one place: 0.889 / 0.552; close and close2 since two outlets'
// reports a day apart join with details crossed: 0.875 / 0.700 → 0.846 /
// 0.733, 0.316 / 0.600 → 0.364 / 0.800; unseen3 as first read, at 7e5a5a1
// (0.853 without days apart), and unseen4 at dc70fef, unseen5 at 6b69c92,
// unseen6 at 812a9ed, unseen7 at c0b96cf, unseen8 at 6dffb4e, unseen9 at
// 5b37376, unseen10 at 83871e8, unseen11 at 34ea364, unseen12 at 4be12a4; unseen, unseen3 and unseen6 since a word
// names only the places it is a form of: 0.762 / 0.471 → 0.756 / 0.456,
// 0.879 / 0.397 → 0.875 / 0.384, 0.957 / 0.458 → 0.955 / 0.438, and close
// 0.846 / 0.733 → 0.857 / 0.800; unseen since a country beyond the
// region is no name shared (Сирии): 0.756 / 0.456 → 0.738 / 0.456; tune
// since violence is one act (stories.ViolentActs): 0.922 / 0.734 → 0.906
// / 0.750.
//
// After the bundled feeds: what each part measured when that test was
// written (at 0ef7948), but tune since stories.Overwhelming is 0.6, not
// 0.5: 0.870 → 0.922; unseen8, unseen9 and unseen10 as first read, at
// 6dffb4e, 5b37376 and 83871e8; close since a number grouped by thousands
// is one number (2,601 detained against 2,7 тысячи no longer share a
// "2"): 0.852 / 0.767 → 0.846 / 0.733; unseen, unseen3, unseen6 and close
// since a word names only the places it is a form of: 0.767 / 0.485 →
// 0.762 / 0.471, 0.816 / 0.425 → 0.811 / 0.411, 0.957 / 0.458 → 0.955 /
// 0.438, 0.846 / 0.733 → 0.857 / 0.800; unseen11 as first read, at 34ea364;
// unseen since a country beyond the region is no name shared (Сирии):
// 0.762 / 0.471 → 0.738 / 0.456; tune since violence is one act: 0.922 /
// 0.734 → 0.906 / 0.750; unseen12 as first read, at 4be12a4.
var regionalParts = []regionalPart{
	{"tune", [4]float64{0.97, 0.65, 0.99, 0.88}, [2]float64{0.90, 0.75}, [2]float64{0.90, 0.75}},
	{"holdout", [4]float64{0.94, 0.55, 0.99, 0.88}, [2]float64{0.89, 0.58}, [2]float64{0.90, 0.62}},
	{"unseen", [4]float64{0.80, 0.47, 0.96, 0.83}, [2]float64{0.75, 0.50}, [2]float64{0.75, 0.50}},
	{"unseen2", [4]float64{0.84, 0.44, 0.97, 0.83}, [2]float64{0.86, 0.41}, [2]float64{0.85, 0.45}},
	{"close", [4]float64{0.87, 0.70, 0.93, 0.83}, [2]float64{0.86, 0.83}, [2]float64{0.86, 0.83}},
	{"close2", [4]float64{0.40, 0.80, 0.85, 0.97}, [2]float64{0.36, 0.80}, [2]float64{0.36, 0.80}},
	{"unseen3", [4]float64{0.92, 0.35, 0.99, 0.78}, [2]float64{0.90, 0.41}, [2]float64{0.86, 0.43}},
	{"unseen4", [4]float64{0.99, 0.57, 0.99, 0.88}, [2]float64{0.99, 0.65}, [2]float64{0.96, 0.65}},
	{"unseen5", [4]float64{0.99, 0.54, 0.99, 0.84}, [2]float64{0.99, 0.54}, [2]float64{0.96, 0.54}},
	{"unseen6", [4]float64{0.95, 0.43, 0.99, 0.81}, [2]float64{0.95, 0.45}, [2]float64{0.95, 0.45}},
	{"unseen7", [4]float64{0.99, 0.69, 0.99, 0.89}, [2]float64{0.99, 0.66}, [2]float64{0.99, 0.69}},
	{"unseen8", [4]float64{0.95, 0.61, 0.99, 0.86}, [2]float64{0.95, 0.63}, [2]float64{0.95, 0.63}},
	{"unseen9", [4]float64{0.95, 0.63, 0.98, 0.88}, [2]float64{0.95, 0.63}, [2]float64{0.95, 0.61}},
	{"unseen10", [4]float64{0.95, 0.45, 0.99, 0.84}, [2]float64{0.94, 0.40}, [2]float64{0.95, 0.45}},
	{"unseen11", [4]float64{0.90, 0.54, 0.98, 0.83}, [2]float64{0.94, 0.54}, [2]float64{0.81, 0.54}},
	{"unseen12", [4]float64{0.99, 0.52, 0.99, 0.84}, [2]float64{0.99, 0.60}, [2]float64{0.99, 0.60}},
}
