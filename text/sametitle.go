package text

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// SameTitle reports whether two titles are one title, maybe edited in its
// words: the same numbers, and words that are those of the other with some
// added (at least three words kept), or 70% of them shared (Jaccard).
// "Blast in Osh kills 3" and "Blast in Osh kills 3, police say" are one
// title edited; "Floods in Osh" and "Floods in Bishkek" are two, and so are
// "Rates on 27.11" and "Rates on 28.11" — a daily item, not an edit, and
// losing an item is worse than a repeat.
func SameTitle(a, b string) bool {
	if a == b {
		return true
	}
	wa, na := titleTerms(a)
	wb, nb := titleTerms(b)
	if !slices.Equal(na, nb) {
		return false
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	union := len(wa) + len(wb) - common
	return (common == len(wa) && common >= 3) || (union > 0 && 10*common >= 7*union)
}

// titleTerms reads a title as fingerprints do (Words, numbers spelled out
// as digits: "Nine" is 9): the set of its words, and its numbers, sorted.
func titleTerms(title string) (words map[string]bool, numbers []string) {
	words = map[string]bool{}
	for _, w := range Words(title) {
		w = AsNumber(w)
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
			numbers = append(numbers, w)
		} else {
			words[w] = true
		}
	}
	slices.Sort(numbers)
	return words, numbers
}
