package stories

import (
	"slices"
	"strings"
	"unicode"
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
	if !slices.Equal(titleNumbers(a), titleNumbers(b)) {
		return false
	}
	wa, wb := titleWords(a), titleWords(b)
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

// titleNumbers lists a title's numbers, sorted.
func titleNumbers(title string) []string {
	out := strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsDigit(r) })
	slices.Sort(out)
	return out
}

// titleWords is the set of a title's words (see Words) but its numbers.
func titleWords(title string) map[string]bool {
	set := map[string]bool{}
	for _, w := range Words(title) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			set[w] = true
		}
	}
	return set
}
