package language

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordsOneRuneAtATime is AppendWords without apostrophes, written the
// plain way: the fast paths for ASCII and А–я must read text as it does.
func wordsOneRuneAtATime(text string) []string {
	var words []string
	var w []byte
	latin, cyrillic := false, false
	flush := func() {
		if len(w) > 0 {
			if latin && cyrillic {
				w = unmixScripts(w, 0)
			}
			words = append(words, string(w))
		}
		w, latin, cyrillic = nil, false, false
	}
	for _, r := range text {
		if IsWordRune(r) {
			w = utf8.AppendRune(w, Fold(r))
			cyrillic = cyrillic || isCyrillic(r)
			latin = latin || isLatinLetter(r)
			continue
		}
		flush()
	}
	flush()
	return words
}

func TestAppendWordsFastPathsAgree(t *testing.T) {
	alphabet := []rune("aZz09 ,.-\t\nАЯаяЁёЖжҚқӘәҢңӮӯІіЎўÉéßЀѐӀӿ\u0300«»—")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		folded, spans, _ := AppendWords(nil, nil, text, false)
		var got []string
		for _, sp := range spans {
			got = append(got, string(folded[sp.Start:sp.End]))
			if !utf8.ValidString(text[sp.OStart:sp.OEnd]) {
				t.Fatalf("%q: span %v cuts a letter", text, sp)
			}
		}
		if want := wordsOneRuneAtATime(text); !slices.Equal(got, want) {
			t.Fatalf("%q: words %q, want %q", text, got, want)
		}
	}
}

// TestApostropheBeforeACaseEnding: Uzbek Latin marks the case ending of
// a foreign name with an apostrophe; the name stands alone, while the
// apostrophe letters of Uzbek words stay in them.
func TestApostropheBeforeACaseEnding(t *testing.T) {
	for text, want := range map[string][]string{
		"Crocus City Hallʼdagi terakt": {"crocus", "city", "hall", "terakt"},
		"IShIDʼga qoʻshilgan":          {"ishid", "qo'shilgan"},
		"Oʻzbekiston maʼlumotlari":     {"o'zbekiston", "ma'lumotlari"},
		"Maʼda og'riydi":               {"ma'da", "og'riydi"},
		"Qurʼon":                       {"qur'on"},
		"Hallʼdagilar kabi":            {"hall", "kabi"},
		"Hallʼdasiz":                   {"hall'dasiz"},
	} {
		got, _ := Split(text)
		if !slices.Equal(got, want) {
			t.Errorf("Split(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestPhrase(t *testing.T) {
	for in, want := range map[string]string{
		"Алма-Ата":          "алма ата",
		"Asia/Ho_Chi_Minh":  "asia ho chi minh",
		"  ИГИЛ   Хорасан ": "игил хорасан",
		"Ёлка":              "елка",
		"":                  "",
	} {
		if got := Phrase(in); got != want {
			t.Errorf("Phrase(%q) = %q, want %q", in, got, want)
		}
	}
}

// A word typed in two scripts is read in the one most of its letters are
// in.
func TestMixedScriptWords(t *testing.T) {
	for text, want := range map[string][]string{
		"Aфғонистонда портлаш":    {"афғонистонда", "портлаш"}, // a Latin A
		"Қазақстандiқ азамат":     {"қазақстандіқ", "азамат"},  // a Latin i for і
		"Toshkentda tеrakt":       {"toshkentda", "terakt"},    // a Cyrillic е
		"Москва and Moscow":       {"москва", "and", "moscow"},
		"ISIS-K claims an attack": {"isis", "k", "claims", "an", "attack"},
		"Љумњурии Тољикистон":     {"ҷумҳурии", "тоҷикистон"}, // Tajik in a font made before Unicode had its letters
		"ду куштаву чанд захмї":   {"ду", "куштаву", "чанд", "захмӣ"},
		"Ќурѓонтеппа":             {"қурғонтеппа"},
	} {
		if got := Words(text); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}
