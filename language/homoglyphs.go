package language

import (
	"unicode"
	"unicode/utf8"
)

// A word typed with letters of both scripts — a Latin a, o or i in a
// Cyrillic word (Aфғонистонда, қазақстандiқ), a keyboard switched halfway —
// is read in the script most of its letters are in: the other script's
// letters that look alike are taken for that script's.

// isCyrillic: r is of the Cyrillic block, the region's letters included.
func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

// isLatinLetter: r is a letter of Latin's blocks up to Latin Extended-B.
func isLatinLetter(r rune) bool { return r < 0x0250 && unicode.IsLetter(r) }

// latinToCyrillic and cyrillicToLatin are the folded letters that look
// alike in the two scripts.
var latinToCyrillic = map[rune]rune{
	'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'k': 'к',
	'm': 'м', 't': 'т', 'b': 'в', 'h': 'н', 'i': 'і',
}

var cyrillicToLatin = func() map[rune]rune {
	m := make(map[rune]rune, len(latinToCyrillic))
	for l, c := range latinToCyrillic {
		m[c] = l
	}
	return m
}()

// maxMixedWord bounds the bytes of a mixed word that are read again; a
// longer one is left as it is.
const maxMixedWord = 128

// unmixScripts rewrites the word folded[start:] in its main script.
func unmixScripts(folded []byte, start int) []byte {
	word := folded[start:]
	if len(word) > maxMixedWord {
		return folded
	}
	var buf [maxMixedWord]byte
	n := copy(buf[:], word)
	latin, cyrillic := 0, 0
	for _, r := range string(buf[:n]) {
		switch {
		case isCyrillic(r):
			cyrillic++
		case isLatinLetter(r):
			latin++
		}
	}
	swap := latinToCyrillic
	if latin > cyrillic {
		swap = cyrillicToLatin
	}
	folded = folded[:start]
	for _, r := range string(buf[:n]) {
		if s, ok := swap[r]; ok {
			r = s
		}
		folded = utf8.AppendRune(folded, r)
	}
	return folded
}
