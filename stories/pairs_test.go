package stories_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

type pairItem struct {
	Feed  string `json:"feed"`
	Title string `json:"title"`
	Lead  string `json:"lead"`
}

type pair struct {
	Same bool
	A, B pairItem
}

func (p *pair) UnmarshalJSON(b []byte) error {
	var raw struct {
		Same bool     `json:"same"`
		A    pairItem `json:"a"`
		B    pairItem `json:"b"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	p.Same, p.A, p.B = raw.Same, raw.A, raw.B
	return nil
}

// corpus is every item of the real feeds, the background against which
// words are weighted (as the store's counts are, in the daemon).
func corpus(t *testing.T) (map[string][]feeds.Item, *stories.DocFreq) {
	t.Helper()
	files, _ := filepath.Glob("../testdata/feeds/*")
	byFeed := map[string][]feeds.Item{}
	df := &stories.DocFreq{}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		body, _ := os.ReadFile(f)
		feed, err := feeds.Parse(body, "")
		if err != nil {
			t.Fatal(err)
		}
		items := feeds.Normalise(feed, feeds.Source{URL: f}, time.Now())
		byFeed[filepath.Base(f)] = items
		for _, it := range items {
			df.Add(stories.Of(it.Title, it.Summary).Words)
		}
	}
	// The composed items are part of what the store would have seen too.
	for _, p := range loadPairs(t) {
		for _, it := range []pairItem{p.A, p.B} {
			if it.Feed == "" {
				df.Add(stories.Of(it.Title, it.Lead).Words)
			}
		}
	}
	return byFeed, df
}

func resolve(t *testing.T, byFeed map[string][]feeds.Item, p pairItem) (string, string) {
	if p.Feed == "" {
		return p.Title, p.Lead
	}
	for _, it := range byFeed[p.Feed] {
		if strings.HasPrefix(it.Title, p.Title) {
			return it.Title, it.Summary
		}
	}
	t.Fatalf("no item %q in %s", p.Title, p.Feed)
	return "", ""
}

func loadPairs(t *testing.T) []pair { return loadPairFile(t, "testdata/pairs.json") }

func loadPairFile(t *testing.T, path string) []pair {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var set struct{ Pairs []pair }
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	return set.Pairs
}

// TestClusteringPrecisionRecall reports how well the clustering rule (a
// shared LSH band, then weighted similarity at the default threshold)
// tells the labelled pairs apart, and fails below 0.9 for either.
func TestClusteringPrecisionRecall(t *testing.T) {
	byFeed, df := corpus(t)
	pairs := loadPairs(t)
	if len(pairs) < 60 {
		t.Fatalf("only %d labelled pairs", len(pairs))
	}
	precision, recall := evaluate(t, byFeed, df, pairs)
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.9 for both", precision, recall)
	}
}

// TestHeldOutPairs reports the same on pairs gathered after the rule and
// its threshold were set, and never used to tune them. The floors guard
// against losing more; they are not the goal.
func TestHeldOutPairs(t *testing.T) {
	byFeed, df := corpus(t)
	precision, recall := evaluate(t, byFeed, df, loadPairFile(t, "testdata/heldout.json"))
	if precision < 0.85 || recall < 0.6 {
		t.Errorf("held out: precision %.3f, recall %.3f: want at least 0.85 and 0.6", precision, recall)
	}
}

// TestUnseenPairs reports the same on 63 pairs labelled before any score
// was computed on them, and before or without any change to the rule: the
// fairest measure of what to expect of news the rule has not seen. Today:
// precision 0.769, recall 0.312 — far below pairs.json. Most of its pairs
// are one outlet's follow-ups and reactions, which share few words with
// the first report. The floors guard against losing more; the 0.9
// is not met.
func TestUnseenPairs(t *testing.T) {
	byFeed, df := corpus(t)
	precision, recall := evaluate(t, byFeed, df, loadPairFile(t, "testdata/unseen.json"))
	if precision < 0.75 || recall < 0.3 {
		t.Errorf("unseen: precision %.3f, recall %.3f: want at least 0.75 and 0.3", precision, recall)
	}
}

// TestSealedPairs reports the totals on 34 pairs labelled before any score
// was computed on them and kept out of every choice since: only the totals,
// never which pairs fail, so that the set can judge the next change to the
// rule once. Today: see the README.
func TestSealedPairs(t *testing.T) {
	byFeed, df := corpus(t)
	var c counts
	for _, p := range scoreAll(t, byFeed, df, loadPairFile(t, "testdata/sealed.json")) {
		c.add(p.candidate && p.score >= stories.DefaultThreshold, p.same)
	}
	t.Logf("sealed: %d pairs (%d same story, %d different): %s", c.tp+c.fp+c.fn+c.tn, c.tp+c.fn, c.fp+c.tn, c)
}

// allPairs is every labelled pair: pairs.json, heldout.json, unseen.json.
func allPairs(t *testing.T) []pair {
	var all []pair
	for _, f := range []string{"pairs", "heldout", "unseen"} {
		all = append(all, loadPairFile(t, "testdata/"+f+".json")...)
	}
	return all
}

func evaluate(t *testing.T, byFeed map[string][]feeds.Item, df *stories.DocFreq, pairs []pair) (precision, recall float64) {
	t.Helper()
	var c counts
	var byOutlet [2]counts // [0]: two outlets (or composed), [1]: one outlet's follow-up
	for _, p := range pairs {
		at, al := resolve(t, byFeed, p.A)
		bt, bl := resolve(t, byFeed, p.B)
		fa, fb := stories.Of(at, al), stories.Of(bt, bl)
		same := stories.Same(fa, fb, df, stories.DefaultThreshold)
		c.add(same, p.Same)
		if p.A.Feed != "" && p.A.Feed == p.B.Feed {
			byOutlet[1].add(same, p.Same)
		} else {
			byOutlet[0].add(same, p.Same)
		}
		if same != p.Same {
			kind := "missed"
			if same {
				kind = "false join"
			}
			t.Logf("%s (%.2f): %q ~ %q", kind, stories.Score(fa, fb, df), at, bt)
		}
	}
	t.Logf("%d pairs (%d same story, %d different): %s", len(pairs), c.tp+c.fn, c.fp+c.tn, c)
	for i, what := range []string{"from two outlets", "from one outlet"} {
		o := byOutlet[i]
		t.Logf("  %d of them %s: %s", o.tp+o.fp+o.fn+o.tn, what, o)
	}
	return c.precision(), c.recall()
}

// counts tallies a rule's verdicts against the labels.
type counts struct{ tp, fp, fn, tn int }

func (c *counts) add(joined, same bool) {
	switch {
	case joined && same:
		c.tp++
	case joined:
		c.fp++
	case same:
		c.fn++
	default:
		c.tn++
	}
}

func (c counts) precision() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fp)) }
func (c counts) recall() float64    { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }

// fBeta weighs precision and recall: beta 1 weighs them alike, beta 0.5
// weighs precision twice as much.
func (c counts) fBeta(beta float64) float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	b2 := beta * beta
	return (1 + b2) * p * r / (b2*p + r)
}

func (c counts) String() string {
	return fmt.Sprintf("precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
		c.precision(), c.recall(), c.tp, c.fp, c.fn, c.tn)
}

// scoredPair is a labelled pair as the rule sees it.
type scoredPair struct {
	same, candidate bool // candidate: a shared band, no conflict
	score           float64
}

func scoreAll(t *testing.T, byFeed map[string][]feeds.Item, df *stories.DocFreq, pairs []pair) []scoredPair {
	out := make([]scoredPair, len(pairs))
	for i, p := range pairs {
		at, al := resolve(t, byFeed, p.A)
		bt, bl := resolve(t, byFeed, p.B)
		fa, fb := stories.Of(at, al), stories.Of(bt, bl)
		out[i] = scoredPair{same: p.Same, candidate: stories.Same(fa, fb, df, math.Inf(-1)), score: stories.Score(fa, fb, df)}
	}
	return out
}

func countAt(ps []scoredPair, threshold float64) counts {
	var c counts
	for _, p := range ps {
		c.add(p.candidate && p.score >= threshold, p.same)
	}
	return c
}

// TestThresholdSweep shows the trade-off on every labelled pair, for
// choosing DefaultThreshold.
func TestThresholdSweep(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	byFeed, df := corpus(t)
	all := allPairs(t)
	evaluate(t, byFeed, df, all)
	scored := scoreAll(t, byFeed, df, all)
	for _, th := range []float64{0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.3} {
		t.Logf("threshold %.2f: %s", th, countAt(scored, th))
	}
}

// TestThresholdCrossValidated estimates how the rule does on news it has
// not seen when its threshold is chosen on labelled pairs: ten times over
// three shuffles, the threshold that scores best on nine tenths of the
// labelled pairs (sealed.json aside) is judged on the tenth left out —
// once choosing by F1, once by F0.5, which weighs precision twice, as the
// product does (a false join costs an alert).
func TestThresholdCrossValidated(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	byFeed, df := corpus(t)
	scored := scoreAll(t, byFeed, df, allPairs(t))
	for _, beta := range []float64{1, 0.5} {
		c, chosen := crossValidate(scored, beta)
		t.Logf("F%g: %d pairs, threshold chosen per fold %.3f–%.3f (median %.3f), on all pairs %.3f: %s",
			beta, len(scored), chosen[0], chosen[len(chosen)-1], chosen[len(chosen)/2], bestThreshold(scored, beta), c)
	}
}

// crossValidate tallies, over ten folds of three shuffles, the verdicts on
// each fold at the threshold best on the other nine, and returns the
// thresholds chosen, sorted.
func crossValidate(scored []scoredPair, beta float64) (counts, []float64) {
	const folds = 10
	var total counts
	var chosen []float64
	for shuffle := range 3 {
		order := rand.New(rand.NewPCG(uint64(shuffle), 0)).Perm(len(scored))
		for fold := range folds {
			var train, test []scoredPair
			for i, j := range order {
				if i%folds == fold {
					test = append(test, scored[j])
				} else {
					train = append(train, scored[j])
				}
			}
			th := bestThreshold(train, beta)
			chosen = append(chosen, th)
			c := countAt(test, th)
			total.tp, total.fp, total.fn, total.tn = total.tp+c.tp, total.fp+c.fp, total.fn+c.fn, total.tn+c.tn
		}
	}
	slices.Sort(chosen)
	return total, chosen
}

// bestThreshold is the score threshold with the highest F-beta on ps.
func bestThreshold(ps []scoredPair, beta float64) float64 {
	best, bestF := 0.0, -1.0
	for _, p := range ps {
		if f := countAt(ps, p.score).fBeta(beta); f > bestF {
			best, bestF = p.score, f
		}
	}
	return best
}
