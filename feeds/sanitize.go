package feeds

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// What a feed server sends reaches errors, and through them the logs, the
// feed's state, `newsalert feeds` and /status. It goes there only cleaned
// (no terminal escapes, control or format characters) and cut short.

// errorRunes caps the text of an error that a server had a hand in.
const errorRunes = 200

// terminalEscape matches ANSI escape sequences (CSI and OSC), whose
// parameters would otherwise be left behind as text.
var terminalEscape = regexp.MustCompile(`\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?)`)

// cleanText removes terminal escapes, control and format characters (bidi
// overrides among them) from s, folds its whitespace and cuts it to at
// most n runes, marking the cut with "…". cut reports whether it was cut.
func cleanText(s string, n int) (clean string, cut bool) {
	s = terminalEscape.ReplaceAllString(strings.ToValidUTF8(s, "\uFFFD"), "")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf):
			return -1
		}
		return r
	}, s)
	s = foldSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	return text.Truncate(s, n), true
}

// shortText is the text of an HTML or XML fragment (markup and entities
// dropped) cleaned and cut to n runes by cleanText. Only the start of s
// is read.
func shortText(s string, n int) (clean string, cut bool) {
	return cleanText(htmlText(s[:min(len(s), 64<<10)], 2*n+16), n) // room for what cleanText drops
}

// limitedError is an error whose text was cleaned and cut; the error it
// stands for is still there for errors.Is and errors.As.
type limitedError struct {
	msg string
	err error
}

func (e *limitedError) Error() string { return e.msg }
func (e *limitedError) Unwrap() error { return e.err }

// limitError returns err with its text cleaned and cut to errorRunes, or
// err itself when that changes nothing.
func limitError(err error) error {
	if err == nil {
		return nil
	}
	msg, _ := cleanText(err.Error(), errorRunes)
	if msg == err.Error() {
		return err
	}
	return &limitedError{msg: msg, err: err}
}
