package semantic

import (
	"strings"
	"unicode"
)

// english lists English function words: a text in English uses them all
// the time, a text in German, Portuguese or Uzbek hardly ever.
var english = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the of and to in a is that for on with as was by at from it
		are be has have this an or but after not his her their its who will says said over into
		than been were about more amid against new`) {
		m[w] = true
	}
	return m
}()

// Knows reports whether text is English, the only language the encoder
// was trained on: at least one word in ten, and three in all, are English
// function words. (Its embeddings of other languages are noise: two
// unrelated Uzbek texts can come out close.)
func (e *Encoder) Knows(text string) bool {
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if english[w] {
			hits++
		}
	}
	return hits >= 3 && hits*10 >= words
}
