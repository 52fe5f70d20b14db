package rules

import (
	"github.com/newsalert/newsalert/language"
	"golang.org/x/text/unicode/norm"
)

// Fields an item's words come from.
const (
	fieldTitle uint8 = iota
	fieldText
	numFields
)

var fieldNames = [...]string{fieldTitle: "title", fieldText: "text"}

// textBuffers holds an item's text as it is matched, reused between items
// so that a scan allocates nothing: its words (spans of the folded text
// and of their field as written, NFKC), each word's field, and the
// item's language.
type textBuffers struct {
	orig     [numFields]string // each field as written, NFKC
	nfkc     [numFields][]byte // the NFKC copy, when a field needed one
	folded   []byte            // lower case, ё→е, apostrophes unified
	spans    []language.Span
	fields   []uint8
	lang     language.Lang
	detected bool // lang is known: detection waits until a word needs it
}

// add normalises s and appends its words, tagged with field. Text that
// NFKC leaves alone as far as words go (nearly all news) is read in
// place; other text is normalised into a reused buffer first.
func (b *textBuffers) add(s string, field uint8) {
	spans, folded := len(b.spans), len(b.folded)
	var ok bool
	if b.folded, b.spans, ok = language.AppendWords(b.folded, b.spans, s, true); !ok {
		b.spans, b.folded = b.spans[:spans], b.folded[:folded]
		b.nfkc[field] = norm.NFKC.AppendString(b.nfkc[field][:0], s)
		s = string(b.nfkc[field]) // one copy: orig must outlive the buffer's reuse
		b.folded, b.spans, _ = language.AppendWords(b.folded, b.spans, s, false)
	}
	b.orig[field] = s
	for range len(b.spans) - spans {
		b.fields = append(b.fields, field)
	}
}

// language returns the item's language, detecting it the first time it
// is asked for: most scans of non-matching items never need it.
func (b *textBuffers) language() language.Lang {
	if !b.detected {
		b.lang, b.detected = language.Detect(b.folded, b.spans), true
	}
	return b.lang
}

func (b *textBuffers) reset() {
	b.folded, b.spans, b.fields = b.folded[:0], b.spans[:0], b.fields[:0]
	b.orig = [numFields]string{}
	b.lang, b.detected = language.Unknown, false
}

func (b *textBuffers) word(i int) []byte { return b.folded[b.spans[i].Start:b.spans[i].End] }
func (b *textBuffers) original(i int) string {
	return b.orig[b.fields[i]][b.spans[i].OStart:b.spans[i].OEnd]
}

// tokenize splits s into folded words, for compiling keywords.
func tokenize(s string) []string { return language.Words(s) }
