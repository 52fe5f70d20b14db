package rules

import "github.com/newsalert/newsalert/language"

// wordCache remembers the word patterns each word a scan walked matched:
// news repeats its words from item to item, and walking a word through
// the trie and asking the analysers whether it is a form of each pattern
// it reaches is most of a scan's time. What a word matches depends on its
// letters and, for place names and the region's stems, on the item's
// language; such a word is kept once per language, so that an item none
// of whose words needs its language is still not detected.
type wordCache struct {
	any    map[string]cachedWord
	byLang [8]map[string]cachedWord // words whose patterns depend on the language
	ids    []int32                  // every cached word's pattern ids; an exact word's as ^id
}

// cachedWord is a word's pattern ids, ids[start:end], or perLang: look in
// byLang.
type cachedWord struct {
	start, end int32
	perLang    bool
}

// maxCachedWords bounds a cache: past it, it starts afresh. The 11,500
// items of the matcher's benchmark hold some 60,000 distinct words, which
// take about 10 MB.
const maxCachedWords = 1 << 16

// lookup returns w's pattern ids, if cached; lang gives the item's
// language, asked only for a word cached by language.
func (c *wordCache) lookup(w []byte, lang func() language.Lang) ([]int32, bool) {
	e, ok := c.any[string(w)]
	if ok && e.perLang {
		e, ok = c.byLang[lang()][string(w)]
	}
	if !ok {
		return nil, false
	}
	return c.ids[e.start:e.end], true
}

// store records ids[start:] as w's patterns, for the item's language
// when perLang, and returns them.
func (c *wordCache) store(w []byte, start int, perLang bool, lang func() language.Lang) []int32 {
	if c.any == nil || len(c.any) >= maxCachedWords {
		c.reset(start)
		start = 0
	}
	e := cachedWord{start: int32(start), end: int32(len(c.ids))}
	if !perLang {
		c.any[string(w)] = e
		return c.ids[start:]
	}
	c.any[string(w)] = cachedWord{perLang: true}
	l := lang()
	if c.byLang[l] == nil {
		c.byLang[l] = map[string]cachedWord{}
	}
	c.byLang[l][string(w)] = e
	return c.ids[start:]
}

// reset empties the cache but for the ids from start on, the word being
// stored.
func (c *wordCache) reset(start int) {
	c.any = map[string]cachedWord{}
	c.byLang = [8]map[string]cachedWord{}
	c.ids = c.ids[:copy(c.ids, c.ids[start:])]
}
