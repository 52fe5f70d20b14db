package telegram_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store/storetest"
)

// TestARussianChatGetsARussianAlert: a chat whose language is Russian
// gets, through the pipeline, the outbox and the Bot API, an alert in
// Russian: the lead, the countries the item names by their Russian names
// (not the feed's tag, not codes), the time by Bishkek's clock, and the
// words that fired once.
func TestARussianChatGetsARussianAlert(t *testing.T) {
	ctx := context.Background()
	api := telegramtest.NewServer("1:T")
	t.Cleanup(api.Close)
	published := time.Date(2026, 12, 4, 8, 5, 0, 0, time.UTC)
	clk := clocktest.New(published.Add(time.Minute)) // one clock for all: the chats subscribed before the item came
	st := storetest.Open(t, clk.Now)
	m, err := rules.Parse("r.yaml", []byte("topics:\n  - id: iskp\n    name: ISKP\n    names: {ru: ИГИЛ-Хорасан}\n    any: [ИГИЛ*, вербовщ*]\n"))
	if err != nil {
		t.Fatal(err)
	}
	audience := alerts.NewAudience(st, []alerts.Configured{{Destination: "telegram:1001", Language: "ru"}, {Destination: "telegram:2002"}}, clk.Now)
	audience.SetDefaults(alerts.Defaults{TimeZone: "Asia/Bishkek"})
	log := slog.New(slog.DiscardHandler)
	pipe := alerts.NewPipeline(ingest.NewRecorder(st, ingest.Options{}), m, alerts.PipelineOptions{Audience: audience}, log)
	item := feeds.Item{Key: "k1", FeedURL: "http://127.0.0.1/kaktus", FeedName: "Kaktus", Link: "https://kaktus.media/1",
		Title:     "Задержан вербовщик ИГИЛ",
		Summary:   "Задержан вербовщик ИГИЛ. Сотрудники ГКНБ задержали в Оше 24-летнего жителя, который вербовал молодых людей для отправки в Афганистан.",
		Text:      "Сотрудники ГКНБ задержали в Оше 24-летнего жителя, который вербовал молодых людей для отправки в Афганистан. ИГИЛ",
		Published: published, FirstSeen: published}
	res := feeds.Result{Source: feeds.Source{URL: item.FeedURL, Name: "Kaktus", Regions: []string{"KG"}}, Items: []feeds.Item{item}}
	if _, err := pipe.Process(ctx, res); err != nil {
		t.Fatal(err)
	}
	sender := telegram.NewSender("1:T", telegram.Options{Endpoint: api.Endpoint()})
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{}, clk.Now, log)
	if _, err := disp.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	ru, en := api.MessagesTo("1001"), api.MessagesTo("2002")
	if len(ru) != 1 || len(en) != 1 {
		t.Fatalf("messages: %d to the Russian chat, %d to the English one; want one each", len(ru), len(en))
	}
	shown, err := telegramtest.ParseHTML(ru[0].Text)
	if err != nil {
		t.Fatalf("HTML: %v\n%s", err, ru[0].Text)
	}
	for _, want := range []string{
		"Задержан вербовщик ИГИЛ\nKaktus · 4 дек 14:05 (Бишкек)\n",
		"\nСотрудники ГКНБ задержали в Оше 24-летнего жителя",
		"\n📍 Кыргызстан, Афганистан, Ферганская долина\n",
		"\n🏷 ИГИЛ-Хорасан: ИГИЛ, вербовщик",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the Russian alert lacks %q:\n%s", want, shown)
		}
	}
	if !strings.Contains(ru[0].Text, `<b><a href="https://kaktus.media/1">Задержан вербовщик ИГИЛ</a></b>`) {
		t.Errorf("the headline is not bold and linked:\n%s", ru[0].Text)
	}
	if shownEN, _ := telegramtest.ParseHTML(en[0].Text); !strings.Contains(shownEN, "Kaktus · 4 Dec 14:05 (Bishkek)") ||
		!strings.Contains(shownEN, "📍 Kyrgyzstan, Afghanistan, Fergana Valley\n") || !strings.Contains(shownEN, "🏷 ISKP: ") {
		t.Errorf("the chat without a language should read English:\n%s", shownEN)
	}
}
