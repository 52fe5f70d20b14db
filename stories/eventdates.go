package stories

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsalert/newsalert/text"
)

// A report's days are the dates its title and lead name without a year
// ("5 June", "16 iyun kuni", "November 5-6", "Душанбе. 26 сентября."):
// the day of the event, or of the report. Two reports whose days are all
// more than DaysApart apart tell two events, however alike their words:
// one outlet's template tells each arrest in one province the same way,
// and often only the date in the lead tells them apart. A date followed
// by a year (a ruling of 26 September 2016, a man born 8 February 1988)
// is the background of the news, not its day.

// DaysApart is how many days two reports' days may differ and still be
// one event's: a report filed days later, a wire's date beside the day
// of the event.
const DaysApart = 3

// day is a date without a year: its month times 32 plus its day.
type day = uint16

// daysOf are the days a title's and a lead's lower-case words name,
// sorted and unique.
func daysOf(title, lead []string) []day {
	out := append(daysIn(title), daysIn(lead)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// daysIn reads each day's number beside a month's name (before or after
// it, or across a range's other end: "5-6 ноября", "November 5-6"),
// unless a year is written with them ("26 сентября 2016 года", "2016 yil
// 26 sentyabrdagi"). Only the words beside a number are asked for a
// month: most words of a lead are none.
func daysIn(words []string) []day {
	var out []day
	for i, w := range words {
		d := dayNumber(text.AsNumber(w))
		if d == 0 {
			continue
		}
		m, at := monthBeside(words, i)
		if m > 0 && !yearWithin(words, min(i, at)-2, max(i, at)+2) {
			out = append(out, day(m)*32+day(d))
		}
	}
	return out
}

// monthBeside is the month named next to the i-th word, or one further
// when the word between is a number (the other end of a range: November
// 5-6, 5–6 ноября), and where; 0 when none. Words in any case.
func monthBeside(words []string, i int) (month, at int) {
	for _, step := range []int{-1, 1} {
		j := i + step
		if j >= 0 && j < len(words) && isDigits(words[j]) {
			j += step
		}
		if j >= 0 && j < len(words) {
			if m := monthNumber(strings.ToLower(words[j])); m > 0 {
				return m, j
			}
		}
	}
	return 0, i
}

// yearWithin: words from lo to hi hold a year.
func yearWithin(words []string, lo, hi int) bool {
	for j := max(lo, 0); j <= hi && j < len(words); j++ {
		if n, err := strconv.Atoi(words[j]); err == nil && n >= 1900 && n < 2100 {
			return true
		}
	}
	return false
}

// dayNumber is w as a day of a month (1 to 31), or 0.
func dayNumber(w string) int {
	if len(w) > 2 || !isDigits(w) {
		return 0
	}
	n, _ := strconv.Atoi(w)
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// monthNumber is the month w names (1 to 12), in any of the six
// languages and their cases ("июня", "iyunda", "маусымда"), or 0.
func monthNumber(w string) int {
	if m, ok := latinMonths[w]; ok {
		return m
	}
	if r, _ := utf8.DecodeRuneInString(w); r < utf8.RuneSelf {
		return uzbekMonth(w)
	}
	for prefix, m := range cyrillicMonths {
		if strings.HasPrefix(w, prefix) {
			return m
		}
	}
	return 0
}

// uzbekMonth reads an Uzbek Latin month's name with a case ending
// ("iyunda", "sentyabrdagi"); whole names only, so that English words
// that begin alike (martyrs, mayor) are no months.
func uzbekMonth(w string) int {
	for name, m := range latinMonths {
		if len(name) > 3 && strings.HasPrefix(w, name) && uzbekCase[w[len(name):]] {
			return m
		}
	}
	return 0
}

var uzbekCase = map[string]bool{"da": true, "dagi": true, "dan": true, "ga": true, "gacha": true, "ning": true, "ni": true}

// latinMonths are the months' names and abbreviations in English and
// Uzbek Latin, whole words ("mar" also begins "marines").
var latinMonths = map[string]int{
	"january": 1, "jan": 1, "yanvar": 1, "february": 2, "feb": 2, "fevral": 2, "fev": 2,
	"march": 3, "mar": 3, "mart": 3, "april": 4, "apr": 4, "aprel": 4, "may": 5,
	"june": 6, "jun": 6, "iyun": 6, "july": 7, "jul": 7, "iyul": 7, "august": 8, "aug": 8,
	"avgust": 8, "avg": 8, "september": 9, "sep": 9, "sept": 9, "sentabr": 9, "sentyabr": 9,
	"october": 10, "oct": 10, "oktabr": 10, "oktyabr": 10, "okt": 10, "november": 11,
	"nov": 11, "noyabr": 11, "noya": 11, "december": 12, "dec": 12, "dekabr": 12,
}

// cyrillicMonths are the beginnings of the months' names, and of the
// wires' abbreviations ("11 ноя"), in Russian, Kyrgyz, Tajik and Uzbek
// Cyrillic (which share them) and Kazakh: the cases follow.
var cyrillicMonths = map[string]int{
	"янв": 1, "қаңтар": 1, "фев": 2, "ақпан": 2, "март": 3, "наурыз": 3, "апр": 4, "сәуір": 4,
	"мая": 5, "май": 5, "мамыр": 5, "июн": 6, "маусым": 6, "июл": 7, "шілде": 7, "авг": 8, "тамыз": 8,
	"сентябр": 9, "қыркүйек": 9, "окт": 10, "қазан": 10, "ноя": 11, "қараша": 11, "дек": 12, "желтоқсан": 12,
}

// daysApart: both reports name days, and none of one's is within
// DaysApart of any of the other's (across the turn of a year too).
func daysApart(a, b []day) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if dayDistance(x, y) <= DaysApart {
				return false
			}
		}
	}
	return true
}

// dayDistance is how many days apart two days are, the shorter way round
// the year (a year without a leap day; the 31st of a short month as its
// last).
func dayDistance(x, y day) int {
	at := func(d day) time.Time {
		return time.Date(2001, time.Month(d/32), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(d%32)-1)
	}
	n := int(at(x).Sub(at(y)).Abs().Hours() / 24)
	return min(n, 365-n)
}
