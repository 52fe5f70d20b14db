package stories_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// scoredPair is a labelled pair as the rule sees it.
type scoredPair struct {
	storypairs.Pair
	titleA, titleB string
	candidate      bool // a shared band, the same script, no conflict
	score          float64
	// closeness is the cosine of the two reports' embeddings when the rule
	// would ask for it — both in English, the words short of the default
	// threshold but at least NearFloor — and NaN otherwise.
	closeness float64
}

// joinedByWords is the verdict of the words alone at threshold.
func (p scoredPair) joinedByWords(threshold float64) bool { return p.candidate && p.score >= threshold }

// rule is a verdict on a pair: the rule at its defaults (by the words), or
// with joining by meaning on.
type rule struct {
	name   string
	joined func(scoredPair) bool
}

var (
	byWords   = rule{"by words", func(p scoredPair) bool { return p.joinedByWords(stories.DefaultThreshold) }}
	byMeaning = rule{"by words, then meaning", func(p scoredPair) bool {
		return p.joinedByWords(stories.DefaultThreshold) || p.closeness >= stories.DefaultMeaningThreshold
	}}
)

// report is a report with its fingerprint.
type report struct {
	title, summary string
	fp             stories.Fingerprint
}

func newReport(title, summary string) report {
	return report{title, summary, stories.Of(title, summary)}
}

// newScoredPair scores two reports.
func newScoredPair(t *testing.T, p storypairs.Pair, df *stories.DocFreq, a, b report) scoredPair {
	_, _, apart := stories.Compare(a.fp, b.fp, df)
	may := apart == ""
	sp := scoredPair{Pair: p, titleA: a.title, titleB: b.title, closeness: math.NaN(),
		candidate: may && storypairs.ShareBand(a.fp, b.fp), score: stories.Score(a.fp, b.fp, df)}
	if sp.candidate && !sp.joinedByWords(stories.DefaultThreshold) && sp.score >= stories.NearFloor {
		sp.closeness = closeness(t, stories.Text(a.title, a.summary), stories.Text(b.title, b.summary))
	}
	return sp
}

// embeddings caches the test binary's embeddings, by text.
var embeddings sync.Map

// closeness is the cosine of two texts' embeddings, as the store compares
// them (packed), or NaN if either is not English.
func closeness(t *testing.T, a, b string) float64 {
	t.Helper()
	enc, err := semantic.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !enc.Knows(a) || !enc.Knows(b) {
		return math.NaN()
	}
	embed := func(text string) []float32 {
		if v, ok := embeddings.Load(text); ok {
			return v.([]float32)
		}
		v := semantic.Decode(semantic.Encode(enc.Embed(text)))
		embeddings.Store(text, v)
		return v
	}
	return semantic.Cosine(embed(a), embed(b))
}

// score fingerprints the reports of the given labelled sets, with word
// weights counted over every item of the real feeds and the composed
// reports (the background the store's counts are, in the daemon).
func score(t *testing.T, sets ...string) []scoredPair {
	t.Helper()
	byFeed := storypairs.FeedItems(t)
	df := docFreq(t)
	var out []scoredPair
	for _, set := range sets {
		for _, p := range storypairs.Load(t, set) {
			a, b := storypairs.Find(t, byFeed, p.A), storypairs.Find(t, byFeed, p.B)
			out = append(out, newScoredPair(t, p, df, newReport(a.Title, a.Summary), newReport(b.Title, b.Summary)))
		}
	}
	return out
}

// scoreStream scores, as score does, every pair of reports of a labelled
// stream published within its window, but those its labels leave out.
func scoreStream(t *testing.T, name string) []scoredPair {
	t.Helper()
	df := docFreq(t)
	s := storypairs.LoadStream(t, name)
	items := s.Items
	reports := make([]report, len(items))
	for i, it := range items {
		reports[i] = newReport(it.Title, it.Summary)
	}
	window := time.Duration(s.WindowHours) * time.Hour
	var out []scoredPair
	for i, a := range items {
		for j := i + 1; j < len(items) && items[j].Published.Sub(a.Published) <= window; j++ {
			b := items[j]
			v := s.Judge(a, b)
			if v == storypairs.LeftOut {
				continue
			}
			p := storypairs.Pair{Same: v == storypairs.Same, A: storypairs.Report{Feed: a.Feed}, B: storypairs.Report{Feed: b.Feed}}
			if p.Same {
				p.Kind = s.Kind(a, b)
			}
			out = append(out, newScoredPair(t, p, df, reports[i], reports[j]))
		}
	}
	return out
}

