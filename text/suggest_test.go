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
