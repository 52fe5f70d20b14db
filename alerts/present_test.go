package alerts_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/geo"
	"github.com/newsalert/newsalert/i18n"
)

func TestLead(t *testing.T) {
	long := strings.Repeat("Сотрудники ГКНБ задержали жителя Оша, который вербовал молодых людей ", 8)
	tests := []struct {
		name, summary, title, want string
	}{
		{"short lead as it is", "Police say three men were held.", "Arrests in Osh", "Police say three men were held."},
		{"repeats the title", "Ош: задержан вербовщик ИГИЛ", "Ош: задержан вербовщик ИГИЛ", ""},
		{"repeats the title, punctuated apart", "ош — задержан вербовщик ИГИЛ.", "Ош: задержан вербовщик ИГИЛ", ""},
		{"opens with the title", "Ош: задержан вербовщик ИГИЛ. Ему 24 года.", "Ош: задержан вербовщик ИГИЛ", "Ему 24 года."},
		{"control characters and spaces", "Held\x1b[2J  in\n\tOsh", "T", "Held[2J in Osh"},
		{"empty", "", "T", ""},
	}
	for _, tt := range tests {
		if got := alerts.Lead(tt.summary, tt.title, alerts.LeadRunes); got != tt.want {
			t.Errorf("%s: Lead = %q; want %q", tt.name, got, tt.want)
		}
	}
	got := alerts.Lead(long, "T", alerts.LeadRunes)
	if n := utf8.RuneCountInString(got); n > alerts.LeadRunes+1 || n < alerts.LeadRunes/2 || !strings.HasSuffix(got, "…") {
		t.Errorf("long lead = %d runes %q; want about %d, cut with …", n, got, alerts.LeadRunes)
	}
	if !strings.HasSuffix(strings.TrimSuffix(got, "…"), "людей") && !strings.HasSuffix(strings.TrimSuffix(got, "…"), "вербовал") &&
		!strings.Contains(long, strings.TrimSuffix(got, "…")+" ") {
		t.Errorf("long lead cut inside a word: %q", got)
	}
	sentences := strings.Repeat("Это первое предложение новости о задержании. ", 10)
	if got := alerts.Lead(sentences, "T", alerts.LeadRunes); !strings.HasSuffix(got, "задержании.") {
		t.Errorf("lead of sentences = %q; want it cut after a sentence", got)
	}
}

