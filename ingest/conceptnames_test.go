package ingest

import (
	"maps"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/stories"
)

// The stories package names term lists of the shipped rules (the groups,
// the rare acts); a list renamed in rules.yaml would silently stop
// counting there.
func TestConceptNamesStoriesUseAreShipped(t *testing.T) {
	m := shippedRules(t)
	said := map[string]string{
		"islamic-state": "В Бишкеке задержан сторонник ИГИЛ",
		"khorasan":      "Вилаят Хорасан взял на себя ответственность за нападение",
		"banned-groups": "В Оше задержаны члены Хизб ут-Тахрир",
		"syrian-groups": "Kyrgyzstanis fighting for Jabhat al-Nusra in Syria",
		"terror-acts":   "В Москве совершен теракт",
		"prison-riots":  "Prison riot in Tajikistan leaves 32 dead",
	}
	names := append(slices.Sorted(maps.Keys(stories.GroupConcepts)), stories.RareActs...)
	for _, name := range names {
		text, ok := said[name]
		if !ok {
			t.Errorf("no example for concept %q", name)
			continue
		}
		if _, concepts := m.Concepts(rules.Item{Title: text}); !slices.Contains(concepts, name) {
			t.Errorf("%q: concepts %v, want %q among them", text, concepts, name)
		}
	}
}
