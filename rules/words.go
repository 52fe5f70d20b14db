package rules

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
)

// wordKind says how a keyword's word matches a word of the text.
type wordKind uint8

const (
	// exactWord matches the same word only.
	exactWord wordKind = iota
	// prefixWord matches every word that starts with it: a keyword word
	// ending in *, and a Russian keyword's stem (террорист finds
	// террористов and террористическая).
	prefixWord
	// stemWord matches the inflected forms of a word: the words that start
	// with its stem and whose own stem, in one of the pattern's languages,
	// is that stem (arrest finds arrested, кармалды finds кармалган; bomb
	// does not find Bomba).
	stemWord
	// placeWord matches a word of a place name: the word itself, its
	// Russian cases (its stem), and the word with the nominal endings of
	// the region's languages (Toshkentdagi, Баткенде).
	placeWord
)

// minStemRunes guards against short stems: a word whose Russian or
// English stem is shorter matches exactly (ИГИЛ's stem is "иг", which
// would find игра). The region's languages have shorter roots (ара, чек)
// and are stemmed from minRegionalRunes.
const (
	minStemRunes     = 4
	minRegionalRunes = 3
)

// maxAcronymRunes: a keyword word this short written in capitals (IS, ИГ)
// matches only words written in capitals, so that "is" is not the Islamic State.
const maxAcronymRunes = 3

// wordPat is one word of a keyword, as it is matched.
type wordPat struct {
	text string // folded; for stemWord, the prefix candidates must have
	kind wordKind
	// declines is a Russian place name less the ending Russian declines
	// (Москва → Москв): every form of the name begins with it.
	declines string
	upper    bool         // only words written in capitals
	langs    language.Set // stemWord: the languages whose stems are compared
	stem     string       // stemWord: the keyword word's stem
	word     string       // stemWord: the keyword word
	// bridged is a Cyrillic place name in a Kazakh Latin spelling: it
	// counts only in a Kazakh text (Кант's Kant is not the philosopher).
	bridged bool
	// notIn: in a text of these languages a Russian stem prefix must be
	// followed by the rest of the keyword word, less a final vowel or soft
	// sign (ташкил's Russian stem ташк must not find Ташкентте; теракт
	// still finds терактіге, лагерь лагерлеринде).
	notIn language.Set
}

// parseKeyword turns a keyword into its positions: the word patterns
// accepted for each word of the phrase. A place name gets no English
// stemming: Latin place names match exactly or with the region's case
// endings (Mari must not find Marie; Toshkentda finds Toshkent).
func parseKeyword(raw string, place bool) [][]wordPat {
	exactOnly := strings.HasPrefix(raw, "=")
	raw = strings.TrimPrefix(raw, "=")
	var positions [][]wordPat
	var phrase, origPhrase []string
	for _, field := range strings.Fields(raw) {
		star := strings.HasSuffix(field, "*")
		words, origWords := language.Split(strings.TrimSuffix(field, "*"))
		for i, w := range words {
			last := i == len(words)-1
			positions = append(positions, wordPatterns(w, origWords[i], star && last, exactOnly, place))
		}
		phrase, origPhrase = append(phrase, words...), append(origPhrase, origWords...)
	}
	if len(positions) > 1 && !exactOnly && !place {
		for i, w := range phrase {
			positions[i] = appendPat(positions[i], shortRussianForms(w, origPhrase[i])...)
		}
	}
	return positions
}

func wordPatterns(w, orig string, star, exactOnly, place bool) []wordPat {
	n := utf8.RuneCountInString(w)
	switch {
	case star:
		var pats []wordPat
		for _, v := range scriptVariants(w) {
			pats = appendPat(pats, wordPat{text: v.word, kind: prefixWord})
		}
		return pats
	case n <= maxAcronymRunes && orig != "" && language.IsUpperWord(orig) && hasLetter(orig):
		return []wordPat{{text: w, kind: exactWord, upper: true}}
	case exactOnly:
		return []wordPat{{text: w}}
	case n < minRegionalRunes && !place: // оқ is also oq; too short to inflect
		var pats []wordPat
		for _, v := range scriptVariants(w) {
			pats = appendPat(pats, wordPat{text: v.word})
		}
		return pats
	}
	pats := []wordPat{{text: w}}
	possible := language.Possible(w)
	if (n >= minStemRunes || place) && possible.Has(language.Russian) {
		pats = appendPat(pats, russianPattern(w, place))
	}
	if n >= minStemRunes && possible.Has(language.English) && !place {
		pats = appendPat(pats, englishPatterns(w)...)
	}
	if place {
		if regional := possible & regionalLangs; regional != 0 {
			pats = appendPat(pats, wordPat{text: w, kind: placeWord, langs: regional, word: w})
		}
		if !isLatin(w) && possible.Has(language.Kazakh) { // GeoNames gives the Uzbek Latin names, not Kazakh Latin ones
			for _, v := range language.KazakhLatinSpellings(w) {
				pats = appendPat(pats, wordPat{text: v, kind: placeWord, langs: language.Set(0).With(language.Kazakh), word: v, bridged: true})
			}
		}
		return pats
	}
	for _, v := range scriptVariants(w) {
		for _, l := range []language.Lang{language.Uzbek, language.Kazakh, language.Kyrgyz, language.Tajik} {
			if v.langs.Has(l) {
				stem := language.Stem(l, v.word)
				pats = appendPat(pats, wordPat{text: language.StemPrefix(l, stem), kind: stemWord, langs: language.Set(0).With(l), stem: stem, word: v.word})
			}
		}
	}
	return pats
}

