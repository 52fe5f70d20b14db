package tgchannel

import (
	"errors"
	"os"
	"testing"
	"time"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParsePage(t *testing.T) {
	page, err := Parse(readFixture(t, "kaktus_media.html"), "kaktus_media")
	if err != nil {
		t.Fatal(err)
	}
	if page.Before != 52000 {
		t.Errorf("Before = %d, want 52000", page.Before)
	}
	if page.Skipped["service"] != 1 || page.Skipped["no text"] != 1 {
		t.Errorf("Skipped = %v, want one service and one without text", page.Skipped)
	}
	ids := []int64{}
	for _, p := range page.Posts {
		ids = append(ids, p.ID)
	}
	if len(ids) != 4 || ids[0] != 52001 || ids[1] != 52002 || ids[2] != 52003 || ids[3] != 52007 {
		t.Fatalf("posts %v, want 52001 52002 52003 52007", ids)
	}
	first := page.Posts[0]
	if first.Key() != "tg:kaktus_media/52001" || first.Link() != "https://t.me/kaktus_media/52001" {
		t.Errorf("key %q link %q", first.Key(), first.Link())
	}
	if want := time.Date(2026, 12, 4, 8, 15, 2, 0, time.UTC); !first.Date.Equal(want) {
		t.Errorf("date %v, want %v", first.Date, want)
	}
	if first.Article != "https://kaktus.media/doc/520001_v_bishkeke_zaderjali.html?utm_source=telegram" || len(first.Links) != 2 {
		t.Errorf("article %q links %v", first.Article, first.Links)
	}
	if got := Title(first.Text, 120); got != "В Бишкеке задержали членов ячейки ИГИЛ." {
		t.Errorf("title %q", got)
	}
	if fw := page.Posts[1]; fw.ForwardedFrom != "ГКНБ КР" || Title(fw.Text, 120) != "Заявление пресс-службы ГКНБ" {
		t.Errorf("forwarded %q title %q", fw.ForwardedFrom, Title(fw.Text, 120))
	}
	if album := page.Posts[2]; album.Media != 3 || album.Text != "Фоторепортаж: учения спецназа в Ошской области" {
		t.Errorf("album media %d text %q", album.Media, album.Text)
	}
	if !page.Posts[3].Edited || page.Posts[0].Edited {
		t.Errorf("edited flags wrong")
	}
	if page.Oldest() != 52001 {
		t.Errorf("Oldest = %d", page.Oldest())
	}
}

func TestParseChannelErrors(t *testing.T) {
	for _, tc := range []struct{ file, reason string }{
		{"preview_disabled.html", ReasonPreviewDisabled},
		{"no_such_channel.html", ReasonNoSuchChannel},
	} {
		_, err := Parse(readFixture(t, tc.file), "x")
		var ce *Error
		if !errors.As(err, &ce) || ce.Reason != tc.reason {
			t.Errorf("%s: err %v, want reason %q", tc.file, err, tc.reason)
		}
	}
}

func TestTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Короткая строка\nвторая", "Короткая строка"},
		{"Первое предложение довольно длинное. Второе предложение.", "Первое предложение довольно длинное."},
		{"Т.е. сокращение", "Т.е. сокращение"},
		{"ааааааааааааааааааааааааааааааа", "ааааааааа…"},
	} {
		max := 120
		if len([]rune(tc.in)) > 30 && tc.want == "ааааааааа…" {
			max = 10
		}
		if got := Title(tc.in, max); got != tc.want {
			t.Errorf("Title(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChannelName(t *testing.T) {
	for _, in := range []string{"kaktus_media", "@kaktus_media", "https://t.me/kaktus_media", "https://t.me/s/kaktus_media", "t.me/kaktus_media"} {
		got, err := ChannelName(in)
		if err != nil || got != "kaktus_media" {
			t.Errorf("ChannelName(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "ab", "https://example.com/x", "kak tus", "https://t.me/"} {
		if _, err := ChannelName(bad); err == nil {
			t.Errorf("ChannelName(%q) accepted", bad)
		}
	}
}
