package rules

import (
	"slices"

	"github.com/newsalert/newsalert/language"
)

// A concept is a term list of rules.yaml (detained: задержан, arrested,
// кармалды, ushlandi, ...): the same event told in any of the languages.
// Which concepts an item names survives translation, so stories compare
// reports in two languages by them.

// indexConcepts records, for each keyword the topics use, the term lists
// it belongs to.
func (m *Matcher) indexConcepts(c *compiler, lists map[string][]string) {
	names := make([]string, 0, len(lists))
	for name := range lists {
		names = append(names, name)
	}
	slices.Sort(names)
	m.conceptOf = map[int32][]int32{}
	for _, name := range names {
		ci := int32(len(m.conceptNames))
		m.conceptNames = append(m.conceptNames, name)
		for _, raw := range lists[name] {
			if id, ok := c.terms[raw]; ok && !slices.Contains(m.conceptOf[id], ci) {
				m.conceptOf[id] = append(m.conceptOf[id], ci)
			}
		}
	}
}

// Reading is what the stories keep of an item's words besides the words:
// its language, the concepts (term lists) they name, sorted, and the
// regions its own place names name (namedRegions: no feed's tags).
type Reading struct {
	Language language.Lang
	Concepts []string
	Regions  []string
}

// Read reads an item for the stories.
func (m *Matcher) Read(item Item) Reading {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	return m.reading(s)
}

// MatchAndRead is Match and Read of one item, read once.
func (m *Matcher) MatchAndRead(item Item) ([]Match, Reading) {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	return m.matchScanned(s, item), m.reading(s)
}

func (m *Matcher) reading(s *scan) Reading {
	return Reading{Language: s.text.language(), Concepts: m.concepts(s), Regions: s.namedRegions(m)}
}

// concepts are the concepts of the terms a scan found, sorted.
func (m *Matcher) concepts(s *scan) []string {
	var out []string
	for _, id := range s.hits {
		for _, ci := range m.conceptOf[id] {
			out = append(out, m.conceptNames[ci])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
