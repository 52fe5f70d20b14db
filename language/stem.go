package language

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// minStem is the fewest runes a suffix analyser leaves: Uzbek, Kazakh,
// Kyrgyz and Tajik roots are rarely shorter, and shorter stems join
// unrelated words.
const minStem = 3

// Stem returns the stem that a folded word's inflected forms share in
// language l: Snowball for English and Russian, a suffix analyser for the
// region's languages, the word itself for Unknown. A stem is always a
// prefix of the word.
func Stem(l Lang, w string) string {
	switch l {
	case English:
		return english.Stem(w, false)
	case Russian:
		return russian.Stem(w, false)
	case Uzbek, Kazakh, Kyrgyz, Tajik:
		return strip(w, layersOf(l, w))
	}
	return w
}

// analysers holds each region language's layers in both scripts.
type analysers struct {
	uzLatin, uzCyrillic, kkCyrillic, kkLatin, ky, tg [][]string
}

var layerSets = sync.OnceValue(func() analysers {
	return analysers{
		uzLatin:    sortedLayers(uzbekLayers, nil),
		uzCyrillic: sortedLayers(uzbekLayers, UzbekCyrillic),
		kkCyrillic: sortedLayers(kazakhLayers, nil),
		kkLatin:    sortedLayers(kazakhLayers, KazakhLatin),
		ky:         sortedLayers(kyrgyzLayers, nil),
		tg:         sortedLayers(tajikLayers, nil),
	}
})

func layersOf(l Lang, w string) [][]string {
	a := layerSets()
	latin := isLatinWord(w)
	switch {
	case l == Uzbek && latin:
		return a.uzLatin
	case l == Uzbek:
		return a.uzCyrillic
	case l == Kazakh && latin:
		return a.kkLatin
	case l == Kazakh:
		return a.kkCyrillic
	case l == Kyrgyz:
		return a.ky
	}
	return a.tg
}

// sortedLayers copies layers, written through to the other script when
// to is given, each layer longest suffix first.
func sortedLayers(layers [][]string, to func(string) string) [][]string {
	out := make([][]string, len(layers))
	for i, layer := range layers {
		for _, s := range layer {
			if to != nil {
				s = to(s)
			}
			if s != "" && !contains(out[i], s) {
				out[i] = append(out[i], s)
			}
		}
		sortLongestFirst(out[i])
	}
	return out
}

// strip takes from w at most one suffix of each layer, outermost layer
// first, choosing among the ways to do so the one that leaves the
// shortest stem: a past -ды is not mistaken for an accusative -ы, nor
// a participle -ған for -н.
func strip(w string, layers [][]string) string {
	best := w
	var walk func(rest string, n int, layers [][]string)
	walk = func(rest string, n int, layers [][]string) {
		if len(rest) < len(best) {
			best = rest
		}
		if len(layers) == 0 {
			return
		}
		walk(rest, n, layers[1:])
		for _, s := range layers[0] {
			k := utf8.RuneCountInString(s)
			if n-k >= minStem && strings.HasSuffix(rest, s) && !keepSuffix(rest[:len(rest)-len(s)], s) {
				walk(rest[:len(rest)-len(s)], n-k, layers[1:])
			}
		}
	}
	walk(w, utf8.RuneCountInString(w), layers)
	return best
}

// keepSuffix: Tajik -он is the plural of people (марзбонон) but also ends
// names of places (Тоҷикистон, Бадахшон) and nouns of action (тирпарон).
// Kazakh and Kyrgyz -тан is an ablative, but ends the names of countries
// (Түркменстан).
func keepSuffix(rest, suffix string) bool {
	if suffix == "тан" {
		return strings.HasSuffix(rest, "с")
	}
	if suffix != "он" && suffix != "ён" {
		return false
	}
	return strings.HasSuffix(rest, "ст") || strings.HasSuffix(rest, "ш") || tajikOnRoots[rest]
}

var tajikOnRoots = map[string]bool{"тирпар": true, "бад": true, "ҳам": true, "дав": true}

func isLatinWord(w string) bool {
	for _, r := range w {
		if r >= 0x0400 && r <= 0x04FF {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortLongestFirst(list []string) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(list[j]) > utf8.RuneCountInString(list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
