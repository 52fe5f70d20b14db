package language

import (
	"unicode"
	"unicode/utf8"
)

// Fold lower-cases r — Latin, and Cyrillic with the Kazakh, Kyrgyz, Tajik
// and Uzbek letters ә ғ қ ң ө ұ ү һ і ҳ ҷ ӣ ӯ ў — and maps ё to е, as
// outlets write either; dotless ı is y, the two ways Kazakh Latin writes ы.
// Tajik typed in fonts made before Unicode had its letters borrows
// Macedonian and Serbian ones (Љумњурии Тољикистон, захмї, Хоруѓ): they are
// read as the Tajik letters they stand for.
func Fold(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	switch {
	case r >= 'А' && r <= 'Я':
		return r + 'а' - 'А'
	case r >= 'а' && r <= 'я':
		return r
	case r == 'ё' || r == 'Ё':
		return 'е'
	case r == 'İ':
		return 'i' // Kazakh Latin and Turkish capital dotted I
	case r == 'ı':
		return 'y' // Kazakh Latin writes ы as y (2021) or ı (Qazaq Times and others)
	case r == 'ѓ' || r == 'Ѓ':
		return 'ғ'
	case r == 'ї' || r == 'Ї':
		return 'ӣ'
	case r == 'ќ' || r == 'Ќ':
		return 'қ'
	case r == 'љ' || r == 'Љ':
		return 'ҷ'
	case r == 'њ' || r == 'Њ':
		return 'ҳ'
	}
	return unicode.ToLower(r)
}

// IsWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if r >= 0x0410 && r <= 0x044F {
		return true // А–я
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// IsApostrophe reports whether r is one of the marks typed for the
// apostrophe: inside Uzbek words (oʻ, gʻ, taʼlim) all of them are one
// letter, folded to '.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', 'ʻ', 'ʼ', '‘', '’', '`', 'ʹ', '′':
		return true
	}
	return false
}

// IsUpperWord reports whether every letter of w is upper case.
func IsUpperWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
