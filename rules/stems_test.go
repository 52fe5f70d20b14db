package rules

import (
	"slices"
	"testing"
)

// TestFalseFriendsOfStems: a Russian keyword matches the words that begin
// with its stem, so the shipped rules write some keywords' forms out one by
// one (=учения, =матч, ...); each row is a word that begins such a stem
// and must not bring its concept, beside a form that must (and brings it
// by that word alone).
func TestFalseFriendsOfStems(t *testing.T) {
	m := defaultMatcher(t)
	tests := []struct {
		concept   string
		not, form string // a sentence with a false friend; one with the keyword's own form
	}{
		{"drills", "Ученик школы в Бишкеке задержан", "В Бишкеке прошли военные учения"},
		{"drills", "Ученые из Казахстана приехали в Душанбе", "Учения ОДКБ начались в Таджикистане"},
		{"sport", "В Матчинском районе задержан мужчина", "Матч в Душанбе отменили"},
		{"accidents", "В рамках кампании задержаны десять человек", "Аскерлер кампага кирди"},
		{"fighting", "Из-за обильных осадков закрыты перевалы", "Город находится в осаде"},
		{"border", "Мигрантов заставляют платить за жильё", "Нападение на заставу отбито"},
		{"accidents", "Полиция изъяла партию металла", "Выброс метана привел к гибели людей"},
		{"plotting", "Силы в полной готовности, сообщили в МВД", "Он готовил нападение на полицию"},
		{"victims", "Жители Маргилана вышли на субботник", "Дар натиҷаи ҳодиса марги ду нафар ба қайд гирифта шуд"},
		{"victims", "Курманбек Бакиев выступил с заявлением", "Кагылышууда эки жоокер курман болушту"},
		{"court", "Судно вышло из порта", "Трое мужчин предстанут перед судом"},
		{"clash", "A fire broke out at the Dordoi market in Bishkek", "Border guards fired on a group crossing into Tajikistan"},
		{"clash", "Firefighting aircraft sent to the forests of East Kazakhstan", "A firefight broke out near the Kyrgyz border"},
		{"victims", "Turkmenistan keeps its neutral status", "Two gunmen were neutralized in Khujand"},
		{"extremism", "Temperatures in Almaty are extremely high", "Kazakhstan steps up its fight against extremism"},
		{"attack", "An old mortar shell exploded in Farkhor", "The village of Vorukh was shelled overnight"},
	}
	for _, tt := range tests {
		if cs := m.Read(Item{Title: tt.not}).Concepts; slices.Contains(cs, tt.concept) {
			t.Errorf("%q: concepts %v, want no %s", tt.not, cs, tt.concept)
		}
		if cs := m.Read(Item{Title: tt.form}).Concepts; !slices.Contains(cs, tt.concept) {
			t.Errorf("%q: concepts %v, want %s", tt.form, cs, tt.concept)
		}
	}
}
