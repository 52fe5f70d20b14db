package stories

import (
	"math"
	"slices"
	"strings"
)

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
func (d *DocFreq) Weight(w uint32) float64 { return idf(d.Items, d.Count[w]) }

func idf(items, count int) float64 {
	return math.Log(float64(items+1)/float64(count+1)) + 1
}

// Plus is Base with More counted besides, Base unchanged: the weights a
// batch's items will be scored with once its earlier items are counted.
type Plus struct {
	Base *DocFreq
	More DocFreq
}

// Weight is the word's inverse document frequency over both counts.
func (p *Plus) Weight(w uint32) float64 {
	return idf(p.Base.Items+p.More.Items, p.Base.Count[w]+p.More.Count[w])
}

// DefaultThreshold is the score from which two candidates are the same
// story, chosen on the labelled pairs in testdata (see TestThresholdChoice)
// to favour precision: a false join costs an alert for a different story,
// which users fear more than a second alert about the same one.
const DefaultThreshold = 0.12

// NearFloor is the Score from which two candidates that Compare allows, but
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
// ingest's TestFollowUpsInLabelledStreams/unsure_joins).
const SureFrom = 0.2

// Two items tell the same story when they are candidates (they share one
// of their Bands, as the store's index of bands finds), Compare says they
// may (the same script, no conflict of names or numbers: each title naming
// something the other item does not mention, Алматы and Астана), and their
// Score reaches the threshold.

// Reasons Apart gives: what keeps two reports from being one story.
const (
	ApartScript   = "script"           // other scripts, or one without words
	ApartPlaces   = "places"           // each names a place the other does not, and they are two
	ApartNumbers  = "numbers"          // each title a number the other lacks (12 and 5)
	ApartNames    = "names"            // each a name, and they share none
	ApartDetails  = "details"          // one a count, the other a place, each lacking the other's (see Compare)
	ApartNoDetail = "no shared detail" // one act and no place, number, name or date in common (see Compare)
	ApartAcronym  = "acronyms"
	ApartGroups   = "groups" // two languages: each names a group the other does not
	ApartDates    = "dates"  // each title a date the other lacks (5 and 12 May)
	ApartDays     = "days"   // each names days, all far from the other's (see daysApart)
)

// Apart says why two reports cannot tell one story, or "" when they may.
func Apart(a, b Fingerprint) string {
	_, apart := apartOf(a, b)
	return apart
}

// apartOf is Apart, with what each report lacks of the other, for a
// caller that asks more of it (Compare).
func apartOf(a, b Fingerprint) (lacking, string) {
	if a.Script != b.Script || len(a.Words) == 0 || len(b.Words) == 0 {
		return lacking{}, ApartScript
	}
	l := lackingOf(a, b)
	return l, l.conflict()
}

// lacking is what each of two reports' titles names that the other
// report does not mention: the kinds of its entities (a bit per kind) and
// the readings of its places; and whether they share a name.
type lacking struct {
	kindsA, kindsB   uint8
	placesA, placesB [][]place
	sharedName       bool
}

func lackingOf(a, b Fingerprint) lacking {
	kindsA, sharedA := missingKinds(a, b.Words)
	kindsB, sharedB := missingKinds(b, a.Words)
	return lacking{kindsA: kindsA, kindsB: kindsB, placesA: unmentionedPlaces(a, b.Words),
		placesB: unmentionedPlaces(b, a.Words), sharedName: sharedA || sharedB}
}

// conflict: each title names something of one kind that the other item
// does not mention (Алматы and Астана; 12 and 5), and which kind.
//
// Names are let off when the items share one: two reports of an arrest in
// London may name the man in one and the country in the other, while two
// arrests in Алматы and Астана share no name at all. Places the gazetteer
// knows are not (see placesApart).
func (l lacking) conflict() string {
	both := l.kindsA & l.kindsB
	if l.sharedName {
		both &^= 1 << Name
	}
	switch {
	case placesApart(l.placesA, l.placesB):
		return ApartPlaces
	case both&(1<<Number) != 0:
		return ApartNumbers
	case both&(1<<Date) != 0:
		return ApartDates
	case both&(1<<Name) != 0:
		return ApartNames
	case both&(1<<Acronym) != 0:
		return ApartAcronym
	}
	return ""
}

// detailsCrossed: one title has a count the other item lacks, the other
// a place of the gazetteer the first lacks ("22 members of Hizb ut-Tahrir
// detained in Kyrgyzstan" and "Members of Hizb ut-Tahrir detained in
// Batken region").
func (l lacking) detailsCrossed() bool {
	const count = 1 << Number
	return l.kindsA&count != 0 && len(l.placesB) > 0 || l.kindsB&count != 0 && len(l.placesA) > 0
}

// missingKinds is the set (a bit per kind) of the kinds of f's entities
// that words lacks, and whether words has one of f's names.
func missingKinds(f Fingerprint, words []uint32) (kinds uint8, sharedName bool) {
	for i, e := range f.Entities {
		switch {
		case kindOf(f, i) == Acronym && wideAcronyms[e]:
		case !mentions(words, e):
			kinds |= 1 << kindOf(f, i)
		case kindOf(f, i) == Name:
			sharedName = true
		}
	}
	return kinds, sharedName
}

// wideAcronyms are acronyms that tell no event from another: countries,
// Kazakhstan's regions and the state's bodies (police, security services,
// ministries). Two reports of one event name them as each outlet heard it
// (РОВД and РУВД, МВД and ГКНБ, U.S. and FBI), so their acronyms do not
// conflict by them.
var wideAcronyms = func() map[uint32]bool {
	out := map[uint32]bool{}
	for _, w := range slices.Concat(securityServices, strings.Fields(`us usa uk uae prc eu un cis ny nyc рф рк кр рт руз сша кнр оаэ ес оон снг
		юко ско вко зко sko vko zko
		мвд овд ровд рувд увд гувд умвд ск гп мчс мид мо fbi mvd mia mfa cia`)) {
		out[hash32(cut(w))] = true
	}
	return out
}()

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
		if !mentions(b.Words, x) {
			continue
		}
		m := 1.0
		switch inA, inB := contains(a.Title, x), mentions(b.Title, x); {
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
		if !mentions(b.Words, x) {
			miss += v
		}
	}
	if all == 0 {
		return 0
	}
	return miss / all
}

// mentions reports whether words hold x, or another name of the place x
// names (Ходжент and Худжанд, Куляб and Кулоб).
func mentions(words []uint32, x uint32) bool {
	return contains(words, x) || namesPlace(words, x)
}

func contains(sorted []uint32, x uint32) bool {
	_, ok := slices.BinarySearch(sorted, x)
	return ok
}
