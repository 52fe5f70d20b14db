package rules

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsalert/newsalert/language"
)

// A place name said in passing does not make an item about the place:
// a wire's dateline ("ДУШАНБЕ, 9 окт — Sputnik.", "АСТАНА. KAZINFORM –")
// says where it was filed, and a legal disclaimer ("ИГИЛ (запрещена в
// России)", "Қазақстанда тыйым салынған") where a group is banned.
type aside uint8

const (
	notAside  aside = iota
	fallback        // a dateline, a source's country or a local ban: counts only when the item names no other place
	neighbour       // beside a place abroad, a neighbour said to locate it: counts unless every other place is abroad
	ignored         // a ban disclaimer, or a common word spelt like a name: never counts
)

// disclaimerBefore and disclaimerAfter begin the words that make a place
// name just before or after them part of a ban disclaimer.
var (
	disclaimerBefore = [][]byte{[]byte("запрещ"), []byte("banned"), []byte("outlawed"), []byte("мамнӯъ"), []byte("мамнуъ")}
	disclaimerAfter  = [][]byte{[]byte("тыйым"), []byte("тыюу"), []byte("тақиқлан"), []byte("taqiqlan"), []byte("tyyym"), []byte("tyiym")}
)

// outletBefore and outletAfter are the words that make a place's name
// just before or after them an outlet's (Sputnik Таджикистан,
// Интерфакс-Казахстан, Kazakhstan Today, The Moscow Post); outletAfter's
// count written with a capital.
var (
	outletBefore = []string{"sputnik", "interfax", "интерфакс"}
	outletAfter  = []string{"today", "times", "post"}
)

// timeWords begin the words that make a place before them a clock's
// ("по московскому времени", "Тошкент вақти"), said wherever it happened.
var timeWords = [][]byte{[]byte("времени"), []byte("time"), []byte("вақт"), []byte("vaqt"), []byte("уақыт"), []byte("убакыт")}

// placeAside says whether place name t, found at token i, is said in
// passing.
func (s *scan) placeAside(t *term, i int) aside {
	end := i + len(t.positions)
	if !t.anyCase && !s.writtenAsName(i, end) {
		return ignored // a common word, not the name
	}
	f := s.text.fields[i]
	if s.beginsAny(f, i-3, i, disclaimerBefore) || s.inBanDisclaimer(i, end) || s.isCityDistrict(i, end) || (!t.body && s.isQuoted(i, end)) ||
		s.namesLanguageOrChurch(i, end) {
		return ignored
	}
	if s.beginsAny(f, end, end+2, disclaimerAfter) || s.isDateline(i, end) || s.inOutletName(i, end) || s.beginsAny(f, end, end+1, timeWords) ||
		s.namesMedia(i, end) {
		return fallback
	}
	if s.isNeighbour(i, end) {
		return neighbour
	}
	return notAside
}

// languageOrChurch are the words that make a people's name, just before
// them, its language's or its church's, not its country's ("Russian-language
// channel", "Russian speakers", "KNB in its Russian initials", "the Russian
// Orthodox church in Dushanbe").
var languageOrChurch = [][]byte{[]byte("language"), []byte("speak"), []byte("initial"), []byte("translat"), []byte("subtitl"), []byte("dubb"), []byte("orthodox")}

// isLanguageName: the gazetteer's peoples' names that also name a language.
func isLanguageName(w []byte) bool {
	switch string(w) {
	case "russian", "tajik", "uzbek", "kazakh", "kyrgyz", "turkmen", "pashto":
		return true
	}
	return false
}

// endsNounPhrase: a word that ends the noun phrase before it, so that
// "in Tajik were seized" ends with the language while "in Russian custody"
// goes on to a noun.
func endsNounPhrase(w []byte) bool {
	switch string(w) {
	case "and", "or", "is", "are", "was", "were", "on", "at", "by", "with", "from", "to", "for", "that", "which", "as", "about":
		return true
	}
	return bytes.HasSuffix(w, []byte("ing"))
}

