package rules

import (
	"reflect"
	"strings"
	"testing"
)

const matchRules = `
regions:
  - id: fergana-valley
    places: [Fergana, Ферган*, Osh, Ош]
topics:
  - id: bishkek
    any: [Бишкек*]
  - id: iskp
    any: [ISIS-K, Islamic State Khorasan, ИГИЛ*]
  - id: arrests
    groups:
      - [terror*, теракт*]
      - [arrest*, задержан*]
  - id: all-of
    all: [Tashkent, metro]
  - id: not-sport
    any: [Osh]
    none: [football]
  - id: regional
    any: [attack*]
    regions: [fergana-valley]
  - id: tajik-only
    any: [flood*]
    regions: [tajikistan]
  - id: feed-only
    any: [weather]
    feeds: [Asia-Plus]
  - id: uzbek
    any: ["o'zbekiston"]
  - id: regexy
    any: ["regex:\\bcase\\s+№\\s*\\d+"]
  - id: digest-only
    any: [election*]
    delivery: digest
`

func compileTest(t *testing.T) *Matcher {
	t.Helper()
	m, err := Parse("test.yaml", []byte(matchRules))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func topics(ms []Match) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Topic.ID)
	}
	return ids
}

func TestMatch(t *testing.T) {
	m := compileTest(t)
	tests := []struct {
		name string
		item Item
		want []string
	}{
		{"cyrillic whole word at start", Item{Title: "Бишкек: задержаны двое"}, []string{"bishkek"}},
		{"cyrillic prefix finds inflection", Item{Title: "В Бишкеке прошёл митинг"}, []string{"bishkek"}},
		{"cyrillic upper case", Item{Title: "БИШКЕКСКИЙ суд"}, []string{"bishkek"}},
		{"no match inside a word", Item{Title: "Пребишкек"}, nil},
		{"hyphen variant", Item{Title: "ISIS K claims attack"}, []string{"iskp"}},
		{"hyphen", Item{Title: "ISIS-K claims"}, []string{"iskp"}},
		{"quoted", Item{Title: "«ISIS-K» claims"}, []string{"iskp"}},
		{"phrase across words and case", Item{Text: "the islamic state   KHORASAN said"}, []string{"iskp"}},
		{"phrase broken", Item{Text: "Islamic State in Khorasan"}, nil},
		{"russian inflection by prefix", Item{Title: "Сторонники ИГИЛа задержаны"}, []string{"iskp"}},
		{"groups need each group", Item{Title: "Terrorist arrested in Osh"}, []string{"arrests", "not-sport"}},
		{"groups one missing", Item{Title: "Terrorism conference"}, nil},
		{"groups in russian", Item{Title: "Задержаны подозреваемые в подготовке теракта"}, []string{"arrests"}},
		{"all needs every term", Item{Title: "Tashkent metro closed"}, []string{"all-of"}},
		{"all with one missing", Item{Title: "Tashkent airport closed"}, nil},
		{"none excludes", Item{Title: "Osh football club wins"}, nil},
		{"region from text", Item{Title: "Attack reported in Фергане"}, []string{"regional"}},
		{"region absent", Item{Title: "Attack reported in Paris"}, nil},
		{"region from feed tag", Item{Title: "Floods in the south", FeedRegions: []string{"tajikistan"}}, []string{"tajik-only"}},
		{"region from built-in places", Item{Title: "Floods near Dushanbe"}, []string{"tajik-only"}},
		{"feed restriction matches", Item{Title: "Weather today", Feed: "Asia-Plus"}, []string{"feed-only"}},
		{"feed restriction excludes", Item{Title: "Weather today", Feed: "Other"}, nil},
		{"uzbek apostrophe variants", Item{Title: "Oʻzbekiston va Qozogʻiston"}, []string{"uzbek"}},
		{"uzbek right quote", Item{Title: "O’zbekiston"}, []string{"uzbek"}},
		{"yo equals ye", Item{Title: "Бишкёк"}, []string{"bishkek"}},
		{"regex escape hatch", Item{Text: "see Case № 12"}, []string{"regexy"}},
		{"no phrase across title and text", Item{Title: "ISIS", Text: "K claims"}, nil},
		{"digest topics match too", Item{Title: "Elections in Kyrgyzstan"}, []string{"digest-only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := topics(m.Match(tt.item))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Match(%+v) = %v, want %v", tt.item, got, tt.want)
			}
		})
	}
}

func TestMatchExplainsWhy(t *testing.T) {
	m := compileTest(t)
	ms := m.Match(Item{Title: "Теракт предотвращён: задержаны трое, Ош"})
	if len(ms) == 0 || ms[0].Topic.ID != "arrests" {
		t.Fatalf("want the arrests topic first, got %v", topics(ms))
	}
	var why []string
	for _, h := range ms[0].Why {
		why = append(why, h.String())
	}
	got := strings.Join(why, "; ")
	if got != `"теракт*" (Теракт, title); "задержан*" (задержаны, title)` {
		t.Errorf("why = %s", got)
	}
	if !reflect.DeepEqual(ms[0].Regions, []string{"KG", "central-asia", "fergana-valley"}) {
		t.Errorf("regions = %v, want KG, central-asia and fergana-valley", ms[0].Regions)
	}
}

// TestPlacesExplainEachFindOnce: the gazetteer spells St Petersburg several
// ways; the words found are explained once.
func TestPlacesExplainEachFindOnce(t *testing.T) {
	m, err := Parse("r.yaml", []byte("topics:\n  - id: blasts\n    any: [explosion]\n    regions: [russia]\n"))
	if err != nil {
		t.Fatal(err)
	}
	ms := m.Match(Item{Title: "Explosion rocks military site near St Petersburg"})
	if len(ms) != 1 {
		t.Fatalf("want the blasts topic, got %v", topics(ms))
	}
	var found []string
	for _, h := range ms[0].Places {
		found = append(found, h.Found)
	}
	if !reflect.DeepEqual(found, []string{"St Petersburg"}) {
		t.Errorf("places found %q; want St Petersburg once", found)
	}
}

func TestCentralAsiaCoversItsCountries(t *testing.T) {
	m, err := Parse("r.yaml", []byte("topics:\n  - id: ca\n    any: [riot*]\n    regions: [central-asia]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := topics(m.Match(Item{Title: "Riots in Khujand"})); len(got) != 1 {
		t.Errorf("a Tajik city should satisfy central-asia, got %v", got)
	}
	if got := topics(m.Match(Item{Title: "Riots", FeedRegions: []string{"kazakhstan"}})); len(got) != 1 {
		t.Errorf("a feed tagged kazakhstan should satisfy central-asia, got %v", got)
	}
	if got := topics(m.Match(Item{Title: "Riots in Kabul"})); got != nil {
		t.Errorf("Kabul is not in Central Asia, got %v", got)
	}
}

// TestIDs: the ids of topics in their order; none for none.
func TestIDs(t *testing.T) {
	if got := IDs([]*Topic{{ID: "iskp"}, {ID: "attacks"}}); !reflect.DeepEqual(got, []string{"iskp", "attacks"}) {
		t.Errorf("IDs = %q", got)
	}
	if got := IDs(nil); len(got) != 0 {
		t.Errorf("IDs(nil) = %q", got)
	}
}
