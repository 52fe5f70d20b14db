package stories

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/text"
)

// place is one reading of a name of the built-in gazetteer: which place
// (its index in geo.Places), the ISO code of its country (and, beyond the
// region, the country's name), whether it is the country itself, and the
// provinces it lies in.
type place struct {
	id        int
	country   string
	isCountry bool
	within    []int
	names     []placeName // the first words of its names (see formOf)
	abroad    bool        // a country beyond the region (see placeIndex)
	// viaPart: this reading is by the first part of a name joined by a
	// hyphen (Кара of Кара-Балта), which other places share; hyphened are
	// the stems of each such name's parts (hyphened.go).
	viaPart  bool
	hyphened [][]uint32
}

// placeIndex knows the gazetteer's places by the stem a fingerprint keeps
// of the first word of their names (Баткенская, Баткенской: батке; Osh),
// each with every place it may be (Batken is a province and a city), for
// appendReadings to choose those a word is a form of. Of
// Latin names only those of one word are read, less the ones that are
// also common English words or first names (Mary, Oral, Vladimir).
var placeIndex = sync.OnceValue(func() map[uint32][]place {
	index := map[uint32][]place{}
	for id, p := range geo.Places() {
		abroad := p.Country == geo.Elsewhere
		if p.NamesOne() || abroad && p.Kind != "country" {
			// A security service's name is not where the event was, nor
			// is a venue's, named again at every trial of its attack; of
			// the places beyond the region only the countries are read,
			// as evidence of where the region's people were (EvAbroad).
			continue
		}
		var read, parts, whole []string
		for _, name := range p.Names {
			r, part, w := readingsOf(name)
			read, parts, whole = appendSome(read, r), appendSome(parts, part), appendSome(whole, w)
		}
		pl := place{id: id, country: p.Country, isCountry: p.Kind == "country" || p.Kind == "people",
			within: p.Within, names: namesOf(slices.Concat(read, parts, whole)), abroad: abroad,
			hyphened: partStems(whole)}
		if abroad {
			pl.country += ":" + p.Name
		}
		for _, w := range slices.Concat(read, whole) {
			indexUnder(index, w, pl)
		}
		part := pl
		part.viaPart = true
		for _, w := range parts {
			indexUnder(index, w, part)
		}
		for _, w := range whole {
			addReading(index, hyphenKey(w), pl)
		}
	}
	return index
})

// readingsOf says how a name of the gazetteer is read: by a word that is
// the name (read), by a first part other places share (part: Кара of
// Кара-Балта or of Кара Суу), or whole, joined by a hyphen (Кара-Балта).
// A name may be read by none (a Latin name of two words, Ат of Ат-Башы).
func readingsOf(name string) (read, part, whole string) {
	ws := text.Words(name)
	if len(ws) == 0 || !readsAsPlace(name, ws[0]) {
		return "", "", ""
	}
	first, _, spaced := strings.Cut(name, " ")
	if strings.Contains(first, "-") {
		whole = first
	} else if head := headWord(name, ws); !spaced || head != ws[0] || utf8.RuneCountInString(head) > maxPartRunes {
		return head, "", ""
	}
	// The first word of a hyphened name, or a short one of a name of two
	// words: Ат of Ат-Башы, Ак of Ак-Суу are too short to say which place,
	// and a form of other words (Алма-Аты, at).
	if utf8.RuneCountInString(ws[0]) >= minHyphenedPart {
		part = ws[0]
	}
	return "", part, whole
}

func appendSome(list []string, w string) []string {
	if w == "" {
		return list
	}
	return append(list, w)
}

// indexUnder files a reading under the stem a form's is cut to, and under
// the name's first letters, which a stemmer may read otherwise in the bare
// name (Орусия) than in its forms (Орусиянын).
func indexUnder(index map[uint32][]place, w string, pl place) {
	l := []rune(letters(w))
	for _, key := range []string{cut(w), string(l[:min(len(l), stemRunes)])} {
		addReading(index, hash32(key), pl)
	}
}

func addReading(index map[uint32][]place, h uint32, pl place) {
	if !slices.ContainsFunc(index[h], func(p place) bool { return p.id == pl.id }) {
		index[h] = append(index[h], pl)
	}
}

// headWord is the word a name is read by: its first, or, where that is a
// common noun before the name (город Кант, ноҳияи Рашт, дарёи Панҷ), its
// first capitalised one; a formal name's words for a state or a province
// are passed over, capitalised or not (Ҷумҳурии Тоҷикистон, Республика
// Таджикистан, Вилояти Мухтори Кӯҳистони Бадахшон). A people's words are
// read by their first (российские граждане).
func headWord(name string, words []string) string {
	for _, f := range strings.Fields(name) {
		if c, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(c) && !formalWords[strings.ToLower(f)] {
			if ws := text.Words(f); len(ws) > 0 {
				return ws[0]
			}
		}
	}
	return words[0]
}