// russianPattern: a Russian keyword matches every word that starts with
// its stem; a stem too short to trust (ИГИЛ → иг) is replaced by the
// word, or, for a word ending in a vowel, by its forms that share its
// stem (Сирию, not Сириус). A place name's word must have the name's stem
// (в Бишкеке, из Алма-Аты; Талас does not find талант).
func russianPattern(w string, place bool) wordPat {
	stem := language.Stem(language.Russian, w)
	short := utf8.RuneCountInString(stem) < minStemRunes
	if place {
		if utf8.RuneCountInString(stem) < 2 {
			stem = w
		}
		return wordPat{text: stem, kind: placeWord, langs: language.Set(0).With(language.Russian), stem: stem, word: w,
			declines: withoutFinalVowel(w)}
	}
	if short {
		// Too short to trust as a prefix (Сирия → сир): a word that ends in a
		// vowel takes the forms that begin with the rest and share its stem
		// (Сирии, Сирию; not Сириус); any other word is its own prefix.
		if p := withoutFinalVowel(w); p != w && utf8.RuneCountInString(p) >= 3 {
			return wordPat{text: p, kind: stemWord, langs: language.Set(0).With(language.Russian), stem: stem, word: w}
		}
		stem = w
	}
	pat := wordPat{text: stem, kind: prefixWord, notIn: language.Possible(w) & regionalLangs}
	if rest := withoutFinalVowel(w); pat.notIn != 0 && len(rest) > len(stem) {
		pat.word = rest
	} else {
		pat.notIn = 0
	}
	return pat
}

// shortRussianForms: inside a phrase, a Russian word too short for a
// stem prefix takes the forms that share its stem (бытовой газ finds
// бытового газа); alone it would be too short to trust (газ is not
// газета, and alone not Газа). An acronym keeps to its capitals (КНБ).
func shortRussianForms(w, orig string) []wordPat {
	n := utf8.RuneCountInString(w)
	if n < minRegionalRunes || n >= minStemRunes || !language.Possible(w).Has(language.Russian) || language.IsUpperWord(orig) {
		return nil
	}
	return []wordPat{{text: w, kind: stemWord, langs: language.Set(0).With(language.Russian), stem: language.Stem(language.Russian, w), word: w}}
}

// englishPatterns: the forms that start with the word's Snowball stem and
// have its stem; a stem that is not a prefix (study → studi) also
// accepts the word itself.
func englishPatterns(w string) []wordPat {
	stem := language.Stem(language.English, w)
	if utf8.RuneCountInString(stem) < minStemRunes {
		return nil
	}
	return []wordPat{{text: stem, kind: stemWord, langs: language.Set(0).With(language.English), stem: stem, word: w}}
}

// withoutFinalVowel drops the ending Russian declines: an adjective's
// (Баткенская → Баткенск), else a last vowel, soft or short sign (Москва →
// Москв, Казань → Казан).
func withoutFinalVowel(w string) string {
	for _, e := range []string{"ая", "яя", "ий", "ый", "ой", "ое", "ее"} {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > 4 {
			return w[:len(w)-len(e)]
		}
	}
	r, size := utf8.DecodeLastRuneInString(w)
	if strings.ContainsRune("аеиоуыэюяьй", r) {
		return w[:len(w)-size]
	}
	return w
}

// isPlaceAdjective: a Russian adjective made of a place name
// (ворухский, баткенская: the stem is the name and -ск).
// russianCaseEndings are the endings Russian gives a noun in its cases,
// after the name less its final vowel.
var russianCaseEndings = map[string]bool{"а": true, "я": true, "ы": true, "и": true, "е": true, "у": true, "ю": true,
	"ой": true, "ей": true, "ою": true, "ом": true, "ем": true}

func isPlaceAdjective(stem, place string) bool {
	return len(stem) == len(place)+len("ск") && strings.HasPrefix(stem, place) && strings.HasSuffix(stem, "ск")
}

var regionalLangs = language.Set(0).With(language.Uzbek).With(language.Kazakh).With(language.Kyrgyz).With(language.Tajik)

// variant is a keyword word as written in one script, and the languages
// it may be a word of there.
type variant struct {
	word  string
	langs language.Set
}

