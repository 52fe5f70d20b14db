package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/store"
)

// largeFeed serves n short items, under the default body limit.
func largeFeed(t *testing.T, n int) *httptest.Server {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Archive</title>`)
	at := clock.Wall()
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Report %d from the valley</title><link>http://127.0.0.1/n/%d</link><pubDate>%s</pubDate></item>`,
			i, i, at.Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	body := []byte(b.String())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	t.Cleanup(srv.Close)
	return srv
}

// A feed of 50,000 new items beside an ordinary one: while the large one
// is recorded (minutes of clustering), the other's alert is sent, /readyz
// and /metrics answer, the heap stays under 150 MB, and a stop keeps the
// batches recorded so far.
func TestALargeFeedStallsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a feed of 50,000 items")
	}
	const items = 50_000
	large := largeFeed(t, items)
	news := newNewsServer(t)
	news.gate = make(chan struct{})
	api, _ := withTelegram(t, "")
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: %s
rules: %s
feeds:
  - url: %s
    name: Archive
  - url: %s
    name: Asia news
telegram:
  api_endpoint: %q
  chats:
    - id: 777
metrics:
  listen: %s
`, filepath.Join(dir, "state.db"), repoFile("rules.yaml"), large.URL, news.URL, api.Endpoint(), addr)), 0o644)

	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak.Store(max(peak.Load(), ms.HeapAlloc))
			select {
			case <-stopSampling:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", cfg}, &bytes.Buffer{}, &stderr) }()

	// The ordinary feed answers once the large one is being recorded.
	reader, err := store.Open(context.Background(), filepath.Join(dir, "state.db"), clock.Wall)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	recorded := func() int { counts, _ := reader.ItemCounts(context.Background()); return counts[large.URL] }
	for deadline := time.Now().Add(60 * time.Second); recorded() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the large feed was not being recorded 60 s after the start:\n%s", stderr.String())
		}
	}
	news.mu.Lock()
	close(news.gate)
	news.mu.Unlock()
	// A wait, not a timing: recording the large feed takes minutes; under
	// -race in the whole suite the other feed's turn has taken over 20 s.
	if got := api.WaitMessages(1, 90*time.Second); len(got) == 0 {
		cancel()
		<-done
		t.Fatalf("the ordinary feed's alert did not come within 90 s, while the large one was recorded:\n%s", stderr.String())
	}
	if n := recorded(); n >= items {
		t.Errorf("the large feed was recorded in full before the other's alert came")
	}
	client := &http.Client{Timeout: 2 * time.Second}
	for _, path := range []string{"/readyz", "/metrics"} {
		resp, err := client.Get("http://" + addr + path)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s while the large feed is recorded: %v %v", path, resp, err)
		} else {
			resp.Body.Close()
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon did not stop within 30 s of being asked")
	}
	close(stopSampling)
	if p := peak.Load(); p > 150<<20 {
		t.Errorf("peak heap %d MB; want under 150", p>>20)
	}
	n := recorded()
	if n == 0 || n%alerts.RecordBatch != 0 {
		t.Errorf("%d of the large feed's items recorded at the stop; want whole batches of %d kept", n, alerts.RecordBatch)
	}
	t.Logf("peak heap %d MB; %d of %d items of the large feed recorded before the stop", peak.Load()>>20, n, items)
}

// The real binary's resident memory — Go heap, SQLite's page cache and all —
// stays under 150 MB while it parses the 50,000-item feed and records its
// first batches (the parse is the peak; the page cache is capped beside it).
func TestALargeFeedKeepsTheProcessUnder150MB(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a feed of 50,000 items")
	}
	bin := buildBinary(t)
	large := largeFeed(t, 50_000)
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("storage: %s\nrules: %s\nfeeds:\n  - url: %s\n    name: Archive\n",
		db, repoFile("rules.yaml"), large.URL)), 0o644)
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "run", "--config", cfg, "--log-level", "error")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reader, err := store.Open(context.Background(), db, clock.Wall)
	if err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	defer reader.Close()
	const batches = 10
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		counts, _ := reader.ItemCounts(context.Background())
		if counts[large.URL] >= batches*alerts.RecordBatch {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("%d batches were not recorded within 90 s:\n%s", batches, stderr.String())
		}
	}
	// VmHWM, not the rusage of wait: a child started with vfork counts the
	// parent's pages in its ru_maxrss until it execs, and the race-built
	// test process is large.
	rss, err := peakResidentMiB(cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if err != nil {
		t.Skipf("peak resident memory unknown here: %v", err)
	}
	if rss >= 150 {
		t.Errorf("peak resident memory %d MiB; want under 150", rss)
	}
	t.Logf("peak resident memory %d MiB", rss)
}

// peakResidentMiB reads a running process's high-water resident set (Linux).
func peakResidentMiB(pid int) (int, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kib int
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kib); err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", rest, err)
			}
			return kib >> 10, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}
