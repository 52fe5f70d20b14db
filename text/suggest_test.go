package text

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"any", "all", "none", "groups", "regions", "token_env"}
	tests := map[string]string{"anny": "any", "al": "all", "regoins": "regions", "token": "token_env", "tokn": "token_env", "zzz": "", "x": ""}
	for word, want := range tests {
		if got := Suggest(word, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestEditDistance: Levenshtein by runes, in any script, and without
// allocating for a word's length (stories measures a place's other
// spellings on every report).
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"surkhondaryo", "surkhandarya", 2},
		{"nangarhor", "nangarhar", 1},
		{"ташкент", "тошкент", 1},
		{"", "ош", 2},
		{"kabar", "kabardino", 4},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { EditDistance("surkhondaryo", "surkhandarya") }); n != 0 {
		t.Errorf("EditDistance allocates %v times for two short words", n)
	}
}