// docFreq counts the words of every item of the real feeds and of the
// composed reports (the background the store's counts are, in the daemon).
func docFreq(t *testing.T) *stories.DocFreq {
	t.Helper()
	df := &stories.DocFreq{}
	for _, items := range storypairs.FeedItems(t) {
		for _, it := range items {
			df.Add(stories.Of(it.Title, it.Summary).Words)
		}
	}
	for _, p := range storypairs.Load(t, "pairs") {
		for _, r := range []storypairs.Report{p.A, p.B} {
			if r.Feed == "" {
				df.Add(stories.Of(r.Title, r.Lead).Words)
			}
		}
	}
	return df
}

// evaluate judges the pairs at the default threshold, logs each mistake
// and the totals (those of two outlets' reports and of one outlet's
// follow-ups apart), and returns the precision and recall.
func evaluate(t *testing.T, ps []scoredPair, r rule) (precision, recall float64) {
	t.Helper()
	var all storypairs.Counts
	var byOutlet [2]storypairs.Counts // [0]: two outlets (or composed), [1]: one outlet's follow-up
	for _, p := range ps {
		joined := r.joined(p)
		all.Add(joined, p.Same)
		outlet := 0
		if p.OneOutlet() {
			outlet = 1
		}
		byOutlet[outlet].Add(joined, p.Same)
		if joined != p.Same {
			t.Logf("%s: %s (%.2f): %q ~ %q", r.name, storypairs.Mistake(joined), p.score, p.titleA, p.titleB)
		}
	}
	t.Logf("%s: %d pairs (%d same story, %d different): %s", r.name, len(ps), all.Same(), all.Pairs()-all.Same(), all)
	for i, what := range []string{"from two outlets", "from one outlet"} {
		o := byOutlet[i]
		t.Logf("  %d of them %s: %s", o.Pairs(), what, o)
	}
	return all.Precision(), all.Recall()
}

// floors checks each rule's precision and recall on ps against its floor.
func floors(t *testing.T, set string, ps []scoredPair, want map[string][2]float64) {
	t.Helper()
	for _, r := range []rule{byWords, byMeaning} {
		precision, recall := evaluate(t, ps, r)
		if f := want[r.name]; precision < f[0] || recall < f[1] {
			t.Errorf("%s, %s: precision %.3f, recall %.3f: want at least %.2f and %.2f", set, r.name, precision, recall, f[0], f[1])
		}
	}
}

// TestClusteringPrecisionRecall reports how well the clustering rule (a
// shared LSH band, then weighted similarity at the default threshold)
// tells the labelled pairs apart, and fails below 0.9 for either — with
// joining by meaning off (the default) and on.
func TestClusteringPrecisionRecall(t *testing.T) {
	ps := score(t, "pairs")
	if len(ps) < 60 {
		t.Fatalf("only %d labelled pairs", len(ps))
	}
	floors(t, "pairs", ps, map[string][2]float64{byWords.name: {0.9, 0.9}, byMeaning.name: {0.9, 0.9}})
}

// TestHeldOutPairs reports the same on pairs gathered after the rule and
// its threshold were set, and never used to tune them. The floors guard
// against losing more; they are not the goal.
func TestHeldOutPairs(t *testing.T) {
	floors(t, "heldout", score(t, "heldout"), map[string][2]float64{byWords.name: {0.85, 0.6}, byMeaning.name: {0.85, 0.6}})
}

// TestUnseenPairs reports the same on 63 pairs labelled before any score
// was computed on them, and before or without any change to the rule: the
// fairest measure of what to expect of news the rule has not seen. Today:
// precision 0.769, recall 0.312 by the words (0.812 and 0.406 with the
// meaning) — far below pairs.json. Most of its pairs are one outlet's
// follow-ups and reactions, in Russian, where the meaning cannot help.
// The floors guard against losing more; the 0.9 is not met.
func TestUnseenPairs(t *testing.T) {
	floors(t, "unseen", score(t, "unseen"), map[string][2]float64{byWords.name: {0.75, 0.3}, byMeaning.name: {0.8, 0.4}})
}

