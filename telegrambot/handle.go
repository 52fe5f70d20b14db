package telegrambot

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/store"
)

// request is one command to serve.
type request struct {
	update int
	chat   *tgbotapi.Chat
	dest   string
	user   int64 // 0 in a channel
	cmd    string
	args   []string
	raw    string // the arguments as typed
	// addressed: a private chat, or a command that names this bot; only
	// then are mistakes answered (in a group, "/start" may be for
	// another bot).
	addressed bool
	// userLang is the sender's Telegram language_code ("" if unknown).
	userLang string
	// stored is the chat's row as the store has it (its own choices),
	// reader what it gets with the config file's.
	stored store.Subscriber
	reader alerts.Reader
	// p speaks the chat's language.
	p i18n.Printer
	// message is the id of the bot's message whose button was pressed
	// (0 for a command), callback the press's id until it is answered;
	// inPlace edits that message rather than replying (see showInPlace).
	message  int
	callback string
	inPlace  bool
	// thread is the forum topic the command came from (0 for none).
	thread int
}

// text is a reply of the message key in r's language.
func (r *request) text(key string, args ...any) alerts.Text { return plainReply(r.p.T(key, args...)) }

// handle handles u, which came from the forum topic thread (0: none).
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update, thread int) {
	switch {
	case u.Message != nil:
		b.onMessage(ctx, u.UpdateID, u.Message, u.Message.From, thread)
	case u.ChannelPost != nil:
		b.onMessage(ctx, u.UpdateID, u.ChannelPost, nil, 0)
	case u.CallbackQuery != nil:
		b.onButton(ctx, u.UpdateID, u.CallbackQuery, thread)
	case u.MyChatMember != nil:
		b.onMembership(ctx, u.MyChatMember)
	}
}

func (b *Bot) onMessage(ctx context.Context, update int, msg *tgbotapi.Message, from *tgbotapi.User, thread int) {
	private := msg.Chat != nil && msg.Chat.IsPrivate()
	if msg.Chat == nil || (!msg.IsCommand() && !private) {
		return
	}
	r := &request{update: update, chat: msg.Chat, dest: destination(msg.Chat.ID), addressed: private,
		p: i18n.For(b.opt.Language), thread: thread}
	b.topicAsReader(ctx, r)
	if from != nil {
		r.user, r.userLang = from.ID, from.LanguageCode
		if l := i18n.Builtin().Pick(from.LanguageCode); l != "" {
			r.p = i18n.For(l)
		}
	}
	if !msg.IsCommand() {
		b.reply(ctx, r, r.text("bot.only_commands"))
		return
	}
	cmd, at, _ := strings.Cut(msg.CommandWithAt(), "@")
	if at != "" {
		if !strings.EqualFold(at, b.api.Self.UserName) {
			return // addressed to another bot in the group
		}
		r.addressed = true
	}
	r.cmd = strings.ToLower(cmd)
	r.raw = strings.TrimSpace(msg.CommandArguments())
	r.args = splitArgs(r.raw)
	b.serve(ctx, r)
}

// serve checks access, records the chat and runs the command.
func (b *Bot) serve(ctx context.Context, r *request) {
	if !b.opt.Allowed(r.chat.ID) {
		b.stats.refused.Add(1)
		b.log.Info("telegram command from a chat not allowed", "chat", r.chat.ID, "command", r.cmd)
		if r.addressed || r.cmd == "start" {
			b.reply(ctx, r, r.text("bot.not_allowed", r.chat.ID))
		}
		return
	}
	c, ok := lookup(r.cmd)
	if !ok || c.hidden && r.message == 0 {
		if r.addressed {
			b.stats.unknown.Add(1)
			b.reply(ctx, r, plainReply(unknownCommand(r.p, r.cmd)))
		}
		return // and a group where another bot's command was seen is not recorded
	}
	if err := b.loadChat(ctx, r); err != nil {
		b.fail(ctx, r, err)
		return
	}
	if c.admin && !b.opt.IsAdmin(r.user) {
		b.stats.refused.Add(1)
		b.reply(ctx, r, r.text("bot.admin_only", c.name))
		return
	}
	if c.changes && !b.mayChange(r) {
		b.stats.refused.Add(1)
		b.reply(ctx, r, r.text("bot.group_admins_only"))
		return
	}
	b.stats.commands.Add(1)
	parts, err := c.run(b, ctx, r)
	if err != nil {
		b.fail(ctx, r, err)
		return
	}
	if r.inPlace {
		b.showInPlace(ctx, r, parts)
		return
	}
	b.reply(ctx, r, parts...)
}

// loadChat records the chat and reads what it wants, in which language.
// A chat that never chose a language, and that the config file gives
// none, is given its first user's Telegram language, kept from then on.
func (b *Bot) loadChat(ctx context.Context, r *request) error {
	stored, err := b.store.EnsureSubscriber(ctx, r.dest, chatName(r.chat), r.chat.Type, b.now())
	if err != nil {
		return err
	}
	reader, _, err := b.audience.Reader(ctx, r.dest)
	if err != nil {
		return err
	}
	if l := i18n.Builtin().Pick(r.userLang); l != "" && reader.Language == "" {
		set := settingsOf(stored)
		set.Language = l
		if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
			return err
		}
		stored.Language, reader.Language = l, l
	}
	r.stored, r.reader, r.p = stored, reader, i18n.For(reader.Lang())
	return nil
}

