package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// fakeMeaning gives each text the vector of the first of its words that
// it lists (orthogonal vectors for different words), counts the texts it
// embeds, and knows only texts that have such a word.
type fakeMeaning struct {
	axis   map[string]int // word → the axis of its vector
	embeds int
}

func (f *fakeMeaning) find(text string) (int, bool) {
	for w, a := range f.axis {
		if containsWord(text, w) {
			return a, true
		}
	}
	return 0, false
}

func (f *fakeMeaning) Knows(text string) bool { _, ok := f.find(text); return ok }

func (f *fakeMeaning) Embed(text string) []float32 {
	f.embeds++
	a, _ := f.find(text)
	v := make([]float32, 8)
	v[a] = 1
	return v
}

func containsWord(text, w string) bool {
	for _, f := range splitWords(text) {
		if f == w {
			return true
		}
	}
	return false
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// Three reports of one arrest, worded apart: they share a few words, not
// enough to be joined by the words alone.
var (
	arrestA = []string{"Two men detained in Bishkek over extremist videos",
		"Police in the Kyrgyz capital said the suspects shared propaganda of the Islamic State group online."}
	arrestB = []string{"Kyrgyz security service holds pair for sharing Islamic State clips",
		"The two suspects were detained in Bishkek on Tuesday, the GKNB said."}
	background = [][]string{
		{"Kazakhstan raises its key interest rate", "The central bank in Astana lifted the rate to curb inflation."},
		{"Uzbekistan opens a new railway line", "The line links Tashkent with the Fergana valley."},
		{"Tajikistan hosts a water conference", "Delegates in Dushanbe discussed glaciers and rivers."},
		{"Turkmenistan gas exports to China rise", "Shipments through the pipeline grew by a tenth."},
	}
)

func TestMeaningJoinsWhatTheWordsMiss(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		axis     map[string]int
		off      bool
		joined   bool
		embedded int // texts embedded for the second report
	}{
		{"close in meaning", map[string]int{"videos": 1, "clips": 1}, false, true, 2},
		{"far in meaning", map[string]int{"videos": 1, "clips": 2}, false, false, 2},
		{"a language the encoder does not know", map[string]int{"videos": 1}, false, false, 0},
		{"meaning off", map[string]int{"videos": 1, "clips": 1}, true, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openAt(t, filepath.Join(t.TempDir(), "m.db"))
			m := &fakeMeaning{axis: c.axis}
			s.setMeaning(m, stories.DefaultMeaningThreshold)
			if c.off {
				s.setMeaning(nil, 0)
			}
			for i, b := range background {
				if _, err := s.Add(ctx, report(string(rune('p'+i)), "bg", b[0], b[1], t0)); err != nil {
					t.Fatal(err)
				}
			}
			a, b := report("a", "24kg", arrestA[0], arrestA[1], t0), report("b", "akipress", arrestB[0], arrestB[1], t0.Add(time.Hour))
			ra, err := s.Add(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			score, _, apart := stories.Compare(a.Fingerprint, b.Fingerprint, s.weights())
			if apart != "" || !storypairs.ShareBand(a.Fingerprint, b.Fingerprint) || score < stories.NearFloor || score >= s.rec.opt.Threshold {
				t.Fatalf("the reports should share some words, not enough (score %.3f)", stories.Score(a.Fingerprint, b.Fingerprint, s.weights()))
			}
			rb, err := s.Add(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if got := rb.Story.ID == ra.Story.ID; got != c.joined || rb.Story.Joined() != c.joined || rb.ByMeaning != c.joined {
				t.Errorf("joined %v (story %+v, by meaning %v), want %v", got, rb.Story, rb.ByMeaning, c.joined)
			}
			if m.embeds != c.embedded {
				t.Errorf("%d texts embedded, want %d", m.embeds, c.embedded)
			}
		})
	}
}

// TestMeaningIsKept checks that an item's embedding is made once: kept
// with the item, it serves every later comparison, after a restart too.
func TestMeaningIsKept(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s := openAt(t, path)
	m := &fakeMeaning{axis: map[string]int{"videos": 1, "clips": 1}}
	s.setMeaning(m, stories.DefaultMeaningThreshold)
	for _, r := range []NewItem{report("a", "24kg", arrestA[0], arrestA[1], t0),
		report("b", "akipress", arrestB[0], arrestB[1], t0.Add(time.Hour))} {
		if _, err := s.Add(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if m.embeds != 2 {
		t.Fatalf("%d texts embedded, want 2", m.embeds)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	s.setMeaning(m, stories.DefaultMeaningThreshold)
	got := map[string][]float32{}
	rows, err := s.sql().Query(`SELECT key, meaning FROM items WHERE meaning IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var key string
		var blob []byte
		if err := rows.Scan(&key, &blob); err != nil {
			t.Fatal(err)
		}
		got[key] = semantic.Decode(blob)
	}
	rows.Close()
	if len(got) != 2 || semantic.Cosine(got["a"], got["b"]) < 0.999 {
		t.Errorf("kept embeddings %v", got)
	}
	// A third report compared with both embeds only itself.
	if _, err := s.Add(ctx, report("c", "kaktus", arrestB[0], arrestB[1]+" ", t0.Add(2*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if m.embeds > 3 {
		t.Errorf("%d texts embedded after the restart; the kept ones were made again", m.embeds-2)
	}
}
