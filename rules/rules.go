// Package rules loads, validates and compiles rules.yaml, and answers which
// topics an item matches and why. It is pure: no I/O beyond reading the file.
package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/language"
)

// Delivery modes a topic can ask for.
const (
	// DeliverImmediate sends an alert as soon as an item matches, and lists
	// it in digests too.
	DeliverImmediate = "immediate"
	// DeliverDigest only lists matches in the scheduled digests.
	DeliverDigest = "digest"
)

// File is rules.yaml as written.
type File struct {
	// Terms are named keyword lists that topics use as "$name", so that a
	// concept (detained, in six languages) is written once.
	Terms   map[yamlstrict.String][]yamlstrict.String `yaml:"terms"`
	Regions []RegionSpec                              `yaml:"regions"`
	Topics  []TopicSpec                               `yaml:"topics"`
}

// RegionSpec is a user-defined region: a name and the places that mean it.
type RegionSpec struct {
	ID       string              `yaml:"id"`
	Name     string              `yaml:"name"`
	Places   []yamlstrict.String `yaml:"places"`
	Includes []yamlstrict.String `yaml:"includes"`
	Pos      yamlstrict.Pos      `yaml:"-"`
}

// TopicSpec is one topic as written in rules.yaml.
type TopicSpec struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Names and Descriptions say the topic in other languages, by i18n
	// code ({ru: Исламское государство в регионе}); Name and
	// Description are what a language without one gets.
	Names        map[yamlstrict.String]string `yaml:"names"`
	Descriptions map[yamlstrict.String]string `yaml:"descriptions"`
	// Aliases are more words a chat may call the topic by (/subscribe
	// ИГИЛ), in any language.
	Aliases []yamlstrict.String `yaml:"aliases"`
	Any     []yamlstrict.String `yaml:"any"`
	All     []yamlstrict.String `yaml:"all"`
	None    []yamlstrict.String `yaml:"none"`
	// Groups each need one hit: [[terror, теракт], [arrest, задержан]]
	// reads "(terror OR теракт) AND (arrest OR задержан)".
	Groups   [][]yamlstrict.String `yaml:"groups"`
	Regions  []yamlstrict.String   `yaml:"regions"`
	Feeds    []string              `yaml:"feeds"`
	Delivery string                `yaml:"delivery"`
	// RealertAfter alerts again about a story each time it gains this many
	// more sources (0: one alert per story).
	RealertAfter int            `yaml:"realert_after"`
	Pos          yamlstrict.Pos `yaml:"-"`
}

// Load reads, validates and compiles the rules file at path. Every problem
// is reported with path:line:col.
func Load(path string) (*Matcher, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return Parse(path, data)
}

// Parse validates and compiles rules from data; name is used in messages.
func Parse(name string, data []byte) (*Matcher, error) {
	var f File
	c := &yamlstrict.Collector{File: name}
	if err := yamlstrict.Decode(name, data, &f); err != nil {
		if yamlstrict.Fatal(err) {
			return nil, err
		}
		c.Add(err)
	}
	terms := resolveTerms(c, f.Terms)
	for i := range f.Topics {
		terms.expand(c, &f.Topics[i])
	}
	regions := resolveRegions(c, f.Regions)
	validateTopics(c, f.Topics, regions.places)
	if err := c.Err(); err != nil {
		return nil, err
	}
	m := compile(f.Topics, regions, terms.keywords())
	m.warnings = terms.warnings(name)
	return m, nil
}

// regionSet is every region a rules file can name: its place names
// (including those of the regions it includes) and the ids it covers
// (itself and every region it includes).
type regionSet struct {
	places map[string][]string
	covers map[string][]string
}

// resolveRegions merges the built-in regions with the user's, checking ids
// and includes.
func resolveRegions(c *yamlstrict.Collector, specs []RegionSpec) regionSet {
	places := map[string][]string{}
	covers := map[string][]string{}
	for id, p := range builtinRegions() {
		places[id] = slices.Clone(p)
		covers[id] = []string{id}
	}
	covers["central-asia"] = append(covers["central-asia"], geo.CentralAsia...)
	seen := map[string]bool{}
	for _, r := range specs {
		switch {
		case r.ID == "":
			c.Addf(r.Pos, "region has no id")
			continue
		case seen[r.ID]:
			c.Addf(r.Pos, "region id %q is used twice", r.ID)
			continue
		case len(r.Places) == 0 && len(r.Includes) == 0:
			c.Addf(r.Pos, "region %q has no places and includes no region", r.ID)
		}
		seen[r.ID] = true
		var ps []string
		for _, p := range r.Places {
			if !validTerm(c, p) {
				continue
			}
			ps = append(ps, p.Value)
		}
		places[r.ID] = append(ps, places[r.ID]...)
		covers[r.ID] = append(covers[r.ID], r.ID)
	}
	// Includes are resolved after every id is known, so order does not matter.
	for _, r := range specs {
		for _, inc := range r.Includes {
			id := canonicalRegion(inc.Value)
			if _, ok := places[id]; !ok {
				c.Unknown(inc, "region", regionNames(places))
				continue
			}
			covers[r.ID] = append(covers[r.ID], covers[id]...)
		}
	}
	return regionSet{places: places, covers: covers}
}

