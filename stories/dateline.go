package stories

import (
	"regexp"
	"strings"
	"unicode"
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

// The region's wires and agencies by name, for datelines whose form
// alone does not say so: "ASTANA (TCA) —", "MOSCOW, August 15 (RIA
// Novosti) –", "Бишкек, 29.04.21. /Кабар/.", "DUSHANBE, September 4,
// 2001, Asia-Plus --", "ASTANA. KAZINFORM The…", "Семей. 9 февраля.
// KAZAKHSTAN TODAY -", "(MENAFN- IANS) Bishkek, Dec 28 (IANS)".
var wireByAgency = regexp.MustCompile(`^\s*(?:\(MENAFN-[^)]*\)\s*)?(\p{Lu}[\p{L}\-]+(?:\s\p{Lu}[\p{L}\-]+)?)` +
	// a separator and a short date (a digit in it), or the agency at once
	`(?:[,.]\s+([^—–\d]{0,12}\d[^—–]{0,24}?)?|\s+)` +
	`(?:(?:--|[—–-])\s*)?(?:ИА\s)?[/(]?(?:` + strings.Join(wireAgencies, "|") + `)[/)]?(?:[.,:]|\s*(?:--|[—–-]))?\s+`)

var wireAgencies = []string{"TASS", "ТАСС", "Sputnik", "Спутник", "Interfax", "INTERFAX", "Интерфакс", "KAZINFORM", "Kazinform",
	"Казинформ", "AKIpress", "Kabar", "Кабар", "РАПСИ", "RAPSI", "Регнум", "Regnum", "TCA", "IANS", "Asia-Plus", "Азия-Плюс",
	"ПРАЙМ", "РИА Новости", "RIA Novosti", "Xinhua", "Reuters", "AFP", "KAZAKHSTAN TODAY", "Tengrinews", "KazTAG", "КазТАГ", "Khovar", "Ховар"}

// withoutWireDateline is s less a wire's dateline that opens it.
func withoutWireDateline(s string) string {
	m := wireCity.FindStringSubmatchIndex(s)
	if m != nil && namesAPlace(s[m[2]:m[3]]) {
		// An agency's name must follow: a reporter's "OSH, Kyrgyzstan --"
		// is where the event was.
		if e := wireEnd.FindStringIndex(s[m[1]:]); e != nil {
			return strings.TrimSpace(s[m[1]+e[1]:])
		}
	}
	if !opensLikeDateline(s) {
		return s
	}
	if m := wireByAgency.FindStringSubmatchIndex(s); m != nil && namesAPlace(s[m[2]:m[3]]) {
		// Its date stays: the report's day where the page gives none (see
		// daysOf; docs/story-quality.md says why not after the capitals).
		rest := strings.TrimSpace(s[m[1]:])
		if m[4] < 0 {
			return rest
		}
		return strings.TrimSpace(s[m[4]:m[5]]) + " " + rest
	}
	return s
}

// opensLikeDateline: s's first word or two are followed by a comma, a full
// stop or a parenthesis, as a dateline's city is (or a syndicator's mark
// opens it). Most leads are not, and the agencies' pattern is the costlier
// test.
func opensLikeDateline(s string) bool {
	s = strings.TrimLeft(s, " ")
	if strings.HasPrefix(s, "(MENAFN") {
		return true
	}
	for range 2 {
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		if i <= 0 {
			return false
		}
		switch s = s[i:]; {
		case s[0] == ',' || s[0] == '.' || strings.HasPrefix(s, " ("):
			return true
		case s[0] != ' ':
			return false
		}
		s = s[1:]
	}
	return false
}
