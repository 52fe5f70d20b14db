package main

import (
	"slices"
	"testing"
)

func TestIsTown(t *testing.T) {
	kg := country{"KG", "kyrgyzstan", 50000, 10000, true}
	af := country{"AF", "afghanistan", 50000, 10000, false}
	ru := country{"RU", "russia", 300000, 0, false}
	for _, c := range []struct {
		c      country
		pop    int
		fclass string
		want   bool
	}{
		{kg, 14141, "PPLA2", true}, // Kerben
		{kg, 0, "PPLA2", true},     // Kochkor: GeoNames counts no one
		{kg, 12000, "PPL", true},
		{kg, 9000, "PPL", false},
		{af, 0, "PPLA2", false}, // Afghanistan's district seats are many and small
		{af, 12000, "PPL", true},
		{ru, 200000, "PPL", false},
	} {
		if got := c.c.isTown(c.pop, c.fclass); got != c.want {
			t.Errorf("%s isTown(%d, %s) = %v, want %v", c.c.code, c.pop, c.fclass, got, c.want)
		}
	}
}

func TestTownNames(t *testing.T) {
	for _, c := range []struct {
		alt, ascii string
		want       bool
	}{
		{"Кара-Балта", "Kara-Balta", true},
		{"Ховалинг", "Khovaling", true},
		{"Хайдаркан", "Aydarken", true},
		{"Покровка", "Kyzyl-Suu", false}, // a Soviet name the village had
		{"Ермак", "Aksu", false},
		{"Kara-Balty", "Kara-Balta", false}, // Latin: latinAlternateFits' part
	} {
		if got := cyrillicAlternateFits(c.alt, c.ascii); got != c.want {
			t.Errorf("cyrillicAlternateFits(%q, %q) = %v, want %v", c.alt, c.ascii, got, c.want)
		}
	}
	for n, want := range map[string]bool{
		"Kerben": true, "Кербен": true, "Нов": false, "Chu": false, "Московский": false, "Кировское": false,
		"Glubokoye": false, "Жақсы": false, "Serdar": false, "Moskva": false, "Chinaz": false, "Chinoz": true,
	} {
		if got := townNameFits(n); got != want {
			t.Errorf("townNameFits(%q) = %v, want %v", n, got, want)
		}
	}
}

// A town gives up a name that a city, a province or a more populous town
// of its country has; places of one country that are no towns share
// names as before (a district and its seat).
func TestTownsGiveUpSharedNames(t *testing.T) {
	province := &place{country: "KG", kind: "province", name: "Talas", names: []string{"Talas", "Талас"}}
	city := &place{country: "KG", kind: "city", name: "Talas", population: 40000, seat: true, names: []string{"Talas", "Талас"}}
	village := &place{country: "KG", kind: "city", name: "Talas", town: true, names: []string{"Talas"}}
	big := &place{country: "KZ", kind: "city", name: "Akkol’", population: 16773, town: true, names: []string{"Akkol’", "Акколь"}}
	small := &place{country: "KZ", kind: "city", name: "Akkol", population: 2605, town: true, names: []string{"Akkol", "Акколь"}}
	resolveAmbiguous([]*place{province, city, village, big, small})
	for _, c := range []struct {
		p    *place
		want []string
	}{
		{province, []string{"Talas", "Талас"}}, {city, []string{"Talas", "Талас"}}, {village, nil},
		{big, []string{"Akkol’", "Акколь"}}, {small, []string{"Akkol"}},
	} {
		if !slices.Equal(c.p.names, c.want) {
			t.Errorf("%s %s (town %v) keeps %q, want %q", c.p.kind, c.p.name, c.p.town, c.p.names, c.want)
		}
	}
}

func TestPlaceTowns(t *testing.T) {
	provs := []*place{{country: "KG", admin1: "03", kind: "province", name: "Jalal-Abad"}}
	kerben := &place{country: "KG", admin1: "03", name: "Kerben", town: true}
	city := &place{country: "KG", admin1: "03", name: "Jalal-Abad"}
	placeTowns([]*place{kerben, city}, provs)
	if kerben.province != "Jalal-Abad" || city.province != "" {
		t.Errorf("Kerben lies in %q, the city in %q; want Jalal-Abad and none (within.tsv's part)", kerben.province, city.province)
	}
}
