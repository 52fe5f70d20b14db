package rules_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsalert/newsalert/rules"
)

// FuzzParse: any rules file loads or is refused with an error naming the
// file — never a panic — and a file that loads matches without one.
func FuzzParse(f *testing.F) {
	for _, path := range []string{"../rules.yaml", "testdata/malformed.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("topics:\n  - id: a\n    any: [\"ИГИЛ*\", \"=ISIS\", bomb]\n    none: [football]\n    regions: [KG]\n"))
	f.Add([]byte("regions:\n  - id: valley\n    places: [Ош, Андижан]\ntopics:\n  - id: t\n    all: [[арест, задерж*]]\n    regions: [valley]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := rules.Parse("fuzz.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		m.Match(rules.Item{Title: "ИГИЛ: задержан вербовщик в Оше", Text: "ISIS bomb football Bishkek", FeedRegions: []string{"KG"}})
	})
}

// FuzzMatch: the default rules match any text without a panic, and every
// hit's words are in the item.
func FuzzMatch(f *testing.F) {
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("ИГИЛ-К: в Душанбе задержаны вербовщики", "Сотрудники ГКНБ задержали сторонников «Исламского государства».")
	f.Add("ISIS-K claims attack near Kabul airport", "Islamic State Khorasan Province (ISKP) said...")
	f.Add("Теракт в Москве: взрыв", "Bomb blast in Tashkent; O‘zbekiston xavfsizlik xizmati")
	f.Add("", "")
	f.Add("Талибы (запрещены в РФ) напали)", "(террористы (banned) в Кундузе убили) пятерых (")
	f.Fuzz(func(t *testing.T, title, text string) {
		for _, match := range m.Match(rules.Item{Title: title, Text: text}) {
			for _, h := range match.Why {
				if h.Found == "" || !utf8.ValidString(h.Found) && utf8.ValidString(title+text) {
					t.Fatalf("hit %+v for %q / %q", h, title, text)
				}
			}
		}
	})
}
