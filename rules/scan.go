package rules

import "github.com/newsalert/newsalert/language"

// scan is the working memory of one Match call, pooled per Matcher so
// that a scan allocates nothing but the first time it meets a word (see
// wordCache). Marks are generation-stamped, so nothing is cleared between
// items.
type scan struct {
	tokStems    tokenStems // the stems of the word being walked
	text        textBuffers
	title, body string
	gen         uint32

	tokWords []int32 // word pattern ids of every token, flattened
	tokStart []int32 // token i's ids are tokWords[tokStart[i]:tokStart[i+1]]
	words    wordCache
	// langAsked: the word being walked needed the item's language.
	langAsked bool

	termStamp []uint32
	termFirst []int32 // first token of a term's first occurrence
	termEnd   []int32 // token after its last word
	hits      []int32 // terms found, in order
	placesAt  []int32 // place names found at the token being walked
	regexHits map[int32]Hit

	topicStamp []uint32
	cands      []int32

	regionStamp []uint32
	regionList  []int32
}

func (m *Matcher) getScan() *scan {
	s, _ := m.scratch.Get().(*scan)
	if s == nil {
		s = &scan{
			termStamp:   make([]uint32, len(m.terms)),
			termFirst:   make([]int32, len(m.terms)),
			termEnd:     make([]int32, len(m.terms)),
			topicStamp:  make([]uint32, len(m.topics)),
			regionStamp: make([]uint32, len(m.regions.names)),
		}
	}
	s.begin()
	return s
}

// begin readies the scan for another item.
func (s *scan) begin() {
	s.gen++
	if s.gen == 0 { // wrapped: start the stamps afresh
		clear(s.termStamp)
		clear(s.topicStamp)
		clear(s.regionStamp)
		s.gen = 1
	}
	s.hits, s.regionList = s.hits[:0], s.regionList[:0]
	clear(s.regexHits)
	s.text.reset()
}

func (s *scan) read(item Item) {
	s.title, s.body = item.Title, item.Text
	s.text.add(item.Title, fieldTitle)
	s.text.add(item.Text, fieldText)
}

// language is the item's language, noted as asked for the word being
// walked.
func (s *scan) language() language.Lang {
	s.langAsked = true
	return s.text.language()
}

func (s *scan) hit(id int32) bool { return s.termStamp[id] == s.gen }

func (s *scan) anyHit(ids []int32) bool {
	for _, id := range ids {
		if s.hit(id) {
			return true
		}
	}
	return false
}

func (s *scan) record(id, first, end int32) {
	s.termStamp[id] = s.gen
	s.termFirst[id], s.termEnd[id] = first, end
	s.hits = append(s.hits, id)
}

// forget unmarks term id as found; the caller takes it out of s.hits.
func (s *scan) forget(id int32) { s.termStamp[id] = s.gen - 1 }

func (s *scan) recordRegex(id int32, found string, field uint8) {
	s.termStamp[id] = s.gen
	s.termFirst[id] = -1
	s.hits = append(s.hits, id)
	if s.regexHits == nil {
		s.regexHits = map[int32]Hit{}
	}
	s.regexHits[id] = Hit{Found: found, Field: fieldNames[field]}
}

// tokenHas reports whether token i matched one of the word patterns ids.
func (s *scan) tokenHas(i int, ids []int32) bool {
	for _, w := range s.tokWords[s.tokStart[i]:s.tokStart[i+1]] {
		for _, id := range ids {
			if w == id {
				return true
			}
		}
	}
	return false
}

// describe says where term t was found: the words as written, and the field.
func (s *scan) describe(t *term) Hit {
	if t.re != nil {
		h := s.regexHits[t.id]
		h.Keyword = t.raw
		return h
	}
	first, last := s.termFirst[t.id], s.termEnd[t.id]-1
	field := s.text.fields[first]
	return Hit{Keyword: t.raw, Found: s.text.orig[field][s.text.spans[first].OStart:s.text.spans[last].OEnd], Field: fieldNames[field]}
}
