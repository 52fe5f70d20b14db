package rules

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of an item's text: a span of the folded text and the
// matching span of the original (NFKC) text, and the field it is in.
type token struct {
	start, end   int32 // in folded
	ostart, oend int32 // in orig
	field        uint8
}

// Fields an item's words come from.
const (
	fieldTitle uint8 = iota
	fieldText
)

var fieldNames = [...]string{fieldTitle: "title", fieldText: "text"}

// textBuffers holds an item's text as it is matched, reused between items
// so that a scan allocates nothing.
type textBuffers struct {
	orig   []byte // NFKC
	folded []byte // lower case, ё→е, apostrophes unified
	tokens []token
}

// add normalises s and appends its words, tagged with field.
func (b *textBuffers) add(s string, field uint8) {
	base := len(b.orig)
	b.orig = norm.NFKC.AppendString(b.orig, s)
	text := b.orig[base:]
	inWord := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		pos := int32(base + i)
		switch {
		case isApostrophe(r):
			// Inside a word (Uzbek oʻ, gʻ, English it's) it is one letter,
			// whichever of the variants was typed; elsewhere a quote.
			if inWord && i+size < len(text) && nextIsLetter(text[i+size:]) {
				b.folded = append(b.folded, '\'')
			} else if inWord {
				b.endWord(pos)
				inWord = false
			}
		case isWordRune(r):
			if !inWord {
				b.tokens = append(b.tokens, token{start: int32(len(b.folded)), ostart: pos, field: field})
				inWord = true
			}
			b.folded = utf8.AppendRune(b.folded, foldRune(r))
		default:
			if inWord {
				b.endWord(pos)
				inWord = false
			}
		}
		i += size
	}
	if inWord {
		b.endWord(int32(len(b.orig)))
	}
}

func (b *textBuffers) endWord(opos int32) {
	t := &b.tokens[len(b.tokens)-1]
	t.end, t.oend = int32(len(b.folded)), opos
}

func (b *textBuffers) reset() {
	b.orig, b.folded, b.tokens = b.orig[:0], b.folded[:0], b.tokens[:0]
}

func (b *textBuffers) word(t token) []byte     { return b.folded[t.start:t.end] }
func (b *textBuffers) original(t token) []byte { return b.orig[t.ostart:t.oend] }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func nextIsLetter(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.IsLetter(r) && !isApostrophe(r)
}

// foldRune lower-cases r (Latin, Cyrillic including the Kazakh, Kyrgyz,
// Tajik and Uzbek letters ә ғ қ ң ө ұ ү һ і ҳ ҷ ӣ ӯ ў) and maps ё to е.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	if r == 'ё' {
		return 'е'
	}
	return r
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', 'ʻ', 'ʼ', '‘', '’', '`', 'ʹ', '′':
		return true
	}
	return false
}

// tokenize splits s into folded words, for compiling keywords.
func tokenize(s string) []string {
	var b textBuffers
	b.add(s, fieldTitle)
	words := make([]string, len(b.tokens))
	for i, t := range b.tokens {
		words[i] = string(b.word(t))
	}
	return words
}

// isUpperWord reports whether every letter of w is upper case.
func isUpperWord(w []byte) bool {
	for len(w) > 0 {
		r, size := utf8.DecodeRune(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
		w = w[size:]
	}
	return true
}
