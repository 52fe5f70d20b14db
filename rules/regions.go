package rules

import (
	"slices"
	"strings"
	"sync"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/language"
)

// builtinRegions are the gazetteer's regions and their place names.
var builtinRegions = sync.OnceValue(geo.Regions)

// bodyNames are the gazetteer's names of bodies (ГКНБ, Талибан, Боко
// Харам) and venues («Крокус»): in quotes they are still those, not an
// outlet or a team of the name.
var bodyNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, p := range geo.Places() {
		if p.NamesOne() {
			for _, n := range p.Names {
				names[n] = true
			}
		}
	}
	return names
})

// canonicalRegion maps a region name as written in rules to its id:
// a country's name to its ISO code, an ISO code to upper case.
func canonicalRegion(name string) string {
	if id, ok := geo.Alias(name); ok {
		return id
	}
	if up := strings.ToUpper(name); len(name) == 2 && builtinRegions()[up] != nil {
		return up
	}
	return name
}

// regionIndex knows, for the compiled rules, every region and which
// regions include which.
type regionIndex struct {
	names   []string
	index   map[string]int32
	parents [][]int32 // regions that include region i (central-asia includes kyrgyzstan)
	terms   []int32   // place terms, for explanations
}

func newRegionIndex(rs regionSet, c *compiler) *regionIndex {
	x := &regionIndex{index: map[string]int32{}}
	for _, id := range sortedKeys(keysOf(rs.places)) {
		x.index[id] = int32(len(x.names))
		x.names = append(x.names, id)
	}
	x.parents = make([][]int32, len(x.names))
	for group, members := range rs.covers {
		for _, mem := range members {
			if mem != group {
				x.parents[x.index[mem]] = append(x.parents[x.index[mem]], x.index[group])
			}
		}
	}
	for id, places := range rs.places {
		ri := x.index[id]
		for _, p := range places {
			tid := c.place(p)
			t := c.m.terms[tid]
			t.body = t.body || bodyNames()[p]
			if !slices.Contains(t.regions, ri) {
				t.regions = append(t.regions, ri)
			}
			x.terms = append(x.terms, tid)
		}
	}
	if abroad, ok := x.index[geo.Elsewhere]; ok {
		for _, tid := range x.terms {
			t := c.m.terms[tid]
			t.abroad = !slices.ContainsFunc(t.regions, func(r int32) bool { return r != abroad })
		}
	}
	return x
}

func keysOf(m map[string][]string) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func (x *regionIndex) has(id string) bool { _, ok := x.index[id]; return ok }

// ids lists the region names rules may use: every id, and the country
// names that stand for ISO codes.
func (x *regionIndex) ids() []string { return withAliases(x.names) }

// withAliases adds to region ids the country names that stand for ISO
// codes, sorted: what rules may write.
func withAliases(ids []string) []string {
	out := slices.Clone(ids)
	out = append(out, geo.Aliases()...)
	slices.Sort(out)
	return out
}

// homeCountry is the country whose press writes a language: an item in
// Kyrgyz that names no place is news from Kyrgyzstan.
var homeCountry = map[language.Lang]string{
	language.Kazakh: "KZ", language.Kyrgyz: "KG", language.Tajik: "TJ", language.Uzbek: "UZ",
}

// mentioned marks the regions whose places the item names, the regions its
// feed is tagged with (or, with neither, its language's home country), and
// every region that includes one of those.
func (x *regionIndex) mentioned(s *scan, m *Matcher, feedRegions []string) {
	mark := func(r int32) {
		if s.regionStamp[r] != s.gen {
			s.regionStamp[r] = s.gen
			s.regionList = append(s.regionList, r)
		}
	}
	for _, tid := range s.hits {
		if !s.isPlaceHere(m.terms[tid]) {
			continue
		}
		for _, r := range m.terms[tid].regions {
			mark(r)
		}
	}
	if len(s.regionList) == 0 && len(feedRegions) == 0 {
		if home, ok := homeCountry[s.text.language()]; ok {
			feedRegions = []string{home}
		}
	}
	for _, name := range feedRegions {
		if r, ok := x.index[canonicalRegion(name)]; ok {
			mark(r)
		}
	}
	for i := 0; i < len(s.regionList); i++ { // the list grows as parents are marked
		for _, p := range x.parents[s.regionList[i]] {
			mark(p)
		}
	}
}

// namedRegions lists the regions the item's own place names name, each
// once, in the order the item first names them (s.hits is in that order).
// An item that names no place costs nothing: the stories ask it of every
// item (Matcher.Read), the matches of every matched one.
func (s *scan) namedRegions(m *Matcher) []string {
	var out []string
	for _, tid := range s.hits {
		t := m.terms[tid]
		if !s.isPlaceHere(t) {
			continue
		}
		from := len(out)
		for _, r := range t.regions {
			if name := m.regions.names[r]; !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		slices.Sort(out[from:]) // a term's regions come in no set order
	}
	return out
}

// isPlaceHere reports whether a found place name counts in this item's
// language (Караганда is Karaganda in Russian, "according to" in Kyrgyz).
func (s *scan) isPlaceHere(t *term) bool { return t.onlyIn == 0 || t.onlyIn.Has(s.text.language()) }

// regionNames lists the mentioned regions within covered (all when nil), sorted.
func (s *scan) regionNames(x *regionIndex, covered map[string]bool) []string {
	var out []string
	for _, r := range s.regionList {
		if name := x.names[r]; covered == nil || covered[name] {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// places explains the regions: the place names found that belong to a
// region within covered (all when nil).
func (s *scan) places(m *Matcher, covered map[string]bool) []Hit {
	var out []Hit
	for _, tid := range s.hits {
		t := m.terms[tid]
		if !s.isPlaceHere(t) {
			continue
		}
		for _, r := range t.regions {
			if covered == nil || covered[m.regions.names[r]] {
				out = append(out, s.describe(t))
				break
			}
		}
	}
	return out
}
