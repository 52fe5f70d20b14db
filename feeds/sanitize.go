package feeds

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminalEscape matches ANSI escape sequences (CSI and OSC), whose
// parameters would otherwise be left behind as text.
var terminalEscape = regexp.MustCompile(`\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?)`)

// shortText makes untrusted text from a feed server fit to show in an error,
// a log line or /status: markup and entities dropped, control and format
// characters (terminal escapes, bidi overrides) removed, whitespace folded,
// and at most n runes. cut reports whether it was shortened.
func shortText(s string, n int) (text string, cut bool) {
	s = htmlText(strings.ToValidUTF8(s, "\uFFFD"), 2*n+16) // room for escapes removed below
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf) {
			if unicode.IsSpace(r) {
				return ' '
			}
			return -1
		}
		return r
	}, terminalEscape.ReplaceAllString(s, ""))
	s = foldSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	return Truncate(s, n), true
}
