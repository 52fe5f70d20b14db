package telegrambot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsalert/newsalert/language"
	"github.com/newsalert/newsalert/text"
)

// How a chat names its time zone: an IANA name in any case (asia/bishkek),
// a city of one (bishkek, Бишкек), a city of the region that has none of
// its own (Ош, Osh, Shymkent), or an offset (+6, UTC+5, GMT+4:30).

// cities are the region's cities, and its neighbours' big ones, in
// Russian and in the Latin spellings IANA does not have, with their zones.
var cities = map[string]string{
	"алматы": "Asia/Almaty", "алма-ата": "Asia/Almaty", "астана": "Asia/Almaty", "нур-султан": "Asia/Almaty",
	"astana": "Asia/Almaty", "nur-sultan": "Asia/Almaty", "шымкент": "Asia/Almaty", "shymkent": "Asia/Almaty",
	"караганда": "Asia/Almaty", "karaganda": "Asia/Almaty", "тараз": "Asia/Almaty", "taraz": "Asia/Almaty",
	"семей": "Asia/Almaty", "усть-каменогорск": "Asia/Almaty", "павлодар": "Asia/Almaty",
	"актобе": "Asia/Aqtobe", "актау": "Asia/Aqtau", "атырау": "Asia/Atyrau", "уральск": "Asia/Oral",
	"орал": "Asia/Oral", "костанай": "Asia/Qostanay", "kostanay": "Asia/Qostanay", "кызылорда": "Asia/Qyzylorda",
	"kyzylorda": "Asia/Qyzylorda", "aktobe": "Asia/Aqtobe", "aktau": "Asia/Aqtau", "uralsk": "Asia/Oral",
	"бишкек": "Asia/Bishkek", "ош": "Asia/Bishkek", "osh": "Asia/Bishkek", "джалал-абад": "Asia/Bishkek",
	"jalal-abad": "Asia/Bishkek", "каракол": "Asia/Bishkek", "karakol": "Asia/Bishkek", "баткен": "Asia/Bishkek",
	"batken": "Asia/Bishkek", "нарын": "Asia/Bishkek", "талас": "Asia/Bishkek",
	"душанбе": "Asia/Dushanbe", "худжанд": "Asia/Dushanbe", "khujand": "Asia/Dushanbe", "хорог": "Asia/Dushanbe",
	"khorog": "Asia/Dushanbe", "куляб": "Asia/Dushanbe", "kulob": "Asia/Dushanbe", "бохтар": "Asia/Dushanbe",
	"ташкент": "Asia/Tashkent", "toshkent": "Asia/Tashkent", "андижан": "Asia/Tashkent", "andijan": "Asia/Tashkent",
	"наманган": "Asia/Tashkent", "namangan": "Asia/Tashkent", "фергана": "Asia/Tashkent", "fergana": "Asia/Tashkent",
	"самарканд": "Asia/Samarkand", "samarqand": "Asia/Samarkand", "бухара": "Asia/Samarkand", "bukhara": "Asia/Samarkand",
	"нукус": "Asia/Samarkand", "nukus": "Asia/Samarkand", "термез": "Asia/Samarkand", "termez": "Asia/Samarkand",
	"карши": "Asia/Samarkand", "ургенч": "Asia/Samarkand", "хива": "Asia/Samarkand",
	"ашхабад": "Asia/Ashgabat", "ashkhabad": "Asia/Ashgabat", "туркменабад": "Asia/Ashgabat", "мары": "Asia/Ashgabat",
	"кабул": "Asia/Kabul", "мазари-шариф": "Asia/Kabul", "mazar-i-sharif": "Asia/Kabul", "кундуз": "Asia/Kabul",
	"kunduz": "Asia/Kabul", "герат": "Asia/Kabul", "herat": "Asia/Kabul", "кандагар": "Asia/Kabul", "kandahar": "Asia/Kabul",
	"москва": "Europe/Moscow", "санкт-петербург": "Europe/Moscow", "петербург": "Europe/Moscow",
	"saint petersburg": "Europe/Moscow", "st petersburg": "Europe/Moscow", "казань": "Europe/Moscow",
	"kazan": "Europe/Moscow", "самара": "Europe/Samara", "екатеринбург": "Asia/Yekaterinburg", "челябинск": "Asia/Yekaterinburg",
	"уфа": "Asia/Yekaterinburg", "тюмень": "Asia/Yekaterinburg", "оренбург": "Asia/Yekaterinburg",
	"омск": "Asia/Omsk", "новосибирск": "Asia/Novosibirsk", "барнаул": "Asia/Barnaul", "томск": "Asia/Tomsk",
	"красноярск": "Asia/Krasnoyarsk", "иркутск": "Asia/Irkutsk", "владивосток": "Asia/Vladivostok",
	"астрахань": "Europe/Astrakhan", "волгоград": "Europe/Volgograd", "калининград": "Europe/Kaliningrad",
	"баку": "Asia/Baku", "тбилиси": "Asia/Tbilisi", "ереван": "Asia/Yerevan", "минск": "Europe/Minsk",
	"киев": "Europe/Kyiv", "київ": "Europe/Kyiv", "kiev": "Europe/Kyiv", "стамбул": "Europe/Istanbul",
	"анкара": "Europe/Istanbul", "ankara": "Europe/Istanbul", "тегеран": "Asia/Tehran", "исламабад": "Asia/Karachi",
	"islamabad": "Asia/Karachi", "карачи": "Asia/Karachi", "лахор": "Asia/Karachi", "lahore": "Asia/Karachi",
	"дели": "Asia/Kolkata", "нью-дели": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
	"урумчи": "Asia/Urumqi", "пекин": "Asia/Shanghai", "beijing": "Asia/Shanghai", "дубай": "Asia/Dubai",
	"лондон": "Europe/London", "берлин": "Europe/Berlin", "париж": "Europe/Paris", "брюссель": "Europe/Brussels",
	"вена": "Europe/Vienna", "прага": "Europe/Prague", "варшава": "Europe/Warsaw", "рига": "Europe/Riga",
	"вильнюс": "Europe/Vilnius", "таллин": "Europe/Tallinn", "женева": "Europe/Zurich", "geneva": "Europe/Zurich",
	"нью-йорк": "America/New_York", "вашингтон": "America/New_York", "washington": "America/New_York",
}

