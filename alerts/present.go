package alerts

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/i18n"
	lang "github.com/newsalert/newsalert/language"
	"github.com/newsalert/newsalert/text"
)

// The pieces an alert or a digest shows of an item, in a reader's
// language: pure functions, so that every channel says the same.

// LeadRunes is about how much of an item's summary an alert quotes.
const LeadRunes = 300

// Lead is what an alert quotes of an item's summary: at most about n
// runes, cut at a sentence or a word (marked "…"), without a copy of the
// title it opens with; "" when the summary only repeats the title.
func Lead(summary, title string, n int) string {
	s := strings.Join(strings.Fields(Clean(summary)), " ")
	t := strings.Join(strings.Fields(Clean(title)), " ")
	if rest, ok := cutPrefixFold(s, t); ok {
		s = strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	}
	if onlyWordsOf(s, t) {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := text.Truncate(s, n)
	// A sentence that ends in the last half reads better than a cut one.
	body := strings.TrimSuffix(cut, "…")
	if end := sentenceEnd(body); utf8.RuneCountInString(body[:end]) >= n/2 {
		return body[:end]
	}
	return cut
}

// cutPrefixFold cuts prefix off s, ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if prefix == "" || len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// onlyWordsOf reports whether s has no word that title lacks.
func onlyWordsOf(s, title string) bool {
	have := map[string]bool{}
	for _, w := range text.Words(title) {
		have[w] = true
	}
	for _, w := range text.Words(s) {
		if !have[w] {
			return false
		}
	}
	return true
}

// sentenceEnd is the byte offset just after the last ". ", "! " or "? "
// of s (0 when none).
func sentenceEnd(s string) int {
	end := 0
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			end = i + 1
		}
	}
	return end
}

// LocalTime says when in the reader's zone, with the zone's city so that
// the reader knows which clock: "4 Dec 14:05 (Bishkek)", in Russian
// "4 дек 14:05 (Бишкек)".
func LocalTime(t time.Time, loc *time.Location, lng string) string {
	return ShortTime(t, loc, lng) + " (" + ZoneCity(loc, lng) + ")"
}

// ShortTime is LocalTime without the city, for a time beside one that
// names it: "4 Dec 14:05", "4 дек 14:05".
func ShortTime(t time.Time, loc *time.Location, lng string) string {
	t = t.In(loc)
	months := strings.Fields(i18n.For(lng).T("alerts.months"))
	month := t.Format("Jan")
	if len(months) == 12 {
		month = months[t.Month()-1]
	}
	return strconv.Itoa(t.Day()) + " " + month + " " + t.Format("15:04")
}

// ZoneCity names a time zone by its city, the last part of its IANA name
// (Asia/Bishkek: Bishkek), in the reader's language where the catalog
// has the city's name; UTC is UTC.
func ZoneCity(loc *time.Location, lng string) string {
	name := loc.String()
	if name == "" || name == "UTC" || name == "Local" || name == "Etc/UTC" {
		return "UTC"
	}
	city := name[strings.LastIndexByte(name, '/')+1:]
	if s, ok := say(i18n.For(lng), "alerts.city."+city); ok {
		return s
	}
	return strings.ReplaceAll(city, "_", " ")
}

// say is the catalog's message key, if it has one.
func say(p i18n.Printer, key string) (string, bool) {
	s := p.T(key)
	return s, s != key
}