// TestSealedPairs reports the totals on 34 pairs labelled before any score
// was computed on them and kept out of every choice since: only the totals,
// never which pairs fail, so that the set can judge a change to the rule
// once. It judged the meaning (stories/semantic) twice, at closeness 0.77
// and 0.80. Today: precision 0.800, recall 0.333 by the words (0.857 and
// 0.500 with the meaning); the floors guard against losing more.
func TestSealedPairs(t *testing.T) {
	ps := score(t, "sealed")
	for _, r := range []struct {
		rule
		floor [2]float64
	}{{byWords, [2]float64{0.75, 0.3}}, {byMeaning, [2]float64{0.85, 0.45}}} {
		var c storypairs.Counts
		for _, p := range ps {
			c.Add(r.joined(p), p.Same)
		}
		t.Logf("sealed, %s: %d pairs (%d same story, %d different): %s", r.name, c.Pairs(), c.Same(), c.Pairs()-c.Same(), c)
		if c.Precision() < r.floor[0] || c.Recall() < r.floor[1] {
			t.Errorf("sealed, %s: precision %.3f, recall %.3f: want at least %.2f and %.2f", r.name, c.Precision(), c.Recall(), r.floor[0], r.floor[1])
		}
	}
}

// TestNearPairs reports, for each pair set, what follow-ups would do with
// its pairs the words do not join: the pairs of one story whose reports are
// near (the second would follow the first up, quietly), and the pairs of
// different stories that are near too (the second, a story of its own,
// would follow the first up as "related") — listing those, but for a
// sealed set. It fails if a set's near pairs of different stories
// outnumber its near pairs of one story by more than today's.
func TestNearPairs(t *testing.T) {
	for _, set := range storypairs.Sets {
		var sameMissed, sameNear, different, differentNear int
		for _, p := range score(t, set) {
			if p.joinedByWords(stories.DefaultThreshold) {
				continue
			}
			near := p.candidate && p.score >= stories.NearFloor
			switch {
			case p.Same:
				sameMissed++
				if near {
					sameNear++
				}
			default:
				different++
				if near {
					differentNear++
					if !storypairs.Sealed(set) {
						t.Logf("%s: different stories, near (%.3f): %q ~ %q", set, p.score, p.titleA, p.titleB)
					}
				}
			}
		}
		t.Logf("%s: of %d pairs of one story not joined, %d near; of %d pairs of different stories not joined, %d near",
			set, sameMissed, sameNear, different, differentNear)
		if differentNear > sameNear+5 {
			t.Errorf("%s: %d pairs of different stories near, %d of one story", set, differentNear, sameNear)
		}
	}
}

// TestUnsurePairs reports, for each pair set, the pairs the words join
// whose score is short of SureFrom: with follow-ups on, the second report
// of such a pair is sent as a follow-up of the first's alert instead of
// withheld — an alert kept for a pair of different stories, a quiet
// message more for a pair of one story. It fails if, over the sets, fewer
// than half the false joins are unsure, or more than a quarter of the
// right ones.
func TestUnsurePairs(t *testing.T) {
	var falseJoins, falseUnsure, rightJoins, rightUnsure int
	for _, set := range storypairs.Sets {
		var wrong, wrongUnsure, right, unsure int
		for _, p := range score(t, set) {
			if !p.joinedByWords(stories.DefaultThreshold) {
				continue
			}
			short := p.score < stories.SureFrom
			if p.Same {
				right++
				if short {
					unsure++
				}
				continue
			}
			wrong++
			if short {
				wrongUnsure++
			}
			if !storypairs.Sealed(set) {
				t.Logf("%s: different stories joined, unsure %v (%.3f): %q ~ %q", set, short, p.score, p.titleA, p.titleB)
			}
		}
		t.Logf("%s: of %d false joins, %d unsure; of %d right joins, %d unsure", set, wrong, wrongUnsure, right, unsure)
		falseJoins, falseUnsure, rightJoins, rightUnsure = falseJoins+wrong, falseUnsure+wrongUnsure, rightJoins+right, rightUnsure+unsure
	}
	t.Logf("all sets: of %d false joins, %d unsure; of %d right joins, %d unsure", falseJoins, falseUnsure, rightJoins, rightUnsure)
	if 2*falseUnsure < falseJoins || 4*rightUnsure > rightJoins {
		t.Errorf("%d of %d false joins unsure, %d of %d right ones", falseUnsure, falseJoins, rightUnsure, rightJoins)
	}
}

func countAt(ps []scoredPair, threshold float64) storypairs.Counts {
	var c storypairs.Counts
	for _, p := range ps {
		c.Add(p.joinedByWords(threshold), p.Same)
	}
	return c
}