// namesLanguageOrChurch: a people's name used for its language or church,
// as in languageOrChurch, or after "in" with no noun of its own following ("a video
// in Russian calling for attacks", "leaflets in Tajik were seized",
// "published in Tajik."; "in Russian custody" is Russia's).
func (s *scan) namesLanguageOrChurch(i, end int) bool {
	if end != i+1 || !isLanguageName(s.text.word(i)) {
		return false
	}
	f := s.text.fields[i]
	if s.beginsAny(f, end, end+1, languageOrChurch) {
		return true
	}
	if !s.nextTo(i-1, i) || string(s.text.word(i-1)) != "in" {
		return false
	}
	return !s.nextTo(i, end) || endsNounPhrase(s.text.word(end))
}

// mediaWords begin the words that make a people's name, up to four words
// before them in one phrase, a source's ("a Russian news agency reported",
// "according to Kazakh and Russian media", "Russian state-run newspaper"):
// where the report comes from, said as a dateline says it.
var mediaWords = [][]byte{[]byte("media"), []byte("news"), []byte("television")}

// namesMedia: a people's name that tells a source's country (mediaWords,
// or "agency" right after it: "Russian Agency Gives Details"; a
// "Kyrgyz counternarcotics agency" is a body of its state).
func (s *scan) namesMedia(i, end int) bool {
	w := s.text.word(i)
	if end != i+1 || !isLanguageName(w) && string(w) != "afghan" {
		return false
	}
	if s.nextTo(i, end) && hasAnyPrefix(s.text.word(end), agencyWord) {
		return true
	}
	// Within the phrase only: "Kyrgyz Government, Turkish Media" is not.
	for k := end; k < end+4 && s.nextTo(k-1, k); k++ {
		if hasAnyPrefix(s.text.word(k), mediaWords) {
			return true
		}
	}
	return false
}

var agencyWord = [][]byte{[]byte("agenc")}

// nearWords, borderWords and borderingWords make a place a neighbour
// named to say where another lies: "near the border with Afghanistan",
// "возле границы с Афганистаном", "near the Afghan border", "граничащей
// с Афганистаном", "bordering Afghanistan".
var (
	nearWords      = [][]byte{[]byte("near"), []byte("close"), []byte("вблизи"), []byte("возле"), []byte("недалеко"), []byte("неподалеку"), []byte("близ"), []byte("рядом")}
	borderWords    = [][]byte{[]byte("border"), []byte("границ")}
	borderingWords = [][]byte{[]byte("граничащ"), []byte("граничит")}
	borderingEn    = [][]byte{[]byte("bordering")}
)

// isNeighbour: the place is named as the neighbour beside another (see
// nearWords): a mosque bombed in Peshawar "near the border with
// Afghanistan" is Pakistan's news, a Tajik post "near the border with
// Afghanistan" both countries'.
func (s *scan) isNeighbour(i, end int) bool {
	f := s.text.fields[i]
	with := i > 0 && s.text.fields[i-1] == f && isWith(s.text.word(i-1))
	switch {
	case with && s.beginsAny(f, i-2, i-1, borderWords) && s.beginsAny(f, i-5, i-2, nearWords):
		return true // near the border with X
	case s.beginsAny(f, end, end+1, borderWords) && s.beginsAny(f, i-3, i, nearWords):
		return true // near the X border
	case with && s.beginsAny(f, i-2, i-1, borderingWords), s.beginsAny(f, i-1, i, borderingEn):
		return true
	}
	return false
}

func isWith(w []byte) bool {
	switch string(w) {
	case "with", "с":
		return true
	}
	return false
}

// inOutletName: an outlet named for a place it reports from ("сообщает
// Sputnik Таджикистан", "Интерфакс-Казахстан", "Kazakhstan Today", "The
// Moscow Post", a channel "Россия 24" or Россия-1), which says where it
// sits, as a dateline does.
func (s *scan) inOutletName(i, end int) bool {
	if (s.nextTo(i-1, i) || s.hyphened(i-1, i)) && slices.Contains(outletBefore, string(s.text.word(i-1))) {
		return true
	}
	gap, ok := s.between(end-1, end)
	if !ok {
		return false
	}
	next := s.text.original(end)
	switch strings.TrimSpace(gap) {
	case "":
		first, _ := utf8.DecodeRuneInString(next)
		return unicode.IsUpper(first) && slices.Contains(outletAfter, string(s.text.word(end))) || isNumber(next) && s.closesQuote(end)
	case "-":
		return isNumber(next)
	}
	return false
}

