package telegrambot

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/text"
)

// A press on a /topics button changes the subscription and then the
// /topics message itself, where the press was, rather than adding a
// message: its ✓ marks and buttons show the new state, and the press's
// answer (the toast Telegram shows) says what changed. The edit is made at
// once, not through the outbox: it is the answer to a tap, worth nothing
// later.

// topicsButtons are the data prefixes of /topics' own buttons.
var topicsButtons = map[string]string{"tsub": "subscribe", "tunsub": "unsubscribe"}

// showInPlace edits r's /topics message to show the chat's topics now, and
// answers the press with what the command said; a message that cannot be
// edited gets the answer as a reply.
func (b *Bot) showInPlace(ctx context.Context, r *request, said []alerts.Text) {
	if reader, _, err := b.audience.Reader(ctx, r.dest); err == nil {
		r.reader = reader
	}
	shown, _ := b.topics(ctx, r)
	packed := telegram.Pack(shown)
	var edit tgbotapi.Chattable
	if len(packed) == 1 {
		e := tgbotapi.NewEditMessageTextAndMarkup(r.chat.ID, r.message, packed[0].HTML, telegram.Keyboard(packed[0].Buttons))
		e.ParseMode, e.DisableWebPagePreview = tgbotapi.ModeHTML, true
		edit = e
	} else {
		edit = tgbotapi.NewEditMessageReplyMarkup(r.chat.ID, r.message, telegram.Keyboard(packed[len(packed)-1].Buttons))
	}
	b.answer(r, toast(said))
	if _, err := b.api.Request(edit); err != nil {
		b.log.Warn("telegram: cannot edit the /topics message; answering with a message", "chat", r.chat.ID, "err", b.redact(err))
		b.reply(ctx, r, said...)
	}
}

// answer answers r's button press (callback query) with text, shown
// briefly over the chat; it also stops the button's spinner.
func (b *Bot) answer(r *request, text string) {
	if r.callback == "" {
		return
	}
	if _, err := b.api.Request(tgbotapi.NewCallback(r.callback, text)); err != nil {
		b.log.Warn("telegram answerCallbackQuery failed", "err", b.redact(err))
	}
	r.callback = ""
}

// toast is what a press's answer says: the reply's words, within the
// 200 characters Telegram shows.
func toast(said []alerts.Text) string {
	var s string
	for _, t := range said {
		if s != "" {
			s += "\n"
		}
		s += t.Plain
	}
	return text.Truncate(s, 200)
}
