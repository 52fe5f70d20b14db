package main

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/telegrambot"
	"github.com/newsalert/newsalert/text"
)

// statusReport is what /status tells an admin: feed health, the outbox,
// the last delivery errors and the Telegram counters.
type statusReport struct {
	cfg     func() *config.Config // the config in use
	st      *store.Store
	sender  *telegram.Sender
	email   *email.Sender
	bot     func() telegrambot.Stats
	sends   func(channel string) (byResult, byReason map[string]int) // newsalert_sends_total's counts
	started time.Time
	now     func() time.Time
}

func (s *statusReport) text(ctx context.Context, lang string) (string, error) {
	p := i18n.For(lang)
	reports, err := feedReports(ctx, s.cfg(), s.st)
	if err != nil {
		return "", err
	}
	byStatus := map[string]int{}
	var bad []string
	for _, r := range reports {
		byStatus[r.Status]++
		if r.Status == "failing" || r.Status == "unhealthy" || r.Status == "disabled" {
			bad = append(bad, "  "+p.T("status.feed.bad", cmp.Or(r.Name, r.URL), p.T("status.feed."+r.Status),
				text.Truncate(alerts.Clean(r.LastError), 120)))
		}
	}
	now := s.now()
	var lines []string
	lines = append(lines, p.T("status.up", versionString(), now.Sub(s.started).Round(time.Minute)))
	lines = append(lines, p.T("status.feeds", len(reports), countsLine(p, byStatus)))
	sort.Strings(bad)
	if len(bad) > 10 {
		bad = append(bad[:10], "  "+p.T("status.feeds.more", len(bad)-10))
	}
	lines = append(lines, bad...)
	health, err := sourcesHealth(ctx, s.cfg(), s.st, now)
	if err != nil {
		return "", err
	}
	if trouble := inTrouble(health); len(trouble) > 0 {
		lines = append(lines, p.T("status.sources.trouble", len(trouble)))
		for _, h := range trouble[:min(len(trouble), 10)] {
			lines = append(lines, "  "+troubleLine(p, h))
		}
	}
	ob, err := s.st.OutboxStats(ctx)
	if err != nil {
		return "", err
	}
	pending := p.T("status.outbox", ob.Pending, ob.Sent, ob.Failed)
	if !ob.OldestPending.IsZero() {
		pending += p.T("status.outbox.oldest", now.Sub(ob.OldestPending).Round(time.Second))
	}
	lines = append(lines, pending)
	if s.sends != nil {
		var plain int64
		if s.sender != nil {
			plain = s.sender.Stats().PlainFallbacks
		}
		lines = append(lines, sendLines(p, s.sends, s.sender != nil, plain, s.email != nil)...)
	}
	if s.bot != nil {
		bs := s.bot()
		lines = append(lines, p.T("status.bot", bs.Updates, bs.Commands, bs.Unknown, bs.Refused, bs.Failed))
	}
	errs, err := s.st.RecentDeliveryErrors(ctx, 5)
	if err != nil {
		return "", err
	}
	if len(errs) > 0 {
		lines = append(lines, p.T("status.errors"))
		for _, e := range errs {
			lines = append(lines, "  "+p.T("status.error", e.At.Format("02.01 15:04"),
				e.Destination, e.Status, e.Attempts, text.Truncate(e.Error, 160)))
		}
	}
	return strings.Join(lines, "\n"), nil
}

func countsLine(p i18n.Printer, m map[string]int) string {
	var parts []string
	for _, k := range []string{"ok", "new", "failing", "unhealthy", "disabled"} {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[k], p.T("status.feed."+k)))
		}
	}
	return strings.Join(parts, ", ")
}

// sendLines say what each channel's sends came to, from the counts of
// newsalert_sends_total; plain is how many Telegram messages were resent
// as plain text.
func sendLines(p i18n.Printer, sends func(string) (map[string]int, map[string]int), telegram bool, plain int64, email bool) []string {
	var lines []string
	if telegram {
		res, why := sends("telegram")
		lines = append(lines, p.T("status.telegram",
			res["sent"]+res["sent_unrecorded"], why["rate_limited"], plain, why["gone"], why["moved"], why["rejected"], why["transient"]))
	}
	if email {
		res, why := sends("email")
		lines = append(lines, p.T("status.email",
			res["sent"]+res["sent_unrecorded"], why["transient"]+why["rate_limited"], why["rejected"], why["auth_failed"]))
	}
	return lines
}
