package text

import (
	"strings"
	"unicode"
)

// numberWords maps the numbers headlines spell out, in English and
// Russian (with their common inflections) and the region's four
// languages, to digits: "nine" and "9",
// "двенадцать" and "12" are one word, and, as numbers, they tell two
// similar stories apart ("Day Four", "Day Five").
var numberWords = func() map[string]string {
	m := map[string]string{}
	for digits, forms := range map[string]string{
		"1":   "one first один одна одно одного одной одному одним",
		"2":   "two second два две двух двум двумя двое двоих второй",
		"3":   "three third три трех трём трем тремя трое троих третий",
		"4":   "four fourth четыре четырех четырём четырем четверо четверых четвертый",
		"5":   "five fifth пять пяти пятью пятеро пятерых пятый",
		"6":   "six sixth шесть шести шестью шестеро шестерых шестой",
		"7":   "seven seventh семь семи семью семеро семерых седьмой",
		"8":   "eight eighth восемь восьми восьмью восьмой",
		"9":   "nine ninth девять девяти девятью девятый",
		"10":  "ten tenth десять десяти десятью десятый",
		"11":  "eleven одиннадцать одиннадцати",
		"12":  "twelve двенадцать двенадцати",
		"20":  "twenty двадцать двадцати",
		"30":  "thirty тридцать тридцати",
		"50":  "fifty пятьдесят пятидесяти",
		"100": "hundred сто",
		// The region's languages, from two: their word for one is also "a"
		// (бір адам), and Kyrgyz and Kazakh "он" (ten) is Russian "he".
		"2#":  "эки екі ikki икки ду",
		"3#":  "үч үш uch уч се",
		"4#":  "төрт to'rt тўрт чор",
		"5#":  "беш бес besh панҷ",
		"6#":  "алты olti олти шаш",
		"7#":  "жети жеті yetti етти ҳафт",
		"8#":  "сегиз сегіз sakkiz саккиз ҳашт",
		"9#":  "тогуз тоғыз to'qqiz тўққиз нӯҳ",
		"10#": "o'n ўн даҳ",
	} {
		for _, f := range strings.Fields(forms) {
			m[f] = strings.TrimSuffix(digits, "#")
		}
	}
	// Russian ordinals in every case and gender: "the ninth suspect"
	// (девятого фигуранта) is another arrest than "four suspects".
	for digits, stem := range map[string]string{"2": "втор", "4": "четверт", "5": "пят", "6": "шест",
		"7": "седьм", "8": "восьм", "9": "девят", "10": "десят"} {
		for _, end := range hardOrdinalEndings {
			m[stem+end] = digits
		}
	}
	for _, f := range strings.Fields("третьего третьему третьим третьем третья третьей третью третье третьи третьих") {
		m[f] = "3"
	}
	return m
}()

// hardOrdinalEndings are the case and gender endings of an ordinal whose
// stem ends hard (девят-ый, -ого, -ой, ...).
var hardOrdinalEndings = strings.Fields("ый ой ого ому ым ом ая ую ое ые ых ыми")

// AsNumber is w in digits if it is a number word, else w; a number in
// digits with an ending is that number: an English ordinal (9th is 9, as
// ninth is) or a Kyrgyz or Kazakh case ending (15тен "than 15", 20дан).
func AsNumber(w string) string {
	if d, ok := numberWords[w]; ok {
		return d
	}
	if d, ok := numberWithEnding(w); ok {
		return d
	}
	return w
}

// numberWithEnding: w is digits and an ending that leaves the number as it
// is — st, nd, rd or th, or one to four Cyrillic letters (15тен, 3кө,
// 100ден); its digits. Other Latin endings are left alone: 1990s, 5G.
func numberWithEnding(w string) (string, bool) {
	i := strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 {
		return "", false
	}
	switch end := w[i:]; end {
	case "st", "nd", "rd", "th":
		return w[:i], true
	default:
		n := 0
		for _, r := range end {
			if n++; n > 4 || !unicode.Is(unicode.Cyrillic, r) {
				return "", false
			}
		}
		return w[:i], true
	}
}

// JoinThousands writes a number grouped by thousands as one number:
// "2,601" and "7 939" (a no-break or thin space) are 2601 and 7939, not
// two numbers. A comma before one or two digits is a decimal one (4,5
// тысячи) and stays; so does a comma followed by a space (2010, 100).
func JoinThousands(s string) string {
	var b strings.Builder
	last := 0 // s[last:] is not yet written to b
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 3 {
			i = j
			continue
		}
		end := j
		for {
			sep, size := groupSeparator(s[end:])
			if !sep || !isGroup(s[end+size:]) {
				break
			}
			if end == j {
				b.WriteString(s[last:end])
			}
			b.WriteString(s[end+size : end+size+3])
			end += size + 3
		}
		if end > j {
			last = end
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// groupSeparator: s opens with a comma or a no-break, narrow no-break or
// thin space; its length in bytes.
func groupSeparator(s string) (bool, int) {
	for _, sep := range []string{",", "\u00a0", "\u202f", "\u2009"} {
		if strings.HasPrefix(s, sep) {
			return true, len(sep)
		}
	}
	return false, 0
}

// isGroup: s opens with three digits and no fourth.
func isGroup(s string) bool {
	return len(s) >= 3 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && (len(s) == 3 || !isDigit(s[3]))
}
