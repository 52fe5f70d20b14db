package rules

import "github.com/newsalert/newsalert/language"

// Location is what an item says of itself, matched or not: the language it
// is written in, the regions its own words name, and the place names
// behind them.
type Location struct {
	Language language.Lang
	Regions  []string
	Places   []Hit
}

// Locate reads an item for its language and places only. The feed's
// region tags are left out: a Kabul story from a feed tagged Kyrgyzstan
// is about Afghanistan.
func (m *Matcher) Locate(item Item) Location {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	m.regions.mentioned(s, m, nil)
	return Location{Language: s.text.language(), Regions: s.regionNames(m.regions, nil), Places: s.places(m, nil)}
}

// aboutOwnRegion decides a topic of regions alone: the item names a place
// within covered; or it names no place at all and its feed is tagged with
// a region within covered (a 24.kg story about a Bishkek school that says
// only "the capital").
func (s *scan) aboutOwnRegion(m *Matcher, covered map[string]bool) bool {
	named := false
	for _, tid := range s.hits {
		if !s.isPlaceHere(m.terms[tid]) {
			continue
		}
		for _, r := range m.terms[tid].regions {
			named = true
			if covered[m.regions.names[r]] {
				return true
			}
		}
	}
	return !named && len(s.regionNames(m.regions, covered)) > 0
}
