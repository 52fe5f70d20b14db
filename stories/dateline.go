package stories

import (
	"regexp"
	"strings"
)

// A wire's dateline opens a lead with the city it was filed from, in
// capitals, then a date and the agency ("DUSHANBE, May 20. /TASS/.",
// "БИШКЕК, 24 июн — Sputnik.", "МОСКВА, 3 апр - ПРАЙМ.", "АСТАНА. KAZINFORM –"): where the agency
// sits, not where the event was, so it is neither a place nor a date nor
// a name of the report. (A headline's "Khorog: …" is the event's place.)
var (
	wireCity = regexp.MustCompile(`^\s*(\p{Lu}[\p{Lu}\-]{2,}(?:\s\p{Lu}[\p{Lu}\-]+)?)[,.]`)
	wireEnd  = regexp.MustCompile(`^[^/—–]{0,30}?(?:/[^/]{2,20}/\.?|(?:[—–]|\s-)\s*\p{Lu}[\p{L}\-]*\.(?:\s|$)|(?:^|\s)\p{Lu}{3,}\s*[—–])`)
)

// withoutWireDateline is s less a wire's dateline that opens it.
func withoutWireDateline(s string) string {
	m := wireCity.FindStringSubmatchIndex(s)
	if m == nil || !namesAPlace(s[m[2]:m[3]]) {
		return s
	}
	rest := s[m[1]:]
	// An agency's name must follow: a reporter's "OSH, Kyrgyzstan --" is
	// where the event was.
	if e := wireEnd.FindStringIndex(rest); e != nil {
		return strings.TrimSpace(rest[e[1]:])
	}
	return s
}
