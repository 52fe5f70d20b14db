package telegrambot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

// TestLanguage: a chat is spoken to in its first user's Telegram language,
// kept in the store; /language shows it with buttons, a press or an
// argument changes it; the command menu is set per language.
func TestLanguage(t *testing.T) {
	h := newHarness(t, options{})
	ru := telegramtest.Chat{ID: 1101, User: 1101, Lang: "ru-RU"}
	help := h.say(ru, "/help", 1)[0]
	if !strings.Contains(help, "/subscribe тема… | all — подписаться на темы") || !strings.Contains(help, "ни на что не подписан") {
		t.Errorf("/help for a Russian user:\n%s", help)
	}
	if sub, err := h.st.Subscriber(context.Background(), "telegram:1101"); err != nil || sub.Language != "ru" {
		t.Errorf("stored language %q, %v; want ru", sub.Language, err)
	}
	before := len(h.api.MessagesTo("1101"))
	if got := h.say(ru, "/language", 1)[0]; !strings.Contains(got, "Язык этого чата: Русский.") {
		t.Errorf("/language: %s", got)
	}
	markup := h.api.MessagesTo("1101")[before].ReplyMarkup
	if !strings.Contains(markup, `"callback_data":"lang:en"`) || !strings.Contains(markup, `"text":"✓ Русский"`) {
		t.Errorf("/language buttons: %s", markup)
	}
	before = len(h.api.MessagesTo("1101"))
	h.api.PressButton(ru, "lang:en")
	if got := h.replies(ru, before, 1)[0]; got != "From now on I write to this chat in English." {
		t.Errorf("press lang:en: %q", got)
	}
	if got := h.say(ru, "/mode", 1)[0]; !strings.Contains(got, "Mode: immediate") {
		t.Errorf("after choosing English, the user's Telegram language won: %s", got)
	}
	for _, c := range []struct{ say, want, stored string }{
		{"/language ru", "Теперь пишу в этот чат по-русски.", "ru"},
		{"/language English", "From now on I write to this chat in English.", "en"},
		{"/language русский", "Теперь пишу в этот чат по-русски.", "ru"},
		{"/language klingon", "На языке «klingon» я пока не пишу.", "ru"},
	} {
		if got := h.say(ru, c.say, 1)[0]; !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.say, got, c.want)
		}
		if sub, _ := h.st.Subscriber(context.Background(), "telegram:1101"); sub.Language != c.stored {
			t.Errorf("%s: stored %q, want %q", c.say, sub.Language, c.stored)
		}
	}
	// The menu: English for everyone, and per language_code.
	if m := h.api.CommandsFor("ru"); !strings.Contains(m, "подписаться на темы") || strings.Contains(m, "status") {
		t.Errorf("Russian menu: %s", m)
	}
	if m := h.api.CommandsFor("en"); !strings.Contains(m, "follow topics") {
		t.Errorf("English menu: %s", m)
	}
}

// TestLanguageDefaults: a user whose Telegram language the bot does not
// speak gets telegram.language; a chat the config file gives a language
// keeps it whatever its user's Telegram says.
func TestLanguageDefaults(t *testing.T) {
	h := newHarness(t, options{language: "ru", configured: []alerts.Configured{
		{Destination: "telegram:1202", Topics: []string{"iskp"}, Language: "en"}}})
	kz := telegramtest.Chat{ID: 1201, User: 1201, Lang: "kk"}
	if got := h.say(kz, "/mode", 1)[0]; !strings.Contains(got, "Режим: immediate — оповещение о каждой новости сразу.") {
		t.Errorf("telegram.language ru: %s", got)
	}
	if sub, _ := h.st.Subscriber(context.Background(), "telegram:1201"); sub.Language != "" {
		t.Errorf("stored %q for a language the bot does not speak", sub.Language)
	}
	configured := telegramtest.Chat{ID: 1202, User: 1202, Lang: "ru"}
	if got := h.say(configured, "/list", 1)[0]; !strings.Contains(got, "This chat follows: iskp.") {
		t.Errorf("configured language en: %s", got)
	}
	if sub, _ := h.st.Subscriber(context.Background(), "telegram:1202"); sub.Language != "" {
		t.Errorf("the user's language %q was stored over the config file's", sub.Language)
	}
	if m := h.api.Commands(); !strings.Contains(m, "подписаться на темы") {
		t.Errorf("default menu in telegram.language ru: %s", m)
	}
}

// TestEveryAnswerInRussian: in a Russian chat, no answer falls back to a
// message key or to English.
func TestEveryAnswerInRussian(t *testing.T) {
	h := newHarness(t, options{admins: []int64{1501}})
	ru := telegramtest.Chat{ID: 1501, User: 1501, Lang: "ru"}
	for _, say := range []string{"/start", "/topics", "/subscribe iskp", "/subscribe", "/subscribe тероризм",
		"/subscribe zzzzzz", "/unsubscribe", "/unsubscribe iskp", "/unsubscribe all", "/list", "/mode", "/mode both",
		"/mode loud", "/schedule", "/schedule 07:30", "/schedule 25:00", "/timezone", "/timezone Бишкек",
		"/timezone +6", "/timezone +2:15", "/timezone бишкик", "/mute", "/mute 2h", "/mute never", "/unmute",
		"/followups", "/followups thread", "/followups loud", "/language", "/language klingon", "/frobnicate",
		"/subscrbe", "привет"} {
		for _, got := range h.say(ru, say, 1) {
			if strings.Contains(got, "bot.") || !strings.ContainsAny(got, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя") {
				t.Errorf("%s: %q", say, got)
			}
			for _, english := range []string{" the ", "This chat", "Unknown", "Use /"} {
				if strings.Contains(got, english) {
					t.Errorf("%s: English %q in %q", say, english, got)
				}
			}
		}
	}
}
