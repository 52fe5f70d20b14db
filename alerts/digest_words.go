package alerts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsalert/newsalert/i18n"
)

// The words of a digest in its reader's language: dates and the
// schedule. The why line, the countries and the zone's city are the
// alerts' (present.go).

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
	p, city := d.Printer(), ZoneCity(d.Zone(), d.Lang)
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
