package feeds_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

func TestChannelFromLink(t *testing.T) {
	for link, want := range map[string]string{
		"https://t.me/kaktus_media":                  "kaktus_media",
		"https://t.me/kaktus_media/":                 "kaktus_media",
		"http://telegram.me/Azattyk":                 "Azattyk",
		"https://t.me/s/kunuzru":                     "kunuzru",
		"https://t.me/kaktus_media/12345":            "", // a post, often of another channel
		"https://t.me/joinchat/AAAAAEbZ1-xy":         "",
		"https://t.me/+AbCdEfGh123":                  "",
		"https://t.me/share/url?url=https://24.kg/x": "",
		"https://t.me/addstickers/pack":              "",
		"https://t.me/newsalert_bot":                 "", // a bot, not a channel
		"https://t.me/abc":                           "", // too short for a username
		"https://example.com/kaktus_media":           "",
		"tg://resolve?domain=kaktus_media":           "",
	} {
		if got := feeds.ChannelFromLink(link); got != want {
			t.Errorf("ChannelFromLink(%q) = %q, want %q", link, got, want)
		}
	}
}

func TestTelegramChannel(t *testing.T) {
	for _, c := range []struct{ name, page, want string }{
		{"footer wins over links in articles", `<html><body>
<article><a href="https://t.me/other_channel/77">post</a><a href="https://t.me/someone_else">x</a></article>
<footer><a href="https://t.me/share/url?url=x">share</a><a href="https://t.me/kaktus_media">Telegram</a></footer></body></html>`, "kaktus_media"},
		{"header", `<header><nav><a href="https://t.me/joinchat/xyz">chat</a><a href="https://t.me/s/azattyk_radiosu">tg</a></nav></header>`, "azattyk_radiosu"},
		{"most linked without header or footer", `<div><a href="https://t.me/first_one">a</a>
<a href="https://t.me/second_one">b</a><a href="https://t.me/second_one">c</a></div>`, "second_one"},
		{"first on a tie", `<a href="https://t.me/first_one">a</a><a href="https://t.me/second_one">b</a>`, "first_one"},
		{"none", `<a href="https://t.me/+invite">a</a><a href="https://t.me/x_bot">b</a>`, ""},
	} {
		if got := feeds.TelegramChannel([]byte(c.page)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDiscoverFindsTheTelegramChannel(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/feeds/rss"></head>
<body><p><a href="https://t.me/rian_ru/1">quoted post</a></p><footer><a href="https://t.me/lentachold">Telegram</a></footer></body></html>`))
	})
	mux.HandleFunc("/feeds/rss", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta) })
	mux.HandleFunc("/nofeed/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/nofeed/" {
			w.Write([]byte(`<html><body><header><a href="https://t.me/only_telegram">tg</a></header></body></html>`))
			return
		}
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)

	d, err := feeds.Discover(context.Background(), f, srv.URL+"/")
	if err != nil || d.URL != srv.URL+"/feeds/rss" || d.TelegramChannel != "lentachold" {
		t.Errorf("page with feed and channel: %+v, %v", d, err)
	}
	d, err = feeds.Discover(context.Background(), f, srv.URL+"/nofeed/")
	if err == nil || d.TelegramChannel != "only_telegram" {
		t.Errorf("page with a channel only: %+v, %v", d, err)
	}
}
