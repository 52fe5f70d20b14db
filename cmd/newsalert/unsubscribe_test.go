package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/email/mailpittest"
)

const testUnsubSecret = "a-test-unsubscribe-secret-of-40-bytes!!!"

// From a digest in a real mailbox to no more digests and back: the
// message carries the recipient's own one-click link (header and footer),
// the running daemon's /unsubscribe takes the mail client's POST, the
// opt-out holds (digest --to refuses), and `email resubscribe` clears it.
func TestUnsubscribeEndToEnd(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	ctx := context.Background()
	feed := hostileFeed(t)
	dir := t.TempDir()
	t.Setenv("NEWSALERT_SMTP_PASSWORD", mp.Password)
	t.Setenv("TEST_NEWSALERT_UNSUB", testUnsubSecret)
	to := fmt.Sprintf("leaver-%d@example.org", time.Now().UnixNano())
	addr := freeAddr(t)
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: %s
rules: %s
feeds:
  - url: %s
    name: Asia news
metrics:
  listen: %s
email:
  smtp: {host: %s, port: %d, tls: starttls, username: %s, ca_file: %s}
  from: "newsalert <alerts@example.org>"
  unsubscribe: "https://news.example.org/unsubscribe?t={token}"
  unsubscribe_secret_env: TEST_NEWSALERT_UNSUB
  recipients:
    - address: %s
      topics: [iskp]
      language: ru
`, filepath.Join(dir, "state.db"), repoFile("rules.yaml"), feed.URL, addr, mp.Host, mp.Port, mp.Username, mp.CAFile, to)), 0o644)
	var printed strings.Builder
	run := func(args ...string) (int, string) {
		t.Helper()
		code, out, errs := runMain(t, ctx, append(args, "--config", cfg)...)
		printed.WriteString(out + errs)
		return code, out + errs
	}
	if code, out := run("poll", "--once", "--deliver"); code != 0 {
		t.Fatalf("poll: %d\n%s", code, out)
	}
	if code, out := run("digest", "--to", to); code != 0 {
		t.Fatalf("digest: %d\n%s", code, out)
	}
	msgs, err := mp.WaitMessages(ctx, to, 1, 5*time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("%d messages, %v", len(msgs), err)
	}
	h, err := mp.Headers(ctx, msgs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	lu := h["List-Unsubscribe"]
	if len(lu) != 1 || !strings.HasPrefix(lu[0], "<https://news.example.org/unsubscribe?t=1.") ||
		len(h["List-Unsubscribe-Post"]) != 1 || h["List-Unsubscribe-Post"][0] != "List-Unsubscribe=One-Click" {
		t.Fatalf("List-Unsubscribe %q, -Post %q", lu, h["List-Unsubscribe-Post"])
	}
	link, _ := url.Parse(strings.Trim(lu[0], "<>"))
	if !strings.Contains(msgs[0].HTML, link.String()) || !strings.Contains(msgs[0].Text, link.String()) {
		t.Errorf("the footer lacks the recipient's link %s", link)
	}

	// The daemon serves the link (the reverse proxy's job is only to
	// forward https://news.example.org/unsubscribe to it).
	daemonCtx, stop := context.WithCancel(ctx)
	var daemonOut bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(daemonCtx, []string{"run", "--config", cfg}, &daemonOut, &daemonOut) }()
	stopped := false
	stopDaemon := func() {
		if !stopped {
			stopped = true
			stop()
			<-done
		}
	}
	defer stopDaemon()
	local := "http://" + addr + link.RequestURI()
	waitUntil(t, func() bool { code, _ := scrape(addr, "/healthz"); return code == http.StatusOK })

	resp, err := http.Get(local)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	resp, err = http.Post(local, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("one-click POST: %d", resp.StatusCode)
	}
	forged := strings.Replace(local, "t=1.", "t=1.x", 1)
	if resp, err := http.Post(forged, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click")); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("forged: %d", resp.StatusCode)
	}
	_, metrics := scrape(addr, "/metrics")
	for _, want := range []string{
		`newsalert_unsubscribe_requests_total{reason="",result="shown"} 1`,
		`newsalert_unsubscribe_requests_total{reason="",result="unsubscribed"} 1`,
		`result="refused"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	stopDaemon()
	printed.WriteString(daemonOut.String())

	if code, out := run("digest", "--to", to); code != 1 || !strings.Contains(out, "unsubscribed on") {
		t.Errorf("digest to an address that unsubscribed: %d\n%s", code, out)
	}
	if code, out := run("email", "unsubscribed"); code != 0 || !strings.Contains(out, to+"\tunsubscribed ") {
		t.Errorf("email unsubscribed: %d\n%s", code, out)
	}
	if code, out := run("email", "resubscribe", to); code != 0 || !strings.Contains(out, "resubscribed "+to) {
		t.Errorf("email resubscribe: %d\n%s", code, out)
	}
	if code, out := run("email", "resubscribe", to); code != 1 || !strings.Contains(out, "had not unsubscribed") {
		t.Errorf("email resubscribe again: %d\n%s", code, out)
	}
	if code, out := run("digest", "--to", to); code != 0 {
		t.Errorf("digest after resubscribing: %d\n%s", code, out)
	}
	if msgs, err := mp.WaitMessages(ctx, to, 2, 5*time.Second); err != nil || len(msgs) != 2 {
		t.Errorf("after resubscribing: %d messages, %v", len(msgs), err)
	}
	if strings.Contains(printed.String(), testUnsubSecret) || strings.Contains(printed.String(), mp.Password) {
		t.Error("a secret was printed")
	}
}

// waitUntil polls ok for up to 10 seconds.
func waitUntil(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("timed out")
}
