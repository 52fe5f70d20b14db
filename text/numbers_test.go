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
		{"15тен", "15"},        // Kyrgyz: more than 15
		{"100ден", "100"},
		{"5g", "5g"},
		{"15тенден", "15тенден"}, // no case ending is that long
	}
	for _, c := range cases {
		if got := AsNumber(c.word); got != c.want {
			t.Errorf("AsNumber(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestJoinThousands(t *testing.T) {
	for in, want := range map[string]string{
		"2,601 killed":    "2601 killed",
		"1,234,567 votes": "1234567 votes",
		"задержали 7\u00a0939 человек": "задержали 7939 человек",
		"4,5 тысяч пострадавших":       "4,5 тысяч пострадавших",
		"in 2010, 100 people":          "in 2010, 100 people",
		"2010,100":                     "2010,100",
		"12,3456":                      "12,3456",
		"no numbers":                   "no numbers",
		"5,000 and 2,000":              "5000 and 2000",
	} {
		if got := JoinThousands(in); got != want {
			t.Errorf("JoinThousands(%q) = %q, want %q", in, got, want)
		}
	}
}
