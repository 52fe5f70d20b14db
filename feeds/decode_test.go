package feeds_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsalert/newsalert/feeds"
)

// lentaCut is the lenta.ru fixture with one byte of a Cyrillic letter cut
// from the first item's summary ("Об этом" loses the second byte of "О"),
// the way a CMS that truncates by bytes leaves it.
func lentaCut(t *testing.T) []byte {
	t.Helper()
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	i := bytes.Index(lenta, []byte("Об этом стало известно ТАСС"))
	if i < 0 {
		t.Fatal("the fixture's first summary not found")
	}
	return append(append([]byte{}, lenta[:i+1]...), lenta[i+2:]...)
}

// servePoll serves body with contentType and polls it once through the
// real Poller and a store, returning the result and the items handed on.
func servePoll(t *testing.T, p *feeds.Poller, body []byte, contentType string) (feeds.Result, []feeds.Item) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}))
	defer srv.Close()
	var handed []feeds.Item
	res := p.PollThen(context.Background(), feeds.Source{URL: srv.URL + "/rss"}, func(r feeds.Result) error {
		handed = append(handed, r.Items...)
		return nil
	})
	return res, handed
}

// One stray byte in a UTF-8 feed costs one character, not the feed: it is
// read as UTF-8 with a replacement character, whether UTF-8 is declared in
// the XML, in the Content-Type, or nowhere.
func TestOneBadByteKeepsAUTF8FeedReadable(t *testing.T) {
	cut := lentaCut(t)
	undeclared := bytes.Replace(cut, []byte(`<?xml version="1.0" encoding="UTF-8"?>`), nil, 1)
	for _, tc := range []struct {
		name, contentType string
		body              []byte
	}{
		{"declared in the XML", "application/rss+xml", cut},
		{"declared in the Content-Type", "text/xml; charset=utf-8", undeclared},
		{"declared nowhere", "text/xml", undeclared},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			res, handed := servePoll(t, newPoller(t, st, feeds.PollerOptions{}), tc.body, tc.contentType)
			if res.Err != nil || len(handed) != 200 {
				t.Fatalf("err %v, %d items handed on; want 200", res.Err, len(handed))
			}
			first := handed[0]
			if first.Title != "Стало известно о задержании бизнесмена Михаила Фридмана в Лондоне" {
				t.Errorf("first title %q", first.Title)
			}
			if !strings.Contains(first.Text, "\uFFFDб этом стало известно ТАСС") {
				t.Errorf("the cut letter is not one replacement character: %.120q", first.Text)
			}
			if s := state(t, st, res.Source.URL); s.LastError != "" || s.ConsecutiveErrors != 0 {
				t.Errorf("state %+v; want healthy", s)
			}
		})
	}
}

// A body that is garbage in the encoding it was read in (UTF-8 encoded
// twice, UTF-8 with every third letter cut, read as UTF-8 or as KOI8-R,
// windows-1251 read as KOI8-R) fails the
// poll with an error naming the encoding and what looked wrong, and hands
// on no items: none is marked seen, so they alert once the feed is fixed.
func TestGarbledFeedIsAnErrorAndItsItemsAreNotHandedOn(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	twice := func(cm *charmap.Charmap) []byte {
		out, err := cm.NewDecoder().Bytes(lenta)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	thirds := cutEveryThirdLetter(lenta)
	thirdsKOI8 := bytes.Replace(thirds, []byte(`encoding="UTF-8"`), []byte(`encoding="KOI8-R"`), 1)
	cp1251AsKOI8 := bytes.Replace(fixture(t, "ru_ibash-org-ru_rss2_windows-1251.xml"), []byte(`encoding="windows-1251"`), []byte(`encoding="KOI8-R"`), 1)
	for _, tc := range []struct {
		name, contentType string
		body              []byte
		want              []string
	}{
		{"UTF-8 encoded twice via windows-1252", "application/rss+xml", twice(charmap.Windows1252), []string{"utf-8", "garbled", "windows-1252"}},
		{"UTF-8 encoded twice via windows-1251", "application/rss+xml", twice(charmap.Windows1251), []string{"utf-8", "garbled", "windows-1251"}},
		{"UTF-8 with a third of its letters cut", "text/xml; charset=utf-8", thirds, []string{"utf-8", "garbled", "U+FFFD"}},
		{"the same declared KOI8-R", "text/xml", thirdsKOI8, []string{"koi8-r", "garbled", "UTF-8 read as koi8-r"}},
		{"windows-1251 declared KOI8-R", "text/xml", cp1251AsKOI8, []string{"koi8-r", "garbled", "upper-case"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			res, handed := servePoll(t, newPoller(t, st, feeds.PollerOptions{}), tc.body, tc.contentType)
			if len(handed) != 0 || res.Err == nil {
				t.Fatalf("err %v, %d items handed on (first %q); want an error and none", res.Err, len(handed), firstTitle(res))
			}
			s := state(t, st, res.Source.URL)
			t.Log(s.LastError)
			for _, w := range tc.want {
				if !strings.Contains(s.LastError, w) {
					t.Errorf("state error %q lacks %q", s.LastError, w)
				}
			}
			if s.ConsecutiveErrors != 1 || !s.LastSuccess.IsZero() || s.BodyHash != "" {
				t.Errorf("state %+v; want one error, no success, the body not remembered", s)
			}
		})
	}
}

// Once the garbled body is fixed, its items come as news (not a first
// poll's backlog) and are handed on.
func TestItemsOfAGarbledPollArriveOnceTheFeedIsFixed(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	first := bytes.Index(lenta, []byte("<item>"))
	second := first + bytes.Index(lenta[first+1:], []byte("<item>")) + 1
	older := append(append([]byte{}, lenta[:first]...), lenta[second:]...) // without the newest item
	garbled, _ := charmap.Windows1252.NewDecoder().Bytes(lenta)
	var (
		mu   sync.Mutex
		body = older
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Write(body)
	}))
	defer srv.Close()
	serve := func(b []byte) { mu.Lock(); body = b; mu.Unlock() }
	p := newPoller(t, openStore(t), feeds.PollerOptions{})
	src := feeds.Source{URL: srv.URL}
	poll := func() (feeds.Result, int) {
		n := 0
		res := p.PollThen(context.Background(), src, func(r feeds.Result) error { n += len(r.Items); return nil })
		return res, n
	}
	if res, n := poll(); res.Err != nil || n != 199 || !res.FirstPoll {
		t.Fatalf("first poll: err %v, %d items, first poll %v", res.Err, n, res.FirstPoll)
	}
	serve(garbled)
	if res, n := poll(); res.Err == nil || n != 0 {
		t.Fatalf("garbled poll: err %v, %d items handed on", res.Err, n)
	}
	serve(lenta)
	res, n := poll()
	if res.Err != nil || n != 200 || res.FirstPoll || res.Items[0].Title != "Стало известно о задержании бизнесмена Михаила Фридмана в Лондоне" {
		t.Fatalf("fixed: err %v, %d items, first poll %v, first %q", res.Err, n, res.FirstPoll, firstTitle(res))
	}
}

// cutEveryThirdLetter drops the second byte of every third Cyrillic letter.
func cutEveryThirdLetter(b []byte) []byte {
	out := make([]byte, 0, len(b))
	n := 0
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if (b[i] == 0xD0 || b[i] == 0xD1) && i+1 < len(b) {
			if n++; n%3 == 0 {
				i++
			}
		}
	}
	return out
}
