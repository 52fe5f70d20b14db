package language

import (
	"strings"
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
	inWord, latin, cyrillic := false, false, false
	begin := func(opos int32) {
		if !inWord {
			spans = append(spans, Span{Start: int32(len(folded)), OStart: opos})
			inWord, latin, cyrillic = true, false, false
		}
	}
	end := func(opos int32) {
		s := &spans[len(spans)-1]
		if latin && cyrillic {
			folded = unmixScripts(folded, int(s.Start))
		}
		s.End, s.OEnd = int32(len(folded)), opos
		inWord = false
	}
	for i := 0; i < len(text); {
		// The common letters and separators of Latin and Cyrillic text are
		// read without the general path's table lookups.
		if c := text[i]; c < utf8.RuneSelf && c != '\'' && c != '`' {
			if f := asciiFold[c]; f != 0 {
				begin(int32(i))
				folded = append(folded, f)
				latin = latin || f >= 'a'
			} else if inWord {
				end(int32(i))
			}
			i++
			continue
		} else if lo, ok := basicCyrillic(text[i:]); ok {
			begin(int32(i))
			folded = append(folded, 0xD0|lo>>6, 0x80|lo&0x3F)
			cyrillic = true
			i += 2
			continue
		}
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
			if n := caseAfterName(inWord, text, spans, i, size); n > 0 {
				end(pos) // the ending is no word of its own
				i += size + n
				continue
			}
			if inWord && i+size < len(text) && nextIsLetter(text[i+size:]) && !possessive(text[i+size:]) {
				folded = append(folded, '\'')
			} else if inWord {
				end(pos)
			}
		case IsWordRune(r):
			begin(pos)
			folded = utf8.AppendRune(folded, Fold(r))
			cyrillic = cyrillic || isCyrillic(r)
			latin = latin || isLatinLetter(r)
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

// asciiFold maps an ASCII letter or digit to itself folded, and every
// other ASCII byte to 0, a separator.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// basicCyrillic reads a letter А–я at the start of s and returns it folded
// as an offset from U+0400 (а is 0x30), so that the caller writes its two
// bytes.
func basicCyrillic(s string) (lo byte, ok bool) {
	if len(s) < 2 || s[0]&0xFE != 0xD0 || s[1]&0xC0 != 0x80 {
		return 0, false
	}
	lo = (s[0]&1)<<6 | s[1]&0x3F
	switch {
	case lo >= 0x30 && lo <= 0x4F: // а–я
		return lo, true
	case lo >= 0x10 && lo <= 0x2F: // А–Я
		return lo + 0x20, true
	}
	return 0, false
}

// Words splits s into folded words, normalising it (NFKC) first.
func Words(s string) []string {
	folded, _ := Split(s)
	return folded
}

// Phrase is s's words, folded, joined by single spaces: how a name typed
// by a person compares with one written in a file (Алма-Ата, алма ата).
func Phrase(s string) string { return strings.Join(Words(s), " ") }

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
	case isCyrillic(r):
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

// caseAfterName returns the length of the case ending after the
// apostrophe at text[i:i+size] when the word before it begins with a
// capital and the ending ends the word: Uzbek Latin's mark before the
// case ending of a foreign name (Crocus City Hallʼdagi, IShIDʼga), which
// is not part of the name. Oʻzbekiston, Maʼlumot and Qurʼon keep theirs.
func caseAfterName(inWord bool, text string, spans []Span, i, size int) int {
	if !inWord {
		return 0
	}
	name, after := text[spans[len(spans)-1].OStart:i], text[i+size:]
	first, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(first) || utf8.RuneCountInString(name) < 3 {
		return 0
	}
	end := 0
	for end < len(after) && after[end] >= 'a' && after[end] <= 'z' {
		end++
	}
	if end < len(after) {
		if r, _ := utf8.DecodeRuneInString(after[end:]); IsWordRune(r) || IsApostrophe(r) {
			return 0
		}
	}
	if !uzbekNameCases[after[:end]] {
		return 0
	}
	return end
}

// uzbekNameCases are the case endings Uzbek Latin writes after an
// apostrophe on a foreign name.
var uzbekNameCases = map[string]bool{"da": true, "dagi": true, "dan": true, "ga": true, "ka": true, "qa": true,
	"ni": true, "ning": true, "gacha": true, "dek": true, "dagilar": true}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) && !IsApostrophe(r)
}
