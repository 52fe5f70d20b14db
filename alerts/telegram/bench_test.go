package telegram

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// BenchmarkBroadcast sends one alert to 1,000 chats (a tenth of them
// groups) through the outbox and the dispatcher, against a fake Bot API
// that enforces Telegram's limits and answers 429 when they are broken.
// It reports messages per second (Telegram allows 30) and the 429s.
//
//	go test -run '^$' -bench Broadcast -benchtime 1x ./alerts/telegram/
func BenchmarkBroadcast(b *testing.B) {
	const chats = 1000
	api := telegramtest.NewServer(token)
	defer api.Close()
	api.EnforceLimits()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender := NewSender(token, Options{Endpoint: api.Endpoint(), Log: log})
	payload, _ := alerts.Message{Alert: alert}.Encode()
	var elapsed time.Duration
	for i := 0; b.Loop(); i++ {
		st := storetest.Open(b, clock.Wall)
		var msgs []store.OutboxMessage
		for c := range chats {
			id := fmt.Sprint(100000 + c)
			if c%10 == 0 {
				id = fmt.Sprint(-100000 - c)
			}
			msgs = append(msgs, store.OutboxMessage{Destination: "telegram:" + id, Key: fmt.Sprint("alert-", i), Payload: payload})
		}
		if _, err := st.Enqueue(context.Background(), msgs...); err != nil {
			b.Fatal(err)
		}
		d := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{}, clock.Wall, log)
		start := time.Now()
		got, err := d.Flush(context.Background())
		elapsed += time.Since(start)
		if err != nil || got.Sent != chats {
			b.Fatalf("flush = %+v, %v", got, err)
		}
	}
	b.ReportMetric(float64(chats*b.N)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(api.TooMany()), "429s")
}
