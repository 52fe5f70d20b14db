package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/language"
)

// TestTerrorActsAreTerrorism: a term may not name another, so the shipped
// rules write each act of terror in $terror-acts and again in $terrorism,
// whose concept a report shares with one in another language (stories'
// evidence). A word added to one list alone breaks that quietly.
func TestTerrorActsAreTerrorism(t *testing.T) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f File
	if err := yamlstrict.Decode("rules.yaml", data, &f); err != nil {
		t.Fatal(err)
	}
	lists := map[string]map[string]bool{}
	for name, words := range f.Terms {
		lists[name.Value] = map[string]bool{}
		for _, w := range words {
			lists[name.Value][strings.Map(language.Fold, w.Value)] = true
		}
	}
	if len(lists["terror-acts"]) == 0 {
		t.Fatal("rules.yaml has no $terror-acts")
	}
	for w := range lists["terror-acts"] {
		if !lists["terrorism"][w] {
			t.Errorf("%q is in $terror-acts but not in $terrorism", w)
		}
	}
}