// mayChange reports whether r's sender may change the chat's settings:
// anyone in a private chat or a channel (only its admins post), in a
// group its administrators and the bot's.
func (b *Bot) mayChange(r *request) bool {
	if !r.chat.IsGroup() && !r.chat.IsSuperGroup() {
		return true
	}
	if b.opt.IsAdmin(r.user) {
		return true
	}
	m, err := b.api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{
		ChatID: r.chat.ID, UserID: r.user}})
	if err != nil {
		b.log.Warn("telegram getChatMember failed; refusing the change", "chat", r.chat.ID, "err", b.redact(err))
		return false
	}
	return m.IsCreator() || m.IsAdministrator()
}

func unknownCommand(p i18n.Printer, cmd string) string {
	if s := suggest(cmd, commandNames()); s != "" {
		return p.T("bot.command.suggest", cmd, s)
	}
	return p.T("bot.command.unknown", cmd)
}

// fail logs an internal error and tells the chat, without details.
func (b *Bot) fail(ctx context.Context, r *request, err error) {
	b.stats.failed.Add(1)
	b.log.Error("telegram command failed", "chat", r.chat.ID, "command", r.cmd, "err", err)
	b.reply(ctx, r, r.text("bot.failed"))
}

// reply queues the parts, packed into as few messages as fit, in the
// outbox. The update id keys them, so an update handled twice (after a
// crash) is answered once.
func (b *Bot) reply(ctx context.Context, r *request, parts ...alerts.Text) {
	b.queue(ctx, r.replyTo(), "reply:"+strconv.Itoa(r.update), parts)
}

// queue queues parts to dest under key (key:1, key:2, … for each message).
func (b *Bot) queue(ctx context.Context, dest, key string, parts []alerts.Text) {
	var msgs []store.OutboxMessage
	for i, p := range telegram.Pack(parts) {
		payload, err := alerts.Message{Text: &p}.Encode()
		if err != nil {
			continue
		}
		msgs = append(msgs, store.OutboxMessage{Destination: dest, Key: key + ":" + strconv.Itoa(i+1), Payload: payload})
	}
	if _, err := b.store.Enqueue(context.WithoutCancel(ctx), msgs...); err != nil {
		b.log.Error("telegram bot: queue a message", "destination", dest, "err", err)
		return
	}
	b.opt.Kick()
}

// buttonCommands are the commands a button's data names ("sub:iskp" is
// /subscribe iskp).
var buttonCommands = map[string]string{"sub": "subscribe", "unsub": "unsubscribe", "lang": "language",
	"tz": "timezone", "mode": "mode", "fu": "followups", "sched": "schedule",
	"mute": "mute", "unmute": "unmute", "held": "held"}

func (b *Bot) onButton(ctx context.Context, update int, q *tgbotapi.CallbackQuery, thread int) {
	if q.Message == nil || q.Message.Chat == nil {
		return
	}
	action, arg, _ := strings.Cut(q.Data, ":")
	r := &request{update: update, chat: q.Message.Chat, dest: destination(q.Message.Chat.ID),
		user: q.From.ID, userLang: q.From.LanguageCode, addressed: true, cmd: buttonCommands[action],
		args: splitArgs(arg), raw: arg, message: q.Message.MessageID, callback: q.ID, p: i18n.For(b.opt.Language),
		thread: thread}
	b.topicAsReader(ctx, r)
	if cmd, ok := topicsButtons[action]; ok {
		r.cmd, r.inPlace = cmd, true
	}
	if reader, _, err := b.audience.Reader(ctx, r.dest); err == nil {
		r.p = i18n.For(reader.Lang())
	}
	if r.cmd == "" {
		b.answer(r, r.p.T("bot.button.stale"))
		return
	}
	if !r.inPlace {
		// The answer only stops the button's spinner; the reply says the rest.
		b.answer(r, r.p.T("bot.button.done"))
	}
	b.serve(ctx, r)
	b.answer(r, "") // a press refused on the way still stops spinning
}

// onMembership deactivates a chat the bot was removed from, at once
// rather than at the next refused message.
func (b *Bot) onMembership(ctx context.Context, m *tgbotapi.ChatMemberUpdated) {
	switch m.NewChatMember.Status {
	case "kicked", "left":
		reason := "bot " + m.NewChatMember.Status + " from the chat"
		if err := b.store.DestinationGone(ctx, destination(m.Chat.ID), reason); err != nil {
			b.log.Error("telegram bot: deactivate chat", "chat", m.Chat.ID, "err", err)
			return
		}
		b.log.Info("telegram chat deactivated", "chat", m.Chat.ID, "reason", reason)
	}
}

func destination(chat int64) string { return "telegram:" + strconv.FormatInt(chat, 10) }

func chatName(c *tgbotapi.Chat) string {
	if c.Title != "" {
		return c.Title
	}
	if c.UserName != "" {
		return "@" + c.UserName
	}
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// plainReply is a reply of plain words, escaped for HTML.
func plainReply(s string) alerts.Text { return alerts.Text{HTML: esc(s), Plain: s} }

// quotes pairs the quotation marks people type around words meant as one
// argument (/subscribe "Islamic State", /subscribe «Исламское государство»).
var quotes = map[rune]rune{'"': '"', '«': '»', '“': '”', '„': '“', '\'': '\''}

// splitArgs splits a command's arguments at spaces, commas and line
// breaks, but not inside quotes.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var closing rune
	flush := func() {
		if w := strings.TrimSpace(cur.String()); w != "" {
			out = append(out, w)
		}
		cur.Reset()
	}
	for _, c := range s {
		switch {
		case closing != 0 && c == closing:
			closing = 0
			flush()
		case closing != 0:
			cur.WriteRune(c)
		case quotes[c] != 0 && cur.Len() == 0:
			closing = quotes[c]
		case c == ' ' || c == ',' || c == '\n' || c == '\t':
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return out
}
