package stories

import (
	"slices"
	"testing"

	"github.com/newsalert/newsalert/text"
)

func TestDaysOf(t *testing.T) {
	d := func(month, dayOfMonth int) day { return day(month*32 + dayOfMonth) }
	cases := []struct {
		title, lead string
		want        []day
	}{
		{"", "Kecha, 16 iyun kuni Sirdaryo viloyatida ekstremistik guruh a’zolari qo‘lga olindi", []day{d(6, 16)}},
		{"", "TOShKENT, 11 noya – Sputnik. Sirdaryo viloyati Xovos tumanida terrorchi guruh a’zolari qo‘lga olindi", []day{d(11, 11)}},
		{"", "Душанбе. 26 сентября. «Азия-Плюс» — Сотрудниками милиции города Худжанда задержаны", []day{d(9, 26)}},
		{"Tajikistan: Security forces engage gunmen along Uzbek border November 5-6", "", []day{d(11, 5), d(11, 6)}},
		{"", "On June 23, employees of the Ministry of Internal Affairs conducted a joint operation", []day{d(6, 23)}},
		{"", "Около 17:00 5–6 ноября на заставе произошла перестрелка", []day{d(11, 5), d(11, 6)}},
		{"", "Шекарада 12 маусымда атыс болды", []day{d(6, 12)}},
		{"", "On the 9th of May", nil}, // no day beside the month
		// A date written with its year is the background of the news.
		{"", "запрещенной решением Верховного суда от 26 сентября 2016 года", nil},
		{"", "Oliy sudining 2016 yil 26 sentyabrdagi qarori bilan", nil},
		{"", "Saipov was born on February 8, 1988 in Tashkent", nil},
		// Words that begin like months' names.
		{"", "Ular 3 marta ogohlantirilgan", nil},
		{"", "5 marines were wounded", nil},
		{"", "12 martyrs were buried in Kunduz", nil},
		{"", "the mayor 5 days later", nil},
		{"", "Kecha, 16 iyunda Sirdaryo viloyatida", []day{d(6, 16)}},
		{"", "2 sentyabrdagi hujum", []day{d(9, 2)}},
		{"", "Погибли 12 военнослужащих, ранены 30", nil},
	}
	for _, c := range cases {
		fp := Of(c.title, c.lead)
		if got := daysOf(text.Words(c.title), text.Words(c.lead)); !slices.Equal(got, c.want) {
			t.Errorf("daysOf(%q, %q) = %v, want %v", c.title, c.lead, got, c.want)
		}
		if len(fp.Words) > 0 && !slices.Equal(fp.Days, c.want) {
			t.Errorf("Of(%q, %q).Days = %v, want %v", c.title, c.lead, fp.Days, c.want)
		}
	}
}

func TestDaysRoundTrip(t *testing.T) {
	fp := OfReport("Sirdaryoda terrorchi guruh a’zolari qo‘lga olindi",
		"Kecha, 16 iyun kuni Sirdaryo viloyatida terrorchi guruh a’zolari qo‘lga olindi.", "uz", []string{"detained"}, nil)
	got, err := Decode(fp.Encode())
	if err != nil || len(fp.Days) != 1 || !slices.Equal(got.Days, fp.Days) || !slices.Equal(got.Evidence, fp.Evidence) {
		t.Fatalf("round trip: days %v → %v, evidence %v → %v, %v", fp.Days, got.Days, fp.Evidence, got.Evidence, err)
	}
	// Stored before days were kept: the evidence ends it.
	old := fp
	old.Days = nil
	if got, err := Decode(old.Encode()); err != nil || got.Days != nil {
		t.Errorf("format before days: %v, %v", got.Days, err)
	}
	// Days alone, without a language or evidence, are kept too.
	plain := Of("Sirdaryoda terrorchi guruh a’zolari qo‘lga olindi", "Kecha, 16 iyun kuni qo‘lga olindi.")
	if got, err := Decode(plain.Encode()); err != nil || !slices.Equal(got.Days, plain.Days) || len(plain.Days) != 1 {
		t.Errorf("days without evidence: %v → %v, %v", plain.Days, got.Days, err)
	}
	enc := fp.Encode()
	if _, err := Decode(enc[:len(enc)-1]); err == nil {
		t.Error("truncated days decoded without error")
	}
}

func TestDaysApart(t *testing.T) {
	d := func(month, dayOfMonth int) day { return day(month*32 + dayOfMonth) }
	cases := []struct {
		name string
		a, b []day
		want bool
	}{
		{"either names none", nil, []day{d(6, 16)}, false},
		{"the same day", []day{d(6, 16)}, []day{d(6, 16)}, false},
		{"a report filed three days later", []day{d(6, 23)}, []day{d(6, 26)}, false},
		{"across a month's end", []day{d(1, 30)}, []day{d(2, 1)}, false},
		{"across the year's end", []day{d(12, 30)}, []day{d(1, 2)}, false},
		{"one of several days in common", []day{d(3, 1), d(9, 26)}, []day{d(9, 27)}, false},
		{"four days apart", []day{d(6, 16)}, []day{d(6, 20)}, true},
		{"June and November", []day{d(6, 16)}, []day{d(11, 11)}, true},
	}
	for _, c := range cases {
		if got := daysApart(c.a, c.b); got != c.want {
			t.Errorf("%s: daysApart(%v, %v) = %v, want %v", c.name, c.a, c.b, got, c.want)
		}
	}
}

// Two arrests told by one template in one province, months apart, whose
// leads alone say when (tune.jsonl and holdout.jsonl, labelled
// different); in two languages the days decide as well.
func TestCompareDaysApart(t *testing.T) {
	arrested := []string{"detained", "terrorism"}
	june := OfReport("Sirdaryoda ekstremistik guruh a’zolari qo‘lga olindi",
		"Kecha, 16 iyun kuni Sirdaryo viloyatida Internet ijtimoiy tarmoqlari orqali ekstremistik va terrorchilik tashkilotlar a’zolari qo‘lga olindi.", "uz", arrested, nil)
	november := OfReport("Sirdaryoda terrorchi guruh a’zolari qo‘lga olindi",
		"TOShKENT, 11 noya – Sputnik. Sirdaryo viloyati Xovos tumanida terrorchi guruh a’zolari qo‘lga olindi.", "uz", arrested, nil)
	novemberRu := OfReport("В Сырдарьинской области задержаны члены террористической группы",
		"11 ноября в Сырдарьинской области задержаны члены террористической группы, сообщает Sputnik.", "ru", arrested, nil)
	juneRetold := OfReport("Sirdaryo viloyatida terrorchi guruh a’zolari ushlandi",
		"18 iyun kuni Sirdaryo viloyatida terrorchi guruh a’zolari ushlandi, deb xabar berdi IIV.", "uz", arrested, nil)
	checkCompare(t, []compareCase{
		{"one language, June and November", june, november, ApartDays},
		{"two languages, June and November", june, novemberRu, ApartDays},
		{"a retelling two days later", june, juneRetold, ""},
	})
	if Score(june, november, &DocFreq{}) < DefaultThreshold {
		t.Error("the two arrests' words fall short anyway; the case tests nothing")
	}
}
