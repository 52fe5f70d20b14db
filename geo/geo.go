// Package geo is the built-in gazetteer: the countries, provinces, towns
// and districts of Central Asia and its neighbours, with the names they
// go by in the region's six languages and both scripts, and the words for
// their people (тоҷикистонӣ, кыргызстандык). Rules find regions through
// it; stories tell two places apart with it.
//
// Two files make it: gazetteer.tsv, generated from GeoNames and ISO 3166-2
// by tools/gazetteer, and regional.tsv, kept by hand for the places where
// the region's security news happens and the names local outlets use
// (docs/languages.md says where they come from).
package geo

import (
	_ "embed"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
)

// Place is a place of the gazetteer.
type Place struct {
	// Country is the ISO code of its country; Regions are that code and
	// the groups the place belongs to (fergana-valley).
	Country string
	Regions []string
	// Kind is "country", "province", "city", "district", "people",
	// "venue": a named building the press puts in quotes (Крокус, a
	// concert hall near Moscow), or "agency": a body whose name says where
	// a story is (ГКНБ, УКМК), which stories do not treat as a place of the
	// event.
	Kind  string
	Name  string
	Names []string
	// Within are the provinces (indices in Places) the place lies in:
	// Nukus in Karakalpakstan, Termez in Surxondaryo (within.tsv), Kerben
	// in Jalal-Abad (gazetteer.tsv's towns).
	Within []int
}

var (
	//go:embed gazetteer.tsv
	generatedTSV string
	//go:embed regional.tsv
	regionalTSV string
	//go:embed within.tsv
	withinTSV string
)

// CentralAsia are the five countries of the central-asia region, and
// CentralAsiaNames the phrases that name the region itself.
var (
	CentralAsia      = []string{"KZ", "KG", "TJ", "TM", "UZ"}
	CentralAsiaNames = []string{"Central Asia", "Central Asian", "Центральная Азия", "Средняя Азия",
		"Markaziy Osiyo", "Марказий Осиё", "Орталық Азия", "Орта Азия", "Борбордук Азия", "Осиёи Марказӣ"}
)

type gazetteer struct {
	places  []Place
	aliases map[string]string
}

var builtin = sync.OnceValue(func() gazetteer {
	g := gazetteer{aliases: map[string]string{}}
	if err := g.read(generatedTSV, false); err != nil {
		panic(err)
	}
	if err := g.read(regionalTSV, true); err != nil {
		panic(err)
	}
	if err := g.readWithin(withinTSV); err != nil {
		panic(err)
	}
	return g
})

// read adds a file's places. In regional.tsv a place already known by
// its country and name gains the names; others are added.
func (g *gazetteer) read(tsv string, merge bool) error {
	for n, col := range rows(tsv) {
		if col[0] == "@alias" && len(col) == 3 {
			g.aliases[col[1]] = col[2]
			continue
		}
		if len(col) != 5 && (merge || len(col) != 6) {
			return fmt.Errorf("geo: line %d: want 5 tab-separated columns (6 for a generated town), found %d: %q", n, len(col), strings.Join(col, "\t"))
		}
		regions := strings.Split(col[0], ",")
		p := Place{Country: regions[0], Regions: regions, Kind: col[1], Name: col[2], Names: strings.Split(col[4], "|")}
		if merge && g.extend(p) {
			continue
		}
		if len(col) == 6 { // a town, and its province (listed before the towns)
			province := g.find(p.Country, col[5], func(kind string) bool { return kind == "province" })
			if province < 0 {
				return fmt.Errorf("geo: line %d: no province %q in %s", n, col[5], p.Country)
			}
			p.Within = []int{province}
		}
		p.Names = mergeNames(nil, p.Names)
		g.places = append(g.places, p)
	}
	return nil
}

