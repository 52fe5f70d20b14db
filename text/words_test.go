package text

import (
	"slices"
	"strings"
	"testing"
)

func TestWordsFoldSpellings(t *testing.T) {
	cases := []struct{ in, want string }{
		{"President José Jerí", "president jose jeri"},
		{"U.S. and U.K. talks", "us and uk talks"},
		{"Mr. A. Smith", "mr a smith"},             // a lone initial stays a word
		{"Йошкар-Ола и ёлка", "йошкар ола и ёлка"}, // Cyrillic keeps its letters
		{"Oʻzbekiston", "o'zbekiston"},
		{"O‘zbekiston va Farg’ona", "o'zbekiston va farg'ona"}, // one apostrophe, whichever the outlet types
		{"To‘rqo‘rg‘on", "to'rqo'rg'on"},                       // one word, not to, rqo, rg, on
		{"'Attack' kills 2,601", "attack kills 2601"},          // quote marks and a thousands comma
	}
	for _, c := range cases {
		if got := Words(c.in); !slices.Equal(got, strings.Fields(c.want)) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitDropsQuoteMarks(t *testing.T) {
	for in, want := range map[string]string{
		"'foils two IS attacks'": "foils two IS attacks",
		"‘Journey of hell’":      "Journey of hell",
		"’journey of hell’":      "journey of hell",
		"Oʻzbekiston and o'zbek": "Oʻzbekiston and o'zbek",
		"Bishkek's '' ' quotes":  "Bishkek's quotes",
	} {
		if got := Split(in); !slices.Equal(got, strings.Fields(want)) {
			t.Errorf("Split(%q) = %q, want %q", in, got, want)
		}
	}
}