// regionZones are the zones an offset is read as, in this order, before
// any other: the region's own, then its neighbours'.
var regionZones = []string{"Asia/Almaty", "Asia/Tashkent", "Asia/Dushanbe", "Asia/Ashgabat", "Asia/Bishkek",
	"Asia/Kabul", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Karachi",
	"Asia/Kolkata", "Asia/Tehran", "Asia/Baku", "Asia/Dubai", "Europe/Istanbul", "Asia/Urumqi", "Asia/Shanghai",
	"Europe/Berlin", "Europe/London"}

// Zone is what FindZone read.
type Zone struct {
	// Name is the IANA name to store (Asia/Bishkek, Etc/GMT-6).
	Name string
	// Offset is set when the chat gave an offset: Name is then the
	// region's zone with that offset now, or a fixed one (Fixed).
	Offset bool
	Fixed  bool
	// Also are the other zones of the region with that offset now.
	Also []string
}

// zoneIndex maps every folded way to name a zone to it (Asia/Ho_Chi_Minh
// as "asia ho chi minh"), made on the first /timezone, not at start-up.
var zoneIndex = sync.OnceValue(func() map[string]string {
	idx := map[string]string{}
	for _, z := range ianaZones {
		idx[language.Phrase(z)] = z
		city := z[strings.LastIndexByte(z, '/')+1:]
		if _, taken := idx[language.Phrase(city)]; !taken {
			idx[language.Phrase(city)] = z
		}
	}
	for city, z := range cities {
		idx[language.Phrase(city)] = z
	}
	return idx
})

