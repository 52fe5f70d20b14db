package store_test

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// This test lives here, not in package alerts, because only the store's
// own tests can fill its file (store.FillUp, in export_test.go).

// With the disk full, a message the Bot API accepted cannot be recorded
// as sent. It must not be sent again at every flush: the dispatcher keeps
// its receipt, sends nothing more while the store cannot record, and
// records the receipt before any new send once it can. Each message
// arrives once, in order, with its receipt kept for follow-ups.
func TestSentMessagesAreNotSentAgainWhenTheDiskIsFull(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	api := telegramtest.NewServer("123456:token")
	t.Cleanup(api.Close)
	sender := telegram.NewSender("123456:token", telegram.Options{Endpoint: api.Endpoint(),
		Limits: telegram.Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	obs := alertstest.NewAttempts()
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{Observer: obs}, clk.Now, slog.New(slog.DiscardHandler))
	queue := []struct{ chat, key string }{{"1", "a"}, {"1", "b"}, {"2", "c"}}
	for _, q := range queue {
		payload, _ := alerts.Message{Alert: alerts.Alert{ItemKey: q.key, Title: "Story " + q.key, Link: "https://24.kg/" + q.key,
			Feed: "24.kg", Topics: []alerts.TopicHit{{ID: "iskp", Name: "ISKP"}}}}.Encode()
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Destination: "telegram:" + q.chat, Key: q.key, Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}

	store.FillUp(t, st)
	var full int
	for range 10 {
		if _, err := disp.Flush(ctx); err != nil && strings.Contains(err.Error(), "database or disk is full") {
			full++
		}
		clk.Add(time.Minute)
	}
	sent := len(api.Messages())
	if n := len(api.MessagesTo("1")); n != 1 || sent > 2 {
		t.Fatalf("with the disk full: chat 1 got %d messages, %d in all; want its first once, and nothing more", n, sent)
	}
	if full != 10 {
		t.Errorf("%d of 10 flushes said the disk is full", full)
	}
	if n := obs.Count("telegram", "sent_unrecorded", ""); n != sent {
		t.Errorf("observed %v; want the %d unrecorded sends counted as sent_unrecorded", obs, sent)
	}

	store.MakeRoom(t, st)
	for range 3 {
		if _, err := disp.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range queue {
		msgs := api.MessagesTo(q.chat)
		var got []telegramtest.Message
		for _, m := range msgs {
			if strings.Contains(m.Text, "Story "+q.key) {
				got = append(got, m)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s arrived %d times; want once", q.key, len(got))
			continue
		}
		if r, err := st.Receipt(ctx, "telegram:"+q.chat, q.key); err != nil || r != strconv.Itoa(got[0].ID) {
			t.Errorf("%s: receipt %q, %v; want %d", q.key, r, err, got[0].ID)
		}
	}
	if msgs := api.MessagesTo("1"); len(msgs) == 2 && !strings.Contains(msgs[0].Text, "Story a") {
		t.Errorf("chat 1 got b before a")
	}
	if ob, _ := st.OutboxStats(ctx); ob.Pending != 0 || ob.Sent != 3 {
		t.Errorf("outbox %+v; want the 3 entries sent", ob)
	}
}