// PlaceIDs are the regions an alert names: those the item's own words
// name (named), or, only when it names none, its feed's tags (tagged),
// which name a group such as central-asia only where they name no
// country. "elsewhere" is never named, nor central-asia beside one of
// its countries, and each region is named once.
func PlaceIDs(named, tagged []string) []string {
	ids := named
	if len(ids) == 0 {
		ids = tagged
		if slices.ContainsFunc(ids, isCountry) {
			ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !isCountry(id) })
		}
	}
	// Central Asia says nothing more beside one of its countries.
	inCentralAsia := slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(geo.CentralAsia, id) })
	var out []string
	for _, id := range ids {
		if id != geo.Elsewhere && !(id == "central-asia" && inCentralAsia) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	// Countries first, in the order given; then groups (fergana-valley).
	slices.SortStableFunc(out, func(a, b string) int { return boolInt(!isCountry(a)) - boolInt(!isCountry(b)) })
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isCountry: an ISO 3166 code (KG), not a group (central-asia).
func isCountry(id string) bool {
	return len(id) == 2 && id[0] >= 'A' && id[0] <= 'Z' && id[1] >= 'A' && id[1] <= 'Z'
}

// RegionName names a region in the reader's language: the catalog's name
// (alerts.region.<id>: Кыргызстан, as the region's Russian press writes
// it), else the id. The catalog names every region the gazetteer gives an
// item (its countries and groups; the rest of the world is "elsewhere"),
// so a language is added by its files alone; CLDR's names of the world's
// countries (x/text/language/display) would cost the daemon 2 MB of
// memory for names it never shows.
func RegionName(id, lng string) string {
	if code, ok := geo.Alias(id); ok {
		id = code // rules may name a country (afghanistan) for its code
	}
	if s, ok := say(i18n.For(lng), "alerts.region."+id); ok {
		return s
	}
	return id
}

// PlaceNames are the names of PlaceIDs in the reader's language.
func PlaceNames(named, tagged []string, lng string) []string {
	var out []string
	for _, id := range PlaceIDs(named, tagged) {
		if name := RegionName(id, lng); !slices.Contains(out, name) { // afghanistan and AF
			out = append(out, name)
		}
	}
	return out
}

// WhyWords are the words that fired, from a topic's explanations
// (rules.Hit strings: "keyword" (found, field)): the words as the item
// writes them, each once. Spellings and inflections of one word or phrase
// are one (ИГИЛ, ИГИЛа; Islamic State, islamic state), and a phrase within
// a longer one shown is left out (Islamic State in Islamic State Khorasan).
func WhyWords(why []string) []string {
	var shown []string
	var keys [][]string
	for _, w := range why {
		word := whyWord(w)
		key := stems(word)
		if len(key) == 0 {
			continue
		}
		if i := slices.IndexFunc(keys, func(k []string) bool { return within(key, k) }); i >= 0 {
			continue
		}
		// A longer phrase replaces the shorter ones it holds.
		for i := len(keys) - 1; i >= 0; i-- {
			if within(keys[i], key) {
				keys = slices.Delete(keys, i, i+1)
				shown = slices.Delete(shown, i, i+1)
			}
		}
		keys = append(keys, key)
		shown = append(shown, word)
	}
	return shown
}

// whyWord reads an explanation: the words found, else the keyword; an
// explanation not in the rules' form is taken as it is.
func whyWord(why string) string {
	quoted, err := strconv.QuotedPrefix(why)
	if err != nil {
		return Clean(why)
	}
	keyword, _ := strconv.Unquote(quoted)
	// The rest is " (found, field)", or " (field)" when the words found
	// are the keyword's own; a found text may itself hold ", ".
	inner := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(why[len(quoted):]), "("), ")")
	if i := strings.LastIndex(inner, ", "); i > 0 {
		return Clean(inner[:i])
	}
	// A keyword shown for want of the words found, without the rules'
	// marks: "=" (exact) and "*" (any ending).
	return Clean(strings.TrimSuffix(strings.TrimPrefix(keyword, "="), "*"))
}

// stems are a phrase's words folded and stemmed, in their language as
// their script tells (Cyrillic read as Russian, Latin as English).
func stems(phrase string) []string {
	words := lang.Words(phrase)
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		l := lang.English
		if unicode.Is(unicode.Cyrillic, r) {
			l = lang.Russian
		}
		words[i] = lang.Stem(l, w)
	}
	return words
}

// within reports whether phrase a's words are a run of phrase b's.
func within(a, b []string) bool {
	for i := 0; i+len(a) <= len(b); i++ {
		if slices.Equal(a, b[i:i+len(a)]) {
			return true
		}
	}
	return false
}

// WhyLine is an alert's one short "why": the topics' names, then the
// words that fired, each once ("ISKP · Border: ИГИЛ, граница").
func WhyLine(topics []TopicHit) string {
	var names, why []string
	for _, t := range topics {
		if !slices.Contains(names, t.Name) {
			names = append(names, Clean(t.Name))
		}
		why = append(why, t.Why...)
	}
	line := strings.Join(names, " · ")
	if words := WhyWords(why); len(words) > 0 {
		line += ": " + strings.Join(words, ", ")
	}
	return line
}

