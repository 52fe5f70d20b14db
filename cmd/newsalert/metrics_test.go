package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/config"
)

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func scrape(addr, path string) (int, string) {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The daemon serves /metrics, /healthz and /readyz on metrics.listen, and
// the metrics count what it did.
func TestRunServesMetrics(t *testing.T) {
	api, cfg := withTelegram(t, "      topics: [iskp]\n")
	addr := freeAddr(t)
	f, _ := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	fmt.Fprintf(f, "metrics:\n  listen: %s\n", addr)
	f.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", cfg}, &bytes.Buffer{}, &stderr) }()
	defer func() { cancel(); <-done }()
	api.WaitMessages(1, 20*time.Second)

	wants := []string{
		`newsalert_feed_polls_total{feed="Asia news",result="ok"} 1`,
		`newsalert_feed_items_total{feed="Asia news"} 3`,
		`newsalert_matches_total{topic="iskp"} 1`,
		`newsalert_sends_total{channel="telegram",reason="",result="sent"} 1`,
		"newsalert_outbox_pending 0",
	}
	// The counters and the outbox gauge are updated at different moments
	// after the send: wait until all of them say so.
	var body string
	var missing []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var code int
		code, body = scrape(addr, "/metrics")
		missing = missing[:0]
		for _, want := range wants {
			if !strings.Contains(body, want) {
				missing = append(missing, want)
			}
		}
		if code == 200 && len(missing) == 0 {
			break
		}
	}
	for _, want := range missing {
		t.Errorf("/metrics lacks %q", want)
	}
	if strings.Contains(body, testToken) {
		t.Error("the token is in the metrics")
	}
	if code, b := scrape(addr, "/healthz"); code != 200 {
		t.Errorf("/healthz = %d %s", code, b)
	}
	if code, b := scrape(addr, "/readyz"); code != 200 {
		t.Errorf("/readyz = %d %s", code, b)
	}
}

// TestMaxPollAge: /readyz allows twice the shortest gap between polls of
// any feed (its interval, its schedule's, or the default), and the timeout.
func TestMaxPollAge(t *testing.T) {
	cfg := &config.Config{Poll: config.Poll{Interval: time.Hour, Timeout: 30 * time.Second}, Feeds: []config.Feed{
		{URL: "http://127.0.0.1/a"},                             // the default hour
		{URL: "http://127.0.0.1/b", Interval: 20 * time.Minute}, // its own interval
		{URL: "http://127.0.0.1/c", Schedule: "*/10 * * * *"},   // every ten minutes
		{URL: "http://127.0.0.1/d", Schedule: "0 9 * * *"},      // daily
	}}
	at := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	if got, want := maxPollAge(cfg, at), 20*time.Minute+30*time.Second; got != want {
		t.Errorf("maxPollAge = %s; want %s", got, want)
	}
	cfg.Feeds = cfg.Feeds[:2]
	if got, want := maxPollAge(cfg, at), 40*time.Minute+30*time.Second; got != want {
		t.Errorf("without the scheduled feeds: maxPollAge = %s; want %s", got, want)
	}
}
