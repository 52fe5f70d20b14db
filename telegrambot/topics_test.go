package telegrambot_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/telegrambot"
)

func shippedTopics(t *testing.T) []*rules.Topic {
	t.Helper()
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m.Topics()
}

func ids(ts []*rules.Topic) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

// TestFindTopic: a topic by its id, its name in any language or an alias,
// in any case and script, inflected, or by a word only it has.
func TestFindTopic(t *testing.T) {
	ts := shippedTopics(t)
	tests := []struct {
		say, want string
		maybe     []string // when want is "": the topics the word may mean
	}{
		{"iskp", "iskp", nil},
		{"ISKP", "iskp", nil},
		{"ИГИЛ", "islamic-state", nil},
		{"игил", "islamic-state", nil},
		{"igil", "islamic-state", nil}, // Latin for Cyrillic
		{"Islamic State", "islamic-state", nil},
		{`"Islamic State"`, "islamic-state", nil},
		{"Border-Incidents", "border-incidents", nil},
		{"border incidents", "border-incidents", nil},
		{"border", "border-incidents", nil},
		{"граница", "border-incidents", nil},
		{"границе", "border-incidents", nil}, // inflected
		{"Терроризм", "terrorism", nil},
		{"пропаганда", "propaganda", nil},
		{"Исламское государство в регионе", "islamic-state", nil},
		{"Хорасан", "iskp", nil},
		{"ёлка", "", nil},
		{"attacks", "attacks", nil},
		{"extremist", "", []string{"extremist-arrests", "propaganda"}},
		{"в", "", nil},
	}
	for _, tt := range tests {
		got, maybe := telegrambot.FindTopic(ts, tt.say)
		switch {
		case tt.want != "" && (got == nil || got.ID != tt.want):
			t.Errorf("FindTopic(%q) = %v, want %s", tt.say, got, tt.want)
		case tt.want == "" && got != nil:
			t.Errorf("FindTopic(%q) = %s, want none", tt.say, got.ID)
		case tt.want == "" && !slices.Equal(ids(maybe), tt.maybe):
			t.Errorf("FindTopic(%q) maybe %v, want %v", tt.say, ids(maybe), tt.maybe)
		}
	}
}

func TestClosestTopics(t *testing.T) {
	ts := shippedTopics(t)
	tests := []struct {
		say  string
		want []string
	}{
		{"isk", []string{"iskp"}},
		{"terorism", []string{"terrorism"}},
		{"тероризм", []string{"terrorism"}},
		{"afganistan", []string{"afghanistan"}},
		{"propoganda", []string{"propaganda"}},
		{"weather", nil},
		{"кошки", nil},
	}
	for _, tt := range tests {
		got := ids(telegrambot.ClosestTopics(ts, tt.say, 3))
		if len(tt.want) == 0 && len(got) != 0 || len(tt.want) > 0 && (len(got) == 0 || got[0] != tt.want[0]) {
			t.Errorf("ClosestTopics(%q) = %v, want %v first", tt.say, got, tt.want)
		}
	}
}

// TestSubscribeByName: through the bot, names in Russian and English,
// topic names shown in the chat's language, and suggestions as buttons a
// press accepts.
func TestSubscribeByName(t *testing.T) {
	h := newHarness(t, options{})
	ru := telegramtest.Chat{ID: 1301, User: 1301, Lang: "ru"}
	if got := h.say(ru, "/subscribe ИГИЛ", 1)[0]; !strings.Contains(got, "Подписка оформлена: Исламское государство в регионе (islamic-state).") {
		t.Errorf("/subscribe ИГИЛ: %s", got)
	}
	if got := h.say(ru, `/subscribe "Islamic State of Khorasan (ISKP)", border`, 1)[0]; !strings.Contains(got,
		"Исламское государство — Хорасан (ИГ-Х) (iskp), Вооружённые инциденты на границе (border-incidents)") {
		t.Errorf("/subscribe two by name: %s", got)
	}
	before := len(h.api.MessagesTo("1301"))
	got := h.say(ru, "/topics", 1)[0]
	if !strings.Contains(got, "• terrorism — Терроризм: Теракты и их подготовка") || !strings.Contains(got, "• iskp ✓ — Исламское государство — Хорасан") {
		t.Errorf("/topics in Russian:\n%s", got)
	}
	if markup := h.api.MessagesTo("1301")[before].ReplyMarkup; !strings.Contains(markup, `"text":"✓ Исламское государство в регионе","callback_data":"tunsub:islamic-state"`) {
		t.Errorf("/topics buttons: %s", markup)
	}
	// A word that names no topic: the closest as buttons; a press subscribes.
	before = len(h.api.MessagesTo("1301"))
	got = h.say(ru, "/subscribe тероризм", 1)[0]
	if !strings.Contains(got, "Темы «тероризм» нет. Может быть, одна из этих?") {
		t.Errorf("/subscribe тероризм: %s", got)
	}
	if markup := h.api.MessagesTo("1301")[before].ReplyMarkup; !strings.Contains(markup, `{"text":"Терроризм","callback_data":"sub:terrorism"}`) {
		t.Fatalf("suggestion buttons: %s", markup)
	}
	before = len(h.api.MessagesTo("1301"))
	h.api.PressButton(ru, "sub:terrorism")
	if got := h.replies(ru, before, 1)[0]; !strings.Contains(got, "Подписка оформлена: Терроризм (terrorism).") {
		t.Errorf("press: %s", got)
	}
	sub, _ := h.st.Subscriber(context.Background(), "telegram:1301")
	if want := []string{"border-incidents", "iskp", "islamic-state", "terrorism"}; !slices.Equal(sub.TopicIDs(), want) {
		t.Errorf("stored topics %v, want %v", sub.TopicIDs(), want)
	}
}
