package language

import (
	"bytes"
	"slices"
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
// region's languages, the word itself for Unknown. A stem is a prefix of
// the word but for a last consonant that Kazakh and Kyrgyz voice before a
// vowel, written unvoiced in the stem (аймагына → аймак); StemPrefix is
// the part that is always a prefix.
func Stem(l Lang, w string) string {
	switch l {
	case English:
		return english.Stem(w, false)
	case Russian:
		return russian.Stem(w, false)
	case Uzbek:
		return uzbekUnvoice(strip(w, grammarOf(l, w).layers))
	case Tajik:
		return strip(w, grammarOf(l, w).layers)
	case Kazakh, Kyrgyz:
		return unvoiceFinal(strip(w, grammarOf(l, w).layers))
	}
	return w
}

// voicedFinals are the stem-final consonants Kazakh and Kyrgyz voice
// before a vowel (кітап, кітабы; аймак, аймагы), and their unvoiced form.
var voicedFinals = map[rune]rune{'г': 'к', 'ғ': 'қ', 'б': 'п', 'g': 'k', 'ğ': 'q', 'b': 'p'}

func unvoiceFinal(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if u, ok := voicedFinals[r]; ok && utf8.RuneCountInString(s) > minStem {
		return s[:len(s)-size] + string(u)
	}
	return s
}

// SecondReading is the length in bytes of what follows stem in word that
// may be the stem's own, so that word[:len(stem)+n] is a second reading
// of the word's stem; 0 when there is none (or stem is no prefix of
// word). Uzbek, Kazakh and Kyrgyz case and possessive endings after a
// vowel begin with н or с (mashina-ni, жара-ны, ата-сы), and so does a
// stem that ends in н or с before a possessive vowel (tuman-i, qurbon-i,
// жаран-ы, облыс-ы). An Uzbek -adi and a Kazakh -ады, -еді are the present
// after a consonant (kel-adi, бар-ады) or the past of a stem in a vowel
// (portla-di "exploded", ұста-ды "caught"). Stem reads the first of each.
func SecondReading(l Lang, word []byte, stem string) int {
	if len(word) <= len(stem) || string(word[:len(stem)]) != stem {
		return 0
	}
	rest := word[len(stem):]
	if langs, ok := pastInA[string(rest)]; ok && langs.Has(l) {
		_, a := utf8.DecodeRune(rest)
		return a
	}
	if l != Uzbek && l != Kazakh && l != Kyrgyz {
		return 0
	}
	if last, _ := utf8.DecodeLastRuneInString(stem); !isVowel(last) {
		return 0
	}
	for _, c := range stemConsonants {
		if bytes.HasPrefix(rest, c) && hasPossessiveVowel(rest[len(c):]) {
			return len(c)
		}
	}
	return 0
}

// pastInA are the present endings after a consonant that are also a
// stem's last vowel and the past -di, -ды: Uzbek kel-adi, portla-di;
// Kazakh бар-ады, ұста-ды.
var pastInA = map[string]Set{"adi": 1 << Uzbek, "ади": 1 << Uzbek, "ады": 1 << Kazakh, "еді": 1 << Kazakh,
	"ady": 1 << Kazakh, "edi": 1 << Kazakh}

var stemConsonants = [][]byte{[]byte("н"), []byte("с"), []byte("n"), []byte("s")}

func hasPossessiveVowel(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return strings.ContainsRune("ыіиуүi", r)
}

// uzbekUnvoice writes a polysyllabic Uzbek stem's last g' or g, voiced
// before a vowel, as the q or k of its other forms (qishloq, qishlog'i;
// tarmoq, tarmog'i; yurak, yuragi); a short root keeps it (tog', bog'),
// and so does ng (jang).
func uzbekUnvoice(s string) string {
	if utf8.RuneCountInString(s)-strings.Count(s, "'") < 5 {
		return s
	}
	for _, v := range uzbekVoiced {
		if strings.HasSuffix(s, v[0]) && (v[2] == "" || !strings.HasSuffix(s, v[2])) {
			return s[:len(s)-len(v[0])] + v[1]
		}
	}
	return s
}

// uzbekVoiced: a voiced final, its unvoiced form, and the digraph that
// keeps it.
var uzbekVoiced = [][3]string{{"g'", "q", ""}, {"ғ", "қ", ""}, {"g", "k", "ng"}, {"г", "к", "нг"}}

// StemPrefix returns the part of a stem of language l that every form
// begins with: the stem less a last consonant that may be voiced.
func StemPrefix(l Lang, stem string) string {
	if l == Uzbek {
		for _, v := range uzbekVoiced {
			if strings.HasSuffix(stem, v[1]) {
				return stem[:len(stem)-len(v[1])]
			}
		}
		return stem
	}
	if l != Kazakh && l != Kyrgyz {
		return stem
	}
	r, size := utf8.DecodeLastRuneInString(stem)
	for _, u := range voicedFinals {
		if r == u {
			return stem[:len(stem)-size]
		}
	}
	return stem
}

// suffix is an ending and what it must follow.
type suffix struct {
	s     string
	runes int
	after byte // 0, '+' a vowel, '-' a consonant, '~' a possessive vowel
	// finite endings (a past -ды, a converb -ып) end a word: no case,
	// possessive or plural follows them (заводундагы is завод-у-ндагы).
	finite bool
}

// grammar is one region language's suffix layers in one script.
type grammar struct {
	layers     [][]suffix
	nounStarts letterSet // the letters a nominal ending may begin with
	// nouns are the nominal layers' suffixes by their first letter, longest
	// first: Inflects tries only those that can begin the rest of a word.
	nouns []map[letterKey][]suffix
}

func newGrammar(layers [][]suffix) *grammar {
	g := &grammar{layers: layers}
	for _, layer := range layers[:min(nounLayers, len(layers))] {
		byFirst := map[letterKey][]suffix{}
		for _, s := range layer {
			k := firstLetter(s.s)
			g.nounStarts.add(k)
			byFirst[k] = append(byFirst[k], s)
		}
		g.nouns = append(g.nouns, byFirst)
	}
	return g
}

// analysers holds each region language's grammar in both scripts.
type analysers struct {
	uzLatin, uzCyrillic, kkCyrillic, kkLatin, ky, tg *grammar
}

var grammars = sync.OnceValue(func() *analysers {
	return &analysers{
		uzLatin:    newGrammar(compileLayers(uzbekLayers, false)),
		uzCyrillic: newGrammar(compileLayers(uzbekLayers, false, UzbekCyrillic)),
		kkCyrillic: newGrammar(compileLayers(kazakhLayers, true)),
		kkLatin:    newGrammar(kazakhLatinLayers()),
		ky:         newGrammar(compileLayers(kyrgyzLayers, true)),
		tg:         newGrammar(compileLayers(tajikLayers, false)),
	}
})

func grammarOf(l Lang, w string) *grammar {
	a := grammars()
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

// compileLayers reads the written layers in each of the spellings given
// (carried to another script or alphabet; as written when none is), each
// layer once per suffix, longest first. With voicing, a suffix that begins
// with т к қ п follows a voiceless consonant and one that begins with д г
// ғ б does not (Kazakh and Kyrgyz: -ты after сот, -ды after ел).
func compileLayers(layers [][]string, voicing bool, spellings ...func(string) string) [][]suffix {
	if len(spellings) == 0 {
		spellings = []func(string) string{func(s string) string { return s }}
	}
	out := make([][]suffix, len(layers))
	for i, layer := range layers {
		for _, spell := range spellings {
			for _, s := range layer {
				var after byte
				finite := s[0] == '!'
				if finite {
					s = s[1:]
				}
				if s[0] == '+' || s[0] == '-' || s[0] == '~' {
					after, s = s[0], s[1:]
				}
				if voicing && after == 0 {
					after = voicingOf(s)
				}
				sf := suffix{spell(s), 0, after, finite}
				sf.runes = utf8.RuneCountInString(sf.s)
				if sf.s != "" && !slices.Contains(out[i], sf) {
					out[i] = append(out[i], sf)
				}
			}
		}
		slices.SortStableFunc(out[i], func(a, b suffix) int { return b.runes - a.runes })
	}
	return out
}

// kazakhLatinLayers are Kazakh's layers in each Latin spelling outlets
// use (2021, 2018's acutes, digraphs): Kazinform's "Ystanbuldaǵy" loses
// -daǵy as "Ыстанбұлдағы" loses -дағы.
func kazakhLatinLayers() [][]suffix {
	var spellings []func(string) string
	for _, m := range []map[rune]string{kazakhToLatin, kazakhToLatin2018, kazakhToDigraphs} {
		spellings = append(spellings, func(s string) string { return transliterate(s, m) })
	}
	return compileLayers(kazakhLayers, true, spellings...)
}

// strip takes the longest suffix any layer allows from the end of w, then
// the longest of the layers inside that one, and so on: a past -ды is
// not mistaken for a possessive -ы, nor a participle -ған for -н.
func strip(w string, layers [][]suffix) string {
	n, nominal := utf8.RuneCountInString(w), false
	for from := 0; from < len(layers); {
		best, at := suffix{}, -1
		for li := from; li < len(layers); li++ {
			if s, ok := longestFit(w, n, layers[li], nominal); ok && s.runes > best.runes {
				best, at = s, li
			}
		}
		if at < 0 {
			break
		}
		w, n, from = w[:len(w)-len(best.s)], n-best.runes, at+1
		nominal = nominal || at >= 1 && at < nounLayers
	}
	return w
}

// longestFit is the longest suffix of layer that w may lose; after a
// nominal suffix (nominal), not a finite one.
func longestFit(w string, n int, layer []suffix, nominal bool) (suffix, bool) {
	for _, s := range layer {
		if nominal && s.finite {
			continue
		}
		if n-s.runes >= minStem && strings.HasSuffix(w, s.s) && fitsAfter(w[:len(w)-len(s.s)], s) &&
			!keepSuffix(w[:len(w)-len(s.s)], s.s) {
			return s, true
		}
	}
	return suffix{}, false
}

// Inflects reports whether the folded word w is base with nominal
// endings of language l (Toshkentdagi, Баткенде, арасында): what a place
// name may carry.
func Inflects(l Lang, w, base string) bool {
	if !l.Regional() || len(w) <= len(base) || !strings.HasPrefix(w, base) {
		return false
	}
	g, rest := grammarOf(l, w), w[len(base):]
	last, _ := utf8.DecodeLastRuneInString(base)
	if d := peopleSuffix(l, rest); d != "" {
		// Атыраулықтар, Баткендиктер, Toshkentlik: its people
		if notPeople[base+d] {
			return false
		}
		rest = rest[len(d):]
		last, _ = utf8.DecodeLastRuneInString(d)
	}
	if rest == "" {
		return true
	}
	if !g.nounStarts.mayHave(firstLetter(rest)) {
		return false // most words that merely begin with a place name
	}
	return g.endsInNouns(last, rest, len(g.nouns))
}

// peopleSuffixes make a place's name the name of its people, by language
// (Kazakh -лық, Kyrgyz -лык, Uzbek -lik), in both scripts where the
// language has two; Tajik's -ӣ is among its nominal endings.
var peopleSuffixes = map[Lang][]string{
	Kazakh: {"лық", "лік", "дық", "дік", "тық", "тік", "lyq", "lik", "dyq", "dik", "tyq", "tik", "lıq", "dıq", "tıq"},
	Kyrgyz: {"лык", "лик", "лук", "лүк", "дык", "дик", "дук", "дүк", "тык", "тик", "тук", "түк"},
	Uzbek:  {"lik", "лик"},
}

// notPeople are words spelt as a place's people that are common words:
// qarshilik, каршылык "resistance" (Qarshi, Karshi).
var notPeople = map[string]bool{"qarshilik": true, "қаршилик": true, "каршылык": true}

// peopleSuffix is the suffix of peopleSuffixes that begins rest, or "".
func peopleSuffix(l Lang, rest string) string {
	for _, d := range peopleSuffixes[l] {
		if strings.HasPrefix(rest, d) {
			return d
		}
	}
	return ""
}

// endsInNouns reports whether rest is made of suffixes of the first n
// nominal layers, innermost (last) first, at most one of each; last is the
// rune before rest. Only the suffixes that begin as rest does are tried.
func (g *grammar) endsInNouns(last rune, rest string, n int) bool {
	if rest == "" {
		return true
	}
	k := firstLetter(rest)
	for li := n - 1; li >= 0; li-- {
		for _, s := range g.nouns[li][k] {
			if !strings.HasPrefix(rest, s.s) || !fitsName(last, s) {
				continue
			}
			if end, _ := utf8.DecodeLastRuneInString(s.s); g.endsInNouns(end, rest[len(s.s):], li) {
				return true
			}
		}
	}
	return false
}

// fitsName is fits for the ending of a place name, whose voicing the
// press writes both ways on foreign names (Исламабадта, Бағдатта).
func fitsName(r rune, s suffix) bool {
	return s.after == 'v' || s.after == 'd' || fits(r, s)
}

func fitsAfter(stem string, s suffix) bool {
	r, size := utf8.DecodeLastRuneInString(stem)
	if r == '\'' && strings.HasSuffix(stem[:len(stem)-size], "g") {
		r = 'g' // Uzbek g' is a consonant, o' a vowel
	}
	return fits(r, s)
}

// fits checks a suffix's condition on the rune r it follows.
func fits(r rune, s suffix) bool {
	switch s.after {
	case 0:
		return true
	case '+':
		return isVowel(r)
	case '-':
		return !isVowel(r)
	case 'v':
		return isVoiceless(r)
	case 'd':
		return !isVoiceless(r)
	}
	return strings.ContainsRune("ыіиуүi", r)
}

func voicingOf(s string) byte {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case 'т', 'к', 'қ', 'п':
		return 'v'
	case 'д', 'г', 'ғ', 'б':
		return 'd'
	}
	return 0
}

func isVoiceless(r rune) bool { return strings.ContainsRune("пкқтсшщфхцчһptkqsfhcçş", r) }

func isVowel(r rune) bool {
	return strings.ContainsRune("аәеиіоөұүуыэюяӣӯaeiouäöüūı'", r)
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if isCyrillic(r) {
			return false
		}
	}
	return true
}

// keepSuffix: Kazakh and Kyrgyz -тан is an ablative, but ends the names
// of countries (Түркменстан); Tajik -он is the plural of people
// (марзбонон) but also ends names of places (Тоҷикистон, Бадахшон) and
// nouns of action (тирпарон); Kyrgyz -дар is the plural, but also
// makes жарадар, "wounded", of жара.
func keepSuffix(rest, suffix string) bool {
	switch suffix {
	case "тан":
		return strings.HasSuffix(rest, "с")
	case "он", "ён":
		return strings.HasSuffix(rest, "ст") || strings.HasSuffix(rest, "ш") || tajikOnRoots[rest]
	case "дар":
		return rest == "жара" // Kyrgyz жарадар "wounded" is no plural of жара "wound" (nor of жаран "citizen")
	}
	return false
}

var tajikOnRoots = map[string]bool{"тирпар": true, "бад": true, "ҳам": true, "дав": true}
