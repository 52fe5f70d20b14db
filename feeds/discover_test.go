package feeds_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

func TestDiscover(t *testing.T) {
	lenta := fixture(t, "ru_lenta-ru_rss2.xml")
	atomFeed := fixture(t, "en_tpm_atom_relative-links.xml")
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>News</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Broken" href="/broken.xml">
<link rel="alternate" type="application/rss+xml" title="All news" href="/rss/all">
</head><body><a href="/rss/other">not this</a></body></html>`))
	})
	mux.HandleFunc("/rss/all", func(w http.ResponseWriter, r *http.Request) { w.Write(lenta) })
	mux.HandleFunc("/bare/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bare/" {
			w.Write([]byte("<html><head></head><body>no links</body></html>"))
		}
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(atomFeed) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
	ctx := context.Background()

	d, err := feeds.Discover(ctx, f, srv.URL+"/")
	if err != nil || d.URL != srv.URL+"/rss/all" || d.Items != 200 || d.Via != "<link rel=alternate> on the page" {
		t.Errorf("home page: %+v, %v", d, err)
	}
	d, err = feeds.Discover(ctx, f, srv.URL+"/rss/all")
	if err != nil || d.URL != srv.URL+"/rss/all" || d.Via != "the URL is a feed" || !strings.Contains(d.Title, "Lenta") {
		t.Errorf("feed URL: %+v, %v", d, err)
	}
	d, err = feeds.Discover(ctx, f, srv.URL+"/bare/")
	if err != nil || d.URL != srv.URL+"/atom.xml" || d.Via != "the common path /atom.xml" {
		t.Errorf("page without links: %+v, %v", d, err)
	}
	_, err = feeds.Discover(ctx, f, srv.URL+"/nothing")
	if err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("missing page: %v", err)
	}
}
