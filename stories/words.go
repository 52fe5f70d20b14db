package stories

import (
	"strings"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
	"golang.org/x/text/unicode/norm"
)

// Words splits text into lower-case words of letters and digits: accents
// dropped from Latin letters, dotted initialisms joined (U.S. is US); the
// apostrophes of Uzbek Latin stay inside words.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(foldAccents(joinInitials(text))), notWordRune)
}

// joinInitials writes dotted initialisms as one word (U.S. as US), as
// other outlets spell them.
func joinInitials(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && isUpperASCII(s[j]) && s[j+1] == '.' {
			j += 2
		}
		if j-i >= 4 && (i == 0 || !isLetterASCII(s[i-1])) {
			for k := i; k < j; k += 2 {
				b.WriteByte(s[k])
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isUpperASCII(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetterASCII(c byte) bool { return isUpperASCII(c) || c >= 'a' && c <= 'z' }

// foldAccents drops the accents of Latin letters (José Jerí and Jose Jeri
// are one name); Cyrillic is left alone, since й is not и.
func foldAccents(s string) string {
	i := strings.IndexFunc(s, isAccentedLatin)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if isAccentedLatin(r) {
			if base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); base < utf8.RuneSelf {
				r = base
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAccentedLatin(r rune) bool { return r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 }

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