func validateTopics(c *yamlstrict.Collector, topics []TopicSpec, regions map[string][]string) {
	if len(topics) == 0 {
		c.Addf(yamlstrict.Pos{Line: 1, Col: 1}, "no topics: add a topics: list with at least one topic")
	}
	seen := map[string]bool{}
	called := map[string]string{} // a topic's id, name or alias, folded → the topic's id
	for _, t := range topics {
		called[language.Phrase(t.ID)] = t.ID
	}
	for i, t := range topics {
		where := fmt.Sprintf("topic %d", i+1)
		if t.ID != "" {
			where = fmt.Sprintf("topic %q", t.ID)
		}
		switch {
		case t.ID == "":
			c.Addf(t.Pos, "%s has no id", where)
		case !validID(t.ID):
			c.Addf(t.Pos, "%s: id may use only a-z, 0-9, - and _ (it is typed in chat commands)", where)
		case seen[t.ID]:
			c.Addf(t.Pos, "topic id %q is used twice", t.ID)
		}
		seen[t.ID] = true
		if len(t.Any) == 0 && len(t.All) == 0 && len(t.Groups) == 0 && len(t.Regions) == 0 {
			c.Addf(t.Pos, "%s is empty: it needs keywords under any:, all: or groups:, or regions:", where)
		}
		for i, g := range t.Groups {
			if len(g) == 0 {
				c.Addf(t.Pos, "%s: group %d is empty", where, i+1)
			}
		}
		for _, list := range append([][]yamlstrict.String{t.Any, t.All, t.None}, t.Groups...) {
			for _, k := range list {
				validTerm(c, k)
			}
		}
		for _, r := range t.Regions {
			if _, ok := regions[canonicalRegion(r.Value)]; !ok {
				c.Unknown(r, "region", regionNames(regions))
			}
		}
		validateWords(c, t, where, called)
		if t.Delivery != "" && t.Delivery != DeliverImmediate && t.Delivery != DeliverDigest {
			c.Addf(t.Pos, "%s: delivery must be %q or %q, not %q", where, DeliverImmediate, DeliverDigest, t.Delivery)
		}
	}
}

// validTerm checks one keyword: not empty, a valid regex when it is one.
func validTerm(c *yamlstrict.Collector, k yamlstrict.String) bool {
	if pattern, ok := strings.CutPrefix(k.Value, "regex:"); ok {
		if _, err := regexp.Compile("(?i)" + strings.TrimSpace(pattern)); err != nil {
			c.Addf(k.Pos, "invalid regex %q: %v", pattern, err)
			return false
		}
		return true
	}
	if len(tokenize(k.Value)) == 0 {
		c.Addf(k.Pos, "keyword %q has no letters or digits", k.Value)
		return false
	}
	return true
}

// regionNames lists the region names rules may use.
func regionNames(regions map[string][]string) []string {
	ids := make([]string, 0, len(regions))
	for id := range regions {
		ids = append(ids, id)
	}
	return withAliases(ids)
}

func validID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// validateWords checks a topic's names and descriptions by language and
// its aliases: a language code as key, something said, and no alias that
// another topic is called by (a chat typing it would get either).
func validateWords(c *yamlstrict.Collector, t TopicSpec, where string, called map[string]string) {
	for _, m := range []map[yamlstrict.String]string{t.Names, t.Descriptions} {
		for lang, v := range m {
			if !validLang(lang.Value) {
				c.Addf(lang.Pos, "%s: %q is not a language code (such as en, ru, uz)", where, lang.Value)
			}
			if strings.TrimSpace(v) == "" {
				c.Addf(lang.Pos, "%s: the %s text is empty", where, lang.Value)
			}
		}
	}
	for _, a := range t.Aliases {
		key := language.Phrase(a.Value)
		switch other, taken := called[key]; {
		case key == "":
			c.Addf(a.Pos, "%s: alias %q has no letters or digits", where, a.Value)
		case taken && other != t.ID:
			c.Addf(a.Pos, "%s: alias %q already names topic %q", where, a.Value, other)
		default:
			called[key] = t.ID
		}
	}
}

func validLang(code string) bool {
	if len(code) < 2 || len(code) > 3 {
		return false
	}
	for _, r := range code {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
