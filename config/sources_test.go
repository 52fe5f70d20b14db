package config

import (
	"strings"
	"testing"

	"github.com/newsalert/newsalert/feeds"
)

func TestSourceKinds(t *testing.T) {
	c, err := Parse("c.yaml", []byte(`feeds:
  - url: https://24.kg/rss/
  - telegram: kaktus_media
  - telegram: https://t.me/azattyk
  - telegram: "@ozodinews"
  - html: https://vlast.kz/novosti/
    select: {item: article.news, title: h2, link: a, date: time, date_layout: "02.01.2006 15:04"}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind    feeds.Kind
		url, ch string
	}{
		{feeds.KindFeed, "https://24.kg/rss/", ""},
		{feeds.KindTelegram, "https://t.me/s/kaktus_media", "kaktus_media"},
		{feeds.KindTelegram, "https://t.me/s/azattyk", "azattyk"},
		{feeds.KindTelegram, "https://t.me/s/ozodinews", "ozodinews"},
		{feeds.KindHTML, "https://vlast.kz/novosti/", ""},
	}
	for i, w := range want {
		src := c.Feeds[i].Source()
		if src.Kind != w.kind || src.URL != w.url || src.Channel != w.ch {
			t.Errorf("feed %d: %+v, want %+v", i, src, w)
		}
	}
	if sel := c.Feeds[4].Source().Select; sel.Item != "article.news" || sel.DateLayout != "02.01.2006 15:04" {
		t.Errorf("selectors %+v", sel)
	}
}

func TestTelegramPreviewBase(t *testing.T) {
	c, err := Parse("c.yaml", []byte("poll:\n  telegram_preview: http://127.0.0.1:9/\nfeeds:\n  - telegram: kaktus_media\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Feeds[0].URL; got != "http://127.0.0.1:9/s/kaktus_media" {
		t.Errorf("URL %q", got)
	}
}

func TestSourceKindProblems(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"feeds:\n  - url: https://a.kg/rss\n    telegram: kaktus_media\n", "c.yaml:2:5: feed sets more than one of url, telegram and html"},
		{"feeds:\n  - name: x\n", "c.yaml:2:5: feed has no url, telegram or html"},
		{"feeds:\n  - telegram: https://example.com/kaktus\n", "c.yaml:2:5: feed telegram: \"https://example.com/kaktus\" is not a t.me link"},
		{"feeds:\n  - telegram: ab\n", "c.yaml:2:5: feed telegram: \"ab\" is not a channel name"},
		{"feeds:\n  - html: https://a.kg/news\n", "c.yaml:2:5: feed html https://a.kg/news: select needs at least item and title selectors"},
		{"feeds:\n  - url: https://a.kg/rss\n    select: {item: a, title: b}\n", "c.yaml:2:5: feed https://a.kg/rss: select is only for html sources"},
	} {
		_, err := Parse("c.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
