package geo

import (
	"slices"
	"strings"
	"testing"
)

// TestPlaces: the generated and the hand-kept parts make one gazetteer;
// a name the region's outlets use leads to its place, and a name added
// by regional.tsv to a generated place is that place (Кулоб and Куляб).
func TestPlaces(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Баткенская", "KG province Batken"},
		{"Баткен", "KG city Batken"},
		{"Казахстан", "KZ country kazakhstan"},
		{"Ўзбекистон", "UZ country uzbekistan"},
		{"O'zbekiston", "UZ country uzbekistan"},
		{"Тошкент", "UZ city Tashkent"},
		{"Кулоб", "TJ city Kŭlob"},
		{"Куляб", "TJ city Kŭlob"},
		{"Рашт", "TJ district Rasht"},
		{"Ворух", "TJ district Vorukh"},
		{"Ҷиргатол", "TJ district Jirgatol"},
		{"Семей", "KZ city Semey"},
		{"тоҷикистонӣ", "TJ people Tajikistani"},
		{"кыргызстандык", "KG people Kyrgyzstani"},
		{"o'zbekistonlik", "UZ people Uzbekistani"},
		{"қазақстандық", "KZ people Kazakhstani"},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Places() {
			if slices.Contains(p.Names, tt.name) {
				got = append(got, p.Country+" "+p.Kind+" "+p.Name)
			}
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%s: places %q, want %q among them", tt.name, got, tt.want)
		}
	}
}

// TestRegionalNamesBelongToOneCountry: a name kept by hand names places
// of one country only (a name two countries share cannot say which).
func TestRegionalNamesBelongToOneCountry(t *testing.T) {
	var g gazetteer
	if err := g.read(regionalTSV, false); err != nil {
		t.Fatal(err)
	}
	countries := map[string]string{}
	for _, p := range g.places {
		for _, n := range p.Names {
			key := strings.ToLower(n)
			if c, ok := countries[key]; ok && c != p.Country {
				t.Errorf("%q names places of %s and %s", n, c, p.Country)
			}
			countries[key] = p.Country
		}
	}
}

// TestRegionalLinesExtendOrAdd: a hand-kept line whose country, kind and
// name are a generated place's adds to it; the count of places grows only
// by the new ones.
func TestRegionalLinesExtendOrAdd(t *testing.T) {
	gen := gazetteer{aliases: map[string]string{}}
	if err := gen.read(generatedTSV, false); err != nil {
		t.Fatal(err)
	}
	if len(Places()) <= len(gen.places) {
		t.Fatalf("%d places with regional.tsv, %d without", len(Places()), len(gen.places))
	}
	kulob := 0
	for _, p := range Places() {
		if p.Name == "Kŭlob" {
			kulob++
		}
	}
	if kulob != 1 {
		t.Errorf("Kŭlob is %d places, want 1", kulob)
	}
}

func TestMalformedLineIsNamed(t *testing.T) {
	var g gazetteer
	err := g.read("# c\nKG\tcity\tOsh\n", false)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %v, want one naming line 2", err)
	}
}

// A body or a building is one thing its name stands for; an area is not.
func TestNamesOne(t *testing.T) {
	for kind, want := range map[string]bool{"agency": true, "venue": true, "city": false, "province": false, "country": false, "people": false} {
		if got := (Place{Kind: kind}).NamesOne(); got != want {
			t.Errorf("Place{Kind: %q}.NamesOne() = %v, want %v", kind, got, want)
		}
	}
}

// TestWithin: a town knows the province it lies in, a province and a
// capital of its own standing none.
func TestWithin(t *testing.T) {
	province := func(name string) string {
		for _, p := range Places() {
			if p.Name == name && p.Kind != "province" {
				var out []string
				for _, i := range p.Within {
					out = append(out, Places()[i].Name)
				}
				return strings.Join(out, "|")
			}
		}
		t.Fatalf("no town %q", name)
		return ""
	}
	for town, want := range map[string]string{
		"Nukus": "Karakalpakstan", "Tirmiz": "Surxondaryo Province", "Khorugh": "Gorno-Badakhshan Autonomous Province",
		"Suzak": "Jalal-Abad", "Semey": "Abai oblysy|Shyghys Qazaqstan oblysy", "Bishkek": "", "Dushanbe": "",
		// gazetteer.tsv's towns, by their province's column
		"Kerben": "Jalal-Abad", "Hulbuk": "Khatlon Province", "Sarykemer": "Zhambyl oblysy",
	} {
		if got := province(town); got != want {
			t.Errorf("%s lies in %q, want %q", town, got, want)
		}
	}
}

// A generated town names its province in a sixth column; regional.tsv
// keeps to five, and a province the file has not listed is an error that
// names the line.
func TestTownsProvinceColumn(t *testing.T) {
	var g gazetteer
	if err := g.read("KG\tprovince\tNaryn\t0\tNaryn\nKG\tcity\tKochkor\t0\tKochkor|Кочкор\tNaryn\n", false); err != nil {
		t.Fatal(err)
	}
	if town := g.places[1]; len(town.Within) != 1 || town.Within[0] != 0 {
		t.Errorf("Kochkor lies in %v, want [0] (Naryn)", town.Within)
	}
	for _, c := range []struct {
		tsv   string
		merge bool
	}{
		{"KG\tcity\tKochkor\t0\tKochkor\tTalas\n", false},
		{"KG\tcity\tKochkor\t0\tKochkor\tNaryn\n", true},
	} {
		var g gazetteer
		if err := g.read("# c\n"+c.tsv, c.merge); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q (merge %v): error %v, want one naming line 2", c.tsv, c.merge, err)
		}
	}
}

func TestWithinUnknownPlaceIsNamed(t *testing.T) {
	g := gazetteer{places: slices.Clone(Places())}
	for _, line := range []string{"KG\tNowhere\tBatken\n", "KG\tSuzak\tNowhere Province\n", "KG\tSuzak\n"} {
		err := g.readWithin("# c\n" + line)
		if err == nil || !strings.Contains(err.Error(), "within.tsv line 2") {
			t.Errorf("%q: error %v, want one naming within.tsv line 2", line, err)
		}
	}
}
