package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/language"
)

// Topic is a compiled topic's public description.
type Topic struct {
	ID          string
	Name        string
	Description string
	// Names and Descriptions by language code (see NameIn); Aliases are
	// more words the topic is called by.
	Names, Descriptions map[string]string
	Aliases             []string
	// Delivery is DeliverImmediate or DeliverDigest.
	Delivery string
	// Regions the topic is restricted to; empty means anywhere.
	Regions []string
	// Feeds the topic is restricted to (by feed name); empty means all.
	Feeds []string
	// RealertAfter: alert again about a story when it gains this many more
	// sources; 0 alerts once per story.
	RealertAfter int
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

// Hit is one keyword or place that matched, the words it matched, and the
// field they are in ("title" or "text").
type Hit struct {
	Keyword string
	Found   string
	Field   string
}

func (h Hit) String() string {
	found := ""
	if h.Found != "" && !strings.EqualFold(h.Found, h.Keyword) {
		found = h.Found + ", "
	}
	if h.Field == "" {
		return fmt.Sprintf("%q", h.Keyword)
	}
	return fmt.Sprintf("%q (%s%s)", h.Keyword, found, h.Field)
}

// Match says that an item matches a topic, and why.
type Match struct {
	Topic *Topic
	// Why lists the keywords of the topic's any, all and groups lists that matched.
	Why []Hit
	// Places lists the place names that tied the item to its regions.
	Places []Hit
	// Regions are the regions the item is about, as far as the rules know.
	Regions []string
	// Named are the regions the item's own words name, whatever the topic
	// covers, in the order it first names them: not its feed's tags nor
	// its language's home country, which fill Regions when it names no
	// place (a Kabul story from a feed tagged KG is about AF). The same
	// slice for every match of one item.
	Named []string
}

// Matcher answers which topics an item matches. It is safe for concurrent use.
type Matcher struct {
	topics  []compiledTopic
	terms   []*term
	words   []wordPat
	trie    *trie
	byWord  [][]int32 // word id → terms whose first position accepts it
	regexes []*term
	regions *regionIndex
	// regionOnly are the topics of regions alone, without keywords.
	regionOnly []int32
	// conceptOf are the term lists (by index into conceptNames) each
	// keyword belongs to (see Concepts).
	conceptOf    map[int32][]int32
	conceptNames []string
	// partOf are, for a place name, the longer place names that hold it
	// and name another place (see dropPartNames).
	partOf map[int32][]int32
	stems  stemCache
	// warnings are what check reports without refusing the rules.
	warnings []*yamlstrict.Error
	scratch  sync.Pool // *scan
}

type compiledTopic struct {
	Topic
	any, all, none []int32 // term ids
	groups         [][]int32
	covered        map[string]bool
}

// term is one keyword or place name: positions of accepted word
// patterns, or a regular expression.
type term struct {
	id        int32
	raw       string
	positions [][]int32
	re        *regexp.Regexp
	topics    []int32      // topics that use the term
	regions   []int32      // regions the term is a place of
	onlyIn    language.Set // a place name that counts only in texts of these languages (0: all)
	anyCase   bool         // a place name that counts in lower case too
	body      bool         // a body's name (ГКНБ, Талибан), not a place's
	letters   int32        // the name's length: of two place names at one token the longer is read
	abroad    bool         // a place of the countries beyond the region only (geo.Elsewhere)
}

// compiler interns words and terms while a Matcher is built.
type compiler struct {
	m     *Matcher
	words map[wordPat]int32
	terms map[string]int32
}

func (c *compiler) term(raw string) int32 { return c.intern(raw, false, 0) }

// place interns a place name, matched without English stemming. A name
// written "Караганда@ru" counts only in texts of the languages given.
func (c *compiler) place(raw string) int32 {
	bare, codes := geo.Restriction(raw)
	var onlyIn language.Set
	for _, code := range codes {
		if l := language.Parse(code); l != language.Unknown {
			onlyIn = onlyIn.With(l)
		}
	}
	id := c.intern(bare, true, onlyIn)
	if r, _ := utf8.DecodeRuneInString(bare); !unicode.IsUpper(r) {
		c.m.terms[id].anyCase = true // a people's name (тоҷик, ауған), not a proper noun
	}
	return id
}

func (c *compiler) intern(raw string, place bool, onlyIn language.Set) int32 {
	key := raw
	if place {
		key = "\x00place" + strconv.Itoa(int(onlyIn)) + "\x00" + raw
	}
	if id, ok := c.terms[key]; ok {
		return id
	}
	pattern, isRegex := strings.CutPrefix(raw, "regex:")
	var positions [][]int32
	if !isRegex {
		positions = c.positions(raw, place)
	}
	if place {
		// Spellings of a place that read as the same words (St Petersburg,
		// St. Petersburg, St.-Petersburg) are one term: matched once,
		// explained once.
		words := wordsKey(positions, onlyIn)
		if id, ok := c.terms[words]; ok {
			c.terms[key] = id
			return id
		}
		c.terms[words] = int32(len(c.m.terms))
	}
	t := &term{id: int32(len(c.m.terms)), raw: raw, positions: positions, onlyIn: onlyIn,
		letters: int32(utf8.RuneCountInString(raw))}
	if isRegex {
		t.re = regexp.MustCompile("(?i)" + strings.TrimSpace(pattern)) // validated in validTerm
		c.m.regexes = append(c.m.regexes, t)
	}
	c.terms[key] = t.id
	c.m.terms = append(c.m.terms, t)
	return t.id
}

// wordsKey is a place term's key by the word patterns it accepts and the
// languages it is restricted to.
func wordsKey(positions [][]int32, onlyIn language.Set) string {
	b := strconv.AppendInt([]byte("\x00words"), int64(onlyIn), 10)
	for _, alts := range positions {
		b = append(b, '\x00')
		for _, id := range alts {
			b = strconv.AppendInt(append(b, ','), int64(id), 10)
		}
	}
	return string(b)
}

// positions interns the words of a keyword or place name, each position
// the word patterns it accepts.
func (c *compiler) positions(raw string, place bool) [][]int32 {
	var out [][]int32
	for _, alts := range parseKeyword(raw, place) {
		var ids []int32
		for _, w := range alts {
			id, ok := c.words[w]
			if !ok {
				id = int32(len(c.m.words))
				c.words[w] = id
				c.m.words = append(c.m.words, w)
			}
			ids = append(ids, id)
		}
		out = append(out, ids)
	}
	return out
}

func compile(topics []TopicSpec, regions regionSet, concepts map[string][]string) *Matcher {
	m := &Matcher{}
	c := &compiler{m: m, words: map[wordPat]int32{}, terms: map[string]int32{}}
	m.regions = newRegionIndex(regions, c)
	for i, spec := range topics {
		ct := compiledTopic{Topic: Topic{ID: spec.ID, Name: spec.Name, Description: spec.Description,
			Names: byLanguage(spec.Names), Descriptions: byLanguage(spec.Descriptions), Aliases: values(spec.Aliases),
			Delivery: spec.Delivery, Feeds: spec.Feeds, RealertAfter: spec.RealertAfter}}
		if ct.Delivery == "" {
			ct.Delivery = DeliverImmediate
		}
		if ct.Name == "" {
			ct.Name = ct.ID
		}
		add := func(list []string) []int32 {
			ids := make([]int32, len(list))
			for j, raw := range list {
				ids[j] = c.term(raw)
				t := m.terms[ids[j]]
				if len(t.topics) == 0 || t.topics[len(t.topics)-1] != int32(i) {
					t.topics = append(t.topics, int32(i))
				}
			}
			return ids
		}
		ct.any, ct.all, ct.none = add(values(spec.Any)), add(values(spec.All)), add(values(spec.None))
		for _, g := range spec.Groups {
			ct.groups = append(ct.groups, add(values(g)))
		}
		if len(spec.Regions) > 0 {
			ct.covered = map[string]bool{}
			for _, r := range spec.Regions {
				id := canonicalRegion(r.Value)
				ct.Regions = append(ct.Regions, id)
				for _, cov := range regions.covers[id] {
					ct.covered[cov] = true
				}
			}
		}
		if ct.isRegionOnly() && ct.covered != nil {
			m.regionOnly = append(m.regionOnly, int32(i))
		}
		m.topics = append(m.topics, ct)
	}
	m.indexConcepts(c, concepts)
	m.partOf = partNames(m.terms)
	m.trie = newTrie(m.words)
	m.byWord = make([][]int32, len(m.words))
	for _, t := range m.terms {
		if len(t.positions) == 0 {
			continue
		}
		for _, w := range t.positions[0] {
			m.byWord[w] = append(m.byWord[w], t.id)
		}
	}
	return m
}

// Topics lists the compiled topics in file order.
func (m *Matcher) Topics() []*Topic {
	out := make([]*Topic, len(m.topics))
	for i := range m.topics {
		out[i] = &m.topics[i].Topic
	}
	return out
}

// IDs lists the ids of ts, in their order.
func IDs(ts []*Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
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

// HasRegion reports whether id names a built-in or user-defined region
// (a country may be named by its ISO code or its English name).
func (m *Matcher) HasRegion(id string) bool { return m.regions.has(canonicalRegion(id)) }

// RegionIDs lists every region name the rules know, sorted: ids, and the
// country names that stand for ISO codes.
func (m *Matcher) RegionIDs() []string { return m.regions.ids() }

// Match returns the topics item matches, in file order. An item that
// matches nothing costs no allocation once its words have been seen.
func (m *Matcher) Match(item Item) []Match {
	s := m.getScan()
	defer m.scratch.Put(s)
	s.read(item)
	m.findTerms(s)
	return m.matchScanned(s, item)
}

// matchScanned is Match of an item already read and scanned.
func (m *Matcher) matchScanned(s *scan, item Item) []Match {
	if len(s.hits) == 0 && len(item.FeedRegions) == 0 {
		return nil
	}
	m.regions.mentioned(s, m, item.FeedRegions)
	var out []Match
	var named []string
	for _, ti := range m.candidateTopics(s) {
		t := &m.topics[ti]
		if !t.appliesToFeed(item.Feed) || !t.keywordsMatch(s) {
			continue
		}
		regions := s.regionNames(m.regions, t.covered)
		if t.covered != nil && len(regions) == 0 || t.isRegionOnly() && !s.aboutOwnRegion(m, t.covered) {
			continue
		}
		if out == nil {
			named = s.namedRegions(m)
		}
		out = append(out, Match{Topic: &t.Topic, Why: t.why(m, s), Places: s.places(m, t.covered), Regions: regions, Named: named})
	}
	return out
}

// findTerms walks every word of the item through the trie and records the
// terms found, with where they were first found.
func (m *Matcher) findTerms(s *scan) {
	tokens := s.text.spans
	s.tokWords = s.tokWords[:0]
	s.tokStart = s.tokStart[:0]
	for i := range tokens {
		s.tokStart = append(s.tokStart, int32(len(s.tokWords)))
		m.wordsOf(s, i)
	}
	s.tokStart = append(s.tokStart, int32(len(s.tokWords)))
	m.recordTerms(s)
	for _, t := range m.regexes {
		if s.hit(t.id) {
			continue
		}
		if loc := t.re.FindStringIndex(s.title); loc != nil {
			s.recordRegex(t.id, s.title[loc[0]:loc[1]], fieldTitle)
		} else if loc := t.re.FindStringIndex(s.body); loc != nil {
			s.recordRegex(t.id, s.body[loc[0]:loc[1]], fieldText)
		}
	}
}

// recordTerms records the terms whose words follow one another, each at
// its first occurrence; a place name said in passing is left out (see
// placeAside) or held until the item's other places are known (placeChoice).
func (m *Matcher) recordTerms(s *scan) {
	choice := placeChoice{fallback: heldPlace{term: -1}, neighbour: heldPlace{term: -1}}
	placeEnd := 0 // the token after the last place name recorded
	for i := range s.text.spans {
		s.placesAt = s.placesAt[:0]
		for _, w := range s.tokWords[s.tokStart[i]:s.tokStart[i+1]] {
			for _, tid := range m.byWord[w] {
				t := m.terms[tid]
				if s.hit(tid) || !m.phraseAt(s, t, i) {
					continue
				}
				if t.isPlaceOnly() {
					if s.isPlaceHere(t) { // Мари@uz is no place in Russian, and must not hide Мары
						s.placesAt = append(s.placesAt, tid)
					}
					continue
				}
				if s.inBanDisclaimer(i, i+len(t.positions)) {
					continue
				}
				s.record(tid, int32(i), int32(i+len(t.positions)))
			}
		}
		longest, longestName := 0, int32(0)
		for _, tid := range s.placesAt {
			t := m.terms[tid]
			if n := len(t.positions); n > longest || n == longest && t.letters > longestName {
				longest, longestName = n, t.letters
			}
		}
		for _, tid := range s.placesAt {
			t := m.terms[tid]
			end := i + len(t.positions)
			if s.hit(tid) || len(t.positions) < longest || end <= placeEnd {
				continue // a name within a longer one: Бадахшон of Бадахшони Афғонистон
			}
			if t.letters < longestName {
				continue // a shorter name with an ending: Балх+аш of Балхаш
			}
			switch s.placeAside(t, i) {
			case ignored:
				continue
			case fallback:
				choice.fallback.hold(tid, i)
				continue
			case neighbour:
				choice.neighbour.hold(tid, i)
				continue
			}
			placeEnd = max(placeEnd, end)
			s.record(tid, int32(i), int32(end))
			choice.abroad, choice.home = choice.abroad || t.abroad, choice.home || !t.abroad
		}
	}
	choice.recordHeld(m, s)
	m.dropPartNames(s)
}

// heldPlace is a place name said in passing and its token; term is -1
// when there is none.
type heldPlace struct {
	term int32
	at   int
}

// hold keeps the first such name.
func (h *heldPlace) hold(tid int32, at int) {
	if h.term < 0 {
		h.term, h.at = tid, at
	}
}

// placeChoice decides the places said in passing once the item's other
// places are known: a dateline or a local ban (fallback) counts only when
// no other place does, a neighbour unless every other place is abroad.
type placeChoice struct {
	fallback, neighbour heldPlace
	abroad, home        bool // a place recorded is beyond the region / of it
}

func (c *placeChoice) recordHeld(m *Matcher, s *scan) {
	placed := c.abroad || c.home
	if c.neighbour.term >= 0 && (c.home || !c.abroad) {
		m.recordHeldPlace(s, c.neighbour)
		placed = true
	}
	if c.fallback.term >= 0 && !placed {
		m.recordHeldPlace(s, c.fallback)
	}
}

func (m *Matcher) recordHeldPlace(s *scan, h heldPlace) {
	s.record(h.term, int32(h.at), int32(h.at+len(m.terms[h.term].positions)))
}

// isPlaceOnly: a place name that no topic uses as a keyword.
func (t *term) isPlaceOnly() bool { return len(t.regions) > 0 && len(t.topics) == 0 }

// wordsOf appends the ids of the word patterns token i matches: the
// ones the scan's cache holds for its word, or those walkWord finds.
func (m *Matcher) wordsOf(s *scan, i int) {
	w := s.text.word(i)
	ids, ok := s.words.lookup(w, s.text.language)
	if !ok {
		start := len(s.words.ids)
		perLang := m.walkWord(s, w)
		ids = s.words.store(w, start, perLang, s.text.language)
	}
	for _, id := range ids {
		if id < 0 { // an exact word: some are names, matched only as written in capitals
			if id = ^id; m.words[id].upper && !language.IsUpperWord(s.text.original(i)) {
				continue
			}
		}
		s.tokWords = append(s.tokWords, id)
	}
}

// walkWord appends to the scan's word cache the ids of the word patterns
// w matches, an exact word's as ^id, and says whether they took the
// item's language.
func (m *Matcher) walkWord(s *scan, w []byte) (perLang bool) {
	s.tokStems.reset()
	s.langAsked = false
	n := int32(0)
	for j := 0; j < len(w); j++ {
		if n = m.trie.child(n, w[j]); n < 0 {
			return s.langAsked
		}
		for _, id := range m.trie.prefix(n) {
			if m.acceptPrefix(id, w, s) {
				s.words.ids = append(s.words.ids, id)
			}
		}
	}
	for _, id := range m.trie.exact(n) {
		s.words.ids = append(s.words.ids, ^id)
	}
	return s.langAsked
}

// acceptPrefix: w is a form of the prefix pattern id. It notes in the
// scan when the answer took the item's language.
func (m *Matcher) acceptPrefix(id int32, w []byte, s *scan) bool {
	p := &m.words[id]
	if p.kind == prefixWord {
		return p.notIn == 0 || bytes.HasPrefix(w, []byte(p.word)) || !p.notIn.Has(s.language())
	}
	if p.kind != stemWord && p.kind != placeWord {
		return true
	}
	lang := language.Unknown // an English stem reads every text: no need to detect
	if p.kind == placeWord || p.langs&regionalLangs != 0 {
		lang = s.language()
	}
	return m.stems.accepts(p, w, lang, &s.tokStems)
}

// phraseAt reports whether term t's words follow one another from token i
// on, within one field.
func (m *Matcher) phraseAt(s *scan, t *term, i int) bool {
	fields := s.text.fields
	if i+len(t.positions) > len(fields) {
		return false
	}
	for k := 1; k < len(t.positions); k++ {
		if fields[i+k] != fields[i] || !s.tokenHas(i+k, t.positions[k]) {
			return false
		}
	}
	return true
}

// candidateTopics are the topics that use a term the item contains, and
// the topics of regions alone, in file order.
func (m *Matcher) candidateTopics(s *scan) []int32 {
	s.cands = append(s.cands[:0], m.regionOnly...)
	for _, ti := range m.regionOnly {
		s.topicStamp[ti] = s.gen
	}
	for _, tid := range s.hits {
		for _, ti := range m.terms[tid].topics {
			if s.topicStamp[ti] != s.gen {
				s.topicStamp[ti] = s.gen
				s.cands = append(s.cands, ti)
			}
		}
	}
	slices.Sort(s.cands)
	return s.cands
}

func (t *compiledTopic) appliesToFeed(feed string) bool {
	return len(t.Feeds) == 0 || slices.Contains(t.Feeds, feed)
}

func (t *compiledTopic) isRegionOnly() bool {
	return len(t.any)+len(t.all)+len(t.groups) == 0
}

func (t *compiledTopic) keywordsMatch(s *scan) bool {
	for _, id := range t.none {
		if s.hit(id) {
			return false
		}
	}
	for _, id := range t.all {
		if !s.hit(id) {
			return false
		}
	}
	for _, g := range t.groups {
		if !s.anyHit(g) {
			return false
		}
	}
	return len(t.any) == 0 || s.anyHit(t.any)
}

func (t *compiledTopic) why(m *Matcher, s *scan) []Hit {
	var hits []Hit
	add := func(ids []int32) {
		for _, id := range ids {
			if s.hit(id) {
				hits = append(hits, s.describe(m.terms[id]))
			}
		}
	}
	add(t.any)
	add(t.all)
	for _, g := range t.groups {
		add(g)
	}
	return hits
}

func values(list []yamlstrict.String) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.Value
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
