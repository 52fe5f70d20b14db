package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/internal/testlog"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// buildBinary builds newsalert once for the tests that run it as a
// process.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsalert-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "newsalert")
		args := []string{"build", "-o", binPath}
		if clock.Shift() != 0 { // the binary reads the same moved clock as the tests
			args = append(args, "-tags", "clockshift")
		}
		if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// burstFeed serves n matching items at once.
func burstFeed(t *testing.T, n int) *httptest.Server {
	var items strings.Builder
	now := clock.Wall()
	for i := range n {
		fmt.Fprintf(&items, `<item><title>ISKP cell %03d detained in Dushanbe</title><link>http://127.0.0.1/news/%d</link>
<guid>item-%d</guid><pubDate>%s</pubDate><description>Tajik security services detained ISIS members, report %d.</description></item>`,
			i, i, i, now.Add(-time.Duration(n-i)*time.Second).Format(time.RFC1123Z), i)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Burst</title>%s</channel></rss>`, items.String())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The real binary is killed with SIGKILL at random moments while it polls
// a burst of 150 matching items and sends their alerts to two chats (every
// other kill once a send is seen), and restarted each time. In the end
// every alert arrived in each chat at least once, with at most one
// duplicate per kill in each (one message is in flight to a chat at a
// time), and the store is sound. A last SIGTERM stops it cleanly.
func TestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary through 20 kills")
	}
	const items, kills = 150, 20
	bin := buildBinary(t)
	feed := burstFeed(t, items)
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: %s
rules: %s
feeds:
  - url: %s
    name: Burst
telegram:
  api_endpoint: %q
  limits: {per_chat: 25ms, per_second: 500, per_group_per_minute: 6000}
  chats:
    - id: 777
      topics: [iskp]
    - id: 888
      topics: [iskp]
`, db, repoFile("rules.yaml"), feed.URL, api.Endpoint())), 0o644)

	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "run", "--config", cfg, "--log-level", "error")
		cmd.Env = append(os.Environ(), "NEWSALERT_TELEGRAM_TOKEN="+testToken)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	killedDuringBurst := 0
	for i := range kills {
		cmd := start()
		if i%2 == 0 { // anywhere: starting, polling, recording or sending
			time.Sleep(time.Duration(30+rng.IntN(700)) * time.Millisecond)
		} else { // while sending, however long a loaded machine takes to start
			waitForASend(api, items)
			time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
		}
		if n := delivered(api); n > 0 && n < 2*items {
			killedDuringBurst++
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	// A last run delivers what is left and is stopped with SIGTERM.
	cmd := start()
	time.Sleep(time.Second) // up and listening for signals
	deadline := time.Now().Add(60 * time.Second)
	for delivered(api) < 2*items && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v; want exit 0", err)
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Error("SIGTERM did not stop the daemon within 15 s")
	}

	for _, chat := range []string{"777", "888"} {
		msgs := api.MessagesTo(chat)
		if got := distinct(msgs); got != items {
			t.Errorf("chat %s: %d of %d alerts delivered", chat, got, items)
		}
		dups := len(msgs) - distinct(msgs)
		if dups > kills {
			t.Errorf("chat %s: %d duplicates after %d kills", chat, dups, kills)
		}
		t.Logf("chat %s: %d messages, %d duplicates", chat, len(msgs), dups)
	}
	t.Logf("%d kills, %d during the burst of sends", kills, killedDuringBurst)
	if killedDuringBurst < kills/4 {
		t.Errorf("only %d kills fell while alerts were being sent", killedDuringBurst)
	}
	st, err := store.Open(context.Background(), db, clock.Wall)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v := storetest.IntegrityCheck(t, db); v != "ok" {
		t.Errorf("integrity check: %q", v)
	}
	if ob, _ := st.OutboxStats(context.Background()); ob.Pending != 0 || ob.Failed != 0 {
		t.Errorf("outbox = %+v", ob)
	}
}

// delivered counts the different alerts that reached chats 777 and 888.
func delivered(api *telegramtest.Server) int {
	return distinct(api.MessagesTo("777")) + distinct(api.MessagesTo("888"))
}

// waitForASend waits up to 20 s for the Bot API to receive a message, or
// for every alert to have arrived in both chats.
func waitForASend(api *telegramtest.Server, items int) {
	before := len(api.Messages())
	deadline := time.Now().Add(20 * time.Second)
	for len(api.Messages()) == before && delivered(api) < 2*items && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
}

// distinct counts the different items the messages alert about.
func distinct(msgs []telegramtest.Message) int {
	seen := map[string]bool{}
	for _, m := range msgs {
		if i := strings.Index(m.Text, "ISKP cell "); i >= 0 {
			seen[m.Text[i:i+len("ISKP cell 000")]] = true
		}
	}
	return len(seen)
}

