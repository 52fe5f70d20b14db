package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
	"golang.org/x/text/unicode/norm"
)

// Words splits text into lower-case words of letters and digits, as Fold
// writes it and Split splits it.
func Words(text string) []string {
	return Split(strings.ToLower(Fold(text)))
}

// Split splits s into its words of letters and digits, their case kept:
// the apostrophes of Uzbek Latin stay inside words, but those that open or
// close one are quote marks ('foils', attack’), not the letters of Uzbek
// oʻ and gʻ, which no word begins or ends with.
func Split(s string) []string {
	words := strings.FieldsFunc(s, notWordRune)
	out := words[:0]
	for _, w := range words {
		if w = strings.TrimFunc(w, language.IsApostrophe); w != "" {
			out = append(out, w)
		}
	}
	return out
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

// Fold writes text as Words reads it, before splitting: a number grouped
// by thousands one number (JoinThousands), dotted initialisms joined,
// accents dropped from Latin letters, and every apostrophe of Uzbek Latin
// written ' (O‘zbekiston, Oʻzbekiston and O'zbekiston are one word).
func Fold(text string) string {
	return foldApostrophes(foldAccents(joinInitials(JoinThousands(text))))
}

func foldApostrophes(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\'' && language.IsApostrophe(r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if language.IsApostrophe(r) {
			return '\''
		}
		return r
	}, s)
}

// notWordRune: neither a letter, a digit nor an apostrophe of Uzbek Latin.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !language.IsApostrophe(r)
}
