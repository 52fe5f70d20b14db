package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/config"
)

func TestFeedsCommandShowsHealth(t *testing.T) {
	news := newNewsServer(t)
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer broken.Close()
	cfg := writeConfig(t, news.URL, "", "")
	data, _ := os.ReadFile(cfg)
	cfgText := strings.Replace(string(data), "telegram:\n  api_endpoint: \"\"\n  chats:\n    - id: 777\n",
		"  - url: "+broken.URL+"/rss\n  - url: http://127.0.0.1:1/never\n", 1)
	cfgText = strings.Replace(cfgText, "  interval: 1h\n", "  interval: 1h\n  unhealthy_after: 2\n", 1)
	os.WriteFile(cfg, []byte(cfgText), 0o644)
	ctx := context.Background()

	// Poll twice for real, then look.
	for range 2 {
		if code, out, errOut := runMain(t, ctx, "poll", "--once", "--deliver", "--config", cfg); code != 0 {
			t.Fatalf("poll: exit %d\n%s%s", code, out, errOut)
		}
	}
	code, stdout, stderr := runMain(t, ctx, "feeds", "--config", cfg, "--json")
	if code != 0 {
		t.Fatalf("feeds: exit %d: %s", code, stderr)
	}
	var reports []feedReport
	if err := json.Unmarshal([]byte(stdout), &reports); err != nil {
		t.Fatalf("feeds --json is not JSON: %v\n%s", err, stdout)
	}
	if len(reports) != 3 {
		t.Fatalf("reports = %+v", reports)
	}
	good, bad := reports[0], reports[1]
	if good.Status != "ok" || good.ItemsSeen != 3 || good.LastSuccess.IsZero() || good.NextPoll.IsZero() || good.Name != "Asia news" {
		t.Errorf("good feed = %+v", good)
	}
	if bad.Status != "unhealthy" || bad.ConsecutiveErrors != 2 || bad.LastStatus != 502 || !strings.Contains(bad.LastError, "HTTP 502") {
		t.Errorf("broken feed = %+v", bad)
	}

	code, stdout, _ = runMain(t, ctx, "feeds", "--config", cfg)
	if code != 0 || !strings.Contains(stdout, "STATUS") || !strings.Contains(stdout, "unhealthy") ||
		!strings.Contains(stdout, "HTTP 502 Bad Gateway") || !strings.Contains(stdout, "Asia news <"+news.URL+">") {
		t.Errorf("feeds table:\n%s", stdout)
	}

	code, stdout, _ = runMain(t, ctx, "feeds", "--config", cfg, "--reset", broken.URL+"/rss")
	if code != 0 || !strings.Contains(stdout, "reset") {
		t.Errorf("reset: exit %d, %s", code, stdout)
	}
	_, stdout, _ = runMain(t, ctx, "feeds", "--config", cfg, "--json")
	json.Unmarshal([]byte(stdout), &reports)
	if reports[1].Status != "ok" || reports[1].ConsecutiveErrors != 0 || reports[1].TotalErrors != 2 {
		t.Errorf("after reset: %+v", reports[1])
	}
}

func TestAddFeedFindsAndWrites(t *testing.T) {
	news := newNewsServer(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="` + news.URL + `/rss"></head></html>`))
	}))
	defer site.Close()
	cfg := writeConfig(t, "http://127.0.0.1:1/first", "", "")
	ctx := context.Background()

	code, stdout, stderr := runMain(t, ctx, "add-feed", "--config", cfg, site.URL)
	if code != 0 || !strings.Contains(stdout, "found "+news.URL+"/rss (\"Asia news\", 3 items) via <link rel=alternate> on the page") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if c, _ := config.Load(cfg); len(c.Feeds) != 1 {
		t.Fatal("add-feed without --write changed the config")
	}
	code, stdout, stderr = runMain(t, ctx, "add-feed", "--config", cfg, "--write", "--regions", "tajikistan", site.URL)
	if code != 0 || !strings.Contains(stdout, "added to "+cfg) {
		t.Fatalf("--write: exit %d\n%s%s", code, stdout, stderr)
	}
	c, err := config.Load(cfg)
	if err != nil || len(c.Feeds) != 2 || c.Feeds[1].URL != news.URL+"/rss" || c.Feeds[1].Regions[0].Value != "tajikistan" {
		t.Errorf("config after --write: %+v, %v", c, err)
	}
	if code, _, stderr := runMain(t, ctx, "add-feed", "--config", cfg, "http://127.0.0.1:1/"); code != 1 || !strings.Contains(stderr, "connection refused") {
		t.Errorf("unreachable site: exit %d, %s", code, stderr)
	}
}