// formalWords open the gazetteer's formal names of states, provinces and
// cities ("Ҷумҳурии Тоҷикистон"): read by them, every Tajik "Ҷумҳурии
// Қирғизистон" named Tajikistan (and the Czech Republic, whose Tajik name
// begins alike), and every Russian "Республики" Tajikistan and Uzbekistan.
var formalWords = map[string]bool{"республика": true, "ҷумҳурии": true, "вилояти": true, "мухтори": true,
	"область": true, "шаҳри": true}

// minHyphenedPart is the fewest letters the first part of a name joined
// by a hyphen is read by alone (Нур of Нур-Султан, not Ат of Ат-Башы);
// maxPartRunes the most a first word of a name of two words may have to
// be read as such a part (Кара of Кара Суу), not as the name.
const (
	minHyphenedPart = 3
	maxPartRunes    = 4
)

// regionCountries are the ISO codes of the gazetteer's countries of the
// region (those beyond it are geo.Elsewhere).
var regionCountries = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, p := range geo.Places() {
		if p.Kind == "country" && p.Country != geo.Elsewhere {
			out[p.Country] = true
		}
	}
	return out
})

// readsAsPlace: a Cyrillic name, or a Latin one of one word that English
// does not use otherwise.
func readsAsPlace(name, first string) bool {
	r, _ := utf8.DecodeRuneInString(first)
	switch {
	case isCyrillic(r):
		return true
	case unicode.Is(unicode.Latin, r):
		return !strings.ContainsRune(name, ' ') && !latinNotPlaces[strings.ToLower(name)]
	}
	return false
}

// latinNotPlaces are Latin names of the gazetteer that English headlines
// use as words or first names.
var latinNotPlaces = map[string]bool{
	"mary": true, "anew": true, "oral": true, "vladimir": true, "kant": true, "khan": true,
	"amir": true, "taras": true, "maidan": true, "komi": true, "mari": true, "nili": true,
	"samar": true, "santa": true, "tula": true, "tver": true, "central": true, "jewish": true,
	"russian": true, "pamir": true, "sakha": true, "garm": true, "qala": true,
}

// placesApart: each title names a place that the other item does not
// mention, and two of those places are apart (see apart) — two arrests of
// one group's members in Batken and in Karakol, or in Kyrgyzstan and in
// Kazakhstan. Unlike other names, a place is not let off by a name the
// items share: the group's name is what such reports share.
// The places are the readings each title names that the other item lacks
// (unmentionedPlaces).
func placesApart(pa, pb [][]place) bool {
	for _, p := range pa {
		for _, q := range pb {
			if apart(p, q) {
				return true
			}
		}
	}
	return false
}

// isPlace reports whether a title's word, hashed to h, names a place of
// the gazetteer in the region: a capitalised word (which keeps out common words of a
// place's stem: новости) that is a form of a place's name (which keeps
// out Новости: see appendReadings).
func isPlace(word string, h uint32) bool {
	r, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) {
		return false
	}
	var buf [4]place
	return slices.ContainsFunc(appendForms(buf[:0], placeIndex()[h], word), func(p place) bool { return !p.abroad })
}

// unmentionedPlaces are the readings of the places f's title names that
// words lacks.
func unmentionedPlaces(f Fingerprint, words []uint32) [][]place {
	var out [][]place
	for _, p := range f.Places {
		if !mentions(words, p) {
			out = append(out, placeIndex()[p])
		}
	}
	return out
}

// namesPlace reports whether words name the place h names by another of
// its names (Алма-Ате and Алматы; Khujand and Худжанд are one city), or
// by a town of the province it is (Nukus is in Karakalpakstan; Nukus is
// not mentioned by Karakalpakstan: the town says more).
func namesPlace(words []uint32, h uint32) bool {
	readings := placeIndex()[h]
	if readings == nil {
		return false // not a place: no word can name it otherwise
	}
	if slices.ContainsFunc(readings, func(p place) bool { return p.namedByParts(words) }) {
		return true
	}
	for _, w := range words {
		for _, q := range placeIndex()[w] {
			if q.viaPart {
				continue // Кара names no Кара- town of its own
			}
			if slices.ContainsFunc(readings, func(p place) bool { return p.id == q.id || slices.Contains(q.within, p.id) }) {
				return true
			}
		}
	}
	return false
}

// apart reports whether two names are surely two places: no reading of
// one is a reading of the other, the country of the other, or the
// province the other lies in (Kyrgyzstan and Bishkek, Karakalpakstan and
// Nukus may be one report's place told two ways).
func apart(p, q []place) bool {
	for _, x := range p {
		for _, y := range q {
			if x.id == y.id || x.nests(y) {
				return false
			}
		}
	}
	return true
}

// nests: one of x and y lies in the other.
func (x place) nests(y place) bool { return x.holds(y) || y.holds(x) }

// holds: y lies in x, a country or a province.
func (x place) holds(y place) bool {
	return x.isCountry && x.country == y.country || slices.Contains(y.within, x.id)
}
