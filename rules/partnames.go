package rules

import (
	"slices"
	"strings"

	"github.com/newsalert/newsalert/text"
)

// A place name may be a part of a longer one that names another place:
// Tajik Бадахшон is Tajikistan's province, Бадахшони Афғонистон
// Afghanistan's; Russian Бадахшан is Afghanistan's, Тоолуу Бадахшан
// Tajikistan's. An item that gives the longer name and the short one
// means one place, named short: the longer name's.

// partNames maps each one-word place name to the longer place names of
// other regions that hold it as a word, or as a word less the Tajik
// izofat (Бадахшон in Бадахшони).
func partNames(terms []*term) map[int32][]int32 {
	short := map[string][]*term{}
	for _, t := range terms {
		if ws := text.Words(t.raw); len(t.regions) > 0 && len(ws) == 1 {
			short[ws[0]] = append(short[ws[0]], t)
		}
	}
	out := map[int32][]int32{}
	for _, q := range terms {
		ws := text.Words(q.raw)
		if len(q.regions) == 0 || len(ws) < 2 {
			continue
		}
		for _, w := range ws {
			for _, form := range []string{w, withoutIzofat(w)} {
				for _, p := range short[form] {
					if !sameRegions(p.regions, q.regions) && !slices.Contains(out[p.id], q.id) {
						out[p.id] = append(out[p.id], q.id)
					}
				}
			}
		}
	}
	return out
}

// sameRegions: a and b hold the same regions, in any order.
func sameRegions(a, b []int32) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(r int32) bool { return !slices.Contains(b, r) })
}

// withoutIzofat is a Tajik word less its izofat, -и or -йи after a vowel
// (Бадахшони: Бадахшон), or the word itself.
func withoutIzofat(w string) string {
	if v, ok := strings.CutSuffix(w, "йи"); ok {
		return v
	}
	return strings.TrimSuffix(w, "и")
}

// dropPartNames forgets each place found whose longer name of another
// place the item gives too (s.hits keeps its order).
func (m *Matcher) dropPartNames(s *scan) {
	if len(s.hits) < 2 {
		return // nothing to be part of: most items
	}
	kept := s.hits[:0]
	for _, p := range s.hits {
		if slices.ContainsFunc(m.partOf[p], s.hit) {
			s.forget(p)
			continue
		}
		kept = append(kept, p)
	}
	s.hits = kept
}
