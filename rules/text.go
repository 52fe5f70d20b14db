package rules

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of an item's text: a span of the folded text and the
// matching span of its field's text as written (NFKC), and the field.
type token struct {
	start, end   int32 // in folded
	ostart, oend int32 // in orig[field]
	field        uint8
}

// Fields an item's words come from.
const (
	fieldTitle uint8 = iota
	fieldText
	numFields
)

var fieldNames = [...]string{fieldTitle: "title", fieldText: "text"}

// textBuffers holds an item's text as it is matched, reused between items
// so that a scan allocates nothing.
type textBuffers struct {
	orig   [numFields]string // each field as written, NFKC
	nfkc   [numFields][]byte // the NFKC copy, when a field needed one
	folded []byte            // lower case, ё→е, apostrophes unified
	tokens []token
}

// add normalises s and appends its words, tagged with field. Text whose
// letters are all Latin or Cyrillic without combining marks (nearly all
// news) is already NFKC as far as words go and is read in place; other
// text is normalised into a reused buffer first.
func (b *textBuffers) add(s string, field uint8) {
	tokens, folded := len(b.tokens), len(b.folded)
	if b.scan(s, field, true) {
		b.orig[field] = s
		return
	}
	b.tokens, b.folded = b.tokens[:tokens], b.folded[:folded]
	b.nfkc[field] = norm.NFKC.AppendString(b.nfkc[field][:0], s)
	n := string(b.nfkc[field]) // one copy; see below
	b.orig[field] = n
	b.scan(n, field, false)
}

// scan appends the words of text; with fast set it gives up, returning
// false, at the first rune that NFKC might change.
func (b *textBuffers) scan(text string, field uint8, fast bool) bool {
	inWord := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if fast && !nfkcStable(r) {
				return false
			}
		}
		pos := int32(i)
		switch {
		case isApostrophe(r):
			// Inside a word (Uzbek oʻ, gʻ, English it's) it is one letter,
			// whichever of the variants was typed; elsewhere a quote.
			if inWord && i+size < len(text) && nextIsLetter(text[i+size:]) && !possessive(text[i+size:]) {
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
		b.endWord(int32(len(text)))
	}
	return true
}

// nfkcStable reports whether NFKC leaves r alone in a way that matters
// for words: Latin-1 and Cyrillic letters are stable, and non-letters only
// separate words whatever NFKC makes of them. Combining marks, letters of
// other blocks (ligatures, full-width forms) and digits outside ASCII are
// left to NFKC.
func nfkcStable(r rune) bool {
	switch {
	case r >= 0x00C0 && r <= 0x00FF && r != 0x00D7 && r != 0x00F7:
		return true // Latin-1 letters
	case r >= 0x0400 && r <= 0x04FF:
		return true // Cyrillic, Kazakh, Kyrgyz, Tajik and Uzbek letters included
	case r >= 0x0100 && r <= 0x017E && r != 0x0132 && r != 0x0133 && r != 0x013F && r != 0x0140 && r != 0x0149:
		return true // Latin Extended-A but its ligatures
	case r == 'ʻ' || r == 'ʼ':
		return true
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !unicode.Is(unicode.No, r)
}

func (b *textBuffers) endWord(opos int32) {
	t := &b.tokens[len(b.tokens)-1]
	t.end, t.oend = int32(len(b.folded)), opos
}

func (b *textBuffers) reset() {
	b.folded, b.tokens = b.folded[:0], b.tokens[:0]
	b.orig = [numFields]string{}
}

func (b *textBuffers) word(t token) []byte     { return b.folded[t.start:t.end] }
func (b *textBuffers) original(t token) string { return b.orig[t.field][t.ostart:t.oend] }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if r >= 0x0410 && r <= 0x044F {
		return true // А–я
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// possessive reports whether an apostrophe is the English 's (Bishkek's),
// which is not part of the word.
func possessive(after string) bool {
	if len(after) == 0 || after[0] != 's' {
		return false
	}
	return len(after) == 1 || !isWordRune(rune(after[1])) && after[1] < utf8.RuneSelf
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
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
	switch {
	case r >= 'А' && r <= 'Я':
		return r + 'а' - 'А'
	case r >= 'а' && r <= 'я':
		return r
	case r == 'ё' || r == 'Ё':
		return 'е'
	}
	return unicode.ToLower(r)
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
	words, _ := splitWords(s)
	return words
}

// splitWords splits s into words, folded and as written (to see their
// case), for compiling keywords.
func splitWords(s string) (folded, original []string) {
	var b textBuffers
	b.add(s, fieldTitle)
	folded, original = make([]string, len(b.tokens)), make([]string, len(b.tokens))
	for i, t := range b.tokens {
		folded[i], original[i] = string(b.word(t)), b.original(t)
	}
	return folded, original
}

// isUpperWord reports whether every letter of w is upper case.
func isUpperWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
