package stories

import "testing"

func TestInLatin(t *testing.T) {
	cases := []struct{ lang, in, want string }{
		{"uz", "Тошкентда террорчилик ташкилоти аъзолари қўлга олинди", "Toshkentda terrorchilik tashkiloti a'zolari qo'lga olindi"},
		{"uz", "ДХХ: Ўзбекистонда ёлловчи ушланди", "DXX: O'zbekistonda yollovchi ushlandi"},
		{"uz", "Samarqandda jihodchilar qo'lga olindi", "Samarqandda jihodchilar qo'lga olindi"},
		{"ru", "В Ташкенте задержаны вербовщики", "В Ташкенте задержаны вербовщики"},
	}
	for _, c := range cases {
		if got := inLatin(c.lang, c.in); got != c.want {
			t.Errorf("inLatin(%q, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}

// One outlet's Uzbek report in Latin and another's in Cyrillic of one
// arrest (ingest/testdata/regional-pairs/unseen.jsonl) compare by their
// words, in one script, and are one story.
func TestUzbekInTwoScriptsIsOneStory(t *testing.T) {
	latin := OfReport("Toshkentda terrorchilik tashkiloti a’zolari qo‘lga olindi",
		"Huquqni muhofaza qiluvchi idoralar tomonidan hamkorlikda o‘tkazilgan tezkor tadbirda «Tavhid va jihod katibati» nomli terrorchilik tashkilotining bir guruh a’zolari ushlandi. Bu haqda DXX matbuot xizmati xabar berdi.",
		"uz", []string{"detained", "terrorism"}, []string{"UZ"})
	cyrillic := OfReport("Тошкентда террорчилик ташкилотининг бир гуруҳ аъзолари қўлга олинди",
		"Ҳуқуқни мухофаза қилувчи идоралар томонидан ҳамкорликда ўтказилган тезкор тадбирда “Тавҳид ва жиҳод катибати” номли террорчилик ташкилотининг бир гурух аъзолари ушланди.",
		"uz", []string{"detained", "terrorism"}, []string{"UZ"})
	score, cross, apart := Compare(latin, cyrillic, &DocFreq{})
	if apart != "" || cross || score < DefaultThreshold {
		t.Errorf("Compare = %.2f, cross %v, apart %q; want one story by words", score, cross, apart)
	}
}
