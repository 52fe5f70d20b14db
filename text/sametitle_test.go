package text

import "testing"

func TestSameTitle(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Blast in Osh kills 3", "Blast in Osh kills 3, police say", true},
		{"Nine arrested in France over death of student", "9 arrested in France over death of student", true}, // numbers as fingerprints read them
		{"Nine arrested in France over death of student", "10 arrested in France over death of student", false},
		{"U.S. envoy in Tashkent", "US envoy in Tashkent", true},            // words as stories reads them
		{"Blast in Osh kills 3", "Blast in Osh kills 5, police say", false}, // a daily item may differ so
		{"Weekly briefing #123: Central Asia", "Weekly briefing #124: Central Asia", false},
		{"Российские аналитики спрогнозировали подорожание доллара", "Российские аналитики спрогнозировали подорожание доллара (обновлено)", true},
		{"ГКНБ задержал вербовщика в Бишкеке", "ГКНБ задержал вербовщика ИГИЛ в Бишкеке", true},
		{"Floods in Osh", "Floods in Bishkek", false},
		{"Новости", "Новости Бишкека: задержан вербовщик", false}, // a scraped feed's placeholder title
		{"Two arrested in Bishkek", "Two arrested in Osh", false},
		{"ГКНБ задержал вербовщика в Бишкеке", "В Оше открыли новый пункт пропуска", false},
	} {
		if got := SameTitle(c.a, c.b); got != c.want {
			t.Errorf("SameTitle(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := SameTitle(c.b, c.a); got != c.want {
			t.Errorf("SameTitle(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
