package stories

import "testing"

// TestBringsNews: a report that adds a figure or a place to the story's
// earlier report is news; one that retells it is not.
func TestBringsNews(t *testing.T) {
	told := Of("В Бишкеке задержаны двое вербовщиков ИГИЛ", "ГКНБ задержал двоих граждан, вербовавших молодежь в ИГИЛ через Telegram.")
	for _, tt := range []struct {
		name, title, lead string
		want              bool
	}{
		{"a retelling", "ГКНБ задержал вербовщиков ИГИЛ в Бишкеке", "Двое граждан вербовали молодежь через Telegram.", false},
		{"a new figure", "В Бишкеке задержаны 5 вербовщиков ИГИЛ", "ГКНБ задержал пятерых граждан.", true},
		{"a new place", "Вербовщиков ИГИЛ задержали и в Оше", "ГКНБ задержал граждан, вербовавших молодежь.", true},
		{"a place the report named", "Вербовщиков ИГИЛ задержали в Бишкеке", "ГКНБ сообщил о задержании.", false},
	} {
		if got := BringsNews(Of(tt.title, tt.lead), told); got != tt.want {
			t.Errorf("%s: BringsNews = %v, want %v", tt.name, got, tt.want)
		}
	}
	withFigure := Of("Взрыв в Кабуле: 2 погибших", "")
	if !BringsNews(Of("Взрыв в Кабуле: 12 погибших", ""), withFigure) {
		t.Error("a new toll is news")
	}
	if BringsNews(Of("Кабул: 2 погибших при взрыве", ""), withFigure) {
		t.Error("the same toll is no news")
	}
}
