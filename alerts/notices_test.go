package alerts_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/store/storetest"
)

// TestAdminNotices: a problem is told once to each admin however often it
// recurs, even after a restart; its recovery once; through the outbox to
// the Bot API, in the deployment's language, as valid Telegram HTML.
func TestAdminNotices(t *testing.T) {
	const token = "77:notice-token"
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	st := storetest.Open(t, clock.Wall)
	sender := telegram.NewSender(token, telegram.Options{Endpoint: api.Endpoint(),
		Limits: telegram.Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{}, clock.Wall, quietLog())
	flush := func() {
		t.Helper()
		if _, err := disp.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	newNotices := func() *alerts.AdminNotices {
		return alerts.NewAdminNotices(st, func() []int64 { return []int64{501, 502} }, func() string { return "ru" },
			func() {}, clock.Wall, quietLog())
	}
	ctx := context.Background()
	n := newNotices()
	broken := errors.New(`rules.yaml:3:5: unknown key "anny" in topics[0] (did you mean "any"?) <&>`)
	n.Failing(ctx, alerts.ProblemRules, broken)
	n.Failing(ctx, alerts.ProblemRules, broken)
	newNotices().Failing(ctx, alerts.ProblemRules, errors.New("rules.yaml:9:1: another mistake")) // after a restart
	n.Recovered(ctx, alerts.ProblemMailLogin)                                                     // never failed
	flush()
	for _, admin := range []string{"501", "502"} {
		msgs := api.MessagesTo(admin)
		if len(msgs) != 1 {
			t.Fatalf("admin %s got %d notices, want 1: %+v", admin, len(msgs), msgs)
		}
		shown, err := telegramtest.ParseHTML(msgs[0].Text)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(shown, "не удалось перечитать файл правил") || !strings.Contains(shown, `rules.yaml:3:5: unknown key "anny"`) ||
			!strings.Contains(shown, "<&>") {
			t.Errorf("notice to %s:\n%s", admin, shown)
		}
	}
	n.Recovered(ctx, alerts.ProblemRules)
	n.Recovered(ctx, alerts.ProblemRules)
	flush()
	if msgs := api.MessagesTo("501"); len(msgs) != 2 || msgs[1].Text != "✅ newsalert: файл правил снова читается." {
		t.Errorf("recovery: %+v", msgs)
	}
	// Failing again after recovering is a new problem, told again.
	n.Failing(ctx, alerts.ProblemRules, broken)
	flush()
	if msgs := api.MessagesTo("502"); len(msgs) != 3 {
		t.Errorf("a new failure after recovery: %d notices, want 3", len(msgs))
	}
	var none *alerts.AdminNotices // no Telegram: telling nobody is fine
	none.Failing(ctx, alerts.ProblemRules, broken)
}
