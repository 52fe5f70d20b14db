package feeds_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

// TestRFERLAPIFeedsAreFeeds serves an RFE/RL /api/<token> section feed
// (testdata/api/README.md) under both content types RFE/RL uses: discovery
// and the poller read it like any RSS feed.
func TestRFERLAPIFeedsAreFeeds(t *testing.T) {
	body, err := os.ReadFile("../testdata/api/azattyk_api_rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, ctype := range []string{"application/rss+xml; charset=utf-8", "text/xml"} {
		mux := http.NewServeMux()
		mux.HandleFunc("/api/zrqiteuuir", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		})
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/api/zrqiteuuir"></head>
<body><footer><a href="https://t.me/azattyk">Telegram</a></footer></body></html>`))
		})
		srv := httptest.NewServer(mux)
		f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock.Wall)
		ctx := context.Background()

		d, err := feeds.Discover(ctx, f, srv.URL+"/")
		if err != nil || d.URL != srv.URL+"/api/zrqiteuuir" || d.Items != 3 || d.TelegramChannel != "azattyk" {
			t.Errorf("%s: discover from the home page: %+v, %v", ctype, d, err)
		}
		if d, err := feeds.Discover(ctx, f, srv.URL+"/api/zrqiteuuir"); err != nil || d.Via != "the URL is a feed" {
			t.Errorf("%s: discover the API URL: %+v, %v", ctype, d, err)
		}

		res := newPoller(t, openStore(t), feeds.PollerOptions{}).Poll(ctx, feeds.Source{URL: srv.URL + "/api/zrqiteuuir", Name: "Azattyk"})
		if res.Err != nil || len(res.Items) != 3 || res.Items[0].CanonicalLink != "https://www.azattyk.org/a/33600001.html" ||
			res.Items[1].Title != "Бишкекте экстремизм беренеси менен үч киши кармалды" {
			t.Errorf("%s: poll: err %v, %d items %+v", ctype, res.Err, len(res.Items), res.Items)
		}
		srv.Close()
	}
}
