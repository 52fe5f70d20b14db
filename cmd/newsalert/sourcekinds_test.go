package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

// channelPreview serves a channel's t.me/s preview with one post, in the
// markup of feeds/tgchannel/testdata, dated an hour ago.
func channelPreview(t *testing.T, channel, text string) *httptest.Server {
	date := clock.Wall().Add(-time.Hour).UTC().Format(time.RFC3339)
	page := fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><section class="tgme_channel_history">
<div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">%[1]s</span></div></div>
<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="%[1]s/901">
<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text" dir="auto">%[2]s</div>
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_meta">
<a class="tgme_widget_message_date" href="https://t.me/%[1]s/901"><time datetime="%[3]s" class="time">x</time></a></span></div></div></div></div></div>
</section></body></html>`, channel, text, date)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/s/"+channel {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// runUntilMessages runs the daemon with the config at path until the fake
// Bot API has want messages, then a little longer, and returns them all.
func runUntilMessages(t *testing.T, api *telegramtest.Server, path string, want int) []telegramtest.Message {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", path}, &bytes.Buffer{}, &stderr) }()
	api.WaitMessages(want, 20*time.Second)
	time.Sleep(1500 * time.Millisecond) // a second alert would come now
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("run exited %d:\n%s", code, stderr.String())
	}
	return api.Messages()
}

func sourcesConfig(t *testing.T, api *telegramtest.Server, poll, feeds string) string {
	dir := t.TempDir()
	cfg := fmt.Sprintf("storage: %s\nrules: %s\npoll:\n  interval: 1h\n%sfeeds:\n%stelegram:\n  api_endpoint: %q\n  chats:\n    - id: 777\n      topics: [iskp, extremist-arrests]\n",
		filepath.Join(dir, "state.db"), repoFile("rules.yaml"), poll, feeds, api.Endpoint())
	path := filepath.Join(dir, "newsalert.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func newAPI(t *testing.T) *telegramtest.Server {
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	t.Setenv("NEWSALERT_TELEGRAM_TOKEN", testToken)
	return api
}

func TestTelegramChannelSourceAlertsOnce(t *testing.T) {
	api := newAPI(t)
	tg := channelPreview(t, "asia_news_tg", "ISIS-K cell detained in Dushanbe. Tajik security services detained five ISKP members.")
	path := sourcesConfig(t, api, "  telegram_preview: "+tg.URL+"\n", "  - telegram: https://t.me/asia_news_tg\n    name: Asia news TG\n")
	msgs := runUntilMessages(t, api, path, 1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want exactly one: %+v", len(msgs), msgs)
	}
	shown, _ := telegramtest.ParseHTML(msgs[0].Text)
	if !strings.Contains(shown, "ISIS-K cell detained in Dushanbe.") || !strings.Contains(msgs[0].Text, "https://t.me/asia_news_tg/901") {
		t.Errorf("message %q does not show the post and its link", msgs[0].Text)
	}
}

func TestOutletFeedAndItsChannelAlertOnce(t *testing.T) {
	api := newAPI(t)
	// The feed's item, "ISIS-K cell detained in Dushanbe" at <news>/news/1,
	// and the channel's post in other words linking to it: one item.
	news := newNewsServer(t)
	tg := channelPreview(t, "asia_news_tg", fmt.Sprintf(
		`ГКНБ Таджикистана задержал пятерых членов ИГИЛ-Хорасан<br/><a href="%s/news/1?utm_source=telegram">Подробнее</a>`, news.URL))
	path := sourcesConfig(t, api, "  telegram_preview: "+tg.URL+"\n",
		fmt.Sprintf("  - url: %s\n    name: Asia news\n  - telegram: asia_news_tg\n    name: Asia news TG\n", news.URL))
	if msgs := runUntilMessages(t, api, path, 1); len(msgs) != 1 {
		t.Fatalf("%d messages, want one for the story told on the feed and the channel: %+v", len(msgs), msgs)
	}
}

func TestHTMLPageSourceAlertsOnce(t *testing.T) {
	api := newAPI(t)
	date := clock.Wall().Add(-time.Hour).UTC().Format("02.01.2006 15:04")
	page := `<html><head><meta charset="utf-8"></head><body><div class="list">
<div class="card"><a class="card-link" href="/en/news/iskp-cell"><h3>ISIS-K cell detained in Dushanbe</h3></a><span class="d">` + date + `</span>
<p class="lead">Tajik security services detained five ISKP members.</p></div>
<div class="card"><a class="card-link" href="/en/news/weather"><h3>Weather in Bishkek</h3></a><span class="d">` + date + `</span></div>
</div></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) }))
	t.Cleanup(srv.Close)
	feeds := fmt.Sprintf("  - html: %s/en/news/\n    name: Asia page\n    select: {item: .card, title: h3, link: a.card-link, date: .d, date_layout: \"02.01.2006 15:04\", summary: .lead}\n", srv.URL)
	msgs := runUntilMessages(t, api, sourcesConfig(t, api, "", feeds), 1)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want exactly one: %+v", len(msgs), msgs)
	}
	if !strings.Contains(msgs[0].Text, srv.URL+"/en/news/iskp-cell") {
		t.Errorf("message %q lacks the resolved link", msgs[0].Text)
	}
}

// TestSourcesProbeReadsChannelsAndPages: `sources probe` reads a Telegram
// channel and an HTML page as the daemon does, and says what is wrong
// with a channel that is not there.
func TestSourcesProbeReadsChannelsAndPages(t *testing.T) {
	ch := channelPreview(t, "kaktus_media", "Задержан вербовщик ИГИЛ. Подробности на сайте")
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><article><h2><a href="/news/1">В Оше задержан вербовщик</a></h2></article></body></html>`)
	}))
	t.Cleanup(page.Close)
	srcs := []feeds.Source{
		{URL: ch.URL + "/s/kaktus_media", Name: "Kaktus", Kind: feeds.KindTelegram, Channel: "kaktus_media"},
		{URL: ch.URL + "/s/nobody_here", Name: "Nobody", Kind: feeds.KindTelegram, Channel: "nobody_here"},
		{URL: page.URL + "/", Name: "Page", Kind: feeds.KindHTML, Select: feeds.Selectors{Item: "article", Title: "h2"}},
	}
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
	reports := probeAll(context.Background(), srcs, feedProber{fetcher: f, now: clock.Wall}, 2, clock.Wall, 24*time.Hour)
	if r := reports[0]; !r.OK || r.Kind != "telegram" || r.Items != 1 || r.Status != http.StatusOK {
		t.Errorf("channel: %+v", r)
	}
	if r := reports[1]; r.OK || len(r.Problems) == 0 {
		t.Errorf("a channel that is not there: %+v", r)
	}
	if r := reports[2]; r.Kind != "html" || r.Items != 1 || r.Status != http.StatusOK {
		t.Errorf("page: %+v", r)
	}
}
