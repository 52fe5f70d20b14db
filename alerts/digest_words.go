package alerts

import (
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

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

// EntryMeta is the line under an entry's title: feed (its name as the
// channel shows it), when it was published and the places it names,
// joined by " · ".
func (d Digest) EntryMeta(e DigestEntry, feed string) string {
	meta := []string{feed}
	if t := d.Local(e.Published); t != "" {
		meta = append(meta, t)
	}
	if c := PlaceNames(e.Named, e.Regions, d.Lang); len(c) > 0 {
		meta = append(meta, strings.Join(c, ", "))
	}
	return strings.Join(meta, " · ")
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
	if at, weekdays, ok := dailyTime(spec); ok {
		if weekdays {
			return p.T("digest.schedule.weekdays", at, city)
		}
		return p.T("digest.schedule.daily", at, city)
	}
	if ScheduleZone(spec) != "" {
		_, spec, _ = strings.Cut(spec, " ")
	}
	return p.T("digest.schedule.cron", spec, city)
}

// Day sets of a cron.SpecSchedule, one bit per value.
const (
	everyDayOfMonth = 1<<32 - 2       // 1-31
	everyMonth      = 1<<13 - 2       // 1-12
	everyDayOfWeek  = 1<<7 - 1        // 0-6, Sunday first
	mondayToFriday  = 1<<6 - 2        // 1-5
	cronStar        = uint64(1) << 63 // cron's mark of a field written "*"
)

// dailyTime reads, with the parser that schedules digests, a spec that
// fires once a day, every day or Monday to Friday: its time "HH:MM", and
// whether on weekdays only; ok is false for any other spec.
func dailyTime(spec string) (at string, weekdays, ok bool) {
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return "", false, false
	}
	s, isSpec := sched.(*cron.SpecSchedule)
	if !isSpec || bits.OnesCount64(s.Second) != 1 || bits.OnesCount64(s.Minute) != 1 || bits.OnesCount64(s.Hour) != 1 ||
		s.Dom&everyDayOfMonth != everyDayOfMonth || s.Month&everyMonth != everyMonth {
		return "", false, false
	}
	at = fmt.Sprintf("%02d:%02d", bits.TrailingZeros64(s.Hour), bits.TrailingZeros64(s.Minute))
	switch days := s.Dow &^ cronStar; {
	case days == everyDayOfWeek:
		return at, false, true
	// Cron takes a day of the month or of the week when neither field is
	// "*": only with the month's days a star is it Monday to Friday.
	case days == mondayToFriday && s.Dom&cronStar != 0:
		return at, true, true
	}
	return "", false, false
}
