package text

import "strings"

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo (edit distance at most 2, and less than half the word),
// or "" when none is. A candidate's first part before "_" counts too, so
// "token" and "tokn" suggest "token_env".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		forms := []string{c}
		if head, _, ok := strings.Cut(c, "_"); ok {
			forms = append(forms, head)
		}
		for _, f := range forms {
			d := EditDistance(word, f)
			if d < bestDist && d*2 < len([]rune(f))+1 {
				best, bestDist = c, d
			}
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, by runes.
// Words of up to 32 letters are measured without allocating.
func EditDistance(a, b string) int {
	var bufA, bufB [32]rune
	var bufPrev, bufCur [33]int
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	prev, cur := bufPrev[:], bufCur[:]
	if len(rb) >= len(bufPrev) {
		prev, cur = make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}