// shownOutlets caps the outlets an alert names.
const shownOutlets = 5

// AlsoReported says who else reported a story of n more reports: the
// outlets by name where known (all but own), else how many.
func AlsoReported(lng string, n int, outlets []string, own string) string {
	p := i18n.For(lng)
	var names []string
	for _, o := range outlets {
		if o != own {
			names = append(names, text.Truncate(Clean(o), 60))
		}
	}
	switch {
	case len(names) > shownOutlets:
		return p.T("alerts.also.named_more", strings.Join(names[:shownOutlets], ", "), len(names)-shownOutlets)
	case len(names) > 0:
		return p.T("alerts.also.named", strings.Join(names, ", "))
	}
	return p.N("alerts.also.count", n)
}

// Caps on the pieces of an alert: a feed can put a whole article in a
// title or a feed's name.
const (
	titleRunes  = 400
	feedRunes   = 100
	placesRunes = 300
	whyRunes    = 400
)

// AlertLines are the lines of an alert in a reader's language, as plain
// text: feed text cleaned of control characters and capped. Channels
// format them (Telegram: the title bold and linked, the source in
// italics).
type AlertLines struct {
	Title string
	// Link is the item's address if it is a safe web link, else "".
	Link string
	// Source is the outlet, the local time and who else reported the
	// story: "Kaktus · 4 Dec 14:05 (Bishkek) · also reported by 24.kg".
	Source string
	Lead   string
	// Places are the countries (and regions) by name, "" when none.
	Places string
	Why    string
	// FollowUp, when the alert follows up an earlier one, says so
	// ("related to an earlier alert (4 Dec 12:00 (Bishkek))"), with the
	// earlier alert's title and safe link.
	FollowUp, FollowUpTitle, FollowUpLink string
}

// Lines are the alert's lines for a reader of language lng in zone loc.
func (a Alert) Lines(lng string, loc *time.Location) AlertLines {
	l := AlertLines{Title: text.Truncate(Clean(a.Title), titleRunes), Link: webLink(a.Link),
		Lead: Lead(a.Summary, a.Title, LeadRunes), Why: text.Truncate(WhyLine(a.Topics), whyRunes)}
	source := []string{text.Truncate(Clean(a.Feed), feedRunes)}
	if !a.Published.IsZero() {
		source = append(source, LocalTime(a.Published, loc, lng))
	}
	if a.Sources > 1 {
		source = append(source, AlsoReported(lng, a.Sources-1, a.Outlets, a.Feed))
	}
	l.Source = strings.Join(source, " · ")
	var tagged []string
	for _, t := range a.Topics {
		tagged = append(tagged, t.Regions...)
	}
	l.Places = text.Truncate(strings.Join(PlaceNames(a.Named, tagged, lng), ", "), placesRunes)
	if f := a.FollowUp; f != nil {
		p := i18n.For(lng)
		l.FollowUp = p.T("alerts.followup")
		if !f.At.IsZero() {
			l.FollowUp = p.T("alerts.followup.at", ShortTime(f.At, loc, lng))
		}
		l.FollowUpTitle, l.FollowUpLink = text.Truncate(Clean(f.Title), 200), webLink(f.Link)
	}
	return l
}

// maxLink is the longest address an alert links: a longer one is no
// article's, and would crowd the message out of Telegram's limit.
const maxLink = 2048

func webLink(link string) string {
	if l := WebLink(link); len(l) <= maxLink {
		return l
	}
	return ""
}

// Plain is the alert as plain text.
func (l AlertLines) Plain() string {
	lines := []string{l.Title, l.Source}
	if l.Lead != "" {
		lines = append(lines, l.Lead)
	}
	if l.Places != "" {
		lines = append(lines, "📍 "+l.Places)
	}
	lines = append(lines, "🏷 "+l.Why)
	if l.Link != "" {
		lines = append(lines, l.Link)
	}
	if l.FollowUp != "" {
		lines = append(lines, "↪ "+l.FollowUp+": "+l.FollowUpTitle)
	}
	return strings.Join(lines, "\n")
}
