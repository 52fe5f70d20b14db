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

func (s *statusReport) text(ctx context.Context) (string, error) {
	reports, err := feedReports(ctx, s.cfg(), s.st)
	if err != nil {
		return "", err
	}
	byStatus := map[string]int{}
	var bad []string
	for _, r := range reports {
		byStatus[r.Status]++
		if r.Status == "failing" || r.Status == "unhealthy" || r.Status == "disabled" {
			bad = append(bad, fmt.Sprintf("  %s %s: %s", r.Status, cmp.Or(r.Name, r.URL), text.Truncate(alerts.Clean(r.LastError), 120)))
		}
	}
	now := s.now()
	var lines []string
	lines = append(lines, fmt.Sprintf("newsalert %s, up %s", versionString(), now.Sub(s.started).Round(time.Minute)))
	lines = append(lines, fmt.Sprintf("Feeds: %d — %s", len(reports), countsLine(byStatus)))
	sort.Strings(bad)
	if len(bad) > 10 {
		bad = append(bad[:10], fmt.Sprintf("  … and %d more (newsalert feeds)", len(bad)-10))
	}
	lines = append(lines, bad...)
	ob, err := s.st.OutboxStats(ctx)
	if err != nil {
		return "", err
	}
	pending := fmt.Sprintf("Outbox: %d pending, %d sent, %d failed", ob.Pending, ob.Sent, ob.Failed)
	if !ob.OldestPending.IsZero() {
		pending += fmt.Sprintf("; oldest pending %s old", now.Sub(ob.OldestPending).Round(time.Second))
	}
	lines = append(lines, pending)
	if s.sends != nil {
		var plain int64
		if s.sender != nil {
			plain = s.sender.Stats().PlainFallbacks
		}
		lines = append(lines, sendLines(s.sends, s.sender != nil, plain, s.email != nil)...)
	}
	if s.bot != nil {
		bs := s.bot()
		lines = append(lines, fmt.Sprintf("Bot: %d updates, %d commands, %d unknown, %d refused, %d failed",
			bs.Updates, bs.Commands, bs.Unknown, bs.Refused, bs.Failed))
	}
	errs, err := s.st.RecentDeliveryErrors(ctx, 5)
	if err != nil {
		return "", err
	}
	if len(errs) > 0 {
		lines = append(lines, "Last delivery errors:")
		for _, e := range errs {
			lines = append(lines, fmt.Sprintf("  %s %s (%s, %d attempts): %s", e.At.Format("02 Jan 15:04"),
				e.Destination, e.Status, e.Attempts, text.Truncate(e.Error, 160)))
		}
	}
	return strings.Join(lines, "\n"), nil
}

func countsLine(m map[string]int) string {
	var parts []string
	for _, k := range []string{"ok", "new", "failing", "unhealthy", "disabled"} {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

// sendLines say what each channel's sends came to, from the counts of
// newsalert_sends_total; plain is how many Telegram messages were resent
// as plain text.
func sendLines(sends func(string) (map[string]int, map[string]int), telegram bool, plain int64, email bool) []string {
	var lines []string
	if telegram {
		res, why := sends("telegram")
		lines = append(lines, fmt.Sprintf("Telegram: %d sent, %d rate-limited, %d resent as plain text, %d chats gone, %d moved, %d rejected, %d transient failures (retried)",
			res["sent"]+res["sent_unrecorded"], why["rate_limited"], plain, why["gone"], why["moved"], why["rejected"], why["transient"]))
	}
	if email {
		res, why := sends("email")
		lines = append(lines, fmt.Sprintf("E-mail: %d sent, %d temporary failures (retried), %d rejected, %d logins refused (held; check the SMTP credentials)",
			res["sent"]+res["sent_unrecorded"], why["transient"]+why["rate_limited"], why["rejected"], why["auth_failed"]))
	}
	return lines
}
