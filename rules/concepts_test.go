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

// A keyword of one language read by another's analyser must not name a
// concept its words do not: the stems the analysers share are checked
// by exact forms where they collide.
func TestConceptsOfLookAlikeWords(t *testing.T) {
	m := defaultMatcher(t)
	for _, c := range []struct {
		title string
		not   string
	}{
		{"Афғонистон фуқаролари чегарани кесиб ўтди", "court"},         // Uzbek кесиб "crossing", not Kyrgyz кесилди "sentenced"
		{"Зиндагии мардуми деҳа беҳтар шуд", "court"},                  // Tajik зиндагӣ "life", not зиндон "prison"
		{"Ташкентте кеңес өтті", "plotting"},                           // not ташкил "organised"
		{"Toliblar hukumat tarkibini e'lon qildi", "blast"},            // Uzbek tarkib "composition", not Tajik таркиш "explosion"
		{"Ички иштер бөлүмүнүн өздүк курамы көтөрүлдү", "sport"},       // курамы "personnel", not курама "national team"
		{"Тартип сакчылары көчөгө чыгышты", "recruitment"},             // тартип "order", not тартуу "drawing in"
		{"Шер Кабиров захм бардошт", "drills"},                         // the name Шер, not Kazakh шеру "parade"
		{"Ҳайати ҳукумат ташкилотҳои навро муаррифӣ кард", "plotting"}, // ташкилот "organisation"
	} {
		_, got := m.Concepts(Item{Title: c.title})
		if slices.Contains(got, c.not) {
			t.Errorf("%q: concepts %v include %q", c.title, got, c.not)
		}
	}
}
