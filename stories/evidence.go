package stories

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// Reports of one event in two languages share few words but what
// survives translation: the places the gazetteer knows (Ош, Osh, Oʻsh),
// the numbers, the names (Ташиев, Tashiev), and the concepts of the rules'
// term lists (задержан, detained, кармалды, ushlandi). That is a report's
// evidence; two reports in two languages are compared by it alone.

// EvidenceKind is what a piece of evidence is.
type EvidenceKind uint8

// The kinds of evidence, and what each weighs.
const (
	EvConcept EvidenceKind = iota + 1
	EvPlace                // a city, district or province (any of its readings)
	EvCountry              // a country, or its people
	EvNumber               // a number of the title
	EvName                 // a name or acronym of the title, as its consonants in Latin
	EvGroup                // a concept that names a group (GroupConcepts)
	EvDate                 // a number of the title beside a month's name
	EvAbroad               // a country beyond the region (Syria, Germany): where, but not by itself for Corroborates
)

var evidenceWeight = [...]float64{EvConcept: 1, EvPlace: 3, EvCountry: 1, EvNumber: 2, EvName: 2, EvGroup: 2, EvDate: 2, EvAbroad: 1}

// GroupConcepts are the concepts (term lists of the default rules) that
// name who acted, not what happened: two reports that each name a group
// the other does not are two events (the Islamic State's supporters and
// Hizb ut-Tahrir's members detained in Osh).
var GroupConcepts = map[string]bool{"islamic-state": true, "khorasan": true, "banned-groups": true, "syrian-groups": true}

// ViolentActs are the concepts (term lists of the default rules) that
// tell one act of violence in the words each list was made to match: an
// attack is "нападение" (assault) in one report, "теракт" (terror-acts) or
// "взрыв" (blast) in another. A report that names one also has the
// evidence of violence, which the other shares.
var ViolentActs = []string{"attack", "assault", "terror-acts", "clash", "clashes", "fighting", "armed", "blast"}

var violence = hash32("f:violence")

// CrossBands are the LSH keys a fingerprint whose evidence says where and
// what (see discriminative) adds to its Bands: MinHash over its evidence,
// salted alike in every script, so that two reports of one event in two
// languages are candidates. Sixteen, not eight: a short title and a long
// lead share a few pieces of many, and each key is one piece's chance.
const CrossBands = 16

// addEvidence records the item's language and evidence (concepts are the
// term lists its words name, regions the regions its place names name, see
// rules.Matcher.Read) from its headline h, read from title, and its lead,
// and adds the cross-language bands. A fingerprint without words gets
// none.
func (f *Fingerprint) addEvidence(h headline, title, lead, lang string, concepts, regions []string) {
	if len(f.Words) == 0 {
		return
	}
	f.Lang = lang
	var ev []evidence
	for _, c := range concepts {
		kind := EvConcept
		if GroupConcepts[c] {
			kind = EvGroup
		}
		ev = append(ev, evidence{hash32("c:" + c), kind})
		if slices.Contains(ViolentActs, c) {
			ev = append(ev, evidence{violence, EvConcept})
		}
	}
	for _, w := range capitalised(text.Fold(title) + " . " + text.Fold(lead)) {
		var buf [8]place
		readings := appendReadings(buf[:0], w)
		// A country's name is that country, whatever place shares its
		// stem (Таджикистана, Таджикабад).
		country := slices.ContainsFunc(readings, func(p place) bool { return p.isCountry })
		for _, p := range readings {
			switch {
			case p.abroad:
				ev = append(ev, evidence{hash32("k:" + p.country), EvAbroad})
			case p.isCountry:
				ev = append(ev, evidence{hash32("k:" + p.country), EvCountry})
			case !country:
				ev = append(ev, evidence{p.evidence(), EvPlace})
			}
		}
	}
	ev = appendLocated(ev, regions)
	for i, w := range h.words {
		lower := strings.ToLower(w)
		if n := text.AsNumber(lower); n != "" && unicode.IsDigit([]rune(n)[0]) {
			switch titleEntityKind(h, i, n) { // a designation's number (СИЗО-50) is neither
			case Number:
				ev = append(ev, evidence{hash32("n:" + n), EvNumber})
			case Date:
				ev = append(ev, evidence{hash32("n:" + n), EvDate})
			}
			continue
		}
		k := titleEntityKind(h, i, w)
		if (k == Name || k == Acronym) && !namesAPlace(lower) {
			if s := skeleton(lower); utf8.RuneCountInString(s) >= 2 {
				ev = append(ev, evidence{hash32("x:" + s), EvName})
			}
		}
	}
	slices.SortFunc(ev, func(a, b evidence) int { return cmp.Compare(a.hash, b.hash) })
	ev = slices.CompactFunc(ev, func(a, b evidence) bool { return a.hash == b.hash })
	f.Evidence, f.EvKinds = make([]uint32, len(ev)), make([]EvidenceKind, len(ev))
	for i, e := range ev {
		f.Evidence[i], f.EvKinds[i] = e.hash, e.kind
	}
	if discriminative(f.EvKinds) {
		f.Bands = append(f.Bands[:numBands:numBands], crossBands(f.Evidence)...)
	}
}

