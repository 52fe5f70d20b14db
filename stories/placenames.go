package stories

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
	"github.com/newsalert/newsalert/text"
)

// Stems are cut short (stemRunes) so that a place's forms agree
// (Баткенской, Баткене), and the cut is shared by words that do not name
// it: Новости and Новосибирск, Turkey and Turkestan, Каракол and
// Karakalpakstan, Kabar and Kabardino. A word names a place only if it is
// a form of one of the place's names (formOf).

// readingsOf are the places a word may name: those the index knows by its
// stem whose name the word is a form of.
func readingsOf(word string) []place {
	lower := strings.ToLower(word)
	cands := placeIndex()[hash32(cut(lower))]
	if len(cands) == 0 {
		return nil
	}
	w := letters(lower)
	var out []place
	for _, p := range cands {
		if slices.ContainsFunc(p.names, func(n placeName) bool { return formOf(w, n) }) {
			out = append(out, p)
		}
	}
	return out
}

// namesAPlace reports whether a word names a place of the gazetteer.
func namesAPlace(word string) bool { return len(readingsOf(word)) > 0 }

// placeName is the first word of a place's name, and how many of its
// letters every form keeps (see rootOf).
type placeName struct {
	letters []rune
	root    int
}

// namesOf are a place's names' first words, as placeNames.
func namesOf(words []string) []placeName {
	var out []placeName
	for _, w := range words {
		n := letters(w)
		if !slices.ContainsFunc(out, func(p placeName) bool { return slices.Equal(p.letters, n) }) {
			out = append(out, placeName{n, rootOf(n)})
		}
	}
	return out
}

// letters are a lower-case word's, ё read as е and every apostrophe as '.
func letters(word string) []rune {
	out := []rune(word)
	for i, r := range out {
		switch {
		case r == 'ё':
			out[i] = 'е'
		case language.IsApostrophe(r):
			out[i] = '\''
		}
	}
	return out
}

// formOf: word is a form the region's languages give the name: the name's
// root and any ending (Баткенде, Toshkentda, Самарской), or the name
// spelled otherwise by a letter in five, the region's transliterations
// (Surkhondaryo and Surkhandarya, Nangarhor and Nangarhar).
func formOf(w []rune, n placeName) bool {
	c := commonPrefix(w, n.letters)
	if c >= n.root || c == len(w) && c < len(n.letters) && n.letters[c] == '\'' {
		return true // or the word was cut at the name's apostrophe (Qozog‘iston)
	}
	head := w[:min(len(w), len(n.letters))]
	return text.EditDistance(string(head), string(n.letters))*5 <= len(n.letters)
}

// rootOf is how many letters of a name its forms keep: suffixes are added
// to a name (Баткенде, Toshkentda), or replace its final vowels (Самара:
// Самарской; Киргизия: киргизский); a Russian adjective's ending is
// replaced too, for a province named by its town (Атырауская: Атырау;
// Алматинская: Алматы).
func rootOf(name []rune) int {
	s := string(name)
	if loc := adjectiveEnd.FindStringIndex(s); loc != nil {
		return utf8.RuneCountInString(s[:loc[0]])
	}
	root := len(name)
	for k := 0; k < 2 && root > 3 && strings.ContainsRune(finalVowels, name[root-1]); k++ {
		root--
	}
	return root
}

// adjectiveEnd is how a Russian adjective of a place's name ends.
var adjectiveEnd = regexp.MustCompile(`(ин|ен)?ск(ая|ий|ое|ой)$`)

// finalVowels are the letters an inflection may replace at a name's end.
const finalVowels = "аеиоуыэюяьйіәөүұӣӯaeiouy"

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
