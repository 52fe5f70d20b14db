package stories_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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
// its threshold were set, and never used to tune them: what to expect of
// news the rule has not seen. Today: precision 0.875, recall 0.636 — the
// rule is fitted to pairs.json more than the 0.9 there suggests. The
// floors guard against losing more; they are not the goal.
func TestHeldOutPairs(t *testing.T) {
	byFeed, df := corpus(t)
	precision, recall := evaluate(t, byFeed, df, loadPairFile(t, "testdata/heldout.json"))
	if precision < 0.85 || recall < 0.6 {
		t.Errorf("held out: precision %.3f, recall %.3f: want at least 0.85 and 0.6", precision, recall)
	}
}

func evaluate(t *testing.T, byFeed map[string][]feeds.Item, df *stories.DocFreq, pairs []pair) (precision, recall float64) {
	t.Helper()
	var tp, fp, fn, tn int
	for _, p := range pairs {
		at, al := resolve(t, byFeed, p.A)
		bt, bl := resolve(t, byFeed, p.B)
		fa, fb := stories.Of(at, al), stories.Of(bt, bl)
		same := stories.Same(fa, fb, df, stories.DefaultThreshold)
		score := stories.Score(fa, fb, df)
		switch {
		case same && p.Same:
			tp++
		case same && !p.Same:
			fp++
			t.Logf("false join (%.2f): %q ~ %q", score, at, bt)
		case !same && p.Same:
			fn++
			t.Logf("missed (%.2f): %q ~ %q", score, at, bt)
		default:
			tn++
		}
	}
	precision = float64(tp) / float64(tp+fp)
	recall = float64(tp) / float64(tp+fn)
	t.Logf("%d pairs (%d same story, %d different): precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
		len(pairs), tp+fn, fp+tn, precision, recall, tp, fp, fn, tn)
	return precision, recall
}

// TestThresholdSweep shows the trade-off, for choosing DefaultThreshold.
func TestThresholdSweep(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	byFeed, df := corpus(t)
	pairs := loadPairs(t)
	for _, th := range []float64{0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.3} {
		var tp, fp, fn int
		for _, p := range pairs {
			at, al := resolve(t, byFeed, p.A)
			bt, bl := resolve(t, byFeed, p.B)
			same := stories.Same(stories.Of(at, al), stories.Of(bt, bl), df, th)
			switch {
			case same && p.Same:
				tp++
			case same:
				fp++
			case p.Same:
				fn++
			}
		}
		t.Logf("threshold %.2f: precision %.3f recall %.3f", th, float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn))
	}
}
