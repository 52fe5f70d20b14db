package feeds_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

var newsSelectors = feeds.Selectors{Item: "article.news-item", Title: ".news-title", Date: ".news-date",
	DateLayout: "02.01.2006 15:04", Summary: ".news-lead"}

func pageServer(t *testing.T, files map[string]string) *httptest.Server {
	mux := http.NewServeMux()
	for path, file := range files {
		body, err := os.ReadFile("testdata/pages/" + file)
		if err != nil {
			t.Fatal(err)
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write(body)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestHTMLSourceItems(t *testing.T) {
	srv := pageServer(t, map[string]string{"/kz/news/": "news.html", "/kz/cp1251/": "news-cp1251.html"})
	for _, path := range []string{"/kz/news/", "/kz/cp1251/"} {
		p := newPollerAt(t, openStore(t), feeds.PollerOptions{}, afterTheFixtures)
		res := p.Poll(context.Background(), feeds.Source{URL: srv.URL + path, Kind: feeds.KindHTML, Select: newsSelectors})
		if res.Err != nil {
			t.Fatalf("%s: %v", path, res.Err)
		}
		if len(res.Items) != 3 {
			t.Fatalf("%s: %d items, want 3", path, len(res.Items))
		}
		first, third := res.Items[0], res.Items[2]
		if first.Title != "В Алматы задержан вербовщик ИГИЛ" {
			t.Errorf("%s: title %q", path, first.Title)
		}
		if first.Link != srv.URL+"/news/2026/12/04/zaderzhanie.html?utm_source=main" ||
			first.CanonicalLink != srv.URL+"/news/2026/12/04/zaderzhanie.html" {
			t.Errorf("%s: link %q canonical %q", path, first.Link, first.CanonicalLink)
		}
		if third.Link != srv.URL+"/kz/archive/pogoda.html" {
			t.Errorf("%s: relative link resolved to %q", path, third.Link)
		}
		if !first.Published.Equal(time.Date(2026, 12, 4, 10, 15, 0, 0, time.UTC)) || first.DateEstimated {
			t.Errorf("%s: date %v", path, first.Published)
		}
		if !third.DateEstimated {
			t.Errorf("%s: unreadable date not estimated", path)
		}
		if !strings.Contains(first.Summary, "«ИГИЛ-Хорасан»") {
			t.Errorf("%s: summary %q", path, first.Summary)
		}
	}
}

func TestHTMLSourceSelectorFindsNothing(t *testing.T) {
	srv := pageServer(t, map[string]string{"/news/": "news.html"})
	for _, tc := range []struct {
		sel   feeds.Selectors
		field string
	}{
		{feeds.Selectors{Item: "div.story", Title: "h2"}, "item"},
		{feeds.Selectors{Item: "article.news-item", Title: "h3.headline"}, "title"},
	} {
		st := openStore(t)
		src := feeds.Source{URL: srv.URL + "/news/", Kind: feeds.KindHTML, Select: tc.sel}
		res := newPoller(t, st, feeds.PollerOptions{}).Poll(context.Background(), src)
		var se *feeds.SelectorError
		if !errors.As(res.Err, &se) || se.Field != tc.field {
			t.Fatalf("err %v, want a %s selector error", res.Err, tc.field)
		}
		if !strings.Contains(res.Err.Error(), src.URL) || !strings.Contains(res.Err.Error(), se.Selector) {
			t.Errorf("error %q names neither source nor selector", res.Err)
		}
		if state(t, st, src.URL).ConsecutiveErrors != 1 {
			t.Errorf("failure not recorded in the feed state")
		}
	}
}

func TestPageDates(t *testing.T) {
	for _, tc := range []struct {
		in, layout string
		want       time.Time
	}{
		{"04.12.2026 10:15", "", time.Date(2026, 12, 4, 10, 15, 0, 0, time.UTC)},
		{"2026-12-04T10:15:00+05:00", "", time.Date(2026, 12, 4, 5, 15, 0, 0, time.UTC)},
		{"10:15, 04.12.2026", "", time.Date(2026, 12, 4, 10, 15, 0, 0, time.UTC)},
		{" 4 Dec 2026 ", "2 Jan 2006", time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)},
	} {
		got, ok := feeds.ParsePageDate(tc.in, tc.layout)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("%q (%q): %v %v, want %v", tc.in, tc.layout, got, ok, tc.want)
		}
	}
	if _, ok := feeds.ParsePageDate("вчера", ""); ok {
		t.Errorf("\"вчера\" read as a date")
	}
}
