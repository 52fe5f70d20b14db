package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
)

// columns splits a tabwriter line: its cells are padded by two spaces or more.
var columns = regexp.MustCompile(`\s{2,}`)

// probeClock is a day after the newest item of the Lenta.ru fixture.
var probeClock = time.Date(2022, 12, 4, 12, 0, 0, 0, time.UTC)

// newProbeServer serves real feeds from testdata and broken sources.
func newProbeServer(t *testing.T) *httptest.Server {
	t.Helper()
	file := func(name, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, err := os.ReadFile(repoFile(filepath.Join("testdata", "feeds", name)))
			if err != nil {
				t.Error(err)
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/lenta", file("ru_lenta-ru_rss2.xml", "application/rss+xml"))
	mux.Handle("/oren", file("ru_oren-ru_rss2_windows-1251_noguid.xml", "text/xml"))
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/fails", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html><head><title>Новости</title></head><body><h1>Главная</h1></body></html>")
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Empty</title><link>https://example.org/</link><description>none</description></channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func probeConfig(t *testing.T, base string, paths ...string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf("storage: %s\nrules: %s\nfeeds:\n", filepath.Join(dir, "state.db"), repoFile("rules.yaml"))
	for _, p := range paths {
		cfg += "  - url: " + base + p + "\n"
	}
	path := filepath.Join(dir, "newsalert.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runProbe(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := cmdEnv{stdout: &out, stderr: &errOut, now: func() time.Time { return probeClock }}
	code := mainWith(context.Background(), env, append([]string{"sources", "probe"}, args...))
	return code, out.String(), errOut.String()
}

func TestSourcesProbeSaysWhatIsWrongWithEachSource(t *testing.T) {
	srv := newProbeServer(t)
	cfg := probeConfig(t, srv.URL, "/lenta", "/oren", "/gone", "/fails", "/page", "/empty")
	code, stdout, stderr := runProbe(t, "--json", "--config", cfg)
	if code != 1 || !strings.Contains(stderr, "5 of 6 sources have problems") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []sourceProbe
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	want := []struct {
		path, kind, charset, lang string
		status, items             int
		ok                        bool
		problem                   string
	}{
		{"/lenta", "rss", "utf-8", "ru", 200, 200, true, ""},
		{"/oren", "rss", "windows-1251", "ru", 200, 10, false, "stale: the newest item is 3237 days old (more than 7 days)"},
		{"/gone", "feed", "", "", 404, 0, false, "not found (HTTP 404): the feed is gone or its address is wrong"},
		{"/fails", "feed", "", "", 500, 0, false, "the server fails (HTTP 500 Internal Server Error)"},
		{"/page", "feed", "", "", 200, 0, false, "not a feed but an HTML page (try add-feed on it)"},
		{"/empty", "rss", "utf-8", "", 200, 0, false, "the feed is empty: no items"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reports: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		problems := strings.Join(g.Problems, "; ")
		if g.Source != srv.URL+w.path || g.Kind != w.kind || g.Status != w.status || g.Items != w.items ||
			g.Charset != w.charset || g.Language != w.lang || g.OK != w.ok || !strings.HasPrefix(problems, w.problem) ||
			(w.problem == "") != (problems == "") {
			t.Errorf("%s: got %+v\nwant %+v", w.path, g, w)
		}
	}
	if lenta := got[0]; lenta.Newest.IsZero() || lenta.AgeHours < 19 || lenta.AgeHours > 20 {
		t.Errorf("lenta's newest item: %v, %.1f hours old", lenta.Newest, lenta.AgeHours)
	}

	code, table, _ := runProbe(t, "--config", cfg)
	if code != 1 {
		t.Errorf("table: exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[0], "OK") || !strings.Contains(lines[0], "PROBLEMS") {
		t.Fatalf("table:\n%s", table)
	}
	for i, w := range []string{
		"ok|" + srv.URL + "/lenta|rss|200|200|19h ago|utf-8|ru|-",
		"FAIL|" + srv.URL + "/oren|rss|200|10|3237 days ago|windows-1251|ru|stale: the newest item is 3237 days old (more than 7 days)",
		"FAIL|" + srv.URL + "/gone|feed|404|0|-|-|-|not found (HTTP 404): the feed is gone or its address is wrong",
	} {
		if got := strings.Join(columns.Split(lines[i+1], -1), "|"); got != w {
			t.Errorf("line %d:\n got %s\nwant %s…", i+1, got, w)
		}
	}
}

func TestSourcesProbeExitsZeroWhenAllIsWell(t *testing.T) {
	srv := newProbeServer(t)
	code, stdout, stderr := runProbe(t, "--config", probeConfig(t, srv.URL, "/lenta"))
	if code != 0 || stderr != "" || !strings.Contains(stdout, "ok") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestDiagnoseNamesRedirectsAndBadDates(t *testing.T) {
	src := feeds.Source{URL: "https://news.example/rss"}
	fresh := []feeds.Item{{Title: "Новости дня", Published: probeClock.Add(-time.Hour)}}
	for _, c := range []struct {
		name string
		d    probeData
		want string
	}{
		{"elsewhere", probeData{Kind: "rss", Status: 200, MovedTo: "https://spam.example/casino", Items: fresh},
			"redirects for good to another site: https://spam.example/casino"},
		{"same site", probeData{Kind: "rss", Status: 200, MovedTo: "https://www.news.example/feed", Items: fresh},
			"has moved to https://www.news.example/feed (update the config)"},
		{"bad dates", probeData{Kind: "rss", Status: 200, BadDates: 1, Items: fresh}, "1 of 1 items have dates that cannot be read"},
		{"fine", probeData{Kind: "rss", Status: 200, Items: fresh}, ""},
	} {
		r := diagnose(src, c.d, nil, probeClock, 7*24*time.Hour)
		if got := strings.Join(r.Problems, "; "); got != c.want || r.OK != (c.want == "") {
			t.Errorf("%s: problems %q, ok %v; want %q", c.name, got, r.OK, c.want)
		}
	}
}

func TestAddFeedSuggestsTheSitesTelegramChannel(t *testing.T) {
	probe := newProbeServer(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="%s/lenta"></head>
<body><a href="https://t.me/share/url?url=x">share</a><footer><a href="https://t.me/kaktus_media">Telegram</a></footer></body></html>`, probe.URL)
	}))
	defer site.Close()
	cfg := probeConfig(t, probe.URL, "/lenta")
	code, stdout, stderr := runMain(t, context.Background(), "add-feed", "--config", cfg, site.URL+"/")
	if code != 0 || !strings.Contains(stdout, "found the Telegram channel https://t.me/kaktus_media") ||
		!strings.Contains(stdout, "  - telegram: kaktus_media\n") || !strings.Contains(stdout, "  - url: "+probe.URL+"/lenta\n") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestExampleConfigCoversTheRegion keeps the example's outlets: a feed for
// each of the six countries, and its commented telegram: entries valid
// channel names, ready to uncomment.
func TestExampleConfigCoversTheRegion(t *testing.T) {
	cfg, err := config.Load(repoFile("newsalert.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]int{}
	for _, f := range cfg.Feeds {
		for _, r := range config.Strings(f.Regions) {
			regions[r]++
		}
	}
	for _, c := range []string{"kyrgyzstan", "kazakhstan", "tajikistan", "uzbekistan", "turkmenistan", "afghanistan"} {
		if regions[c] == 0 {
			t.Errorf("no feed for %s", c)
		}
	}
	data, _ := os.ReadFile(repoFile("newsalert.example.yaml"))
	channels := regexp.MustCompile(`(?m)^  # - telegram: (\S+)`).FindAllStringSubmatch(string(data), -1)
	if len(channels) < 5 {
		t.Errorf("%d telegram channels in the example", len(channels))
	}
	for _, m := range channels {
		if feeds.ChannelFromLink("https://t.me/"+m[1]) != m[1] {
			t.Errorf("telegram: %s is not a channel name", m[1])
		}
	}
}

// previewDisabled stands for the errors other kinds of source return.
type previewDisabled struct{}

func (previewDisabled) Error() string   { return "t.me/s/x: no message wrap in the page" }
func (previewDisabled) Problem() string { return "the channel's web preview is disabled" }

func TestDiagnoseShowsAPlainProblemAsIs(t *testing.T) {
	r := diagnose(feeds.Source{URL: "telegram:x"}, probeData{Kind: "telegram", Status: 200}, fmt.Errorf("probe: %w", previewDisabled{}), probeClock, time.Hour)
	if r.OK || len(r.Problems) != 1 || r.Problems[0] != "the channel's web preview is disabled" {
		t.Errorf("problems %q", r.Problems)
	}
}

// TestProbeIsPoliteToAHost probes six sources of one host: never two
// requests to it at once.
func TestProbeIsPoliteToAHost(t *testing.T) {
	var mu sync.Mutex
	inFlight, most, served := 0, 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		served++
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer srv.Close()
	var srcs []feeds.Source
	for i := range 6 {
		srcs = append(srcs, feeds.Source{URL: fmt.Sprintf("%s/f%d", srv.URL, i)})
	}
	clock := func() time.Time { return probeClock }
	f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 2, clock)
	reports := probeAll(context.Background(), srcs, feedProber{fetcher: f, now: clock}, 8, clock, time.Hour)
	if most != 1 || served != 6 || broken(reports) != 6 {
		t.Errorf("at most %d requests at once, %d served, %d broken", most, served, broken(reports))
	}
}