// SIGHUP reloads the config: a feed added to it is polled and its alerts
// go to a chat added with it; a broken config is reported and the one in
// use kept.
func TestSIGHUPReloadsConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildBinary(t)
	quiet := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>`)
	}))
	t.Cleanup(quiet.Close)
	burst := burstFeed(t, 3)
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "newsalert.yaml")
	write := func(feedsAndChats string) {
		os.WriteFile(cfg, []byte(fmt.Sprintf("storage: %s\nrules: %s\n%s", filepath.Join(dir, "state.db"),
			repoFile("rules.yaml"), feedsAndChats)), 0o644)
	}
	telegram := fmt.Sprintf("telegram:\n  api_endpoint: %q\n  limits: {per_chat: 10ms}\n  chats:\n    - id: 777\n", api.Endpoint())
	write(fmt.Sprintf("feeds:\n  - url: %s\n", quiet.URL) + telegram)
	var stderr testlog.Buffer
	cmd := exec.Command(bin, "run", "--config", cfg)
	cmd.Env = append(os.Environ(), "NEWSALERT_TELEGRAM_TOKEN="+testToken)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	waitLog := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(stderr.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q in the logs:\n%s", what, stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitLog("newsalert running")

	write("feeds:\n  - url: [broken\n" + telegram)
	cmd.Process.Signal(syscall.SIGHUP)
	waitLog("config reload failed; keeping the config and rules in use")

	write(fmt.Sprintf("feeds:\n  - url: %s\n  - url: %s\n", quiet.URL, burst.URL) + telegram + "    - id: 888\n")
	cmd.Process.Signal(syscall.SIGHUP)
	waitLog("config reloaded")
	deadline := time.Now().Add(10 * time.Second)
	for (len(api.MessagesTo("777")) < 3 || len(api.MessagesTo("888")) < 3) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if len(api.MessagesTo("777")) != 3 || len(api.MessagesTo("888")) != 3 {
		t.Errorf("after the reload: %d alerts to 777, %d to 888; want 3 each\n%s",
			len(api.MessagesTo("777")), len(api.MessagesTo("888")), stderr.String())
	}
}

// A SIGHUP that comes while the daemon starts (as systemd's ExecReload
// may, just after the start) is a reload done once it is ready, not its
// end: the daemon runs on, reloads, and stops cleanly on SIGTERM.
func TestSIGHUPWhileStartingIsAReload(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildBinary(t)
	feed := burstFeed(t, 1)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: %s\nrules: %s\nfeeds:\n  - url: %s\n",
		filepath.Join(dir, "state.db"), repoFile("rules.yaml"), feed.URL)), 0o644)
	var stderr testlog.Buffer
	cmd := exec.Command(bin, "run", "--config", cfg)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// awaitLog waits for what in the logs; the daemon's end before it is
	// the failure ended names.
	awaitLog := func(what, ended string) {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for !strings.Contains(stderr.String(), what) {
			select {
			case err := <-done:
				t.Fatalf("%s: %v\n%s", ended, err, stderr.String())
			case <-deadline:
				cmd.Process.Kill()
				t.Fatalf("no %q within 15 s:\n%s", what, stderr.String())
			case <-time.After(time.Millisecond):
			}
		}
	}
	// As soon as it says it starts, long before it is up (the store, the
	// senders and the reloader come after): a fixed wait from the exec
	// was shorter than the runtime's own start on a busy machine.
	awaitLog("newsalert starting", "the daemon ended before it started")
	cmd.Process.Signal(syscall.SIGHUP)
	awaitLog("config reloaded", "the daemon ended on an early SIGHUP")
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v; want exit 0\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Error("SIGTERM did not stop the daemon within 15 s")
	}
}

// One process records and sends from a store: beside a running daemon, a
// second run and a poll --deliver are refused, naming its pid; once it is
// killed, its lock goes with it.
func TestOneWriterPerStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildBinary(t)
	api, cfg := withTelegram(t, "")
	var stderr testlog.Buffer
	first := exec.Command(bin, "run", "--config", cfg)
	first.Env = append(os.Environ(), "NEWSALERT_TELEGRAM_TOKEN="+testToken)
	first.Stderr = &stderr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { first.Process.Kill(); first.Wait() }()
	for deadline := time.Now().Add(15 * time.Second); !strings.Contains(stderr.String(), "newsalert running"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the first daemon did not start:\n%s", stderr.String())
		}
	}
	held := fmt.Sprintf("in use by another newsalert (pid %d)", first.Process.Pid)
	if code, _, errOut := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg); code != 1 || !strings.Contains(errOut, held) {
		t.Errorf("poll --deliver beside the daemon: exit %d, %q; want 1, %q", code, errOut, held)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "run", "--config", cfg)
	second.Env = first.Env
	out, err := second.CombinedOutput()
	if err == nil || !strings.Contains(string(out), held) {
		t.Errorf("a second run: %v, %q; want it refused, naming the first", err, out)
	}
	for deadline := time.Now().Add(15 * time.Second); len(api.Messages()) == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // the first daemon's alert
	}
	sent := len(api.Messages())
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	if code, _, errOut := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg); code != 0 {
		t.Errorf("poll --deliver after the daemon was killed: exit %d, %s", code, errOut)
	}
	if len(api.Messages()) != sent {
		t.Errorf("%d alerts sent again after the kill; the daemon had sent them", len(api.Messages())-sent)
	}
}