// appendLocated adds to ev, when no capitalised word of the report names
// a place or a country of the region, the region's countries that the
// rules read in its words: an adjective or a people ("на
// кыргызско-таджикской границе", "Kyrgyz police") says where as well as a
// name, and two outlets' reports of one border clash, one naming the
// countries so, corroborate each other.
func appendLocated(ev []evidence, regions []string) []evidence {
	if slices.ContainsFunc(ev, func(e evidence) bool { return e.kind == EvPlace || e.kind == EvCountry }) {
		return ev
	}
	for _, r := range regions {
		if regionCountries()[r] {
			ev = append(ev, evidence{hash32("k:" + r), EvCountry})
		}
	}
	return ev
}

// discriminative: the evidence names where (a place or a country, the
// region's or beyond it) and what (a concept), as CrossScore needs two
// reports to share; only such evidence finds reports in other languages.
func discriminative(kinds []EvidenceKind) bool {
	return slices.ContainsFunc(kinds, func(k EvidenceKind) bool { return k == EvPlace || k == EvCountry || k == EvAbroad }) &&
		slices.ContainsFunc(kinds, func(k EvidenceKind) bool { return k == EvConcept })
}

type evidence struct {
	hash uint32
	kind EvidenceKind
}

// capitalised are the words of s that begin with a capital.
func capitalised(s string) []string {
	words, _, joins, _, _ := sentenceWords(s)
	return slices.DeleteFunc(joinHyphened(words, joins), func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return !unicode.IsUpper(r)
	})
}

func crossBands(ev []uint32) []uint64 {
	if len(ev) == 0 {
		return nil
	}
	sig := bands(ev, "")
	return sig[:CrossBands]
}

// skeleton is a name's consonants in Latin letters, at most four, so that
// its spellings agree: Ташиев, Tashiev and Toshiev are tsv; Жапаров and
// Japarov jprv.
func skeleton(name string) string {
	var b strings.Builder
	latin := translit(name)
	var last rune
	n := 0
	for i := 0; i < len(latin) && n < 4; i++ {
		c := rune(latin[i])
		if i+1 < len(latin) && latin[i+1] == 'h' && strings.ContainsRune("sczk", c) {
			c = map[rune]rune{'s': 'S', 'c': 'C', 'z': 'j', 'k': 'h'}[c] // sh, ch, zh, kh
			i++
		}
		if m, ok := map[rune]rune{'x': 'h', 'q': 'k'}[c]; ok {
			c = m
		}
		if strings.ContainsRune("aeiouyw'", c) || c == last || c < 'A' || c > 'z' {
			continue
		}
		b.WriteRune(c)
		last = c
		n++
	}
	return b.String()
}

// translit writes a lower-case word in plain Latin letters: Cyrillic by
// the usual Latin of the region's names, Latin letters without marks.
// (The language package's transliterations are each one language's
// official alphabet; a name's skeleton needs one rough map for all six.)
func translit(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case cyrLatin[r] != "":
			b.WriteString(cyrLatin[r])
		default:
			b.WriteString(latinBase[r])
		}
	}
	return b.String()
}

var cyrLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sh", 'ъ': "'", 'ы': "y", 'ь': "'",
	'э': "e", 'ю': "yu", 'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'і': "i", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u", 'ў': "u",
}

var latinBase = map[rune]string{
	'ş': "sh", 'ș': "sh", 'š': "sh", 'ç': "ch", 'č': "ch", 'ž': "zh", 'ğ': "g", 'ǵ': "g", 'ı': "i", 'ö': "o",
	'ü': "u", 'ä': "a", 'ā': "a", 'ū': "u", 'ī': "i", 'ñ': "n", 'ń': "n", 'ʻ': "'", '’': "'", 'ý': "y",
}

// CrossFrom is the cross-language score (CrossScore) from which two
// reports in two languages are one story.
const CrossFrom = 0.6

