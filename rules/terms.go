package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/language"
)

// termRef is how a topic names a term list: "$detained".
const termRef = "$"

// termLists are the named keyword lists of rules.yaml's terms:, by name.
type termLists struct {
	words map[string][]yamlstrict.String
	at    map[string]yamlstrict.Pos
	used  map[string]bool
	// repeated are keywords written twice in one list, as the matcher
	// reads them (in any case, ё as е): the second does nothing, and hides
	// that a list grew by copying.
	repeated []yamlstrict.String
}

// resolveTerms checks the terms: section: names, and keywords that are
// valid and do not themselves refer to terms.
func resolveTerms(c *yamlstrict.Collector, specs map[yamlstrict.String][]yamlstrict.String) termLists {
	tl := termLists{words: map[string][]yamlstrict.String{}, at: map[string]yamlstrict.Pos{}, used: map[string]bool{}}
	for name, list := range specs {
		switch {
		case !validID(name.Value) || name.Value == "":
			c.Addf(name.Pos, "term name %q may use only a-z, 0-9, - and _", name.Value)
			continue
		case len(list) == 0:
			c.Addf(name.Pos, "term %q has no keywords", name.Value)
		}
		seen := map[string]bool{}
		for _, k := range list {
			if key := strings.Map(language.Fold, k.Value); seen[key] {
				tl.repeated = append(tl.repeated, k)
			} else {
				seen[key] = true
			}
			if strings.HasPrefix(k.Value, termRef) {
				c.Addf(k.Pos, "term %q: %q refers to a term; terms list keywords only", name.Value, k.Value)
				continue
			}
			if validTerm(c, k) {
				tl.words[name.Value] = append(tl.words[name.Value], k)
			}
		}
		tl.at[name.Value] = name.Pos
	}
	return tl
}

// keywords are the keywords of each term list a topic uses.
func (tl termLists) keywords() map[string][]string {
	out := map[string][]string{}
	for name := range tl.used {
		out[name] = values(tl.words[name])
	}
	return out
}

// expand replaces the term references of a topic's lists by their
// keywords: in any:, none: and a group, in place; in all:, each reference
// becomes a group of its own (one of its keywords must appear).
func (tl termLists) expand(c *yamlstrict.Collector, t *TopicSpec) {
	t.Any = tl.inPlace(c, t.Any)
	t.None = tl.inPlace(c, t.None)
	for i, g := range t.Groups {
		t.Groups[i] = tl.inPlace(c, g)
	}
	var all []yamlstrict.String
	for _, k := range t.All {
		if !strings.HasPrefix(k.Value, termRef) {
			all = append(all, k)
			continue
		}
		if words, ok := tl.lookup(c, k); ok {
			t.Groups = append(t.Groups, words)
		}
	}
	t.All = all
}

func (tl termLists) inPlace(c *yamlstrict.Collector, list []yamlstrict.String) []yamlstrict.String {
	if !slices.ContainsFunc(list, func(k yamlstrict.String) bool { return strings.HasPrefix(k.Value, termRef) }) {
		return list
	}
	var out []yamlstrict.String
	for _, k := range list {
		if !strings.HasPrefix(k.Value, termRef) {
			out = append(out, k)
		} else if words, ok := tl.lookup(c, k); ok {
			out = append(out, words...)
		}
	}
	return out
}

func (tl termLists) lookup(c *yamlstrict.Collector, ref yamlstrict.String) ([]yamlstrict.String, bool) {
	name := strings.TrimPrefix(ref.Value, termRef)
	words, ok := tl.words[name]
	if _, known := tl.at[name]; !known {
		c.Unknown(ref, "term", tl.names())
		return nil, false
	}
	tl.used[name] = true
	return words, ok
}

func (tl termLists) names() []string {
	names := make([]string, 0, len(tl.at))
	for n := range tl.at {
		names = append(names, termRef+n)
	}
	slices.Sort(names)
	return names
}

// warnings lists the terms no topic refers to and the keywords a term
// lists twice, in file order.
func (tl termLists) warnings(file string) []*yamlstrict.Error {
	var out []*yamlstrict.Error
	for name, at := range tl.at {
		if !tl.used[name] {
			out = append(out, &yamlstrict.Error{File: file, Pos: at, Msg: fmt.Sprintf("term %q is not used by any topic", name)})
		}
	}
	for _, k := range tl.repeated {
		out = append(out, &yamlstrict.Error{File: file, Pos: k.Pos, Msg: fmt.Sprintf("keyword %q is listed twice in its term", k.Value)})
	}
	slices.SortFunc(out, func(a, b *yamlstrict.Error) int { return a.Pos.Line - b.Pos.Line })
	return out
}

// Warnings are problems that do not stop the rules from working (a term no
// topic uses, a keyword listed twice in a term), each with its position.
func (m *Matcher) Warnings() []*yamlstrict.Error { return m.warnings }
