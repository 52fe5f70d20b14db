package rules

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Topic is a compiled topic's public description.
type Topic struct {
	ID          string
	Name        string
	Description string
	// Delivery is DeliverImmediate or DeliverDigest.
	Delivery string
	// Regions the topic is restricted to; empty means anywhere.
	Regions []string
	// Feeds the topic is restricted to (by feed name); empty means all.
	Feeds []string
}

// Item is the text the matcher looks at.
type Item struct {
	Title string
	Text  string
	// Feed is the feed's name, for topics restricted to some feeds.
	Feed string
	// FeedRegions are the region tags of the feed the item came from.
	FeedRegions []string
}

// Hit is one keyword that matched and the words it matched in the text.
type Hit struct {
	Keyword string
	Found   string
}

func (h Hit) String() string {
	if h.Found == "" || strings.EqualFold(h.Found, h.Keyword) {
		return fmt.Sprintf("%q", h.Keyword)
	}
	return fmt.Sprintf("%q (%s)", h.Keyword, h.Found)
}

// Match says that an item matches a topic, and why.
type Match struct {
	Topic *Topic
	// Why lists the keywords of the topic's any, all and groups lists that matched.
	Why []Hit
	// Regions are the regions the item is about, as far as the rules know.
	Regions []string
}

// Matcher answers which topics an item matches. It is safe for concurrent use.
type Matcher struct {
	topics  []compiledTopic
	terms   []*term
	byFirst map[string][]*term // terms whose first word is exact, by that word
	prefix  map[rune][]*term   // terms whose first word is a prefix, by its first letter
	regexes []*term
	regions map[string]regionTerms
	covers  map[string][]string
}

type compiledTopic struct {
	Topic
	any, all, none []int // term ids
	groups         [][]int
	covered        map[string]bool
}

type regionTerms struct{ ids []int }

// term is one keyword or place name: a phrase of words, each exact or a
// prefix, or a regular expression.
type term struct {
	id    int
	raw   string
	words []word
	re    *regexp.Regexp
}

type word struct {
	text   string
	prefix bool
}

func compile(topics []TopicSpec, regions regionSet) *Matcher {
	m := &Matcher{byFirst: map[string][]*term{}, prefix: map[rune][]*term{}, regions: map[string]regionTerms{}, covers: regions.covers}
	interned := map[string]int{}
	add := func(raw string) int {
		if id, ok := interned[raw]; ok {
			return id
		}
		t := newTerm(len(m.terms), raw)
		interned[raw] = t.id
		m.terms = append(m.terms, t)
		switch {
		case t.re != nil:
			m.regexes = append(m.regexes, t)
		case t.words[0].prefix:
			r := firstRune(t.words[0].text)
			m.prefix[r] = append(m.prefix[r], t)
		default:
			m.byFirst[t.words[0].text] = append(m.byFirst[t.words[0].text], t)
		}
		return t.id
	}
	for id, places := range regions.places {
		var rt regionTerms
		for _, p := range places {
			rt.ids = append(rt.ids, add(p))
		}
		m.regions[id] = rt
	}
	for _, spec := range topics {
		ct := compiledTopic{Topic: Topic{
			ID: spec.ID, Name: spec.Name, Description: spec.Description,
			Delivery: spec.Delivery, Feeds: spec.Feeds,
		}}
		if ct.Delivery == "" {
			ct.Delivery = DeliverImmediate
		}
		if ct.Name == "" {
			ct.Name = ct.ID
		}
		for _, k := range spec.Any {
			ct.any = append(ct.any, add(k.Value))
		}
		for _, k := range spec.All {
			ct.all = append(ct.all, add(k.Value))
		}
		for _, k := range spec.None {
			ct.none = append(ct.none, add(k.Value))
		}
		for _, g := range spec.Groups {
			var ids []int
			for _, k := range g {
				ids = append(ids, add(k.Value))
			}
			ct.groups = append(ct.groups, ids)
		}
		if len(spec.Regions) > 0 {
			ct.covered = map[string]bool{}
			for _, r := range spec.Regions {
				ct.Regions = append(ct.Regions, r.Value)
				for _, c := range regions.covers[r.Value] {
					ct.covered[c] = true
				}
			}
		}
		m.topics = append(m.topics, ct)
	}
	return m
}

func newTerm(id int, raw string) *term {
	t := &term{id: id, raw: raw}
	if pattern, ok := strings.CutPrefix(raw, "regex:"); ok {
		t.re = regexp.MustCompile("(?i)" + strings.TrimSpace(pattern)) // validated in validTerm
		return t
	}
	// A * ends a word that is a prefix: split on spaces first so that
	// "центральн* ази*" keeps a * on each word.
	for _, field := range strings.Fields(raw) {
		prefix := strings.HasSuffix(field, "*")
		toks := tokenize(field)
		for i, tok := range toks {
			t.words = append(t.words, word{text: tok, prefix: prefix && i == len(toks)-1})
		}
	}
	return t
}

