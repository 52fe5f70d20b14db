package rules

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// A place name may be a part of a longer one that names another place:
// Tajik Бадахшон is Tajikistan's province, Бадахшони Афғонистон
// Afghanistan's; Russian Бадахшан is Afghanistan's, Тоолуу Бадахшан
// Tajikistan's. An item that gives the longer name and the short one
// means one place, named short: the longer name's.

// partNames maps each one-word place name to the longer place names of
// other regions that hold it as a word, or as a word less an ending of up
// to two letters (Бадахшон in Бадахшони, the Tajik izofat).
func partNames(terms []*term) map[int32][]int32 {
	short := map[string][]*term{}
	for _, t := range terms {
		if len(t.regions) > 0 && len(t.positions) == 1 {
			short[foldedName(t.raw)] = append(short[foldedName(t.raw)], t)
		}
	}
	out := map[int32][]int32{}
	for _, q := range terms {
		if len(q.regions) == 0 || len(q.positions) < 2 {
			continue
		}
		for _, w := range strings.Fields(foldedName(q.raw)) {
			for cut := 0; cut <= 2 && cut < utf8.RuneCountInString(w); cut++ {
				for _, p := range short[trimRunes(w, cut)] {
					if !slices.Equal(p.regions, q.regions) && !slices.Contains(out[p.id], q.id) {
						out[p.id] = append(out[p.id], q.id)
					}
				}
			}
		}
	}
	return out
}

func foldedName(raw string) string { return strings.ToLower(text.Fold(raw)) }

// trimRunes is w less its last n runes.
func trimRunes(w string, n int) string {
	for ; n > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(w)
		w = w[:len(w)-size]
	}
	return w
}

// dropPartNames forgets each place found whose longer name of another
// place the item gives too.
func (m *Matcher) dropPartNames(s *scan) {
	kept := s.hits[:0]
	for _, p := range s.hits {
		if slices.ContainsFunc(m.partOf[p], s.hit) {
			s.termStamp[p] = s.gen - 1
			continue
		}
		kept = append(kept, p)
	}
	s.hits = kept
}
