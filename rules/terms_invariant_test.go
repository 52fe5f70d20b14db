package rules

import (
	"slices"
	"testing"
)

// TestTerrorActsAreTerrorism: a term may not name another, so the shipped
// rules write each act of terror in $terror-acts and again in $terrorism,
// whose concept a report shares with one in another language (stories'
// evidence). A word added to one list alone breaks that quietly.
func TestTerrorActsAreTerrorism(t *testing.T) {
	m := defaultMatcher(t)
	acts, terrorism := int32(slices.Index(m.conceptNames, "terror-acts")), int32(slices.Index(m.conceptNames, "terrorism"))
	if acts < 0 || terrorism < 0 {
		t.Fatalf("concepts %v lack terror-acts or terrorism", m.conceptNames)
	}
	n := 0
	for id, concepts := range m.conceptOf {
		if slices.Contains(concepts, acts) {
			n++
			if !slices.Contains(concepts, terrorism) {
				t.Errorf("%q is in $terror-acts but not in $terrorism", m.terms[id].raw)
			}
		}
	}
	if n == 0 {
		t.Error("no keyword has the concept terror-acts")
	}
}