// closesQuote: token k ends a quoted name («Россия 24»).
func (s *scan) closesQuote(k int) bool {
	after, _ := utf8.DecodeRuneInString(s.text.orig[s.text.fields[k]][s.text.spans[k].OEnd:])
	return strings.ContainsRune(`»"”“`, after)
}

// nextTo: tokens j and k of one field stand apart by a space only
// ("Sputnik Таджикистан", not "— Sputnik. Ўзбекистон").
func (s *scan) nextTo(j, k int) bool {
	gap, ok := s.between(j, k)
	return ok && strings.TrimSpace(gap) == ""
}

// hyphened: tokens j and k are one word's two halves (Интерфакс-Казахстан).
func (s *scan) hyphened(j, k int) bool {
	gap, ok := s.between(j, k)
	return ok && gap == "-"
}

// between is the text between tokens j and k of one field, and false
// when they are not two tokens of one field.
func (s *scan) between(j, k int) (string, bool) {
	fields := s.text.fields
	if j < 0 || k >= len(fields) || fields[j] != fields[k] {
		return "", false
	}
	return s.text.orig[fields[j]][s.text.spans[j].OEnd:s.text.spans[k].OStart], true
}

// isQuoted: a place's name alone in quotes names something else, an
// outlet or a team («Фергана» сообщила, «Астана» выиграла).
func (s *scan) isQuoted(i, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s.text.orig[s.text.fields[i]][:s.text.spans[i].OStart])
	return strings.ContainsRune(`«"“„`, before) && s.closesQuote(end-1)
}

// isCityDistrict: a Soviet name many cities gave a district (Bishkek's
// Свердловский, Ленинский, Октябрьский, Первомайский районы; Chüy's Москва
// району), followed by район, is that district, not the place of the name.
func (s *scan) isCityDistrict(i, end int) bool {
	return end == i+1 && hasAnyPrefix(s.text.word(i), sovietDistricts) &&
		s.beginsAny(s.text.fields[i], end, end+1, [][]byte{[]byte("район")})
}

var sovietDistricts = [][]byte{[]byte("свердловск"), []byte("ленинск"), []byte("октябрьск"), []byte("первомайск"),
	[]byte("московск"), []byte("кировск"), []byte("советск"), []byte("фрунзенск"), []byte("ленинградск"),
	[]byte("калининск"), []byte("пролетарск"), []byte("куйбышевск"), []byte("москва")}

// beginsAny reports whether a token of field f in [from, to) begins with
// one of prefixes.
func (s *scan) beginsAny(f uint8, from, to int, prefixes [][]byte) bool {
	for k := max(from, 0); k < min(to, len(s.text.fields)); k++ {
		if s.text.fields[k] != f {
			continue
		}
		if hasAnyPrefix(s.text.word(k), prefixes) {
			return true
		}
	}
	return false
}

// writtenAsName: a place name (the words i to end) is a proper noun,
// written with a capital in one of its words at least ("central Asia";
// Kazakh астанасы is "its capital", қазан "October", Kyrgyz караганда
// "according to", Russian мар "March" not Мары); only the adjectives and
// peoples made of one are written in lower case (ворухский, россиянин,
// кыргызстандыктар, o'zbekistonlik, узбакистонӣ).
func (s *scan) writtenAsName(i, end int) bool {
	for k := i; k < end; k++ {
		if r, _ := utf8.DecodeRuneInString(s.text.original(k)); unicode.IsUpper(r) {
			return true
		}
	}
	w := s.text.word(i)
	for _, suffix := range lowerCaseDerivations[s.text.language()] {
		if bytes.Contains(w, suffix) {
			return true
		}
	}
	return false
}

