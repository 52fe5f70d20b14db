package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
)

// inLatin writes an Uzbek report's Cyrillic words in the Latin script, the
// official one, keeping their capitals (Тошкентда → Toshkentda, ДХХ →
// DXX): outlets write Uzbek in both, and two reports of one event, one in
// each, then compare by their words as two in one script do. Text in
// another language, or with no Cyrillic letter, is returned as it is.
func inLatin(lang, s string) string {
	if lang != "uz" || !strings.ContainsFunc(s, isCyrillic) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexFunc(s, isCyrillic)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexFunc(s, func(r rune) bool { return !isCyrillic(r) })
		if end < 0 {
			end = len(s)
		}
		b.WriteString(latinWord(s[:end]))
		s = s[end:]
	}
	return b.String()
}

var yo = strings.NewReplacer("ё", "йо", "Ё", "Йо")

func isCyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }

// latinWord is a Cyrillic word in Uzbek Latin, with its capitals: all of
// them for an acronym, else its first. Ё is yo (ёлловчи, yollovchi), which
// the fold that UzbekLatin expects would write е.
func latinWord(w string) string {
	out := language.UzbekLatin(strings.Map(language.Fold, yo.Replace(w)))
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case !unicode.IsUpper(first):
		return out
	case utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w:
		return strings.ToUpper(out)
	}
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}
