package rules

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/language"
)

// reading is an unseen batch's one reading in a language, taken before any
// tuning on it (testdata/regional/readings.tsv).
type reading struct {
	batch, commit         string
	lang                  language.Lang
	relevant, right, fals int
}

func readReadings(t *testing.T) []reading {
	t.Helper()
	path := filepath.Join("testdata", "regional", "readings.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []reading
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "batch\t") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 7 {
			t.Fatalf("%s:%d: %d columns, want 7", path, n, len(col))
		}
		r := reading{batch: col[0], commit: col[2], lang: language.Parse(col[1])}
		if r.lang == language.Unknown {
			t.Fatalf("%s:%d: language %q", path, n, col[1])
		}
		for i, p := range []*int{&r.relevant, &r.right, &r.fals} {
			if *p, err = strconv.Atoi(col[3+i]); err != nil || *p < 0 {
				t.Fatalf("%s:%d: column %d is %q, want a count", path, n, 4+i, col[3+i])
			}
		}
		if r.right > r.relevant {
			t.Errorf("%s:%d: %d right of %d relevant", path, n, r.right, r.relevant)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// latestReading is a language's last line in readings.tsv: its holdout's
// reading (false when the language has none).
func latestReading(rs []reading, lang language.Lang) (reading, bool) {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].lang == lang {
			return rs[i], true
		}
	}
	return reading{}, false
}

// holdoutFloor is what lang's holdout must measure: holdoutFloors, with the
// recall and precision of its reading rounded down where readings.tsv has
// one, so that the figure is written once.
func holdoutFloor(rs []reading, lang language.Lang) floor {
	f := holdoutFloors[lang]
	if r, ok := latestReading(rs, lang); ok {
		f.recall, f.precision = roundDown(ratio(r.right, r.relevant)), roundDown(ratio(r.right, r.right+r.fals))
	}
	return f
}

// TestUnseenReadingsPooled sums, per language, every unseen batch's one
// reading: the figure the "judged by" line asks of news the rules
// have not seen (docs/languages.md reports it). The latest reading of each
// language is its holdout (holdoutFloor), and the holdout file, when the
// batch is still there, holds as many relevant items as it did.
func TestUnseenReadingsPooled(t *testing.T) {
	rs := readReadings(t)
	seen := map[string]bool{}
	for _, lang := range regionalLanguages {
		var relevant, right, fals, batches int
		var last reading
		for _, r := range rs {
			if r.lang != lang {
				continue
			}
			if key := lang.String() + r.batch; seen[key] {
				t.Errorf("batch %s read twice in %s", r.batch, lang)
			} else {
				seen[key] = true
			}
			relevant, right, fals, batches, last = relevant+r.relevant, right+r.right, fals+r.fals, batches+1, r
		}
		t.Logf("%s: %d batches, %d relevant, %d alerted, %d false alerts: recall %.3f, precision %.3f",
			lang, batches, relevant, right, fals, ratio(right, relevant), ratio(right, right+fals))
		if hold := readLabelled(t, "holdout", lang); len(hold) > 0 {
			n := 0
			for _, l := range hold {
				if l.relevant {
					n++
				}
			}
			if n != last.relevant {
				t.Errorf("%s holdout holds %d relevant items; batch %s was read with %d (readings.tsv)", lang, n, last.batch, last.relevant)
			}
		}
	}
}

// roundDown is x to two decimals, rounded down as the floors are.
func roundDown(x float64) float64 { return math.Floor(x*100+1e-9) / 100 }
