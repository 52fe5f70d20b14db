// Package telegrambot answers the commands people send the bot from a
// Telegram chat: subscribing to topics, choosing immediate alerts or
// digests, muting, and asking for a digest or (admins) the daemon's
// status. It reads updates by long polling getUpdates; its replies go
// through the outbox like every other message.
package telegrambot

import (
	"cmp"
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
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// Store is the part of the store the bot changes.
type Store interface {
	EnsureSubscriber(ctx context.Context, dest, name, kind string, now time.Time) (store.Subscriber, error)
	Subscribe(ctx context.Context, dest string, topics []string, now time.Time) ([]string, error)
	Unsubscribe(ctx context.Context, dest string, topics []string) ([]string, error)
	SaveSettings(ctx context.Context, dest string, set store.Settings) error
	DestinationGone(ctx context.Context, dest, reason string) error
	Enqueue(ctx context.Context, msgs ...store.OutboxMessage) (int, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Options configure a Bot.
type Options struct {
	// Endpoint is the Bot API endpoint ("" for Telegram's).
	Endpoint string
	// Allowed says whether the bot serves a chat (nil: every chat).
	Allowed func(chat int64) bool
	// IsAdmin says whether a user may use /status.
	IsAdmin func(user int64) bool
	// Status reports the daemon's health for /status.
	Status func(ctx context.Context, lang string) (string, error)
	// Kick tells the dispatcher that replies were queued.
	Kick func()
	// PollTimeout is the long-polling timeout (30 s by default).
	PollTimeout time.Duration
	// Language is the deployment's (telegram.language): what the bot
	// speaks before it knows a chat, and its command menu's default.
	Language string
}

// Bot serves the commands of Telegram chats.
type Bot struct {
	token    string
	opt      Options
	store    Store
	audience *alerts.Audience
	digests  *alerts.DigestScheduler
	matcher  func() *rules.Matcher
	log      *slog.Logger
	now      func() time.Time

	api   *tgbotapi.BotAPI
	stats botStats
}

type botStats struct {
	updates, commands, unknown, refused, failed atomic.Int64
}

// Stats counts what the bot handled.
type Stats struct {
	Updates  int64 // updates read
	Commands int64 // commands served
	Unknown  int64 // unknown commands or topics answered with a suggestion
	Refused  int64 // commands from chats not allowed
	Failed   int64 // commands that failed inside (store errors)
}

// offsetKey is where the next update id is kept, so that a restart
// neither misses nor repeats an update.
const offsetKey = "telegram.update_offset"

// New returns a bot. matcher gives the rules in use (they can be
// reloaded); now stamps subscriptions and mutes.
func New(token string, st Store, audience *alerts.Audience, digests *alerts.DigestScheduler,
	matcher func() *rules.Matcher, opt Options, now func() time.Time, log *slog.Logger) *Bot {
	if opt.Endpoint == "" {
		opt.Endpoint = tgbotapi.APIEndpoint
	}
	if opt.Allowed == nil {
		opt.Allowed = func(int64) bool { return true }
	}
	if opt.IsAdmin == nil {
		opt.IsAdmin = func(int64) bool { return false }
	}
	if opt.PollTimeout == 0 {
		opt.PollTimeout = 30 * time.Second
	}
	if opt.Kick == nil {
		opt.Kick = func() {}
	}
	return &Bot{token: token, opt: opt, store: st, audience: audience, digests: digests, matcher: matcher,
		log: log, now: now}
}

// Stats returns the bot's counters.
func (b *Bot) Stats() Stats {
	return Stats{Updates: b.stats.updates.Load(), Commands: b.stats.commands.Load(),
		Unknown: b.stats.unknown.Load(), Refused: b.stats.refused.Load(), Failed: b.stats.failed.Load()}
}

// Run reads updates until ctx ends. Telegram being unreachable is logged
// and retried with backoff; it never stops the daemon.
func (b *Bot) Run(ctx context.Context) error {
	wait := time.Second
	for b.api == nil {
		if err := b.connect(ctx); err != nil {
			b.log.Warn("telegram bot: cannot connect; will retry", "retry_in", wait, "err", err)
			if clock.Sleep(ctx, wait) != nil {
				return nil
			}
			wait = min(2*wait, time.Minute)
		}
	}
	b.registerCommands()
	offset, err := b.loadOffset(ctx)
	if err != nil {
		return err
	}
	b.log.Info("telegram bot listening", "bot", "@"+b.api.Self.UserName)
	var watcher sync.WaitGroup
	watcher.Go(func() { b.watchMutes(ctx) })
	defer watcher.Wait()
	wait = time.Second
	for ctx.Err() == nil {
		updates, err := b.getUpdates(tgbotapi.UpdateConfig{Offset: offset,
			Timeout: int(b.opt.PollTimeout / time.Second), AllowedUpdates: allowedUpdates})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			b.log.Warn("telegram getUpdates failed; will retry", "retry_in", wait, "err", b.redact(err))
			if clock.Sleep(ctx, wait) != nil {
				break
			}
			wait = min(2*wait, time.Minute)
			continue
		}
		wait = time.Second
		for _, u := range updates {
			b.stats.updates.Add(1)
			b.handle(ctx, u.Update, u.thread)
			offset = u.UpdateID + 1
			if err := b.store.SetSetting(context.WithoutCancel(ctx), offsetKey, strconv.Itoa(offset)); err != nil {
				b.log.Error("telegram bot: save update offset", "err", err)
			}
		}
	}
	return nil
}

// watchMutes tells chats whose mute ran out what it held, every minute
// until ctx ends.
func (b *Bot) watchMutes(ctx context.Context) {
	for clock.Sleep(ctx, time.Minute) == nil {
		if err := b.NoticeMuteEnds(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("telegram bot: mutes that ended", "err", err)
		}
	}
}

var allowedUpdates = []string{"message", "channel_post", "callback_query", "my_chat_member"}

// connect reaches the bot (getMe) with a client whose requests end with
// ctx, so that a long poll does not hold up shutdown.
func (b *Bot) connect(ctx context.Context) error {
	client := &http.Client{Timeout: b.opt.PollTimeout + 15*time.Second,
		Transport: ctxTransport{ctx: ctx, base: http.DefaultTransport}}
	api, err := tgbotapi.NewBotAPIWithClient(b.token, b.opt.Endpoint, client)
	if err != nil {
		return errors.New(b.redact(err))
	}
	b.api = api
	return nil
}

// registerCommands shows the commands in Telegram's menu: in the
// deployment's language for everyone, and in each language the bot
// speaks for the users whose Telegram is set to it. A failure only costs
// the menu.
func (b *Bot) registerCommands() {
	langs := append([]string{""}, i18n.Builtin().Languages()...)
	for _, lang := range langs {
		menu := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), lang,
			menuCommands(i18n.For(cmp.Or(lang, b.opt.Language)))...)
		if _, err := b.api.Request(menu); err != nil {
			b.log.Warn("telegram setMyCommands failed", "language", lang, "err", b.redact(err))
		}
	}
}

// menuCommands are the commands of Telegram's menu, summed up by p.
func menuCommands(p i18n.Printer) []tgbotapi.BotCommand {
	var cmds []tgbotapi.BotCommand
	for _, c := range commands {
		if !c.admin && !c.hidden {
			cmds = append(cmds, tgbotapi.BotCommand{Command: c.name, Description: p.T("bot.cmd." + c.name)})
		}
	}
	return cmds
}

func (b *Bot) loadOffset(ctx context.Context) (int, error) {
	v, err := b.store.Setting(ctx, offsetKey)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("stored %s %q: %w", offsetKey, v, err)
	}
	return n, nil
}

func (b *Bot) redact(err error) string {
	return strings.ReplaceAll(err.Error(), b.token, "<token>")
}

// ctxTransport ends every request with ctx.
type ctxTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(r.WithContext(t.ctx))
}