// FindZone reads s as a zone, a city or an offset at now; else it returns
// up to three suggestions, the closest first.
func FindZone(s string, now time.Time) (Zone, []string) {
	if off, ok := parseOffset(s); ok {
		if off == 0 {
			return Zone{Name: "UTC"}, nil // not London's, which moves in summer
		}
		return zoneAt(off, now), nil
	}
	key := language.Phrase(s)
	if z, ok := zoneIndex()[key]; ok {
		return Zone{Name: z}, nil
	}
	if z, ok := zoneIndex()[latinWords(key)]; ok {
		return Zone{Name: z}, nil // Бишкек written as IANA writes it
	}
	return Zone{}, closestZones(key, 3)
}

func latinWords(key string) string {
	words := strings.Fields(key)
	for i, w := range words {
		words[i] = language.UzbekLatin(w)
	}
	return strings.Join(words, " ")
}

// closestZones are the zones whose names or cities are spelled nearest to
// key, at most n, none when nothing is near.
func closestZones(key string, n int) []string {
	if key == "" {
		return nil
	}
	type scored struct {
		zone string
		dist float64
	}
	best := map[string]float64{}
	for _, typed := range []string{key, latinWords(key)} {
		city := typed[strings.LastIndexByte(typed, ' ')+1:]
		for name, z := range zoneIndex() {
			d := float64(text.EditDistance(typed, name)) / float64(max(len([]rune(typed)), len([]rune(name))))
			if c := float64(text.EditDistance(city, name)) / float64(max(len([]rune(city)), len([]rune(name)))); c < d {
				d = c
			}
			if old, seen := best[z]; d <= 0.34 && (!seen || d < old) {
				best[z] = d
			}
		}
	}
	var near []scored
	for z, d := range best {
		near = append(near, scored{z, d})
	}
	slices.SortFunc(near, func(a, b scored) int { return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(a.zone, b.zone)) })
	var out []string
	for _, s := range near[:min(n, len(near))] {
		out = append(out, s.zone)
	}
	return out
}

// parseOffset reads +6, -3, UTC+5, GMT+4:30, +05:00 and utc+0530 as an
// offset east of UTC.
func parseOffset(s string) (time.Duration, bool) {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	for _, p := range []string{"UTC", "GMT"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			if rest == "" {
				return 0, true
			}
			s = rest
		}
	}
	s = strings.ReplaceAll(s, "−", "-") // a typographic minus
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign, body := time.Duration(1), s[1:]
	if s[0] == '-' {
		sign = -1
	}
	h, m, hasMinutes := strings.Cut(body, ":")
	if !hasMinutes && len(body) == 4 {
		h, m = body[:2], body[2:]
	}
	hours, err := strconv.Atoi(h)
	if err != nil || hours > 14 || len(h) > 2 {
		return 0, false
	}
	minutes := 0
	if m != "" {
		if minutes, err = strconv.Atoi(m); err != nil || minutes >= 60 || len(m) != 2 {
			return 0, false
		}
	}
	return sign * (time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute), true
}

// zoneAt is the zone an offset means at now: the first of the region's
// zones with that offset (the others in Also), else any IANA zone with it
// for an offset of hours and minutes, else the fixed Etc/GMT zone.
func zoneAt(off time.Duration, now time.Time) Zone {
	var same []string
	for _, z := range regionZones {
		if offsetOf(z, now) == off {
			same = append(same, z)
		}
	}
	if len(same) > 0 {
		return Zone{Name: same[0], Offset: true, Also: same[1:]}
	}
	if off%time.Hour == 0 {
		// Etc/GMT's signs are POSIX's, the other way round: Etc/GMT-6 is UTC+6.
		return Zone{Name: fmt.Sprintf("Etc/GMT%+d", -int(off/time.Hour)), Offset: true, Fixed: true}
	}
	for _, z := range ianaZones {
		if offsetOf(z, now) == off {
			return Zone{Name: z, Offset: true}
		}
	}
	return Zone{}
}

func offsetOf(zone string, now time.Time) time.Duration {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return -1
	}
	_, off := now.In(loc).Zone()
	return time.Duration(off) * time.Second
}

// formatOffset writes an offset as UTC+6 or UTC+4:30.
func formatOffset(off time.Duration) string {
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	h, m := int(off/time.Hour), int(off%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}
