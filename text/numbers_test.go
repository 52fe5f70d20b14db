package text

import "testing"

func TestAsNumber(t *testing.T) {
	cases := []struct{ word, want string }{
		{"девятого", "9"}, // the ninth suspect, any case
		{"девятый", "9"},
		{"nine", "9"},
		{"ninth", "9"},
		{"9th", "9"},
		{"21st", "21"},
		{"третьего", "3"},
		{"восьмую", "8"},
		{"пятой", "5"}, // the fifth (feminine) victim
		{"четверо", "4"},
		{"first", "1"},
		{"north", "north"},
		{"th", "th"},
		{"1990s", "1990s"},
		{"пятница", "пятница"}, // Friday is no fifth
	}
	for _, c := range cases {
		if got := AsNumber(c.word); got != c.want {
			t.Errorf("AsNumber(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
