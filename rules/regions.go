package rules

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed gazetteer.tsv
var gazetteerTSV string

// centralAsia is the group of the five countries, and the phrases that
// name the region itself.
var (
	centralAsia      = []string{"KZ", "KG", "TJ", "TM", "UZ"}
	centralAsiaNames = []string{"Central Asia", "Central Asian", "Центральная Азия", "Средняя Азия",
		"Markaziy Osiyo", "Орталық Азия", "Борбордук Азия", "Осиёи Марказӣ"}
)

// gazetteer is the built-in regions: place names by region id, the
// aliases (kyrgyzstan → KG), and the places one by one (see Places).
type gazetteer struct {
	places  map[string][]string
	aliases map[string]string
	list    []Place
}

// builtin parses the embedded gazetteer once.
var builtin = sync.OnceValue(func() gazetteer {
	g := gazetteer{places: map[string][]string{}, aliases: map[string]string{}}
	for _, line := range strings.Split(gazetteerTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if col[0] == "@alias" && len(col) == 3 {
			g.aliases[col[1]] = col[2]
			continue
		}
		if len(col) != 5 {
			panic("rules: malformed gazetteer line: " + line)
		}
		names := strings.Split(col[4], "|")
		regions := strings.Split(col[0], ",")
		for _, region := range regions {
			g.places[region] = append(g.places[region], names...)
		}
		g.list = append(g.list, Place{Country: regions[0], Kind: col[1], Names: names})
	}
	g.places["central-asia"] = centralAsiaNames
	return g
})

// canonicalRegion maps a region name as written in rules to its id:
// a country's name to its ISO code, an ISO code to upper case.
func canonicalRegion(name string) string {
	g := builtin()
	if id, ok := g.aliases[strings.ToLower(name)]; ok {
		return id
	}
	if up := strings.ToUpper(name); len(name) == 2 && g.places[up] != nil {
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
			if !slices.Contains(t.regions, ri) {
				t.regions = append(t.regions, ri)
			}
			x.terms = append(x.terms, tid)
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
	for alias := range builtin().aliases {
		out = append(out, alias)
	}
	slices.Sort(out)
	return out
}

// mentioned marks the regions whose places the item names, the regions its
// feed is tagged with, and every region that includes one of those.
func (x *regionIndex) mentioned(s *scan, m *Matcher, feedRegions []string) {
	mark := func(r int32) {
		if s.regionStamp[r] != s.gen {
			s.regionStamp[r] = s.gen
			s.regionList = append(s.regionList, r)
		}
	}
	for _, tid := range s.hits {
		for _, r := range m.terms[tid].regions {
			mark(r)
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
		for _, r := range t.regions {
			if covered == nil || covered[m.regions.names[r]] {
				out = append(out, s.describe(t))
				break
			}
		}
	}
	return out
}
