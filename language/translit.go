package language

import (
	"maps"
	"slices"
	"strings"
)

// Uzbek is written in Latin (the official script) and in Cyrillic (much
// of the press); Kazakh in Cyrillic and, since 2021, in a Latin alphabet
// some outlets use. The tables below carry a folded word from one script
// to the other, so that a keyword written in one finds text in the
// other. Sources: the Uzbek Latin alphabet of 1995 (as revised in 1995:
// oʻ, gʻ, sh, ch, ng, ʼ) and the Kazakh Latin alphabet approved in
// January 2021; see docs/languages.md.

var uzbekToLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "j", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "x", 'ц': "s", 'ч': "ch",
	'ш': "sh", 'щ': "sh", 'ъ': "'", 'ь': "", 'ы': "i", 'э': "e", 'ю': "yu", 'я': "ya",
	'ў': "o'", 'қ': "q", 'ғ': "g'", 'ҳ': "h",
}

// UzbekLatin writes a folded Uzbek Cyrillic word in the Latin script
// (ушланди → ushlandi). Letters that are not Uzbek Cyrillic stay.
func UzbekLatin(w string) string {
	var b strings.Builder
	prevVowel := true // a word-initial е is ye
	for i, r := range w {
		switch {
		case r == 'е' && prevVowel:
			b.WriteString("ye")
		case r == 'ц' && prevVowel && i > 0: // операция → operatsiya; цирк → sirk
			b.WriteString("ts")
		default:
			if s, ok := uzbekToLatin[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
		}
		prevVowel = strings.ContainsRune("аеёиоуэюяўъь", r)
	}
	return b.String()
}

// uzbekDigraphs are read before single letters, longest first: yoʻ is
// y and oʻ (yoʻq → йўқ), not yo; the -tsiya of Russian loans is -ция.
var uzbekDigraphs = []struct{ latin, cyr string }{
	{"tsiya", "ция"}, {"yo'", "йў"}, {"o'", "ў"}, {"g'", "ғ"}, {"sh", "ш"}, {"ch", "ч"}, {"yo", "е"}, {"yu", "ю"}, {"ya", "я"}, {"ye", "е"},
}

var uzbekToCyrillic = map[byte]string{
	'a': "а", 'b': "б", 'd': "д", 'e': "е", 'f': "ф", 'g': "г", 'h': "ҳ", 'i': "и", 'j': "ж",
	'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'q': "қ", 'r': "р", 's': "с",
	't': "т", 'u': "у", 'v': "в", 'x': "х", 'y': "й", 'z': "з", '\'': "ъ", 'c': "с", 'w': "в",
}

// UzbekCyrillic writes a folded Uzbek Latin word in Cyrillic (ushlandi →
// ушланди; ё is written е, as text is folded). A word-initial e, or one
// after a vowel, is э. It returns "" for a word with letters outside the
// Uzbek Latin alphabet.
func UzbekCyrillic(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); {
		if d, ok := uzbekDigraph(w[i:]); ok {
			b.WriteString(d.cyr)
			i += len(d.latin)
			continue
		}
		c := w[i]
		s, ok := uzbekToCyrillic[c]
		if !ok {
			return ""
		}
		if c == 'e' && (i == 0 || strings.IndexByte("aeiou'", w[i-1]) >= 0) {
			s = "э"
		}
		b.WriteString(s)
		i++
	}
	return b.String()
}

func uzbekDigraph(s string) (struct{ latin, cyr string }, bool) {
	for _, d := range uzbekDigraphs {
		if strings.HasPrefix(s, d.latin) {
			return d, true
		}
	}
	return struct{ latin, cyr string }{}, false
}

var kazakhToLatin = map[rune]string{
	'а': "a", 'ә': "ä", 'б': "b", 'в': "v", 'г': "g", 'ғ': "ğ", 'д': "d", 'е': "e", 'ж': "j",
	'з': "z", 'и': "i", 'й': "i", 'к': "k", 'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "ñ",
	'о': "o", 'ө': "ö", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ұ': "ū", 'ү': "ü",
	'ф': "f", 'х': "h", 'һ': "h", 'ц': "ts", 'ч': "ç", 'ш': "ş", 'щ': "ş", 'ъ': "", 'ы': "y",
	'і': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
}

// kazakhToLatin2018 is the Latin alphabet of 2018 (acutes: ǵ ń ó ú ý á),
// which Kazinform, Egemen and Adyrna still publish in; kazakhToDigraphs
// the informal spelling with digraphs (gh, ng, sh) other outlets use. Each
// is written as its letters that differ from the alphabet of 2021.
var (
	kazakhToLatin2018 = withLetters(kazakhToLatin, map[rune]string{
		'ә': "á", 'ғ': "ǵ", 'и': "y", 'й': "y", 'ң': "ń", 'ө': "ó", 'у': "ý", 'ұ': "u", 'ү': "ú",
		'ч': "ch", 'ш': "sh", 'щ': "sh", 'і': "i", 'ю': "yý", 'я': "ya",
	})
	kazakhToDigraphs = withLetters(kazakhToLatin, map[rune]string{
		'ғ': "gh", 'ж': "zh", 'ң': "ng", 'ұ': "u", 'х': "kh", 'ч': "ch", 'ш': "sh", 'щ': "sh", 'і': "i",
	})
)

func withLetters(base, changes map[rune]string) map[rune]string {
	m := maps.Clone(base)
	maps.Copy(m, changes)
	return m
}

// KazakhLatin writes a folded Kazakh Cyrillic word in the Latin alphabet
// of 2021 (шекара → şekara, ұсталды → ūstaldy).
func KazakhLatin(w string) string { return transliterate(w, kazakhToLatin) }

// KazakhLatinSpellings writes a folded Kazakh Cyrillic word in each Latin
// spelling outlets use: the alphabet of 2021, that of 2018 (шекара →
// shekara, ғ → ǵ) and digraphs (ғ → gh, ң → ng); each once.
func KazakhLatinSpellings(w string) []string {
	out := []string{KazakhLatin(w)}
	for _, m := range []map[rune]string{kazakhToLatin2018, kazakhToDigraphs} {
		if v := transliterate(w, m); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func transliterate(w string, m map[rune]string) string {
	var b strings.Builder
	for _, r := range w {
		if s, ok := m[r]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var kazakhToCyrillic = map[rune]string{
	'a': "а", 'ä': "ә", 'b': "б", 'v': "в", 'g': "г", 'ğ': "ғ", 'd': "д", 'e': "е", 'j': "ж",
	'z': "з", 'i': "и", 'k': "к", 'q': "қ", 'l': "л", 'm': "м", 'n': "н", 'ñ': "ң", 'o': "о",
	'ö': "ө", 'p': "п", 'r': "р", 's': "с", 't': "т", 'u': "у", 'ū': "ұ", 'ü': "ү", 'f': "ф",
	'h': "х", 'ç': "ч", 'ş': "ш", 'y': "ы", 'ı': "і", 'c': "ц", 'w': "у", 'x': "х",
}

// KazakhCyrillic writes a folded word of the 2021 Kazakh Latin alphabet in
// Cyrillic, or returns "" for a word with other letters.
func KazakhCyrillic(w string) string {
	var b strings.Builder
	for _, r := range w {
		s, ok := kazakhToCyrillic[r]
		if !ok {
			return ""
		}
		b.WriteString(s)
	}
	return b.String()
}
