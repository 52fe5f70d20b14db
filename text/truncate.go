package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Truncate shortens s to at most n runes, cutting at a word boundary where
// it can and marking the cut with an ellipsis.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s // n bytes are at most n runes
	}
	cut, runes := len(s), 0 // byte offset of rune n
	for i := range s {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if cut >= len(s) {
		return s
	}
	// Back up to a space within the last quarter, so as not to cut a word.
	floor := n * 3 / 4
	for i, r := cut, runes; r > floor && i > 0; r-- {
		if s[i] == ' ' {
			cut = i
			break
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}
