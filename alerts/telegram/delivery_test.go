package telegram

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// Each Bot API error path, through the outbox, the dispatcher and this
// sender to the fake Bot API, with the store recording the outcome.
func TestDeliveryErrorPaths(t *testing.T) {
	ctx := context.Background()
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	sender := NewSender(token, Options{Endpoint: api.Endpoint(), Limits: Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	obs := alertstest.NewAttempts()
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{Directory: st, Observer: obs}, clk.Now, quietLog())

	for _, chat := range []string{"1", "429", "403", "-4242", "502"} {
		st.EnsureSubscriber(ctx, "telegram:"+chat, chat, "private", clk.Now())
		st.Subscribe(ctx, "telegram:"+chat, []string{"iskp"}, clk.Now())
	}
	api.FailChatTimes("429", telegramtest.TooManyRequests, 1)
	api.FailChat("403", telegramtest.Forbidden)
	api.FailChat("-4242", telegramtest.Migrated)
	api.FailChatTimes("502", telegramtest.BadGateway, 1)
	payload, _ := alerts.Message{Alert: alert}.Encode()
	for _, chat := range []string{"1", "429", "403", "-4242", "502"} {
		st.Enqueue(ctx, store.OutboxMessage{Destination: "telegram:" + chat, Key: "a", Payload: payload})
	}

	got, err := d.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Chat 1 is not held up by the others.
	if len(api.MessagesTo("1")) != 1 {
		t.Errorf("chat 1 got %d messages", len(api.MessagesTo("1")))
	}
	// The moved group is sent to at its new id in the next flush.
	if _, err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(api.MessagesTo("-1004242")) != 1 {
		t.Errorf("migrated group: %d messages at the new id (first flush %+v)", len(api.MessagesTo("-1004242")), got)
	}
	if sub, err := st.Subscriber(ctx, "telegram:-1004242"); err != nil || len(sub.Topics) != 1 {
		t.Errorf("migrated group's subscription: %+v, %v", sub, err)
	}
	// The blocked chat is deactivated, with the reason.
	if sub, _ := st.Subscriber(ctx, "telegram:403"); sub.Active || !strings.Contains(sub.Reason, "blocked") {
		t.Errorf("blocked chat: %+v", sub)
	}
	// 429: nothing before retry_after (17 s); then exactly one message.
	clk.Add(16 * time.Second)
	d.Flush(ctx)
	if len(api.MessagesTo("429")) != 0 {
		t.Error("sent before retry_after passed")
	}
	clk.Add(2 * time.Second) // 18 s: also past the first backoff step (15 s) of the 502
	d.Flush(ctx)
	if len(api.MessagesTo("429")) != 1 || len(api.MessagesTo("502")) != 1 {
		t.Errorf("after the waits: %d to the 429 chat, %d to the 502 chat; want 1 each",
			len(api.MessagesTo("429")), len(api.MessagesTo("502")))
	}
	stats, _ := st.OutboxStats(ctx)
	if stats.Sent != 4 || stats.Failed != 1 || stats.Pending != 0 {
		t.Errorf("outbox = %+v; want 4 sent, the blocked chat's failed", stats)
	}
	want := map[[2]string]int{{"sent", ""}: 4, {"retry", "rate_limited"}: 1, {"failed", "gone"}: 1, {"retry", "moved"}: 1, {"retry", "transient"}: 1}
	for k, n := range want {
		if obs.Count("telegram", k[0], k[1]) != n {
			t.Errorf("attempts observed %v; want %d %v", obs, n, k)
		}
	}
}

func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// A digest longer than one message arrives as several messages, each of
// which the fake Bot API (checking HTML and length as Telegram does)
// accepts.
func TestLongDigestArrivesAsSeveralMessages(t *testing.T) {
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	sender := NewSender(token, Options{Endpoint: api.Endpoint(), Limits: Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	parts := RenderDigest(bigDigest(60))
	for i, p := range parts {
		if err := sender.Send(context.Background(), "1001", alerts.Message{Text: &p}); err != nil {
			t.Fatalf("part %d: %v", i+1, err)
		}
	}
	msgs := api.MessagesTo("1001")
	if len(msgs) != len(parts) || len(msgs) < 3 {
		t.Fatalf("%d messages for %d parts", len(msgs), len(parts))
	}
	for i, m := range msgs {
		if m.ParseMode != "HTML" {
			t.Errorf("message %d was sent as plain text: its HTML was refused", i+1)
		}
	}
	if s := sender.Stats(); s.PlainFallbacks != 0 {
		t.Errorf("%d plain-text fallbacks", s.PlainFallbacks)
	}
}
