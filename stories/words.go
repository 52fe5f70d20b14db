package stories

import (
	"strings"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
)

// cut reduces a word to the stem fingerprints keep: Snowball-stemmed, cut
// to stemRunes letters, one stem for a word's spelling variants.
func cut(w string) string {
	s := stem(w)
	if v, ok := stemVariants[s]; ok {
		return v
	}
	return s
}

func stem(w string) string {
	w = strings.ReplaceAll(w, "ё", "е")
	switch {
	case isASCII(w):
		w = language.Stem(language.English, w)
	case isRussian(w):
		w = language.Stem(language.Russian, w)
	default:
		// A word whose letters name one of the region's languages (ұсталды,
		// тирпаронӣ) loses that language's endings.
		if l, ok := onlyRegional(language.Possible(w)); ok {
			w = language.Stem(l, w)
		}
	}
	if utf8.RuneCountInString(w) <= stemRunes {
		return w
	}
	return string([]rune(w)[:stemRunes])
}

func onlyRegional(set language.Set) (language.Lang, bool) {
	found := language.Unknown
	for _, l := range language.All {
		if set.Has(l) {
			if found != language.Unknown || !l.Regional() {
				return language.Unknown, false
			}
			found = l
		}
	}
	return found, found != language.Unknown
}

func isASCII(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func isRussian(w string) bool {
	for _, r := range w {
		if r < 'а' || r > 'я' {
			return false
		}
	}
	return true
}
