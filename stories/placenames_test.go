package stories

import (
	"slices"
	"testing"

	"github.com/newsalert/newsalert/geo"
)

// TestAWordNamesAPlaceInItsFormsOnly: a word names the places whose name
// it is a form of — inflected, its final vowels replaced, a Russian
// adjective's town, another transliteration — not every place whose stem
// it shares.
func TestAWordNamesAPlaceInItsFormsOnly(t *testing.T) {
	cases := []struct {
		word      string
		want, not []string // places' names in the gazetteer
	}{
		{"Новости", nil, []string{"Novosibirsk", "Novosibirsk Oblast"}},
		{"Turkey", nil, []string{"Turkestan"}},
		{"Каракола", []string{"Karakol"}, []string{"Karakalpakstan"}},
		{"Кабар", nil, []string{"Kabardino-Balkaria"}},
		{"Kamchybek", nil, []string{"Kamchatka Krai"}},
		{"Баткенде", []string{"Batken"}, nil},
		{"Атырау", []string{"Atyraū oblysy"}, nil},
		{"Алматы", []string{"Almaty", "Almaty oblysy"}, nil},
		{"Toshkentda", []string{"Tashkent"}, nil},
		{"Surkhondaryo", []string{"Surxondaryo Province"}, nil},
		{"Орусиянын", []string{"russia"}, nil},
		{"Qozog‘iston", []string{"kazakhstan"}, nil},
		{"Ишкобод", nil, []string{"Ishkoshim"}},
		// A name joined by a hyphen, as a headline keeps it one word: in
		// full, not by its first part.
		{"Алма-Ате", []string{"Almaty"}, nil},
		{"Кара-Балта", []string{"Kara-Balta"}, []string{"Kara Suu"}},
		{"Кара-Суу", []string{"Kara Suu"}, []string{"Kara-Balta"}},
		{"Джалал-Абаде", []string{"Jalal-Abad"}, []string{"Jalālābād"}},
		// A hyphened name's first part is read alone only from three
		// letters: Ат is no At-Bashi, whatever Алма-Аты's second part.
		{"Аты", nil, []string{"At-Bashi"}},
		{"Нур", []string{"Astana"}, nil},
		// A name written after a common noun (город Кант, дарёи Панҷ) is
		// read by its capitalised word: город and Дар are no places.
		{"городе", nil, []string{"Kant"}},
		{"Дар", nil, []string{"Panj"}},
		{"Кант", []string{"Kant"}, nil},
		// A formal name is read by the word that names the state or
		// province, not by its word for one: every "Республики" read as
		// Tajikistan and Uzbekistan, every Tajik "Ҷумҳурии" as Tajikistan,
		// Czechia and the Dominican Republic, "Вилояти" as Badakhshan.
		{"Республики", nil, []string{"tajikistan", "uzbekistan"}},
		{"Республикасының", nil, []string{"tajikistan", "uzbekistan"}},
		{"Ҷумҳурии", nil, []string{"tajikistan", "Czechia", "Dominican Republic"}},
		{"Вилояти", nil, []string{"Gorno-Badakhshan Autonomous Province"}},
		{"Тоҷикистон", []string{"tajikistan"}, nil},
		// A first name is no place, whatever place it is or is a form of.
		{"Vladimir", nil, []string{"Vladimir"}},
		{"Владимир", nil, []string{"Vladimir", "Vladimir Oblast"}},
		{"Sergei", nil, []string{"Sergeli"}},
		{"Мирзо", nil, []string{"Mirzo Ulug'bek"}},
		{"Талгат", nil, []string{"Talghar"}},
		{"Сергели", []string{"Sergeli"}, nil},
		{"Чех", []string{"Czechia"}, nil},
		// The district towns (gazetteer.tsv's towns, regional.tsv's
		// spellings).
		{"Кербене", []string{"Kerben"}, nil},
		{"Восе", []string{"Hulbuk"}, nil},
		{"Shahritus", []string{"Shahritus"}, nil},
	}
	for _, c := range cases {
		var got []string
		for _, p := range appendReadings(nil, c.word) {
			got = append(got, geo.Places()[p.id].Name)
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s names %v, want %s among them", c.word, got, w)
			}
		}
		for _, n := range c.not {
			if slices.Contains(got, n) {
				t.Errorf("%s names %v, want no %s", c.word, got, n)
			}
		}
	}
}

// TestFirstNameIsNoPlaceOfATitle: a title's first name is no place of
// it either (a title's places are read apart from the evidence's), so a
// report quoting the KNB's Vladimir Zhumakanov is not apart from one that
// names Almaty alone.
func TestFirstNameIsNoPlaceOfATitle(t *testing.T) {
	a := Of("Глава КНБ Владимир Жумаканов рассказал о задержании террористов", "")
	b := Of("В Алматы задержаны террористы", "")
	for _, h := range a.Places {
		for _, p := range placeIndex()[h] {
			t.Errorf("the title names %s", geo.Places()[p.id].Name)
		}
	}
	if got := Apart(a, b); got == ApartPlaces {
		t.Errorf("apart by %q", got)
	}
}

// TestAgencyIsNoPlace: a report quoting РИА Новости names no place but
// its country (Новости is not Новосибирск), so it is not two places apart
// from another outlet's report of the same arrest in Dushanbe.
func TestAgencyIsNoPlace(t *testing.T) {
	ru := OfReport("В Таджикистане задержали девять человек по делу о теракте",
		"Об этом сообщает РИА Новости со ссылкой на источник.", "ru", []string{"detained", "terror-acts"}, nil)
	if slices.Contains(ru.EvKinds, EvPlace) {
		t.Errorf("evidence kinds %v: a place read in РИА Новости", ru.EvKinds)
	}
	en := OfReport("Nine detained in Tajikistan over the concert hall attack",
		"Nine residents of the suburbs of Dushanbe were detained, a source told RIA Novosti.", "en", []string{"detained", "terror-acts"}, nil)
	if _, apart := CrossScore(ru, en); apart != "" {
		t.Errorf("CrossScore: apart by %s", apart)
	}
}