// TestThresholdChoice checks that DefaultThreshold does as well as the
// threshold the product's objective picks on every labelled pair
// (sealed.json aside): its F0.5, which weighs precision twice, since a
// false join costs an alert, within 0.01 of the best (the optimum is flat,
// and where on the plateau it falls moves with any change of the words).
// It also logs the trade-off and a tenfold cross-validation (three
// shuffles) of choosing the threshold by F1 and by F0.5 — the estimate of
// what a threshold chosen on labelled pairs does on news not among them.
func TestThresholdChoice(t *testing.T) {
	all := score(t, "pairs", "heldout", "unseen")
	evaluate(t, all, byWords)
	for _, th := range []float64{0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.3} {
		t.Logf("threshold %.2f: %s", th, countAt(all, th))
	}
	for _, beta := range []float64{1, 0.5} {
		c, chosen := crossValidate(all, beta)
		t.Logf("F%g: %d pairs, threshold chosen per fold %.3f–%.3f (median %.3f), on all pairs %.3f: %s",
			beta, len(all), chosen[0], chosen[len(chosen)-1], chosen[len(chosen)/2], bestThreshold(all, beta), c)
	}
	stream := scoreStream(t, "stream")
	for _, th := range []float64{0.03, 0.05, 0.07, 0.09, 0.12, 0.15, 0.2} {
		t.Logf("stream.json, %d pairs, threshold %.2f: %s", len(stream), th, countAt(stream, th))
	}
	t.Logf("stream.json: best threshold by F1 %.3f, by F0.5 %.3f", bestThreshold(stream, 1), bestThreshold(stream, 0.5))
	lenta := scoreStream(t, "stream3")
	for _, th := range []float64{0.05, 0.09, 0.12, 0.15, 0.2, 0.3} {
		t.Logf("stream3.json (Lenta.ru), %d pairs, threshold %.2f: %s", len(lenta), th, countAt(lenta, th))
	}
	best := bestThreshold(all, 0.5)
	fBest, fDefault := countAt(all, best).FBeta(0.5), countAt(all, stories.DefaultThreshold).FBeta(0.5)
	t.Logf("F0.5 on the labelled pairs: %.3f at the best threshold %.3f, %.3f at DefaultThreshold %.3f",
		fBest, best, fDefault, stories.DefaultThreshold)
	if fBest-fDefault > 0.01 {
		t.Errorf("DefaultThreshold %.3f is stale: its F0.5 %.3f is more than 0.01 below the best threshold's (%.3f at %.3f)",
			stories.DefaultThreshold, fDefault, fBest, best)
	}
}

// crossValidate tallies, over ten folds of three shuffles, the verdicts on
// each fold at the threshold best on the other nine, and returns the
// thresholds chosen, sorted.
func crossValidate(ps []scoredPair, beta float64) (storypairs.Counts, []float64) {
	const folds = 10
	var total storypairs.Counts
	var chosen []float64
	for shuffle := range 3 {
		order := rand.New(rand.NewPCG(uint64(shuffle), 0)).Perm(len(ps))
		for fold := range folds {
			var train, test []scoredPair
			for i, j := range order {
				if i%folds == fold {
					test = append(test, ps[j])
				} else {
					train = append(train, ps[j])
				}
			}
			th := bestThreshold(train, beta)
			chosen = append(chosen, th)
			total.AddAll(countAt(test, th))
		}
	}
	slices.Sort(chosen)
	return total, chosen
}

// bestThreshold is the score threshold with the highest F-beta on ps: of
// the pairs' scores, the first in ps's order that does best. The counts at
// each score come from the candidates sorted once (the stream has 17,163
// pairs; counting them all again for each score took seconds).
func bestThreshold(ps []scoredPair, beta float64) float64 {
	var none storypairs.Counts // nothing joined
	var cands []scoredPair
	for _, p := range ps {
		none.Add(false, p.Same)
		if p.candidate {
			cands = append(cands, p)
		}
	}
	slices.SortFunc(cands, func(a, b scoredPair) int { return cmp.Compare(b.score, a.score) })
	same := make([]int, len(cands)+1) // same[k]: same-story pairs among the k best candidates
	for i, p := range cands {
		same[i+1] = same[i]
		if p.Same {
			same[i+1]++
		}
	}
	at := func(threshold float64) storypairs.Counts { // countAt(ps, threshold)
		k := sort.Search(len(cands), func(i int) bool { return cands[i].score < threshold })
		c := none
		c.TP, c.FN = same[k], c.FN-same[k]
		c.FP, c.TN = k-same[k], c.TN-(k-same[k])
		return c
	}
	best, bestF := 0.0, -1.0
	for _, p := range ps {
		if f := at(p.score).FBeta(beta); f > bestF {
			best, bestF = p.score, f
		}
	}
	return best
}

