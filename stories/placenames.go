package stories

import (
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

// appendReadings appends to dst the places a word may name: those the
// index knows by its stem whose name the word is a form of.
func appendReadings(dst []place, word string) []place {
	lower := strings.ToLower(word)
	return appendForms(dst, placeIndex()[hash32(cut(lower))], lower)
}

// firstNames are people's names the press writes far more often than the
// place they are, or are a form of (Vladimir the city, Сергели, Mirzo
// Ulugʻbek, Talghar): "Vladimir Putin", "Владимир Жұмақанов" of the KNB,
// "Sergei Minenkov", "Мирзо Зиёев", "Талгат" read as places that set two
// reports apart or a report's country astray.
var firstNames = map[string]bool{"vladimir": true, "владимир": true, "sergei": true, "sergey": true,
	"сергей": true, "mirzo": true, "мирзо": true, "talgat": true, "талгат": true}

// appendForms appends to dst the places of cands, the index's entry for a
// word, whose name the word (in any case: letters folds it) is a form of;
// a first name is none.
// A word joined by a hyphen (Кара-Балта) is a form of such a name in full,
// not of another that begins alike (Кара-Суу); failing any, of a name's
// first word, as a word without one is.
func appendForms(dst, cands []place, word string) []place {
	if len(cands) == 0 {
		return dst
	}
	w := letters(word)
	if firstNames[w] {
		return dst
	}
	if strings.Contains(w, "-") {
		if out := appendNamed(dst, cands, w, true); len(out) > len(dst) {
			return out
		}
	}
	return appendNamed(dst, cands, w, false)
}

// appendNamed appends the places of cands whose names (joined by a hyphen,
// or not) w is a form of.
func appendNamed(dst, cands []place, w string, hyphened bool) []place {
	for _, p := range cands {
		for _, n := range p.names {
			if n.hyphened == hyphened && formOf(w, n) {
				dst = append(dst, p)
				break
			}
		}
	}
	return dst
}

// namesAPlace reports whether a word names a place of the gazetteer.
func namesAPlace(word string) bool {
	var buf [4]place
	return len(appendReadings(buf[:0], word)) > 0
}

// placeName is the first word of a place's name (see letters), its
// length and how many of its letters every form keeps (see rootOf), in
// runes.
type placeName struct {
	name        string
	runes, root int
	hyphened    bool // Алма-Ата, read whole (see appendForms)
}

// namesOf are a place's names' first words, as placeNames.
func namesOf(words []string) []placeName {
	var out []placeName
	for _, w := range words {
		n := letters(w)
		if !slices.ContainsFunc(out, func(p placeName) bool { return p.name == n }) {
			r := []rune(n)
			out = append(out, placeName{n, len(r), rootOf(r), strings.Contains(n, "-")})
		}
	}
	return out
}

// letters is a word folded as language.Fold folds its letters (ё is е),
// every apostrophe written '.
func letters(word string) string {
	return strings.Map(func(r rune) rune {
		if language.IsApostrophe(r) {
			return '\''
		}
		return language.Fold(r)
	}, word)
}

// formOf: word is a form the region's languages give the name: the name's
// root and any ending (Баткенде, Toshkentda, Самарской), the name cut at
// its apostrophe (Qozog‘iston), or the name spelled otherwise by a letter
// in five, the region's transliterations (Surkhondaryo and Surkhandarya,
// Nangarhor and Nangarhar).
func formOf(w string, n placeName) bool {
	c, at := commonPrefix(w, n.name)
	switch {
	case c >= n.root:
		return true
	case at == len(w) && at < len(n.name) && n.name[at] == '\'':
		return true
	}
	head, runes := w, 0
	for i := range w {
		if runes == n.runes {
			head = w[:i]
			break
		}
		runes++
	}
	// One script's spellings of a name begin alike; the names in the
	// others are not measured.
	return c > 0 && runes*5 >= n.runes*4 && text.EditDistance(head, n.name)*5 <= n.runes
}

// commonPrefix is how many runes a and b begin with alike, and the byte
// where they part.
func commonPrefix(a, b string) (runes, at int) {
	for at < len(a) && at < len(b) {
		ra, size := utf8.DecodeRuneInString(a[at:])
		if rb, _ := utf8.DecodeRuneInString(b[at:]); ra != rb {
			break
		}
		at += size
		runes++
	}
	return runes, at
}

// rootOf is how many letters of a name its forms keep: suffixes are added
// to a name (Баткенде, Toshkentda), or replace its final vowels (Самара:
// Самарской; Киргизия: киргизский); a Russian adjective's ending is
// replaced too, for a province named by its town (Атырауская: Атырау;
// Алматинская: Алматы).
func rootOf(name []rune) int {
	if n := adjectiveStem(string(name)); n != "" {
		return utf8.RuneCountInString(n)
	}
	root := len(name)
	for k := 0; k < 2 && root > 3 && strings.ContainsRune(finalVowels, name[root-1]); k++ {
		root--
	}
	return root
}

// adjectiveStem is a Russian adjective of a place less its ending
// (-ская, -инская, -енский: Атырау, Алмат), or "" for another word.
func adjectiveStem(name string) string {
	for _, end := range []string{"ая", "ий", "ое", "ой"} {
		if s, ok := strings.CutSuffix(name, "ск"+end); ok {
			for _, infix := range []string{"ин", "ен"} {
				if t, ok := strings.CutSuffix(s, infix); ok {
					return t
				}
			}
			return s
		}
	}
	return ""
}

// finalVowels are the letters an inflection may replace at a name's end.
const finalVowels = "аеиоуыэюяьйіәөүұӣӯaeiouy"
