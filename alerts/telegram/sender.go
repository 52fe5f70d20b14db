// Package telegram delivers alerts and digests to Telegram chats through
// the Bot API, as HTML messages, within Telegram's flood limits.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsalert/newsalert/alerts"
)

// DefaultEndpoint is Telegram's Bot API; a self-hosted Bot API server
// uses the same form: base URL, then "bot%s/%s" for the token and method.
const DefaultEndpoint = tgbotapi.APIEndpoint

// Options configure a Sender.
type Options struct {
	// Endpoint is the Bot API endpoint (DefaultEndpoint when "").
	Endpoint string
	// DisablePreview turns off link previews.
	DisablePreview bool
	// Limits are the flood limits to keep under (DefaultLimits when zero).
	Limits Limits
	// Log receives the messages resent as plain text.
	Log *slog.Logger
}

// Sender sends messages to chats. The bot is connected lazily, on the
// first send, so that a daemon starts even when Telegram cannot be
// reached; the failed send stays in the outbox and is retried.
type Sender struct {
	token  string
	opt    Options
	client *http.Client
	limit  *limiter
	stats  senderStats

	mu  sync.Mutex
	bot *tgbotapi.BotAPI
}

type senderStats struct {
	plainFallbacks atomic.Int64
}

// Stats counts what a sender did since it started that the dispatcher's
// metrics do not (those count every attempt by result and reason).
type Stats struct {
	// PlainFallbacks are messages whose HTML Telegram refused, resent as
	// plain text.
	PlainFallbacks int64
}

// NewSender returns a sender for the bot with token.
func NewSender(token string, opt Options) *Sender {
	if opt.Endpoint == "" {
		opt.Endpoint = DefaultEndpoint
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Sender{token: token, opt: opt, limit: newLimiter(opt.Limits),
		client: &http.Client{Timeout: 30 * time.Second}}
}

// Stats returns the sender's counters.
func (s *Sender) Stats() Stats {
	return Stats{PlainFallbacks: s.stats.plainFallbacks.Load()}
}

func (s *Sender) connect() (*tgbotapi.BotAPI, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bot != nil {
		return s.bot, nil
	}
	bot, err := tgbotapi.NewBotAPIWithClient(s.token, s.opt.Endpoint, s.client)
	if err != nil {
		// Whatever the reason (a bad token, no network), it is not the
		// message's fault: keep it and try again later.
		return nil, &alerts.SendError{Reason: alerts.RateLimited, After: time.Minute,
			Err: fmt.Errorf("telegram connect (getMe): %s", s.redact(err.Error()))}
	}
	s.bot = bot
	return bot, nil
}

// Send posts the message to chat (a numeric chat id or @channelname) as
// SendWithReceipt does.
func (s *Sender) Send(ctx context.Context, chat string, m alerts.Message) error {
	_, err := s.SendWithReceipt(ctx, chat, m)
	return err
}

// SendWithReceipt posts the message to chat as HTML, waiting first for the
// flood limits, and returns the message_id Telegram gave it. HTML that
// Telegram cannot parse is sent again as plain text. A follow-up of an
// earlier alert is sent as a reply to that alert when m.ReplyTo names it
// (and without the reply should it be gone), without a sound unless the
// chat wants follow-ups loud (alerts.FollowUp.Loud).
func (s *Sender) SendWithReceipt(ctx context.Context, chat string, m alerts.Message) (string, error) {
	bot, err := s.connect()
	if err != nil {
		return "", err
	}
	html, plain := Render(m)
	d := draft{chat: chat, quiet: m.Text == nil && m.Alert.FollowUp != nil && !m.Alert.FollowUp.Loud}
	d.replyTo, _ = strconv.Atoi(m.ReplyTo) // 0, no reply, when unset
	if m.Text != nil {
		d.buttons = m.Text.Buttons
	}
	var id int
	if html == "" {
		id, err = s.post(ctx, bot, d.as(plain, ""))
	} else {
		id, err = s.post(ctx, bot, d.as(html, tgbotapi.ModeHTML))
	}
	if html != "" && isParseError(err) {
		s.stats.plainFallbacks.Add(1)
		s.opt.Log.Warn("telegram refused the message's HTML; sending it as plain text",
			"chat", chat, "err", s.redact(err.Error()))
		id, err = s.post(ctx, bot, d.as(plain, ""))
	}
	if err != nil {
		return "", s.classify("send to chat "+chat, err)
	}
	return strconv.Itoa(id), nil
}

// Edit replaces the text of the message receipt names in chat with m,
// without a notification (editMessageText), as Send renders it; HTML
// Telegram cannot parse is sent as plain text. A text that is the
// message's already is no failure.
func (s *Sender) Edit(ctx context.Context, chat, receipt string, m alerts.Message) error {
	bot, err := s.connect()
	if err != nil {
		return err
	}
	id, err := strconv.Atoi(receipt)
	if err != nil {
		return fmt.Errorf("telegram edit in chat %s: receipt %q is no message id", chat, receipt)
	}
	html, plain := Render(m)
	err = s.edit(ctx, bot, chat, id, html, tgbotapi.ModeHTML)
	if isParseError(err) {
		err = s.edit(ctx, bot, chat, id, plain, "")
	}
	if err != nil && !isNotModified(err) {
		return s.classify("edit in chat "+chat, err)
	}
	return nil
}

func (s *Sender) edit(ctx context.Context, bot *tgbotapi.BotAPI, chat string, id int, text, mode string) error {
	chat, _ = SplitThread(chat) // a message id is the chat's, whatever its topic
	if err := s.limit.wait(ctx, chat); err != nil {
		return err
	}
	var e tgbotapi.EditMessageTextConfig
	if n, perr := strconv.ParseInt(chat, 10, 64); perr == nil {
		e = tgbotapi.NewEditMessageText(n, id, text)
	} else {
		e = tgbotapi.EditMessageTextConfig{BaseEdit: tgbotapi.BaseEdit{ChannelUsername: chat, MessageID: id}, Text: text}
	}
	e.ParseMode = mode
	e.DisableWebPagePreview = s.opt.DisablePreview
	_, err := bot.Send(e)
	return err
}

func isNotModified(err error) bool {
	var apiErr *tgbotapi.Error
	return errors.As(err, &apiErr) && apiErr.Code == http.StatusBadRequest &&
		strings.Contains(apiErr.Message, "message is not modified")
}

// draft is a message about to be posted.
type draft struct {
	chat, text, mode string
	buttons          [][]alerts.Button
	quiet            bool // without a sound (disable_notification)
	replyTo          int  // the message_id it replies to; 0 for none
}

// as is the draft with its text in parse mode mode ("" for plain text).
func (d draft) as(text, mode string) draft {
	d.text, d.mode = text, mode
	return d
}

// post sends the draft and returns the message_id Telegram gave it.
func (s *Sender) post(ctx context.Context, bot *tgbotapi.BotAPI, d draft) (int, error) {
	chat, thread := SplitThread(d.chat)
	if err := s.limit.wait(ctx, chat); err != nil {
		return 0, err
	}
	var msg tgbotapi.MessageConfig
	if id, perr := strconv.ParseInt(chat, 10, 64); perr == nil {
		msg = tgbotapi.NewMessage(id, d.text)
	} else {
		msg = tgbotapi.NewMessageToChannel(chat, d.text)
	}
	msg.ParseMode = d.mode
	msg.DisableWebPagePreview = s.opt.DisablePreview
	msg.DisableNotification = d.quiet
	// A reply to a message since deleted, or of a chat since migrated to
	// a supergroup, is sent as a plain message rather than refused.
	msg.ReplyToMessageID, msg.AllowSendingWithoutReply = d.replyTo, d.replyTo != 0
	if len(d.buttons) > 0 {
		msg.ReplyMarkup = Keyboard(d.buttons)
	}
	sent, err := sendMessage(bot, msg, thread)
	return sent.MessageID, err
}

// Keyboard is a message's buttons as Telegram's inline keyboard.
func Keyboard(rows [][]alerts.Button) tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Label, b.Data))
		}
		kb = append(kb, r)
	}
	return tgbotapi.NewInlineKeyboardMarkup(kb...)
}

