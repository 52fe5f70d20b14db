package ingest

import (
	"maps"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/stories"
)

// The stories package names term lists of the shipped rules (the groups,
// the rare and the violent acts, mishaps, victims); a list renamed in
// rules.yaml would silently stop counting there.
func TestConceptNamesStoriesUseAreShipped(t *testing.T) {
	m := shippedRules(t)
	said := map[string]string{
		"islamic-state": "В Бишкеке задержан сторонник ИГИЛ",
		"khorasan":      "Вилаят Хорасан взял на себя ответственность за нападение",
		"banned-groups": "В Оше задержаны члены Хизб ут-Тахрир",
		"syrian-groups": "Kyrgyzstanis fighting for Jabhat al-Nusra in Syria",
		"terror-acts":   "В Москве совершен теракт",
		"prison-riots":  "Prison riot in Tajikistan leaves 32 dead",
		"attack":        "Blast at a Kandahar mosque: an attack during Friday prayers",
		"assault":       "Gunmen attacked a police station in Almaty",
		"clash":         "Перестрелка на кыргызско-таджикской границе",
		"clashes":       "Clashes on the Kyrgyz-Tajik border",
		"fighting":      "Fighting resumed on the Kyrgyz-Tajik border",
		"armed":         "Вооружённые люди напали на пост",
		"blast":         "Blast at a Kandahar mosque",
		"accidents":     "Gas explosion in a flat in Almaty",
		"crashes":       "Plane crash near Almaty",
		"disasters":     "Avalanche in the mountains of Tajikistan",
		stories.Victims: "Three killed in Almaty",
	}
	names := append(slices.Sorted(maps.Keys(stories.GroupConcepts)), stories.RareActs...)
	names = append(append(append(names, stories.ViolentActs...), stories.Mishaps...), stories.Victims)
	for _, name := range names {
		text, ok := said[name]
		if !ok {
			t.Errorf("no example for concept %q", name)
			continue
		}
		if concepts := m.Read(rules.Item{Title: text}).Concepts; !slices.Contains(concepts, name) {
			t.Errorf("%q: concepts %v, want %q among them", text, concepts, name)
		}
	}
}
