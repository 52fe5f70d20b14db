package rules

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// tokenize splits text into normalised words: NFKC, lower case, ё→е, and
// the Uzbek Latin apostrophe variants (ʻ ʼ ‘ ’ ` ') folded into one "'"
// when they stand inside a word. Everything that is not a letter, digit or
// combining mark separates words, so "ISIS-K", "ISIS K" and "«ISIS-K»" all
// become ["isis", "k"], and word boundaries are Unicode-aware (unlike
// regexp's ASCII-only \b).
func tokenize(text string) []string {
	text = norm.NFKC.String(text)
	var (
		words []string
		b     strings.Builder
	)
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	runes := []rune(text)
	for i, r := range runes {
		switch {
		case isApostrophe(r):
			// Checked first: ʻ and ʼ are letters to Unicode.
			if b.Len() > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i+1]) {
				b.WriteRune('\'')
			} else {
				flush()
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(foldRune(r))
		default:
			flush()
		}
	}
	flush()
	return words
}

func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	if r == 'ё' {
		return 'е'
	}
	return r
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', 'ʻ', 'ʼ', '‘', '’', '`', 'ʹ':
		return true
	}
	return false
}
