package language

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Span is one word: its bytes in the folded text and in the text as
// written.
type Span struct {
	Start, End   int32 // in the folded text
	OStart, OEnd int32 // in the text as written
}

// AppendWords appends the words of text, folded, to folded, and where
// they are to spans. With stableOnly set it gives up at the first rune
// that NFKC might change, returning ok false; the caller then normalises
// the text (NFKC) and calls again. Text in Latin or Cyrillic letters
// without combining marks — nearly all news — is read in place.
func AppendWords(folded []byte, spans []Span, text string, stableOnly bool) (_ []byte, _ []Span, ok bool) {
	inWord := false
	end := func(opos int32) {
		s := &spans[len(spans)-1]
		s.End, s.OEnd = int32(len(folded)), opos
		inWord = false
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if stableOnly && !nfkcStable(r) {
				return folded, spans, false
			}
		}
		pos := int32(i)
		switch {
		case IsApostrophe(r):
			// Inside a word (Uzbek oʻ, gʻ, English it's) it is one letter,
			// whichever of the variants was typed; elsewhere a quote.
			if inWord && i+size < len(text) && nextIsLetter(text[i+size:]) && !possessive(text[i+size:]) {
				folded = append(folded, '\'')
			} else if inWord {
				end(pos)
			}
		case IsWordRune(r):
			if !inWord {
				spans = append(spans, Span{Start: int32(len(folded)), OStart: pos})
				inWord = true
			}
			folded = utf8.AppendRune(folded, Fold(r))
		default:
			if inWord {
				end(pos)
			}
		}
		i += size
	}
	if inWord {
		end(int32(len(text)))
	}
	return folded, spans, true
}

// Words splits s into folded words, normalising it (NFKC) first.
func Words(s string) []string {
	folded, _ := Split(s)
	return folded
}

// Split splits s into its words, folded and as written (NFKC).
func Split(s string) (folded, written []string) {
	s = norm.NFKC.String(s)
	buf, spans, _ := AppendWords(nil, nil, s, false)
	folded, written = make([]string, len(spans)), make([]string, len(spans))
	for i, sp := range spans {
		folded[i], written[i] = string(buf[sp.Start:sp.End]), s[sp.OStart:sp.OEnd]
	}
	return folded, written
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

// possessive reports whether an apostrophe is the English 's (Bishkek's),
// which is not part of the word.
func possessive(after string) bool {
	if len(after) == 0 || after[0] != 's' {
		return false
	}
	return len(after) == 1 || !IsWordRune(rune(after[1])) && after[1] < utf8.RuneSelf
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) && !IsApostrophe(r)
}
