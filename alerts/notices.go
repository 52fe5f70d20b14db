package alerts

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/text"
)

// Problems the operators are told of in Telegram (AdminNotices).
const (
	ProblemRules     = "rules"      // the rules file failed to reload
	ProblemConfig    = "config"     // the config file failed to reload
	ProblemMailLogin = "mail_login" // the mail server refused the login
)

// NoticeStore is the part of the store admin notices need: the outbox, and
// settings that remember which problems were told, across restarts.
type NoticeStore interface {
	Enqueue(ctx context.Context, msgs ...store.OutboxMessage) (int, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// AdminNotices tells the bot's administrators (telegram.admins) in
// Telegram when something that needs them goes wrong, and when it is
// right again. A problem is told once when it starts, however often it
// recurs (a rules file saved broken three times, a refused login at each
// try), and its recovery once; what was told is kept in the store, so a
// restart does not tell it again. Notices go through the outbox like
// every message: they survive a restart and are retried.
type AdminNotices struct {
	store  NoticeStore
	admins func() []int64 // user ids; the bot writes to them in their private chats
	lang   func() string  // the language to write in (telegram.language)
	kick   func()
	now    func() time.Time
	log    *slog.Logger
	mu     sync.Mutex
}

// NewAdminNotices returns notices to admins, written in lang; kick wakes
// the dispatcher.
func NewAdminNotices(st NoticeStore, admins func() []int64, lang func() string, kick func(),
	now func() time.Time, log *slog.Logger) *AdminNotices {
	return &AdminNotices{store: st, admins: admins, lang: lang, kick: kick, now: now, log: log}
}

const noticeKey = "admin_notice:" // + problem: when it was told, "" once it recovered

// Failing tells the admins that problem (ProblemRules, …) occurred with
// err, unless they were told already and it has not recovered since.
func (n *AdminNotices) Failing(ctx context.Context, problem string, err error) {
	n.tell(ctx, problem, true, func(p i18n.Printer) Text { return noticeText(p, problem, "failing", err) })
}

// FailingSaying is Failing for a problem whose notice is written by msg,
// in the admins' language (a source in trouble, problem "source:<url>").
func (n *AdminNotices) FailingSaying(ctx context.Context, problem string, msg func(i18n.Printer) Text) {
	n.tell(ctx, problem, true, msg)
}

// RecoveredSaying is Recovered with the notice written by msg.
func (n *AdminNotices) RecoveredSaying(ctx context.Context, problem string, msg func(i18n.Printer) Text) {
	n.tell(ctx, problem, false, msg)
}

// Recovered tells the admins that problem is over, if they were told of it.
func (n *AdminNotices) Recovered(ctx context.Context, problem string) {
	n.tell(ctx, problem, false, func(p i18n.Printer) Text { return noticeText(p, problem, "recovered", nil) })
}

func (n *AdminNotices) tell(ctx context.Context, problem string, failing bool, write func(i18n.Printer) Text) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	told, serr := n.store.Setting(ctx, noticeKey+problem)
	if serr != nil {
		n.log.Error("admin notice: read what was told", "problem", problem, "err", serr)
		return
	}
	admins := n.admins()
	if failing == (told != "") || len(admins) == 0 {
		return // told already, nothing to recover from, or nobody to tell
	}
	now := n.now()
	state, key := "", "recovered"
	if failing {
		state, key = strconv.FormatInt(now.UnixMilli(), 10), "failing"
	}
	msg := write(i18n.For(n.lang()))
	id := "notice:" + problem + ":" + key + ":" + strconv.FormatInt(now.UnixMilli(), 10)
	var msgs []store.OutboxMessage
	for _, admin := range admins {
		payload, perr := Message{Text: &msg}.Encode()
		if perr != nil {
			continue
		}
		msgs = append(msgs, store.OutboxMessage{Destination: fmt.Sprintf("telegram:%d", admin), Key: id, Payload: payload})
	}
	if _, qerr := n.store.Enqueue(context.WithoutCancel(ctx), msgs...); qerr != nil {
		n.log.Error("admin notice: queue", "problem", problem, "err", qerr)
		return
	}
	n.kick()
	if serr := n.store.SetSetting(context.WithoutCancel(ctx), noticeKey+problem, state); serr != nil {
		n.log.Error("admin notice: record what was told", "problem", problem, "err", serr)
	}
}

// maxNoticeError bounds the error quoted in a notice, well within a
// message (a broken rules file can list many problems).
const maxNoticeError = 3000

// noticeText is the notice of problem's failing or recovery, quoting err.
func noticeText(p i18n.Printer, problem, state string, err error) Text {
	head := p.T("bot.notice." + problem + "." + state)
	if err == nil {
		return Text{HTML: html.EscapeString(head), Plain: head}
	}
	detail := text.Truncate(err.Error(), maxNoticeError)
	return Text{HTML: html.EscapeString(head) + "\n<pre>" + html.EscapeString(detail) + "</pre>", Plain: head + "\n" + detail}
}
