package alerts

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/i18n"
)

// The words of a digest in its reader's language: dates, the schedule,
// the "why" line and the countries. The why line and the countries are a
// minimal version for digests alone (issue 27: the alerts' shared helpers
// replace them).

// Printer says the digest's messages in its reader's language.
func (d Digest) Printer() i18n.Printer { return i18n.For(d.Lang) }

// Local formats t in the digest's time zone and language ("27 Nov,
// 08:00", "27 ноября, 08:00"), with the year when it is not the year the
// digest ends in; an unknown time is "".
func (d Digest) Local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(d.Zone())
	p := d.Printer()
	month := p.T(fmt.Sprint("digest.month.", int(t.Month())))
	if !d.Until.IsZero() && t.Year() != d.Until.In(d.Zone()).Year() {
		return p.T("digest.datetime.year", t.Day(), month, t.Year(), t.Format("15:04"))
	}
	return p.T("digest.datetime", t.Day(), month, t.Format("15:04"))
}

// City names the digest's time zone by its city, in its language
// ("Almaty", "Алматы"; "Asia/Ho_Chi_Minh" → "Ho Chi Minh").
func (d Digest) City() string {
	name := d.Zone().String()
	key := "digest.city." + name
	if s := d.Printer().T(key); s != key {
		return s
	}
	return strings.ReplaceAll(name[strings.LastIndex(name, "/")+1:], "_", " ")
}

// Continues is the line saying that e's story goes on from before the
// digest's period, naming its first report then; "" when it does not.
func (d Digest) Continues(e DigestEntry) string {
	if e.Earlier.MatchedAt.IsZero() {
		return ""
	}
	return d.Printer().T("digest.continues", d.Local(e.Earlier.MatchedAt), Clean(e.Earlier.Title))
}

// ScheduleText says when the digest's reader gets digests ("daily at
// 08:00 (Almaty)"): a cron spec of a daily or weekday time as such, any
// other as itself; "" when the digest has no schedule (a demo's).
func (d Digest) ScheduleText() string {
	p, city := d.Printer(), d.City()
	spec := strings.TrimSpace(d.Schedule.Spec)
	if spec == "" && d.Schedule.DailyAt == "" {
		return ""
	}
	if spec == "" {
		return p.T("digest.schedule.daily", d.Schedule.DailyAt, city)
	}
	if z := ScheduleZone(spec); z != "" {
		_, spec, _ = strings.Cut(spec, " ")
	}
	f := strings.Fields(spec)
	if len(f) == 5 && f[2] == "*" && f[3] == "*" {
		if h, err1 := strconv.Atoi(f[1]); err1 == nil {
			if m, err2 := strconv.Atoi(f[0]); err2 == nil && h < 24 && m < 60 {
				at := fmt.Sprintf("%02d:%02d", h, m)
				switch f[4] {
				case "*":
					return p.T("digest.schedule.daily", at, city)
				case "1-5", "MON-FRI", "mon-fri":
					return p.T("digest.schedule.weekdays", at, city)
				}
			}
		}
	}
	return p.T("digest.schedule.cron", spec, city)
}

// DigestWhy is an entry's "why" in short: the words that fired, each once
// (a keyword's spellings found in the text rather than the keyword's
// pattern, without quotes or field names), from rules.Hit strings such
// as `"ИГИЛ*" (ИГИЛа, title)`.
func DigestWhy(why []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range why {
		word := whyWord(w)
		if k := strings.ToLower(word); word != "" && !seen[k] {
			seen[k] = true
			out = append(out, word)
		}
	}
	return out
}

// whyWord is the word a hit found: what it found in the text where that
// differs from the keyword, else the keyword without its wildcard.
func whyWord(hit string) string {
	keyword, rest := hit, ""
	if q, err := strconv.QuotedPrefix(hit); err == nil {
		keyword, _ = strconv.Unquote(q)
		rest = strings.TrimSpace(hit[len(q):])
	}
	if inner, ok := strings.CutPrefix(rest, "("); ok {
		inner = strings.TrimSuffix(inner, ")")
		if i := strings.LastIndex(inner, ", "); i >= 0 {
			return Clean(inner[:i])
		}
	}
	return Clean(strings.Trim(keyword, "*"))
}

// DigestCountries names an entry's regions in the digest's language,
// each once ("KG" → "Kyrgyzstan", "Кыргызстан"), and Central Asia only
// when none of its countries is named; an unknown one is shown as it is.
func (d Digest) DigestCountries(regions []string) []string {
	p := d.Printer()
	var out []string
	for _, r := range regions {
		if r == "central-asia" && slices.ContainsFunc(regions, isCentralAsian) {
			continue
		}
		key := "digest.country." + r
		name := p.T(key)
		if name == key {
			key = "digest.country." + strings.ToUpper(r)
			if name = p.T(key); name == key {
				name = Clean(r)
			}
		}
		out = appendMissing(out, name)
	}
	return out
}

func isCentralAsian(region string) bool {
	return slices.ContainsFunc(geo.CentralAsia, func(c string) bool { return strings.EqualFold(c, region) }) ||
		slices.Contains([]string{"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"}, region)
}
