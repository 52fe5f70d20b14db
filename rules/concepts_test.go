package rules

import (
	"slices"
	"testing"
)

// An item's concepts are the term lists its words name, in any language;
// MatchConcepts reads the same as Match and Concepts apart.
func TestConcepts(t *testing.T) {
	m := defaultMatcher(t)
	for _, c := range []struct {
		title string
		want  []string // among the concepts
	}{
		{"ГКНБ задержал в Оше вербовщика ИГИЛ", []string{"detained", "islamic-state"}},
		{"Osh shahrida IShID yollovchisi ushlandi", []string{"detained", "islamic-state"}},
		{"Ошто ИШИДдин жалдоочусу кармалды", []string{"detained", "islamic-state"}},
	} {
		it := Item{Title: c.title}
		lang, got := m.Concepts(it)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: concepts %v lack %q", c.title, got, w)
			}
		}
		matches, lang2, got2 := m.MatchConcepts(it)
		if lang2 != lang || !slices.Equal(got2, got) || len(matches) != len(m.Match(it)) {
			t.Errorf("%q: MatchConcepts %d matches, %v %v; Match and Concepts %d, %v %v", c.title, len(matches), lang2, got2, len(m.Match(it)), lang, got)
		}
	}
}