func TestZoneCityAndLocalTime(t *testing.T) {
	at := time.Date(2026, 12, 4, 8, 5, 0, 0, time.UTC)
	tests := []struct {
		zone, lang, city, local string
	}{
		{"Asia/Bishkek", "en", "Bishkek", "4 Dec 14:05 (Bishkek)"},
		{"Asia/Bishkek", "ru", "Бишкек", "4 дек 14:05 (Бишкек)"},
		{"Asia/Tashkent", "ru", "Ташкент", "4 дек 13:05 (Ташкент)"},
		{"America/Argentina/Buenos_Aires", "ru", "Buenos Aires", "4 дек 05:05 (Buenos Aires)"},
		{"UTC", "ru", "UTC", "4 дек 08:05 (UTC)"},
		{"Europe/Moscow", "xx", "Moscow", "4 Dec 11:05 (Moscow)"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := alerts.ZoneCity(loc, tt.lang); got != tt.city {
			t.Errorf("ZoneCity(%s, %s) = %q; want %q", tt.zone, tt.lang, got, tt.city)
		}
		if got := alerts.LocalTime(at, loc, tt.lang); got != tt.local {
			t.Errorf("LocalTime(%s, %s) = %q; want %q", tt.zone, tt.lang, got, tt.local)
		}
	}
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		name          string
		named, tagged []string
		lang          string
		want          []string
	}{
		{"own places, not the feed's tag", []string{"AF"}, []string{"AF", "KG", "central-asia"}, "en", []string{"Afghanistan"}},
		{"the feed's tag when the item names none", nil, []string{"KG", "central-asia"}, "ru", []string{"Кыргызстан"}},
		{"a group of the feed's tags when no country", nil, []string{"central-asia"}, "ru", []string{"Центральная Азия"}},
		{"each once, countries first", []string{"fergana-valley", "KG", "UZ", "KG"}, nil, "en", []string{"Kyrgyzstan", "Uzbekistan", "Fergana Valley"}},
		{"elsewhere is never named", []string{"elsewhere"}, []string{"KG"}, "en", nil},
		{"every country of the gazetteer by name", []string{"KZ", "KG", "TJ", "TM", "UZ", "AF", "RU"}, nil, "ru",
			[]string{"Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан", "Афганистан", "Россия"}},
		{"a country by its rules id", nil, []string{"afghanistan"}, "en", []string{"Afghanistan"}},
		{"an unknown id as it is", []string{"valley-towns"}, nil, "ru", []string{"valley-towns"}},
		{"Central Asia beside its country says nothing more", []string{"KG", "central-asia", "AF"}, nil, "ru", []string{"Кыргызстан", "Афганистан"}},
		{"Central Asia beside Afghanistan alone", []string{"AF", "central-asia"}, nil, "en", []string{"Afghanistan", "Central Asia"}},
		{"Russia by name", []string{"RU"}, nil, "ru", []string{"Россия"}},
	}
	for _, tt := range tests {
		if got := alerts.PlaceNames(tt.named, tt.tagged, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("%s: PlaceNames = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestWhyWords(t *testing.T) {
	tests := []struct {
		name string
		why  []string
		want []string
	}{
		{"spellings of one phrase are one", []string{`"Islamic State Khorasan" (title)`, `"islamic state khorasan" (Islamic State Khorasan, text)`,
			`"Islamic State" (title)`, `"ISIS-K" (title)`}, []string{"Islamic State Khorasan", "ISIS-K"}},
		{"inflections of one word are one", []string{`"ИГИЛ" (ИГИЛа, title)`, `"ИГИЛ" (text)`, `"вербовщик" (вербовщиков, text)`}, []string{"ИГИЛа", "вербовщиков"}},
		{"a longer phrase replaces a shorter one", []string{`"Islamic State" (title)`, `"Islamic State of Khorasan" (text)`}, []string{"Islamic State of Khorasan"}},
		{"quotes in a keyword stay as written", []string{`"\"Хизб ут-Тахрир\"" (title)`}, []string{`"Хизб ут-Тахрир"`}},
		{"a found text with a comma", []string{`"regex:\\d+, \\d+" (12, 13, text)`}, []string{"12, 13"}},
		{"not in the rules' form", []string{"x"}, []string{"x"}},
		{"a keyword without the rules' marks", []string{`"ИГИЛ*"`, `"=ISIS"`}, []string{"ИГИЛ", "ISIS"}},
	}
	for _, tt := range tests {
		if got := alerts.WhyWords(tt.why); !slices.Equal(got, tt.want) {
			t.Errorf("%s: WhyWords = %q; want %q", tt.name, got, tt.want)
		}
	}
	line := alerts.WhyLine([]alerts.TopicHit{{Name: "ISKP", Why: []string{`"ИГИЛ" (title)`}}, {Name: "Arrests", Why: []string{`"ИГИЛ" (ИГИЛа, text)`, `"задержан" (title)`}}})
	if line != "ISKP · Arrests: ИГИЛ, задержан" {
		t.Errorf("WhyLine = %q", line)
	}
}

func TestAlsoReported(t *testing.T) {
	tests := []struct {
		lang    string
		n       int
		outlets []string
		want    string
	}{
		{"en", 1, nil, "also reported by 1 other source"},
		{"ru", 1, nil, "сообщает ещё 1 источник"},
		{"ru", 3, nil, "сообщают ещё 3 источника"},
		{"ru", 5, nil, "сообщают ещё 5 источников"},
		{"ru", 2, []string{"Kaktus", "24.kg", "Azattyk"}, "также сообщают: 24.kg, Azattyk"},
		{"en", 7, []string{"Kaktus", "a", "b", "c", "d", "e", "f", "g"}, "also reported by a, b, c, d, e and 2 more"},
	}
	for _, tt := range tests {
		if got := alerts.AlsoReported(tt.lang, tt.n, tt.outlets, "Kaktus"); got != tt.want {
			t.Errorf("AlsoReported(%s, %d, %v) = %q; want %q", tt.lang, tt.n, tt.outlets, got, tt.want)
		}
	}
}

// TestEveryRegionHasAName: every region the gazetteer can give an item
// is named in every language of the catalog, not shown as its id.
func TestEveryRegionHasAName(t *testing.T) {
	for id := range geo.Regions() {
		if id == geo.Elsewhere {
			continue
		}
		for _, lng := range i18n.Builtin().Languages() {
			if name := alerts.RegionName(id, lng); name == id || name == "" {
				t.Errorf("%s has no name in %s", id, lng)
			}
		}
	}
}
