// Package language knows the six languages newsalert reads — English,
// Russian, Uzbek, Kazakh, Kyrgyz and Tajik: how their text splits into
// words and folds to one case, which language a text is in, how a word
// is written in the other script of its language, and which stem its
// inflected forms share. rules and stories both read text through it.
package language

// Lang is one of the languages newsalert understands.
type Lang uint8

// The languages; Unknown is text none of them fits.
const (
	Unknown Lang = iota
	English
	Russian
	Uzbek
	Kazakh
	Kyrgyz
	Tajik
	numLangs
)

// All lists the languages, Unknown left out.
var All = []Lang{English, Russian, Uzbek, Kazakh, Kyrgyz, Tajik}

var codes = [numLangs]string{"", "en", "ru", "uz", "kk", "ky", "tg"}

// String returns the ISO 639-1 code ("kk"), or "" for Unknown.
func (l Lang) String() string {
	if l >= numLangs {
		return ""
	}
	return codes[l]
}

// Parse returns the language of an ISO 639-1 code, or Unknown.
func Parse(code string) Lang {
	for l, c := range codes {
		if c == code && c != "" {
			return Lang(l)
		}
	}
	return Unknown
}

// Regional reports whether l is one of the region's own languages, which
// newsalert stems with its own suffix analysers.
func (l Lang) Regional() bool { return l >= Uzbek && l < numLangs }

// Set is a set of languages.
type Set uint8

// Has reports whether l is in the set.
func (s Set) Has(l Lang) bool { return s&(1<<l) != 0 }

// With returns the set with l added.
func (s Set) With(l Lang) Set { return s | 1<<l }
