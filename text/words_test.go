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
		{"Oʻzbekiston", "oʻzbekiston"},
	}
	for _, c := range cases {
		if got := Words(c.in); !slices.Equal(got, strings.Fields(c.want)) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"'foils": "foils", "attacks'": "attacks", "’journey": "journey", "hell’": "hell",
		"oʻzbekiston": "oʻzbekiston", "o'zbek": "o'zbek", "''": "",
	} {
		if got := TrimQuotes(in); got != want {
			t.Errorf("TrimQuotes(%q) = %q, want %q", in, got, want)
		}
	}
}