func isParseError(err error) bool {
	var apiErr *tgbotapi.Error
	return errors.As(err, &apiErr) && apiErr.Code == http.StatusBadRequest &&
		strings.Contains(apiErr.Message, "can't parse entities")
}

// classify turns a Bot API failure into the dispatcher's terms and removes
// the token, which the library's errors carry inside the request URL.
func (s *Sender) classify(what string, err error) error {
	clean := fmt.Errorf("telegram %s: %s", what, s.redact(err.Error()))
	var apiErr *tgbotapi.Error
	if !errors.As(err, &apiErr) {
		return clean // network trouble or a reply that is not JSON: retry
	}
	switch {
	case apiErr.Code == http.StatusTooManyRequests:
		wait := time.Duration(apiErr.RetryAfter) * time.Second
		return &alerts.SendError{Reason: alerts.RateLimited, After: max(wait, time.Second), Err: clean}
	case apiErr.MigrateToChatID != 0:
		return &alerts.SendError{Reason: alerts.Moved, To: strconv.FormatInt(apiErr.MigrateToChatID, 10), Err: clean}
	case apiErr.Code == http.StatusForbidden || isChatNotFound(apiErr):
		// The bot was blocked, kicked, or the chat no longer exists.
		return &alerts.SendError{Reason: alerts.Gone, Err: clean}
	case apiErr.Code == http.StatusBadRequest:
		return &alerts.SendError{Reason: alerts.Rejected, Err: clean}
	default:
		return clean
	}
}

func isChatNotFound(e *tgbotapi.Error) bool {
	return e.Code == http.StatusBadRequest && strings.Contains(e.Message, "chat not found")
}

func (s *Sender) redact(msg string) string {
	if s.token == "" {
		return msg
	}
	return strings.ReplaceAll(msg, s.token, "<token>")
}