// lowerCaseDerivations are the suffixes, by language, that make a place
// name an adjective or a people's name, written in lower case.
var lowerCaseDerivations = map[language.Lang][][]byte{
	language.Russian: {[]byte("ск"), []byte("ян")},
	language.Kyrgyz:  {[]byte("дык"), []byte("тык"), []byte("лык"), []byte("дук"), []byte("тук"), []byte("лук")},
	language.Kazakh:  {[]byte("дық"), []byte("тық"), []byte("лық"), []byte("dyq"), []byte("tyq"), []byte("lyq")},
	language.Uzbek:   {[]byte("lik"), []byte("лик")},
	language.Tajik:   {[]byte("ӣ"), []byte("ии"), []byte("иён")},
}

// isDateline: the place opens the text in capitals, or is followed by a
// date or an agency's name in capitals; a title opens with a dateline
// only when its text was not given apart (Бишкек, 22.05.18. /Кабар/), and
// "Ош: задержан вербовщик" is where it happened.
func (s *scan) isDateline(i, end int) bool {
	fields := s.text.fields
	next := ""
	if end < len(fields) && fields[end] == fields[i] {
		next = s.text.original(end)
	}
	if i > 0 && fields[i-1] == fields[i] {
		gap, _ := s.between(i-1, i)
		if fields[i] != fieldTitle && strings.HasSuffix(strings.TrimSpace(gap), ".") && isCapitalised(s.text.original(i), 4) && isNumber(next) {
			return true // a feed's summary before the wire's own lead: "…қурбонлар бор. ТОШКЕНТ, 27 мар - Sputnik."
		}
		// "BISHKEK, Kyrgyzstan —": the country after a dateline's city is
		// the dateline's too.
		first := i == 1 || fields[i-2] != fields[i]
		return first && fields[i] != fieldTitle && strings.TrimSpace(gap) == "," && isCapitalised(s.text.original(i-1), 4)
	}
	if fields[i] == fieldTitle {
		return isNumber(next)
	}
	return isCapitalised(s.text.original(i), 4) || isNumber(next) || isCapitalised(next, 3)
}

// isNumber: a word that begins with a digit (a date: 9, 27.10.2016).
func isNumber(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// isCapitalised: a word of at least n letters, all capitals.
func isCapitalised(w string, n int) bool {
	return utf8.RuneCountInString(w) >= n && language.IsUpperWord(w) && !isNumber(w)
}

// banWords begin the words that make a parenthesis a ban disclaimer: the
// disclaimers' words around a place, "prohibited", and a designation's
// ("признана террористической", "designated a terrorist organization",
// "внесли в реестр", "входит в перечень"), and the UN's sanctions the
// Taliban are under ("under UN sanctions over terrorism").
var banWords = slices.Concat(disclaimerBefore, disclaimerAfter, [][]byte{[]byte("prohibited"), []byte("признан"), []byte("designated"),
	[]byte("реестр"), []byte("переч"), []byte("sanction"), []byte("санкци")})

// inBanDisclaimer: tokens [i, end) stand inside a parenthesis that says
// a group is banned ("the Taliban (banned as a terrorist organisation in
// Russia)", "(ташкилоти террористӣ дар Русия мамнӯъ)"): a legal formula
// the press repeats at every mention, not what the item reports.
func (s *scan) inBanDisclaimer(i, end int) bool {
	f := s.text.fields[i]
	text := s.text.orig[f]
	from, to := int(s.text.spans[i].OStart), int(s.text.spans[end-1].OEnd)
	open := strings.LastIndexByte(text[:from], '(')
	if open < 0 || strings.IndexByte(text[open:from], ')') >= 0 {
		return false
	}
	closing := strings.IndexByte(text[to:], ')')
	if closing < 0 {
		return false
	}
	closing += to
	for k := i; k >= 0 && s.text.fields[k] == f && int(s.text.spans[k].OStart) > open; k-- {
		if hasAnyPrefix(s.text.word(k), banWords) {
			return true
		}
	}
	for k := end; k < len(s.text.spans) && s.text.fields[k] == f && int(s.text.spans[k].OEnd) <= closing; k++ {
		if hasAnyPrefix(s.text.word(k), banWords) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(w []byte, prefixes [][]byte) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
