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
	// stemWord matches the inflected forms of a Russian or English word:
	// the words that start with its Snowball stem and whose own stem is
	// that stem or the keyword word itself (террорист finds террористов,
	// Бишкек finds Бишкеке, Таджикистан finds Таджикистане, arrest finds
	// arrested; bomb does not find Bomba, Талас does not find талант).
	stemWord
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
// accepted for each word of the phrase.
func parseKeyword(raw string) [][]wordPat {
	exactOnly := strings.HasPrefix(raw, "=")
	raw = strings.TrimPrefix(raw, "=")
	var positions [][]wordPat
	for _, field := range strings.Fields(raw) {
		star := strings.HasSuffix(field, "*")
		origWords := originalWords(strings.TrimSuffix(field, "*"))
		for i, w := range tokenize(field) {
			last := i == len(origWords)-1
			var orig string
			if i < len(origWords) {
				orig = origWords[i]
			}
			positions = append(positions, wordPatterns(w, orig, star && last, exactOnly))
		}
	}
	return positions
}

// originalWords splits s into words as written, to see their case.
func originalWords(s string) []string {
	var b textBuffers
	b.add(s, fieldTitle)
	out := make([]string, len(b.tokens))
	for i, t := range b.tokens {
		out[i] = b.original(t)
	}
	return out
}

func wordPatterns(w, orig string, star, exactOnly bool) []wordPat {
	n := utf8.RuneCountInString(w)
	switch {
	case star:
		return []wordPat{{text: w, kind: prefixWord}}
	case n <= maxAcronymRunes && orig != "" && isUpperWord(orig) && hasLetter(orig):
		return []wordPat{{text: w, kind: exactWord, upper: true}}
	case exactOnly || n < minStemRunes:
		return []wordPat{{text: w}}
	}
	switch script(w) {
	case russianScript:
		stem := russian.Stem(w, false)
		prefix := stem
		if utf8.RuneCountInString(stem) < minStemRunes || !strings.HasPrefix(w, stem) {
			prefix = w // too short to trust (ИГИЛ → иг): ИГИЛа still matches, игра does not
		}
		return []wordPat{{text: prefix, kind: stemWord, lang: russianLang, stem: stem, word: w}}
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

// accepts reports whether the text word w is a form of the stemWord p.
func (c *stemCache) accepts(p *wordPat, w []byte) bool {
	if string(w) == p.word {
		return true
	}
	s := c.stem(p.lang, w)
	return s == p.stem || s == p.word
}
