package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

// A user subscribes from a chat; then a matching item appears in a feed;
// exactly one alert, escaped HTML, arrives in that chat.
func TestSubscribeFromChatThenAlert(t *testing.T) {
	news := newNewsServer(t)
	news.gate = make(chan struct{}) // the first poll waits for the subscription
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	t.Setenv("NEWSALERT_TELEGRAM_TOKEN", testToken)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: %s\nrules: %s\nfeeds:\n  - url: %s\n    name: Asia <news> & co\n"+
		"telegram:\n  api_endpoint: %q\n  timezone: Asia/Dushanbe\n  admins: [5005]\n",
		filepath.Join(dir, "state.db"), repoFile("rules.yaml"), news.URL, api.Endpoint())), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", cfg}, &bytes.Buffer{}, &stderr) }()

	user := telegramtest.Chat{ID: 5005, User: 5005}
	api.SendCommand(user, "/subscribe iskp")
	if msgs := waitFor(api, "5005", 1); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Subscribed to Islamic State of Khorasan (ISKP) (iskp)") {
		t.Fatalf("reply = %+v\n%s", msgs, stderr.String())
	}
	close(news.gate)
	waitFor(api, "5005", 2)
	time.Sleep(500 * time.Millisecond) // time for a wrong second alert
	msgs := api.MessagesTo("5005")
	// The admin asks how the daemon is doing.
	api.SendCommand(user, "/status")
	status := waitFor(api, "5005", 3)
	cancel()
	if len(status) < 3 || !strings.Contains(status[2].Text, "Feeds: 1 — 1 ok") || !strings.Contains(status[2].Text, "Outbox: 0 pending, 2 sent") ||
		!strings.Contains(status[2].Text, "Bot: 2 updates, 2 commands") {
		t.Errorf("/status = %+v", status[len(status)-1])
	}
	if code := <-done; code != 0 {
		t.Fatalf("run exited %d:\n%s", code, stderr.String())
	}
	if len(msgs) != 2 {
		t.Fatalf("messages = %+v; want the reply and one alert", msgs)
	}
	shown, err := telegramtest.ParseHTML(msgs[1].Text)
	if err != nil || msgs[1].ParseMode != "HTML" {
		t.Fatalf("alert HTML: %v\n%s", err, msgs[1].Text)
	}
	for _, want := range []string{"Islamic State of Khorasan (ISKP)", "ISIS-K cell detained in Dushanbe", "Asia <news> & co · ", "+05", "📍 TJ"} {
		if !strings.Contains(shown, want) {
			t.Errorf("alert lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(stderr.String(), "TOKEN-do-not-print") {
		t.Error("the token appears in the logs")
	}
}

func waitFor(api *telegramtest.Server, chat string, n int) []telegramtest.Message {
	deadline := time.Now().Add(20 * time.Second)
	for len(api.MessagesTo(chat)) < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return api.MessagesTo(chat)
}
