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

// Concepts reads an item for its language and the concepts (term lists)
// its words name, sorted.
func (m *Matcher) Concepts(item Item) (language.Lang, []string) {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	return s.text.language(), m.concepts(s)
}

// MatchConcepts is Match and Concepts of one item, read once.
func (m *Matcher) MatchConcepts(item Item) ([]Match, language.Lang, []string) {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	return m.matchScanned(s, item), s.text.language(), m.concepts(s)
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