// CrossScore compares two reports in two languages by their evidence: the
// weight of what they share over the weight of the lesser (places weigh
// most, then numbers and names, then concepts and countries). They must
// share a place or a country and a concept; apart says why they cannot be
// one story: each names a city or province the other does not
// (ApartPlaces), numbers and none alike (ApartNumbers), or groups and none
// alike (ApartGroups).
func CrossScore(a, b Fingerprint) (score float64, apart string) {
	if len(a.Evidence) == 0 || len(b.Evidence) == 0 {
		return 0, ApartScript
	}
	sharedKinds := sharedEvidence(a, b)
	kindsA, massA := evidenceKinds(a)
	kindsB, massB := evidenceKinds(b)
	// Violence weighs only where both tell it: one report's "теракт" in
	// passing does not make it the lesser match of a report of an arrest.
	if va, vb := contains(a.Evidence, violence), contains(b.Evidence, violence); va != vb {
		if va {
			massA -= evidenceWeight[EvConcept]
		} else {
			massB -= evidenceWeight[EvConcept]
		}
	}
	var shared float64
	for k, n := range sharedKinds {
		shared += float64(n) * evidenceWeight[k]
	}
	switch {
	case placesApartIn(a, b, kindsA, kindsB, sharedKinds):
		return 0, ApartPlaces
	case kindsA[EvNumber] > 0 && kindsB[EvNumber] > 0 && sharedKinds[EvNumber] == 0:
		return 0, ApartNumbers
	case kindsA[EvGroup] > 0 && kindsB[EvGroup] > 0 && sharedKinds[EvGroup] == 0:
		return 0, ApartGroups
	case kindsA[EvDate] > 0 && kindsB[EvDate] > 0 && sharedKinds[EvDate] == 0:
		return 0, ApartDates
	case sharedKinds[EvPlace]+sharedKinds[EvCountry]+sharedKinds[EvAbroad] == 0 || sharedKinds[EvConcept] == 0:
		return 0, ""
	}
	return shared / min(massA, massB), ""
}

// kindCounts counts pieces of evidence by kind.
type kindCounts [EvAbroad + 1]int

// sharedEvidence counts, by kind, the evidence a and b have in common.
func sharedEvidence(a, b Fingerprint) kindCounts {
	var k kindCounts
	for i, x := range a.Evidence {
		if contains(b.Evidence, x) {
			k[a.EvKinds[i]]++
		}
	}
	return k
}

// evidencePlacesApart: each report's evidence names a city or province,
// and none is the other's or lies in it.
func evidencePlacesApart(a, b Fingerprint) bool {
	kindsA, _ := evidenceKinds(a)
	kindsB, _ := evidenceKinds(b)
	return placesApartIn(a, b, kindsA, kindsB, sharedEvidence(a, b))
}

// placesApartIn is evidencePlacesApart with the kinds of a's, b's and
// their shared evidence counted.
func placesApartIn(a, b Fingerprint, kindsA, kindsB, shared kindCounts) bool {
	return kindsA[EvPlace] > 0 && kindsB[EvPlace] > 0 && shared[EvPlace] == 0 && !placesNest(a, b)
}

// placesNest: a town of one report lies in a province of the other's.
func placesNest(a, b Fingerprint) bool {
	for i, x := range a.Evidence {
		if a.EvKinds[i] == EvPlace && nestsWith(x, b) {
			return true
		}
	}
	return false
}

// nestsWith: f's evidence names a place that holds the place x names, or
// lies in it.
func nestsWith(x uint32, f Fingerprint) bool {
	p, ok := placeOfEvidence()[x]
	if !ok {
		return false
	}
	for i, y := range f.Evidence {
		if q, ok := placeOfEvidence()[y]; ok && f.EvKinds[i] == EvPlace && p.nests(q) {
			return true
		}
	}
	return false
}

// evidence is what a report naming the place holds of it.
func (p place) evidence() uint32 { return hash32("p:" + strconv.Itoa(p.id)) }

// placeOfEvidence knows the places of the gazetteer by their evidence.
var placeOfEvidence = sync.OnceValue(func() map[uint32]place {
	out := map[uint32]place{}
	for _, readings := range placeIndex() {
		for _, p := range readings {
			out[p.evidence()] = p
		}
	}
	return out
})

// evidenceKinds counts f's evidence by kind, and weighs it.
func evidenceKinds(f Fingerprint) (k kindCounts, mass float64) {
	for _, kind := range f.EvKinds {
		k[kind]++
		mass += evidenceWeight[kind]
	}
	return k, mass
}
