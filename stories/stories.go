// Package stories tells when two news items report the same story: it
// reduces an item's title and lead to a fingerprint — the set of its
// content words, cut to their first letters so that inflections agree —
// and finds candidates among earlier items with MinHash and
// locality-sensitive hashing, so that the cost per item does not grow with
// the number of items stored. It is pure: the store keeps the fingerprints.
package stories

import (
	"cmp"
	"hash/fnv"

	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
	"golang.org/x/text/unicode/norm"
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
	// sentence, however the headline is cased; see placesApart).
	Places []uint32
	// Bands are the LSH keys: two items that share one are candidates.
	Bands []uint64
	// Script is the item's main script ("cyrillic", "latin" or "other"):
	// stories are clustered within a language, and the script stands for it.
	Script string
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
// characters of the summary: its lead).
func Of(title, summary string) Fingerprint {
	lead := leadOf(summary)
	var fp Fingerprint
	latin, cyrillic := 0, 0
	// add counts a content word's script and returns its hash.
	add := func(w string) uint32 {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
		h := hash32(cut(w))
		fp.Words = append(fp.Words, h)
		return h
	}
	titleWords, starts := sentenceWords(foldAccents(joinInitials(title)))
	titleCase := isTitleCase(titleWords)
	var ents []entity
	for i, raw := range titleWords {
		lower := strings.ToLower(raw)
		w := asNumber(lower)
		if stopword[w] {
			continue
		}
		if w != lower {
			raw = w // a number word counts as its digits
		}
		h := add(w)
		fp.Title = append(fp.Title, h)
		if k := entityKind(raw, !starts[i], titleCase); k != notEntity {
			ents = append(ents, entity{h, k})
		}
		if !starts[i] && isPlace(raw, h) {
			fp.Places = append(fp.Places, h)
		}
	}
	for _, w := range Words(lead) {
		if w = asNumber(w); !stopword[w] {
			add(w)
		}
	}
	fp.Words = sortedSet(fp.Words)
	fp.Title = sortedSet(fp.Title)
	fp.Entities, fp.Kinds = entitySet(ents)
	fp.Places = sortedSet(fp.Places)
	switch {
	case cyrillic > latin:
		fp.Script = "cyrillic"
	case latin > 0:
		fp.Script = "latin"
	default:
		fp.Script = "other"
	}
	if len(fp.Words) < minWords {
		fp.Words, fp.Title, fp.Entities, fp.Kinds, fp.Places = nil, nil, nil, nil, nil
		return fp
	}
	fp.Bands = bands(fp.Words, fp.Script)
	return fp
}

// leadOf is the start of a summary that an item's fingerprint reads.
func leadOf(summary string) string {
	if utf8.RuneCountInString(summary) > leadRunes {
		return string([]rune(summary)[:leadRunes])
	}
	return summary
}

func sortedSet(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != 'ʻ' && r != '’'
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
)

type entity struct {
	hash uint32
	kind EntityKind
}

// sentenceWords splits a headline into words, and says which begin a
// sentence ("Дожди и слякоть. Погода в Гомеле": Дожди and Погода), whose
// capital says nothing.
func sentenceWords(title string) (words []string, starts []bool) {
	start := true
	for _, f := range strings.Fields(title) {
		for _, w := range strings.FieldsFunc(f, notWordRune) {
			words = append(words, w)
			starts = append(starts, start)
			start = false
		}
		last, _ := utf8.DecodeLastRuneInString(f)
		start = last == '.' || last == '!' || last == '?' || last == ':'
	}
	return words, starts
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

// Words splits text into lower-case words of letters and digits: accents
// dropped from Latin letters, dotted initialisms joined (U.S. is US); the
// apostrophes of Uzbek Latin stay inside words.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(foldAccents(joinInitials(text))), notWordRune)
}

// joinInitials writes dotted initialisms as one word (U.S. as US), as
// other outlets spell them.
func joinInitials(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && isUpperASCII(s[j]) && s[j+1] == '.' {
			j += 2
		}
		if j-i >= 4 && (i == 0 || !isLetterASCII(s[i-1])) {
			for k := i; k < j; k += 2 {
				b.WriteByte(s[k])
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isUpperASCII(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetterASCII(c byte) bool { return isUpperASCII(c) || c >= 'a' && c <= 'z' }

// foldAccents drops the accents of Latin letters (José Jerí and Jose Jeri
// are one name); Cyrillic is left alone, since й is not и.
func foldAccents(s string) string {
	i := strings.IndexFunc(s, isAccentedLatin)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if isAccentedLatin(r) {
			if base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); base < utf8.RuneSelf {
				r = base
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAccentedLatin(r rune) bool { return r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 }

// cut reduces a word to the stem fingerprints keep: Snowball-stemmed, cut
// to stemRunes letters, one stem for a word's spelling variants.
func cut(w string) string {
	s := stem(w)
	if v, ok := stemVariants[s]; ok {
		return v
	}
	return s
}

func stem(w string) string {
	w = strings.ReplaceAll(w, "ё", "е")
	switch {
	case isASCII(w):
		w = language.Stem(language.English, w)
	case isRussian(w):
		w = language.Stem(language.Russian, w)
	default:
		// A word whose letters name one of the region's languages (ұсталды,
		// тирпаронӣ) loses that language's endings.
		if l, ok := onlyRegional(language.Possible(w)); ok {
			w = language.Stem(l, w)
		}
	}
	if utf8.RuneCountInString(w) <= stemRunes {
		return w
	}
	return string([]rune(w)[:stemRunes])
}

func onlyRegional(set language.Set) (language.Lang, bool) {
	found := language.Unknown
	for _, l := range language.All {
		if set.Has(l) {
			if found != language.Unknown || !l.Regional() {
				return language.Unknown, false
			}
			found = l
		}
	}
	return found, found != language.Unknown
}

func isASCII(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func isRussian(w string) bool {
	for _, r := range w {
		if r < 'а' || r > 'я' {
			return false
		}
	}
	return true
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// bands computes the MinHash signature (numBands × rowsPerBand hash
// functions of the form a·x+b over 64 bits) and folds each band's rows into
// one key, salted with the band number and the script.
func bands(ws []uint32, script string) []uint64 {
	var sig [numBands * rowsPerBand]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, w := range ws {
		x := uint64(w)
		for i := range sig {
			a, b := multipliers[i], offsets[i]
			if v := mix(x*a + b); v < sig[i] {
				sig[i] = v
			}
		}
	}
	salt := uint64(hash32(script))
	out := make([]uint64, numBands)
	for band := range numBands {
		k := uint64(band)<<56 ^ salt
		for r := range rowsPerBand {
			k = mix(k ^ sig[band*rowsPerBand+r])
		}
		out[band] = k >> 1 // stays a positive SQLite integer
	}
	return out
}

// mix is the SplitMix64 finaliser: it spreads the bits of a·x+b.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

var multipliers, offsets = func() (a, b [numBands * rowsPerBand]uint64) {
	seed := uint64(0x9e3779b97f4a7c15)
	for i := range a {
		seed = mix(seed + uint64(i))
		a[i] = seed | 1
		seed = mix(seed)
		b[i] = seed
	}
	return
}()

// Weights gives each word a weight: rare words say more about which story
// an item tells than common ones ("Пеле" more than "Минобороны").
type Weights interface {
	Weight(word uint32) float64
}

// DocFreq counts in how many items each word appears, for inverse
// document frequency weights.
type DocFreq struct {
	Items int
	Count map[uint32]int
}

// Add counts an item's words.
func (d *DocFreq) Add(words []uint32) {
	if d.Count == nil {
		d.Count = map[uint32]int{}
	}
	d.Items++
	for _, w := range words {
		d.Count[w]++
	}
}

// Weight is the word's inverse document frequency, log((N+1)/(df+1)) + 1.
func (d *DocFreq) Weight(w uint32) float64 {
	return math.Log(float64(d.Items+1)/float64(d.Count[w]+1)) + 1
}

// DefaultThreshold is the score from which two candidates are the same
// story, chosen on the labelled pairs in testdata (see TestThresholdChoice)
// to favour precision: a false join costs an alert for a different story,
// which users fear more than a second alert about the same one.
const DefaultThreshold = 0.12

// NearFloor is the Score from which two candidates that Match allows, but
// that stay below the threshold, are near: possibly one story told in
// other words, or a development of it. Near candidates may be joined by
// their meaning (when that is on), and a report near a story already
// alerted is sent as a quiet follow-up of that alert.
const NearFloor = 0.05

// SureFrom is the measured value of stories.sure_from (off by default):
// the Score from which a join is sure. A report that joins a story with a
// lower score (or by its meaning) may be a different story that shares the
// words of one just alerted — the second arrest in Bishkek the same day —
// so, with sure joins set and follow-ups on, it is not withheld from those
// alerted about the story: they get it as a quiet follow-up of that alert.
// On the labelled streams not sealed, 7 of the 11 joins to a different or
// related story score below it, and 11 of the 40 right ones (see the
// store's TestFollowUpsInLabelledStreams/unsure_joins).
const SureFrom = 0.2

// How a reader gets a report that may tell a story it was alerted about —
// near the story, or joined to it short of sure (stories.follow_ups, and a
// chat's /followups).
const (
	FollowUpsQuiet  = "quiet"  // as a reply to that alert, without a sound
	FollowUpsThread = "thread" // as a reply, with a sound
	FollowUpsOff    = "off"    // a near report as an alert like any; an unsure join withheld
)

// Two items tell the same story when they are candidates (they share one
// of their Bands, as the store's index of bands finds), Match says they
// may (the same script, no conflict of names or numbers: each title naming
// something the other item does not mention, Алматы and Астана), and their
// Score reaches the threshold.

// Match is the Score of two candidates that may tell one story — the same
// script, no conflict — with ok false for two that may not.
func Match(a, b Fingerprint, w Weights) (score float64, ok bool) {
	if a.Script != b.Script || len(a.Words) == 0 || len(b.Words) == 0 || conflict(a, b) {
		return 0, false
	}
	return Score(a, b, w), true
}

// conflict: each title names something of one kind that the other item
// does not mention (Алматы and Астана; 12 and 5).
//
// Names are let off when the items share one: two reports of an arrest in
// London may name the man in one and the country in the other, while two
// arrests in Алматы and Астана share no name at all. Places the gazetteer
// knows are not (see placesApart).
func conflict(a, b Fingerprint) bool {
	missA, sharedA := missingKinds(a, b.Words)
	missB, sharedB := missingKinds(b, a.Words)
	both := missA & missB
	if sharedA || sharedB {
		both &^= 1 << Name
	}
	return both != 0 || placesApart(a, b)
}

// missingKinds is the set (a bit per kind) of the kinds of f's entities
// that words lacks, and whether words has one of f's names.
func missingKinds(f Fingerprint, words []uint32) (kinds uint8, sharedName bool) {
	for i, e := range f.Entities {
		switch {
		case !contains(words, e):
			kinds |= 1 << kindOf(f, i)
		case kindOf(f, i) == Name:
			sharedName = true
		}
	}
	return kinds, sharedName
}

// kindOf is the kind of f's i-th entity; a fingerprint stored before
// kinds were kept has names only.
func kindOf(f Fingerprint, i int) EntityKind {
	if i < len(f.Kinds) {
		return f.Kinds[i]
	}
	return Name
}

// Score measures how much two items say the same: the weight of the words
// they share over the weight of the shorter one (rare words weigh more, by
// inverse document frequency squared, and title words twice), lowered by the
// share of its own title that the closer of the two leaves unmentioned, and
// again by the share of what the headline says happened — its words other
// than names and numbers. Two reports of one event share the event
// ("arrested", "перестрелка"); two stories about one place and its actors
// share mostly the names.
func Score(a, b Fingerprint, w Weights) float64 {
	weight := func(x uint32) float64 { v := w.Weight(x); return v * v }
	mass := func(f Fingerprint) float64 {
		total := 0.0
		for _, x := range f.Words {
			total += weight(x)
			if contains(f.Title, x) {
				total += weight(x)
			}
		}
		return total
	}
	shared := 0.0
	for _, x := range a.Words {
		if !contains(b.Words, x) {
			continue
		}
		m := 1.0
		switch inA, inB := contains(a.Title, x), contains(b.Title, x); {
		case inA && inB:
			m = 2
		case inA || inB:
			m = 1.5
		}
		shared += m * weight(x)
	}
	ma, mb := mass(a), mass(b)
	if ma == 0 || mb == 0 {
		return 0
	}
	overlap := shared / min(ma, mb)
	miss := min(titleMissing(a, b, weight, false), titleMissing(b, a, weight, false))
	eventMiss := min(titleMissing(a, b, weight, true), titleMissing(b, a, weight, true))
	return overlap * (1 - miss) * (1 - eventMiss)
}

// titleMissing is the weight share of a's title words (names and numbers
// aside, if eventOnly) that b's text lacks.
func titleMissing(a, b Fingerprint, weight func(uint32) float64, eventOnly bool) float64 {
	var miss, all float64
	for _, x := range a.Title {
		if eventOnly && contains(a.Entities, x) {
			continue
		}
		v := weight(x)
		all += v
		if !contains(b.Words, x) {
			miss += v
		}
	}
	if all == 0 {
		return 0
	}
	return miss / all
}

func contains(sorted []uint32, x uint32) bool {
	_, ok := slices.BinarySearch(sorted, x)
	return ok
}
