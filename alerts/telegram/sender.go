// Package telegram delivers alerts to Telegram chats through the Bot API.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsalert/newsalert/alerts"
)

// DefaultEndpoint is Telegram's Bot API; a self-hosted Bot API server
// uses the same form: base URL, then "bot%s/%s" for the token and method.
const DefaultEndpoint = tgbotapi.APIEndpoint

// Sender sends alerts as plain-text messages. The bot is connected lazily,
// on the first send, so that a daemon starts even when Telegram cannot be
// reached; the failed send stays in the outbox and is retried.
type Sender struct {
	token, endpoint string
	client          *http.Client
	disablePreview  bool

	mu  sync.Mutex
	bot *tgbotapi.BotAPI
}

// NewSender returns a sender for the bot with token at endpoint (the
// DefaultEndpoint when ""); disablePreview turns off link previews.
func NewSender(token, endpoint string, disablePreview bool) *Sender {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	return &Sender{
		token: token, endpoint: endpoint, disablePreview: disablePreview,
		client: &http.Client{Timeout: 30 * time.Second},
	}
}

func (s *Sender) connect() (*tgbotapi.BotAPI, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bot != nil {
		return s.bot, nil
	}
	bot, err := tgbotapi.NewBotAPIWithClient(s.token, s.endpoint, s.client)
	if err != nil {
		// Whatever the reason (a bad token, no network), it is not the
		// message's fault: keep it and try again later.
		return nil, &alerts.RetryAfterError{After: time.Minute,
			Err: fmt.Errorf("telegram connect (getMe): %s", s.redact(err.Error()))}
	}
	s.bot = bot
	return bot, nil
}

// Send posts the alert to chat (a numeric chat id or @channelname).
func (s *Sender) Send(ctx context.Context, chat string, a alerts.Alert) error {
	bot, err := s.connect()
	if err != nil {
		return err
	}
	var msg tgbotapi.MessageConfig
	if id, perr := strconv.ParseInt(chat, 10, 64); perr == nil {
		msg = tgbotapi.NewMessage(id, a.Text())
	} else {
		msg = tgbotapi.NewMessageToChannel(chat, a.Text())
	}
	msg.DisableWebPagePreview = s.disablePreview
	if _, err := bot.Send(msg); err != nil {
		return s.classify("send to chat "+chat, err)
	}
	return nil
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
		return &alerts.RetryAfterError{After: max(wait, time.Second), Err: clean}
	case apiErr.Code == http.StatusForbidden || apiErr.Code == http.StatusBadRequest:
		// The bot was blocked or removed, or the message was refused.
		return &alerts.PermanentError{Err: clean}
	default:
		return clean
	}
}

func (s *Sender) redact(msg string) string {
	if s.token == "" {
		return msg
	}
	return strings.ReplaceAll(msg, s.token, "<token>")
}
