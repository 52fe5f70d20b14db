// Package stories tells when two news items report the same story: it
// reduces an item's title and lead to a fingerprint — the set of its
// content words, cut to their first letters so that inflections agree —
// and finds candidates among earlier items with MinHash and
// locality-sensitive hashing, so that the cost per item does not grow with
// the number of items stored. It is pure: the store keeps the fingerprints.
package stories

import (
	"cmp"

	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// Fingerprint is what is kept of an item to compare it with later ones.
// Words are reduced by the Snowball stemmers (English and Russian words;
// others as they are) and cut to five letters.
type Fingerprint struct {
	// Words are the hashes of the item's content words (title and lead),
	// sorted, unique; Title those of its title; Entities those of the
	// title's names and numbers (the words that tell two similar stories
	// apart: Алматы or Астана, 12 or 5).
	Words, Title, Entities []uint32
	// Kinds says what each of Entities is (number, acronym or name):
	// only two of one kind conflict (Алматы and Астана, 12 and 5; not
	// Geneva and FM).
	Kinds []EntityKind
	// Places are the hashes of the title's words that name a place the
	// built-in gazetteer knows (capitalised Cyrillic words inside a
	// sentence, however the headline is cased; see placesApart), or, for
	// two words a hyphen joins, the key of the place they name (hyphenKey).
	Places []uint32
	// Bands are the LSH keys: two items that share one are candidates.
	Bands []uint64
	// Script is the item's main script ("cyrillic", "latin" or "other"):
	// stories are clustered by words within a script.
	Script string
	// Lang is the item's language, when told (OfReport), and Evidence
	// what of it survives translation, sorted, each of the kind in
	// EvKinds: two reports in two languages are compared by it.
	Lang     string
	Evidence []uint32
	EvKinds  []EvidenceKind
	// Days are the dates the title and lead name without a year (see
	// daysOf): two reports whose days are far apart tell two events.
	Days []uint16
}

// Parameters of the fingerprint. Each band is one MinHash value: two items
// whose word sets overlap by a tenth share one of 32 bands 97% of the time.
// Candidates are then scored exactly.
const (
	// NumBands is the number of LSH keys of a fingerprint.
	NumBands    = numBands
	numBands    = 32
	rowsPerBand = 1
	stemRunes   = 5 // stems are cut to this many letters, so that derived words agree
	leadRunes   = 300
)

// minWords: an item with fewer content words has no fingerprint (it
// cannot be told apart from others).
const minWords = 3

// Of fingerprints an item from its title and summary (the first 300
// characters of the summary: its lead), a wire's dateline set aside.
func Of(title, summary string) Fingerprint {
	return of(readHeadline(withoutWireDateline(title)), leadOf(summary))
}

// OfReport is Of with the item's evidence (see addEvidence): what the
// pipeline keeps of an item, its title and lead read once for both. lang,
// concepts and regions are what the rules read in it (rules.Reading).
func OfReport(title, summary, lang string, concepts, regions []string) Fingerprint {
	title = inLatin(lang, withoutWireDateline(title))
	h, lead := readHeadline(title), inLatin(lang, leadOf(summary))
	fp := of(h, lead)
	fp.addEvidence(h, title, lead, lang, concepts, regions)
	return fp
}

// headline is a title's words (folded), which of them begin a sentence,
// how many a dateline holds, and whether it is written in title case.
type headline struct {
	words         []string
	starts, joins []bool // joins: the word and the next are joined by a hyphen
	codes         []bool // the word is the number of a designation (see sentenceWords)
	dateline      int
	titleCase     bool
}

func readHeadline(title string) headline {
	words, starts, joins, codes, dateline := sentenceWords(text.Fold(title))
	return headline{words, starts, joins, codes, dateline, isTitleCase(words)}
}

// of fingerprints a headline and a lead, the dateline set aside.
func of(h headline, lead string) Fingerprint {
	var fp Fingerprint
	latin, cyrillic := 0, 0
	// add counts a content word's script and returns its hash.
	add := func(w string) uint32 {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case isCyrillic(r):
			cyrillic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
		h := hash32(cut(w))
		fp.Words = append(fp.Words, h)
		return h
	}
	var ents []entity
	secondPart := -1
	titleWords := make([]string, len(h.words))
	for i, raw := range h.words {
		lower := strings.ToLower(raw)
		titleWords[i] = lower
		if i != secondPart && h.joins[i] && i+1 < len(h.words) && placeHere(raw, i < h.dateline, !h.starts[i], h.titleCase) {
			if k, ok := hyphenedPlace(raw, h.words[i+1]); ok {
				fp.Places, secondPart = append(fp.Places, k), i+1
			}
		}
		w := text.AsNumber(lower)
		if stopword[w] {
			continue
		}
		if w != lower {
			raw = w // a number word counts as its digits
		}
		hw := add(w)
		fp.Title = append(fp.Title, hw)
		if k := titleEntityKind(h, i, raw); k != notEntity {
			ents = append(ents, entity{hw, k})
		}
		if i == secondPart || i+1 == secondPart {
			continue // a part of a hyphened place, read whole above
		}
		if placeHere(raw, i < h.dateline, !h.starts[i], h.titleCase) && isPlace(raw, hw) {
			fp.Places = append(fp.Places, hw)
		}
	}
	leadWords := text.Words(lead)
	for _, w := range leadWords {
		if w = text.AsNumber(w); !stopword[w] {
			add(w)
		}
	}
	fp.Words = sortedSet(fp.Words)
	fp.Title = sortedSet(fp.Title)
	fp.Entities, fp.Kinds = entitySet(ents)
	fp.Places = sortedSet(fp.Places)
	fp.Days = daysOf(titleWords, leadWords)
	switch {
	case cyrillic > latin:
		fp.Script = "cyrillic"
	case latin > 0:
		fp.Script = "latin"
	default:
		fp.Script = "other"
	}
	if len(fp.Words) < minWords {
		fp.Words, fp.Title, fp.Entities, fp.Kinds, fp.Places, fp.Days = nil, nil, nil, nil, nil, nil
		return fp
	}
	fp.Bands = bands(fp.Words, fp.Script)
	return fp
}

// leadOf is the start of a summary that an item's fingerprint reads.
func leadOf(summary string) string {
	summary = withoutWireDateline(summary)
	if utf8.RuneCountInString(summary) > leadRunes {
		return string([]rune(summary)[:leadRunes])
	}
	return summary
}

func sortedSet(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}

// isTitleCase reports whether a headline capitalises most of its words
// ("Peru Votes to Impeach President"): its capitals then say nothing.
func isTitleCase(ws []string) bool {
	caps := 0
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return caps*2 > len(ws)
}

// EntityKind is what a title's name or number is.
type EntityKind uint8

// The kinds of entity.
const (
	notEntity EntityKind = iota
	// Number is a word that starts with a digit (12, 2024).
	Number
	// Acronym is a word of capitals (ГКНБ, FM, G7).
	Acronym
	// Name is a capitalised word inside a sentence-case headline.
	Name
	// Date is a number beside a month's name (5 November, 12 мая): two
	// dates conflict, a date and a count do not.
	Date
)

type entity struct {
	hash uint32
	kind EntityKind
}

// sentenceWords splits a headline into words, and says which begin a
// sentence ("Дожди и слякоть. Погода в Гомеле": Дожди and Погода), whose
// capital says nothing, which are the number of a designation (СИЗО-50,
// Жусан-3, Ми-8, №1: a name, not a count), and how many words of a
// wire's dateline come first ("Ош: задержан вербовщик", "Jalal-Abad: GKNB
// detains"): up to three before a colon.
func sentenceWords(title string) (words []string, starts, joins, codes []bool, dateline int) {
	start, numberSign := true, false
	for n, f := range strings.Fields(title) {
		parts := text.Split(f)
		for k, w := range parts {
			words = append(words, w)
			starts = append(starts, start)
			joins = append(joins, k+1 < len(parts) && strings.Contains(f, w+"-"+parts[k+1]))
			codes = append(codes, isDigits(w) && designation(f, parts, k, numberSign))
			start = false
		}
		numberSign = f == "№"
		last, _ := utf8.DecodeLastRuneInString(f)
		start = last == '.' || last == '!' || last == '?' || last == ':'
		if last == ':' && dateline == 0 && n < 3 {
			dateline = len(words)
		}
	}
	return words, starts, joins, codes, dateline
}

// designation: the k-th of the parts of field f is a designation's
// number, written after № (№1, "№ 33" when the field before was №) or
// joined by a hyphen to a word of letters (СИЗО-50).
func designation(f string, parts []string, k int, afterSign bool) bool {
	if k == 0 {
		return afterSign || strings.HasPrefix(f, "№")
	}
	return strings.Contains(f, parts[k-1]+"-"+parts[k]) && !isDigits(parts[k-1])
}

// placeHere says whether a title's capitalised word may be read as a
// place: a dateline's, or one inside a sentence, Latin ones only when the
// headline is not in title case (where every word has a capital).
func placeHere(word string, inDateline, inner, titleCase bool) bool {
	if inDateline {
		return true
	}
	r, _ := utf8.DecodeRuneInString(word)
	return inner && (isCyrillic(r) || !titleCase)
}

// entityKind: a number, an acronym, a capitalised word inside a
// sentence-case headline (inner: not the first of its sentence), or none
// of these.
func entityKind(w string, inner, titleCase bool) EntityKind {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return Number
	case utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w:
		return Acronym
	case !titleCase && inner && unicode.IsUpper(r):
		return Name
	}
	return notEntity
}

