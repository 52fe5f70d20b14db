package rules

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// wordKind says how a keyword's word matches a word of the text.
type wordKind uint8

const (
	// exactWord matches the same word only.
	exactWord wordKind = iota
	// prefixWord matches every word that starts with it: a keyword word
	// ending in *.
	prefixWord
	// stemWord matches the inflected forms of an English word: the words
	// that start with its Snowball stem and whose own stem is that stem or
	// the keyword word itself (arrest finds arrested; bomb does not find
	// Bomba).
	stemWord
	// placeWord matches a word of a place name (see placePattern).
	placeWord
)

// Stemming languages.
const (
	noLang uint8 = iota
	russianLang
	englishLang
)

// minStemRunes guards against short stems: a word whose stem is shorter
// matches exactly (ИГИЛ's stem is "иг", which would find игра).
const minStemRunes = 4

// maxAcronymRunes: a keyword word this short written in capitals (IS, ИГ)
// matches only words written in capitals, so that "is" is not the Islamic State.
const maxAcronymRunes = 3

// wordPat is one word of a keyword, as it is matched.
type wordPat struct {
	text  string // folded; for stemWord, the prefix candidates must have
	kind  wordKind
	upper bool   // only words written in capitals
	lang  uint8  // stemWord: the stemmer
	stem  string // stemWord: the keyword word's stem
	word  string // stemWord: the keyword word
}

// parseKeyword turns a keyword into its positions: the word patterns
// accepted for each word of the phrase. A place name gets no English
// stemming: Latin place names match exactly (Mari must not find Marie),
// Cyrillic ones in their Russian cases (в Бишкеке, из Джалал-Абада).
func parseKeyword(raw string, place bool) [][]wordPat {
	exactOnly := strings.HasPrefix(raw, "=")
	raw = strings.TrimPrefix(raw, "=")
	var positions [][]wordPat
	for _, field := range strings.Fields(raw) {
		star := strings.HasSuffix(field, "*")
		words, origWords := splitWords(strings.TrimSuffix(field, "*"))
		for i, w := range words {
			last := i == len(words)-1
			positions = append(positions, wordPatterns(w, origWords[i], star && last, exactOnly, place))
		}
	}
	return positions
}

func wordPatterns(w, orig string, star, exactOnly, place bool) []wordPat {
	n := utf8.RuneCountInString(w)
	switch {
	case star:
		return []wordPat{{text: w, kind: prefixWord}}
	case place && !exactOnly:
		return []wordPat{placePattern(w)}
	case n <= maxAcronymRunes && orig != "" && isUpperWord(orig) && hasLetter(orig):
		return []wordPat{{text: w, kind: exactWord, upper: true}}
	case exactOnly || n < minStemRunes:
		return []wordPat{{text: w}}
	}
	switch script(w) {
	case russianScript:
		// Russian keywords match every word that starts with their stem:
		// their inflections and derivations (террорист finds террористов and
		// террористическая). A stem too short to trust (ИГИЛ → иг) is
		// replaced by the word: ИГИЛа still matches, игра does not.
		stem := russian.Stem(w, false)
		if utf8.RuneCountInString(stem) < minStemRunes || !strings.HasPrefix(w, stem) {
			stem = w
		}
		return []wordPat{{text: stem, kind: prefixWord}}
	case englishScript:
		stem := english.Stem(w, false)
		if utf8.RuneCountInString(stem) < minStemRunes {
			break
		}
		if strings.HasPrefix(w, stem) {
			return []wordPat{{text: stem, kind: stemWord, lang: englishLang, stem: stem, word: w}}
		}
		// A stem that is not a prefix (study → studi): the word itself and
		// the forms that start with the stem (studies).
		return []wordPat{{text: stem, kind: stemWord, lang: englishLang, stem: stem, word: w}, {text: w}}
	}
	return []wordPat{{text: w}}
}

// placePattern matches a place name's word in its Russian cases (в
// Бишкеке, из Алма-Аты: the word's Snowball stem must be the name's stem,
// so Талас does not find талант) and with the case endings of Uzbek,
// Kazakh and Kyrgyz (Toshkentda, Алматыда); Latin names otherwise match
// exactly (Mari must not find Marie).
func placePattern(w string) wordPat {
	p := wordPat{text: w, kind: placeWord, word: w}
	if script(w) == russianScript {
		p.lang = russianLang
		if stem := russian.Stem(w, false); utf8.RuneCountInString(stem) >= 2 && strings.HasPrefix(w, stem) {
			p.text, p.stem = stem, stem
		}
	}
	return p
}

// turkicEndings are the case endings of Uzbek, Kazakh and Kyrgyz that a
// place name may carry (locative, ablative, dative, genitive, accusative).
var turkicEndings = map[string]bool{
	"da": true, "dagi": true, "dan": true, "ga": true, "ka": true, "qa": true, "ning": true, "ni": true,
	"de": true, "den": true, "ge": true, "ke": true, "nin": true, "nıñ": true, "ta": true, "tan": true,
	"да": true, "де": true, "та": true, "те": true, "дан": true, "ден": true, "тан": true, "тен": true,
	"га": true, "ге": true, "ка": true, "ке": true, "ға": true, "ге́": true, "қа": true,
	"нын": true, "нин": true, "дын": true, "дин": true, "тын": true, "тин": true, "ның": true, "нің": true,
	"ны": true, "ни": true, "ды": true, "ди": true, "ты": true, "ти": true, "ын": true, "ин": true,
	"дагы": true, "даги": true, "дағы": true, "дегі": true, "тагы": true, "тағы": true,
}

type scriptKind int

const (
	otherScript   scriptKind = iota
	russianScript            // Cyrillic with Russian letters only
	englishScript            // ASCII letters only
)

// script decides which stemmer fits a folded word. Words with Kazakh,
// Kyrgyz, Tajik or Uzbek letters, an apostrophe or digits get none: a
// Russian or English stemmer would cut them wrongly.
func script(w string) scriptKind {
	ascii, cyr := true, true
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			cyr = false
		case r >= 'а' && r <= 'я':
			ascii = false
		default:
			return otherScript
		}
	}
	switch {
	case ascii:
		return englishScript
	case cyr:
		return russianScript
	}
	return otherScript
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// stemCache remembers the stems of words seen in texts, so that checking
// a candidate costs a map lookup after the first time.
type stemCache struct {
	mu    sync.RWMutex
	stems [3]map[string]string // by language
}

const stemCacheSize = 1 << 17

func (c *stemCache) stem(lang uint8, w []byte) string {
	c.mu.RLock()
	s, ok := c.stems[lang][string(w)]
	c.mu.RUnlock()
	if ok {
		return s
	}
	word := string(w)
	if lang == russianLang {
		s = russian.Stem(word, false)
	} else {
		s = english.Stem(word, false)
	}
	c.mu.Lock()
	if c.stems[lang] == nil || len(c.stems[lang]) >= stemCacheSize {
		c.stems[lang] = map[string]string{} // a crude bound: the vocabulary of news is smaller
	}
	c.stems[lang][word] = s
	c.mu.Unlock()
	return s
}

// accepts reports whether the text word w is a form of the stemWord or
// placeWord p.
func (c *stemCache) accepts(p *wordPat, w []byte) bool {
	if string(w) == p.word {
		return true
	}
	if p.kind == placeWord {
		if len(w) > len(p.word) && string(w[:len(p.word)]) == p.word && turkicEndings[string(w[len(p.word):])] {
			return true
		}
		if p.lang != russianLang {
			return false
		}
	}
	s := c.stem(p.lang, w)
	return s == p.stem || s == p.word
}
