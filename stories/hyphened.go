package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// A name joined by a hyphen (Кара-Балта, Ат-Башы, Кызыл-Кия) is split into
// its parts by the words a fingerprint reads, and its first part alone is
// shared by other places (Кара-Суу, Кызылорда) or is a form of other
// words (Ат of Алма-Аты). Where a headline writes the two parts joined, they
// are read together as the one place whose name they are, filed under a key
// of their own (hyphenKey); another report mentions it when its words hold
// both parts' stems (namedByParts), not when they hold the first alone.

// hyphenKey is the key a hyphened name (as written: Кара-Балта) is filed
// under in the place index, and what a title that names it keeps in Places.
func hyphenKey(name string) uint32 { return hash32("-" + letters(strings.ToLower(name))) }

// partStems are, for each hyphened name, the stems of its parts.
func partStems(names []string) [][]uint32 {
	var out [][]uint32
	for _, n := range names {
		var stems []uint32
		for _, w := range text.Words(n) {
			stems = append(stems, hash32(cut(w)))
		}
		out = append(out, stems)
	}
	return out
}

// namedByParts: words hold the stems of every part of one of the place's
// hyphened names (Кара-Балте: кара, балт).
func (p place) namedByParts(words []uint32) bool {
	for _, stems := range p.hyphened {
		all := len(stems) > 1
		for _, s := range stems {
			all = all && contains(words, s)
		}
		if all {
			return true
		}
	}
	return false
}

// hyphenedPlace is the key of the place a headline's two words joined by a
// hyphen name (Кара-Балте: Kara-Balta's), when they name one. Like any
// place's, the name is capitalised: "из-за" and "по-прежнему" are not
// looked up.
func hyphenedPlace(first, second string) (uint32, bool) {
	if r, _ := utf8.DecodeRuneInString(first); !unicode.IsUpper(r) {
		return 0, false
	}
	joined := strings.ToLower(first + "-" + second)
	cands := placeIndex()[hash32(cut(joined))]
	w := letters(joined)
	for _, p := range cands {
		for _, n := range p.names {
			if n.hyphened && !p.abroad && formOf(w, n) {
				return hyphenKey(n.name), true
			}
		}
	}
	return 0, false
}

// joinHyphened writes as one word ("Кара-Балта") the words of s that a
// hyphen joins when together they name a place, for the evidence's reading
// of places (see appendReadings); joins says which words the next is
// joined to.
func joinHyphened(words []string, joins []bool) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) && joins[i] {
			if _, ok := hyphenedPlace(words[i], words[i+1]); ok {
				out = append(out, words[i]+"-"+words[i+1])
				i++
				continue
			}
		}
		out = append(out, words[i])
	}
	return out
}