// entitySet sorts entities by hash, keeping the first kind of each.
func entitySet(ents []entity) ([]uint32, []EntityKind) {
	slices.SortStableFunc(ents, func(a, b entity) int { return cmp.Compare(a.hash, b.hash) })
	ents = slices.CompactFunc(ents, func(a, b entity) bool { return a.hash == b.hash })
	hashes, kinds := make([]uint32, len(ents)), make([]EntityKind, len(ents))
	for i, e := range ents {
		hashes[i], kinds[i] = e.hash, e.kind
	}
	return hashes, kinds
}

// besideMonth reports whether the i-th of words has a month's name beside
// it (see monthBeside).
func besideMonth(words []string, i int) bool {
	m, _ := monthBeside(words, i)
	return m > 0
}

// titleEntityKind is entityKind of a headline's i-th word, raw, told by
// its neighbours: a number beside a month is a date, the month of a date
// no name (the date is), and the number of a designation neither count
// nor date.
func titleEntityKind(h headline, i int, raw string) EntityKind {
	k := entityKind(raw, !h.starts[i], h.titleCase)
	switch {
	case k == Number && h.codes[i]:
		return notEntity
	case k == Number && besideMonth(h.words, i):
		return Date
	case k == Name && monthOfDate(h.words, i):
		return notEntity
	}
	return k
}

// monthOfDate: the i-th word is the month of a date (5 November, November
// 5-6).
func monthOfDate(words []string, i int) bool {
	return monthNumber(strings.ToLower(words[i])) > 0 &&
		(i > 0 && isDigits(words[i-1]) || i+1 < len(words) && isDigits(words[i+1]))
}

func isDigits(w string) bool {
	return w != "" && strings.Trim(w, "0123456789") == ""
}