// Topics lists the compiled topics in file order.
func (m *Matcher) Topics() []*Topic {
	out := make([]*Topic, len(m.topics))
	for i := range m.topics {
		out[i] = &m.topics[i].Topic
	}
	return out
}

// Topic returns the topic with the given id, or nil.
func (m *Matcher) Topic(id string) *Topic {
	for i := range m.topics {
		if m.topics[i].ID == id {
			return &m.topics[i].Topic
		}
	}
	return nil
}

// HasRegion reports whether id names a built-in or user-defined region.
func (m *Matcher) HasRegion(id string) bool {
	_, ok := m.regions[id]
	return ok
}

// RegionIDs lists every region id the rules know, sorted.
func (m *Matcher) RegionIDs() []string {
	ids := make([]string, 0, len(m.regions))
	for id := range m.regions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Match returns the topics item matches, in file order.
func (m *Matcher) Match(item Item) []Match {
	found := m.scan(item)
	mentioned := m.mentionedRegions(found, item.FeedRegions)
	var out []Match
	for i := range m.topics {
		t := &m.topics[i]
		if !t.appliesToFeed(item.Feed) || !t.keywordsMatch(found) {
			continue
		}
		regions := mentioned
		if t.covered != nil {
			regions = filter(mentioned, t.covered)
			if len(regions) == 0 {
				continue
			}
		}
		out = append(out, Match{Topic: &t.Topic, Why: t.why(m, found), Regions: regions})
	}
	return out
}

// scan finds every term in the item; found[id] holds the words matched,
// or "" when the term is absent.
func (m *Matcher) scan(item Item) []string {
	found := make([]string, len(m.terms))
	// An empty token between title and text stops a phrase running across them.
	words := append(tokenize(item.Title), "")
	words = append(words, tokenize(item.Text)...)
	for i, w := range words {
		if w == "" {
			continue
		}
		for _, t := range m.byFirst[w] {
			t.matchAt(words, i, found)
		}
		for _, t := range m.prefix[firstRune(w)] {
			t.matchAt(words, i, found)
		}
	}
	if len(m.regexes) > 0 {
		text := item.Title + "\n" + item.Text
		for _, t := range m.regexes {
			if s := t.re.FindString(text); s != "" {
				found[t.id] = s
			}
		}
	}
	return found
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func (t *term) matchAt(words []string, i int, found []string) {
	if found[t.id] != "" || i+len(t.words) > len(words) {
		return
	}
	for j, w := range t.words {
		got := words[i+j]
		if got == "" || !(got == w.text || w.prefix && strings.HasPrefix(got, w.text)) {
			return
		}
	}
	found[t.id] = strings.Join(words[i:i+len(t.words)], " ")
}

// mentionedRegions are the regions whose places the item names, plus the
// regions its feed is tagged with (and those the tags are part of).
func (m *Matcher) mentionedRegions(found []string, feedRegions []string) []string {
	set := map[string]bool{}
	for _, r := range feedRegions {
		set[r] = true
	}
	for id, rt := range m.regions {
		for _, tid := range rt.ids {
			if found[tid] != "" {
				set[id] = true
				break
			}
		}
	}
	// A group (central-asia) is mentioned when one of its members is.
	for id, members := range m.covers {
		for _, mem := range members {
			if set[mem] {
				set[id] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func (t *compiledTopic) appliesToFeed(feed string) bool {
	return len(t.Feeds) == 0 || slices.Contains(t.Feeds, feed)
}

func (t *compiledTopic) keywordsMatch(found []string) bool {
	for _, id := range t.none {
		if found[id] != "" {
			return false
		}
	}
	for _, id := range t.all {
		if found[id] == "" {
			return false
		}
	}
	for _, g := range t.groups {
		if !anyFound(g, found) {
			return false
		}
	}
	return len(t.any) == 0 || anyFound(t.any, found)
}

func anyFound(ids []int, found []string) bool {
	for _, id := range ids {
		if found[id] != "" {
			return true
		}
	}
	return false
}

func (t *compiledTopic) why(m *Matcher, found []string) []Hit {
	var hits []Hit
	ids := append(slices.Clone(t.any), t.all...)
	for _, g := range t.groups {
		ids = append(ids, g...)
	}
	for _, id := range ids {
		if found[id] != "" {
			hits = append(hits, Hit{Keyword: m.terms[id].raw, Found: found[id]})
		}
	}
	return hits
}

func filter(ids []string, keep map[string]bool) []string {
	var out []string
	for _, id := range ids {
		if keep[id] {
			out = append(out, id)
		}
	}
	return out
}