// TestMeaningThresholdChoice checks DefaultMeaningThreshold against the
// labelled pairs and stream.json (stream2.json and sealed.json aside): its
// F0.5 — precision weighed twice, as for DefaultThreshold — must be within
// 0.01 of the best closeness threshold's. It logs the trade-off.
func TestMeaningThresholdChoice(t *testing.T) {
	ps := append(score(t, "pairs", "heldout", "unseen"), scoreStream(t, "stream")...)
	at := func(c float64) storypairs.Counts {
		var n storypairs.Counts
		for _, p := range ps {
			n.Add(p.joinedByWords(stories.DefaultThreshold) || p.closeness >= c, p.Same)
		}
		return n
	}
	t.Logf("words alone: %s", at(math.Inf(1)))
	best, bestF := 0.0, -1.0
	for c := 0.70; c <= 0.9001; c += 0.01 {
		n := at(c)
		if f := n.FBeta(0.5); f > bestF {
			best, bestF = c, f
		}
		t.Logf("closeness %.2f: F0.5 %.3f, %s", c, n.FBeta(0.5), n)
	}
	if f := at(stories.DefaultMeaningThreshold).FBeta(0.5); f < bestF-0.01 {
		t.Errorf("F0.5 %.3f at DefaultMeaningThreshold %.2f; %.3f at %.2f", f, stories.DefaultMeaningThreshold, bestF, best)
	}
}

// TestRecallByKind reports, for every labelled set and stream, how many
// pairs of one story of each kind the rule joins, and how many more are
// near (the second report a quiet follow-up of the first): retellings (the
// issue's near-duplicates: the same news in other words), developments
// and features — retellings by two outlets apart — and the totals over
// the sets no choice of the rule was made on (heldout, unseen, sealed and
// stream2). Only totals, as for a sealed set. It fails if the words join
// fewer retellings of a set than today, or leave more of them neither
// joined nor near.
func TestRecallByKind(t *testing.T) {
	// Today's retellings by the words: joined, and joined or near.
	floors := map[string][2]int{"pairs": {32, 34}, "heldout": {2, 4}, "unseen": {0, 1}, "stream": {22, 29}, "stream3": {4, 5}}
	fresh := map[string]kindTally{}
	for _, name := range append(slices.Clone(storypairs.Sets), storypairs.Streams...) {
		var ps []scoredPair
		if slices.Contains(storypairs.Streams, name) {
			ps = scoreStream(t, name)
		} else {
			ps = score(t, name)
		}
		for _, r := range []rule{byWords, byMeaning} {
			by := tallyKinds(ps, r)
			t.Logf("%s, %s: %s", name, r.name, by)
			if c, f := by[storypairs.Retelling], floors[name]; r.name == byWords.name && (c[0] < f[0] || c[0]+c[1] < f[1]) {
				t.Errorf("%s: %d retellings joined, %d joined or near; want at least %d and %d", name, c[0], c[0]+c[1], f[0], f[1])
			}
			if name != "pairs" && name != "stream" && name != "stream3" {
				fresh[r.name] = fresh[r.name].add(by)
			}
		}
	}
	for _, r := range []rule{byWords, byMeaning} {
		t.Logf("heldout, unseen, sealed and stream2, %s: %s", r.name, fresh[r.name])
	}
}

// kindTally counts, by kind of pair of one story, the pairs joined, those
// near but not joined, and all.
type kindTally map[string][3]int

// kindKeys are a kindTally's keys, in the order it prints them.
var kindKeys = []string{storypairs.Retelling, storypairs.Retelling + " by two outlets", storypairs.Development, storypairs.Feature}

// tallyKinds counts the pairs of one story among ps, and those r joins.
func tallyKinds(ps []scoredPair, r rule) kindTally {
	by := kindTally{}
	for _, p := range ps {
		if !p.Same {
			continue
		}
		kinds := []string{p.Kind}
		if p.Kind == storypairs.Retelling && !p.OneOutlet() {
			kinds = append(kinds, kindKeys[1])
		}
		for _, k := range kinds {
			c := by[k]
			switch {
			case r.joined(p):
				c[0]++
			case p.candidate && p.score >= stories.NearFloor:
				c[1]++
			}
			c[2]++
			by[k] = c
		}
	}
	return by
}

func (k kindTally) add(o kindTally) kindTally {
	sum := kindTally{}
	for _, m := range []kindTally{k, o} {
		for key, c := range m {
			s := sum[key]
			sum[key] = [3]int{s[0] + c[0], s[1] + c[1], s[2] + c[2]}
		}
	}
	return sum
}

func (k kindTally) String() string {
	var parts []string
	for _, key := range kindKeys {
		if c, ok := k[key]; ok {
			parts = append(parts, fmt.Sprintf("%s: %d joined, %d near, of %d", key, c[0], c[1], c[2]))
		}
	}
	return strings.Join(parts, "; ")
}