// readWithin records the province each town or district of within.tsv
// lies in.
func (g *gazetteer) readWithin(tsv string) error {
	for n, col := range rows(tsv) {
		if len(col) != 3 {
			return fmt.Errorf("geo: within.tsv line %d: want 3 tab-separated columns, found %d: %q", n, len(col), strings.Join(col, "\t"))
		}
		town := g.find(col[0], col[1], func(kind string) bool { return kind == "city" || kind == "district" })
		if town < 0 {
			return fmt.Errorf("geo: within.tsv line %d: no town or district %q in %s", n, col[1], col[0])
		}
		for _, name := range strings.Split(col[2], "|") {
			province := g.find(col[0], name, func(kind string) bool { return kind == "province" })
			if province < 0 {
				return fmt.Errorf("geo: within.tsv line %d: no province %q in %s", n, name, col[0])
			}
			if !slices.Contains(g.places[town].Within, province) {
				g.places[town].Within = append(g.places[town].Within, province)
			}
		}
	}
	return nil
}

// rows are a file's lines that are neither blank nor comments, numbered
// from 1, as their tab-separated columns.
func rows(tsv string) iter.Seq2[int, []string] {
	return func(yield func(int, []string) bool) {
		for n, line := range strings.Split(tsv, "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(n+1, strings.Split(line, "\t")) {
				return
			}
		}
	}
}

// find is the index of the place of country and name whose kind is
// wanted, or -1.
func (g *gazetteer) find(country, name string, wanted func(kind string) bool) int {
	return slices.IndexFunc(g.places, func(p Place) bool {
		return p.Country == country && p.Name == name && wanted(p.Kind)
	})
}

func (g *gazetteer) extend(p Place) bool {
	i := g.find(p.Country, p.Name, func(kind string) bool { return kind == p.Kind })
	if i < 0 {
		return false
	}
	g.places[i].Names = mergeNames(g.places[i].Names, p.Names)
	return true
}

// mergeNames adds names to a place's: "-X" removes X (Шевченко is a
// street before it is Aktau's old name), and "X@ru" replaces X by a name
// that counts only in the languages given (see Restriction).
func mergeNames(names, add []string) []string {
	for _, n := range add {
		bare, _ := Restriction(strings.TrimPrefix(n, "-"))
		names = slices.DeleteFunc(names, func(m string) bool { return m == bare })
		if !strings.HasPrefix(n, "-") {
			names = append(names, n)
		}
	}
	return names
}

// Restriction splits a name written "Караганда@ru" into the name and the
// languages (codes, comma-separated) whose text it is a place in: in
// Kyrgyz and Kazakh, караганда is "according to".
func Restriction(name string) (bare string, langs []string) {
	bare, list, ok := strings.Cut(name, "@")
	if !ok {
		return name, nil
	}
	return bare, strings.Split(list, ",")
}

// NamesOne reports whether the place is one body or building (an agency,
// a venue) rather than an area: its name stands for it even in quotes,
// and says where it is but not where an event it is named in happened.
func (p Place) NamesOne() bool { return p.Kind == "agency" || p.Kind == "venue" }

// Places returns every place, parsed once; callers must not change them.
func Places() []Place { return builtin().places }

// Regions returns, for every region id (ISO code or group), the names of
// its places, and central-asia with the names of the region itself.
func Regions() map[string][]string {
	out := map[string][]string{}
	for _, p := range Places() {
		for _, r := range p.Regions {
			out[r] = append(out[r], p.Names...)
		}
	}
	out["central-asia"] = append(out["central-asia"], CentralAsiaNames...)
	return out
}

// Elsewhere is the region of the countries beyond Central Asia, Afghanistan
// and Russia that the gazetteer knows only so that a report about them is
// not placed in the region by a wire's dateline.
const Elsewhere = "elsewhere"

// Alias returns the ISO code a country's lower-case English id stands for
// (kyrgyzstan → KG).
func Alias(name string) (string, bool) {
	id, ok := builtin().aliases[strings.ToLower(name)]
	return id, ok
}

// Aliases lists the country ids that stand for ISO codes.
func Aliases() []string {
	out := make([]string, 0, len(builtin().aliases))
	for a := range builtin().aliases {
		out = append(out, a)
	}
	return out
}
