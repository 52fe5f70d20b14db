package rules

import "slices"

// builtinRegions are the regions every rules file can name. Each lists the
// place names (countries, capitals, large cities) whose mention ties an item
// to the region, in English, Russian and local spellings. A trailing * makes
// a prefix, so "kazakh*" also finds "Kazakhstan's" and "Kazakhs".
//
// This is a seed list; a gazetteer built from GeoNames replaces it later.
var builtinRegions = map[string][]string{
	"kazakhstan": {"kazakh*", "казах*", "қазақ*", "astana", "астана*", "almaty", "алматы", "алма-ата*",
		"shymkent", "шымкент*", "karaganda", "караганд*", "aktobe", "актобе", "atyrau", "атырау"},
	"kyrgyzstan": {"kyrgyz*", "kirgiz*", "кыргыз*", "киргиз*", "bishkek", "бишкек*", "osh", "ош",
		"jalal-abad", "джалал-абад*", "жалал-абад*", "batken", "баткен*"},
	"tajikistan": {"tajik*", "таджик*", "тоҷик*", "dushanbe", "душанбе", "khujand", "худжанд*",
		"kulob", "kulyab", "куляб*", "кӯлоб", "gorno-badakhshan", "горно-бадахшан*", "khorog", "хорог*"},
	"turkmenistan": {"turkmen*", "туркмен*", "ashgabat", "ашхабад*", "türkmen*"},
	"uzbekistan": {"uzbek*", "узбек*", "o'zbek*", "ўзбек*", "tashkent", "ташкент*", "toshkent*",
		"samarkand", "самарканд*", "andijan", "андижан*", "fergana", "farg'ona", "фергана*", "фергани*",
		"namangan", "наманган*", "bukhara", "бухар*", "nukus", "нукус*", "termez", "термез*"},
	"afghanistan": {"afghan*", "афган*", "kabul", "кабул*", "kandahar", "кандагар*", "herat", "герат*",
		"mazar-i-sharif", "мазари-шариф*", "kunduz", "кундуз*", "taliban", "талиб*"},
	"russia": {"russia*", "росси*", "moscow", "москв*", "kremlin", "кремл*", "dagestan", "дагестан*",
		"chechnya", "чечн*", "orenburg", "оренбург*"},
	"central-asia": {"central asia*", "центральн* ази*", "средн* ази*"},
}

// regionGroups are built-in regions that include others: a topic about
// Central Asia also matches an item that only names Bishkek.
var regionGroups = map[string][]string{
	"central-asia": {"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"},
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
			tid := c.term(p)
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

func (x *regionIndex) ids() []string { return slices.Clone(x.names) }

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
		if r, ok := x.index[name]; ok {
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
