package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/store/storetest"
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
	for _, want := range []string{"Islamic State of Khorasan (ISKP)", "ISIS-K cell detained in Dushanbe", "Asia <news> & co · ", "(Dushanbe)", "📍 Tajikistan\n"} {
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

// TestFailedReloadTellsTheAdmins: a rules file saved broken is told to
// telegram.admins in Telegram, with its line and column, once however
// often it fails; its repair once; a config without admins tells nobody.
func TestFailedReloadTellsTheAdmins(t *testing.T) {
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	st := storetest.Open(t, clock.Wall)
	cfg, err := config.Parse("newsalert.yaml", []byte("telegram:\n  admins: [5005]\n  language: en\n"))
	if err != nil {
		t.Fatal(err)
	}
	var live atomic.Pointer[config.Config]
	live.Store(cfg)
	sender := telegram.NewSender(testToken, telegram.Options{Endpoint: api.Endpoint(),
		Limits: telegram.Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{}, clock.Wall, slog.New(slog.DiscardHandler))
	r, pipe, logs := newTestReloader(t)
	r.notice = newAdminNotices(st, &live, true, func() {}, clock.Wall, slog.New(slog.DiscardHandler))
	told := func() []string {
		t.Helper()
		if _, err := disp.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range api.MessagesTo("5005") {
			shown, err := telegramtest.ParseHTML(m.Text)
			if err != nil {
				t.Fatalf("notice HTML: %v\n%s", err, m.Text)
			}
			out = append(out, shown)
		}
		return out
	}
	replaceFile(t, r.rulesPath, "topics:\n  - id: first\n    anny: [one]\n")
	r.reloadRules("file changed")
	replaceFile(t, r.rulesPath, "topics:\n  - id: first\n    any: [one\n")
	r.reloadRules("file changed")
	got := told()
	if len(got) != 1 || !strings.Contains(got[0], "the rules file failed to reload; the rules in use are kept") ||
		!strings.Contains(got[0], `rules.yaml:3:5: unknown key "anny"`) {
		t.Fatalf("notices after two failures: %q; logs:\n%s", got, logs.String())
	}
	if pipe.Matcher().Topic("first") == nil {
		t.Error("the rules in use were dropped")
	}
	replaceFile(t, r.rulesPath, "topics:\n  - id: first\n    any: [one]\n")
	r.reloadRules("file changed")
	r.reloadRules("SIGHUP")
	if got := told(); len(got) != 2 || got[1] != "✅ newsalert: the rules file loads again." {
		t.Errorf("notices after the repair: %q", got)
	}
	// Without telegram.admins nobody is told, and nothing breaks.
	live.Store(&config.Config{})
	replaceFile(t, r.rulesPath, "topics: [\n")
	r.reloadRules("file changed")
	if got := told(); len(got) != 2 {
		t.Errorf("told without admins: %q", got)
	}
}