// scriptVariants returns w, and w written in the other script of Uzbek
// and of Kazakh when it may be a word of those: ushlandi is also ушланди,
// шекара also şekara.
func scriptVariants(w string) []variant {
	possible := language.Possible(w)
	out := []variant{{w, possible}}
	latin := isLatin(w)
	add := func(v string, l language.Lang) {
		if v != "" && v != w {
			out = append(out, variant{v, language.Set(0).With(l)})
		}
	}
	if possible.Has(language.Uzbek) {
		if latin {
			add(language.UzbekCyrillic(w), language.Uzbek)
		} else {
			add(language.UzbekLatin(w), language.Uzbek)
		}
	}
	if possible.Has(language.Kazakh) {
		if latin {
			add(language.KazakhCyrillic(w), language.Kazakh)
		} else {
			for _, v := range language.KazakhLatinSpellings(w) {
				add(v, language.Kazakh)
			}
		}
	}
	return out
}

// appendPat appends patterns, merging one that differs from an earlier
// one only in its languages.
func appendPat(pats []wordPat, add ...wordPat) []wordPat {
next:
	for _, p := range add {
		for i := range pats {
			q := &pats[i]
			if q.text == p.text && q.kind == p.kind && q.stem == p.stem && q.word == p.word && q.upper == p.upper && q.bridged == p.bridged && q.notIn == p.notIn {
				q.langs |= p.langs
				continue next
			}
		}
		pats = append(pats, p)
	}
	return pats
}

func isLatin(w string) bool {
	for _, r := range w {
		if r >= 0x0400 && r <= 0x04FF {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// stemCache remembers the stems of words seen in texts, so that checking
// a candidate costs a map lookup after the first time.
type stemCache struct {
	mu    sync.RWMutex
	stems [8]map[string]string // by language
}

const stemCacheSize = 1 << 17

func (c *stemCache) stem(l language.Lang, w []byte) string {
	c.mu.RLock()
	s, ok := c.stems[l][string(w)]
	c.mu.RUnlock()
	if ok {
		return s
	}
	word := string(w)
	s = language.Stem(l, word)
	c.mu.Lock()
	if c.stems[l] == nil || len(c.stems[l]) >= stemCacheSize {
		c.stems[l] = map[string]string{} // a crude bound: the vocabulary of news is smaller
	}
	c.stems[l][word] = s
	c.mu.Unlock()
	return s
}

// tokenStems remembers one text word's stems while its candidate patterns
// are checked: a word meets dozens of patterns, each asking the same stems.
type tokenStems struct {
	stem  [8]string
	known [8]bool
}

func (t *tokenStems) reset() { t.known = [8]bool{} }

func (c *stemCache) stemOf(t *tokenStems, l language.Lang, w []byte) string {
	if !t.known[l] {
		t.stem[l], t.known[l] = c.stem(l, w), true
	}
	return t.stem[l]
}

// accepts reports whether the text word w, in an item of language item,
// is a form of the stemWord or placeWord p. The item's language decides
// which of the region's analysers may speak (see readable).
func (c *stemCache) accepts(p *wordPat, w []byte, item language.Lang, t *tokenStems) bool {
	if string(w) == p.word && (!p.bridged || p.langs.Has(item)) {
		return true
	}
	langs := p.langs & readable(p.kind, item)
	if langs == 0 {
		return false
	}
	for _, l := range language.All {
		if !langs.Has(l) {
			continue
		}
		if p.kind == placeWord && l.Regional() {
			if language.Inflects(l, string(w), p.word) {
				return true
			}
			continue
		}
		if p.kind == placeWord && !strings.HasPrefix(string(w), p.declines) {
			continue // Russian declines a name at its end only: Москве, Бишкеке; фаро is not Фарах
		}
		if p.kind == placeWord && russianCaseEndings[string(w[len(p.declines):])] {
			return true // в Астане, Фергане: Snowball cuts -на from the name (Астана → аста)
		}
		if p.kind == placeWord && utf8.RuneCountInString(p.declines) < minStemRunes {
			continue // too short a stem to trust beyond a case's ending: Мария is not Мары, Газ not Газа
		}
		s := c.stemOf(t, l, w)
		if s == p.stem || s == p.word || p.kind == placeWord && isPlaceAdjective(s, p.word) {
			return true
		}
		if l.Regional() && secondStem(l, s, w, p.stem) {
			return true
		}
	}
	return false
}

// secondStem: the word's second reading (language.SecondReading:
// qurboni is qurbon-i as well as qurbo-ni) is want.
func secondStem(l language.Lang, s string, w []byte, want string) bool {
	n := language.SecondReading(l, w, s)
	return n > 0 && len(want) == len(s)+n && string(w[:len(want)]) == want
}

var nonRegionalLangs = language.Set(0).With(language.English).With(language.Russian)

// readable are the languages whose analysers may read a word of kind in
// an item of language item: English, Russian and its own (for a place
// name, its own alone), or, when the language is unknown,
// each of the region's; a place name takes the region's endings in a
// Russian or English text too (a short Kyrgyz headline may read as
// Russian).
func readable(kind wordKind, item language.Lang) language.Set {
	switch {
	case item.Regional() && kind == placeWord:
		return language.Set(0).With(item) // a Kyrgyz text declines Караганды the Kyrgyz way; караганда there is "according to"
	case item.Regional():
		return nonRegionalLangs.With(item)
	case kind == placeWord || item == language.Unknown:
		return nonRegionalLangs | regionalLangs
	}
	return nonRegionalLangs
}
