package rules

import (
	"strings"
	"testing"

	"github.com/newsalert/newsalert/language"
)

// titleLanguageFloors: how often each language is told from a title
// alone (a feed may give no summary), rounded down from what the set
// measured on 2026-12-08 (docs/languages.md, "Which language").
var titleLanguageFloors = map[language.Lang]float64{
	language.English: 0.99, language.Russian: 0.99, language.Uzbek: 0.98,
	language.Kazakh: 0.98, language.Kyrgyz: 0.95, language.Tajik: 0.97,
}

// TestLanguageOfTitlesAlone tells the language of every item of the set
// from its title alone, and fails below titleLanguageFloors.
func TestLanguageOfTitlesAlone(t *testing.T) {
	m := defaultMatcher(t)
	for _, lang := range regionalLanguages {
		n, right := 0, 0
		for _, part := range []string{"dev", "holdout"} {
			for _, l := range readLabelled(t, part, lang) {
				title, _, _ := strings.Cut(l.text, " — ")
				n++
				if m.Locate(Item{Title: title}).Language == lang {
					right++
				}
			}
		}
		r := ratio(right, n)
		t.Logf("%s: %d of %d titles alone (%.3f)", lang, right, n, r)
		if r < titleLanguageFloors[lang] {
			t.Errorf("%s: language told from %.3f of titles alone, want %.2f", lang, r, titleLanguageFloors[lang])
		}
	}
}
