package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/internal/testlog"
	"github.com/newsalert/newsalert/rules"
)

func TestMatchCommand(t *testing.T) {
	ctx := context.Background()
	code, stdout, stderr := runMain(t, ctx, "match", "--json", "--rules", repoFile("rules.yaml"),
		repoFile("testdata/feeds/ru_tut-by_rss2_media-content_extracted.xml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var items []itemReport
	if err := json.Unmarshal([]byte(stdout), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 100 {
		t.Fatalf("%d items, want every one of the feed's 100", len(items))
	}
	var fsb *itemReport
	for i := range items {
		if strings.HasPrefix(items[i].Title, "ФСБ задержала двух россиян") {
			fsb = &items[i]
		}
	}
	// Russians arrested in Russia are not the region's news, but the item
	// is still geotagged.
	if fsb == nil || len(fsb.Topics) != 0 || !slices.Equal(fsb.Regions, []string{"RU"}) ||
		!slices.Contains(fsb.Places, `"Россия" (россиян, title)`) ||
		!strings.HasPrefix(fsb.Link, "https://news.tut.by/") || fsb.Language != "ru" {
		t.Errorf("FSB item = %+v", fsb)
	}
	// Every item is geotagged and has its language, matched or not.
	located := 0
	for _, it := range items {
		if it.Language != "ru" {
			t.Errorf("%q: language %q, want ru", it.Title, it.Language)
		}
		if len(it.Topics) == 0 && len(it.Regions) > 0 && len(it.Places) > 0 {
			located++
		}
	}
	if located < 15 {
		t.Errorf("%d unmatched items have regions and places, want the feed's news of Russia and the region (15 or more)", located)
	}

	news := newNewsServer(t)
	code, stdout, _ = runMain(t, ctx, "match", "--rules", repoFile("rules.yaml"), news.URL)
	if code != 0 || !strings.Contains(stdout, "ISIS-K cell detained in Dushanbe") || !strings.Contains(stdout, "regions: TJ, central-asia") ||
		!strings.Contains(stdout, "2 of 3 items matched") {
		t.Errorf("text output:\n%s", stdout)
	}
	if code, _, stderr := runMain(t, ctx, "match", "--rules", repoFile("rules.yaml"), "no-such-file.xml"); code != 1 || !strings.Contains(stderr, "no-such-file.xml") {
		t.Errorf("missing file: exit %d, %s", code, stderr)
	}
}

func TestTestRulesShowsWhatChanged(t *testing.T) {
	news := newNewsServer(t)
	cfg := writeConfig(t, news.URL, "", "")
	dir := filepath.Dir(cfg)
	data, _ := os.ReadFile(cfg)
	old := filepath.Join(dir, "old.yaml")
	os.WriteFile(old, []byte("topics:\n  - id: weather\n    any: [weather]\n  - id: iskp\n    any: [ISIS-K]\n"), 0o644)
	os.WriteFile(cfg, bytes.Replace(data, []byte("rules: "+repoFile("rules.yaml")), []byte("rules: "+old), 1), 0o644)
	ctx := context.Background()
	// Record the items with the old rules (a dry run records nothing; use --deliver without chats).
	cfgNoChat := strings.Replace(string(mustRead(t, cfg)), "telegram:\n  api_endpoint: \"\"\n  chats:\n    - id: 777\n", "", 1)
	os.WriteFile(cfg, []byte(cfgNoChat), 0o644)
	if code, out, errOut := runMain(t, ctx, "poll", "--once", "--deliver", "--config", cfg); code != 0 {
		t.Fatalf("poll: %d %s %s", code, out, errOut)
	}
	// backlog: the week-old and undated items were recorded without matching; only the fresh one matched.
	newRules := filepath.Join(dir, "new.yaml")
	os.WriteFile(newRules, []byte("topics:\n  - id: iskp\n    any: [ISIS-K]\n  - id: arrests\n    any: [detained]\n"), 0o644)
	code, stdout, stderr := runMain(t, ctx, "test-rules", "--config", cfg, "--rules", newRules, "--since", "1h")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"ISIS-K cell detained in Dushanbe", "+ arrests", "  iskp", "3 items since", "1 new (+), 0 gone (-)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runMain(t, ctx, "test-rules", "--config", cfg, "--rules", newRules, "--topic", "iskp")
	if code != 0 || strings.Contains(stdout, "arrests") {
		t.Errorf("--topic iskp still shows other topics:\n%s", stdout)
	}
}

func mustRead(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRulesReloadOnChange(t *testing.T) {
	r, pipe, logs := newTestReloader(t)
	r.every = 20 * time.Millisecond
	path := r.rulesPath
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.run(ctx)

	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; logs:\n%s", what, logs.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	// Written whole (a temporary file renamed over it), so that no check can
	// see it half-written: TestRulesReloadWaitsForTheFileToSettle covers that.
	replaceFile(t, path, "topics:\n  - id: first\n    any: [one]\n  - id: second\n    any: [two]\n")
	waitFor("the new topic", func() bool { return pipe.Matcher().Topic("second") != nil })

	replaceFile(t, path, "topics:\n  - id: first\n    anny: [one]\n")
	waitFor("the failure", func() bool { return strings.Contains(logs.String(), "rules reload failed") })
	if pipe.Matcher().Topic("second") == nil {
		t.Error("a broken file replaced the rules in use")
	}
	if !strings.Contains(logs.String(), `rules.yaml:3:5: unknown key \"anny\"`) || !strings.Contains(logs.String(), "failures=1") {
		t.Errorf("the failure log lacks the line or the count:\n%s", logs.String())
	}
}

// newTestReloader watches a rules file with one topic, "first", and logs
// to the buffer it returns.
func newTestReloader(t *testing.T) (*reloader, *alerts.Pipeline, *testlog.Buffer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte("topics:\n  - id: first\n    any: [one]\n"), 0o644)
	m, err := rules.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	pipe := alerts.NewPipeline(nil, m, alerts.PipelineOptions{}, slog.New(slog.DiscardHandler))
	logs := &testlog.Buffer{}
	return &reloader{rulesPath: path, loaded: stampOf(path), pipe: pipe, log: slog.New(slog.NewTextHandler(logs, nil))}, pipe, logs
}

// replaceFile writes content to a temporary file and renames it over path,
// as many editors and deployment tools do.
func replaceFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// A file written in place is empty, then whole: a check that sees it empty
// waits, and the rules are loaded once the file looks the same twice. An
// empty file that stays empty is a real mistake and is reported.
func TestRulesReloadWaitsForTheFileToSettle(t *testing.T) {
	r, pipe, logs := newTestReloader(t)
	path := r.rulesPath

	os.WriteFile(path, nil, 0o644) // truncated, not yet written
	r.checkFile()
	os.WriteFile(path, []byte("topics:\n  - id: first\n    any: [one]\n  - id: second\n    any: [two]\n"), 0o644)
	r.checkFile()
	if r.failures != 0 || pipe.Matcher().Topic("second") != nil {
		t.Fatalf("a file still changing was loaded: failures %d; logs:\n%s", r.failures, logs.String())
	}
	r.checkFile()
	if pipe.Matcher().Topic("second") == nil || r.failures != 0 {
		t.Fatalf("the settled file was not loaded: failures %d; logs:\n%s", r.failures, logs.String())
	}

	os.WriteFile(path, nil, 0o644)
	r.checkFile()
	r.checkFile()
	if r.failures != 1 || !strings.Contains(logs.String(), "rules.yaml:1:1: file is empty") {
		t.Errorf("an empty file that stayed empty was not reported: failures %d; logs:\n%s", r.failures, logs.String())
	}
	if pipe.Matcher().Topic("second") == nil {
		t.Error("an empty file replaced the rules in use")
	}
}

// A reload says which changed settings wait for a restart, and only those.
func TestNeedsRestart(t *testing.T) {
	base := "storage: a.db\nfeeds:\n  - url: https://example.org/a\ntelegram:\n  chats:\n    - id: 1\n" +
		"email:\n  smtp: {host: mail.example.org}\n  from: a@example.org\n  recipients:\n    - address: b@example.org\n"
	parse := func(src string) *config.Config {
		t.Helper()
		c, err := config.Parse("newsalert.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	old := parse(base)
	for _, tt := range []struct {
		change, from, to string
		want             []string
	}{
		{"feeds and chats apply at once", "    - id: 1\n", "    - id: 1\n    - id: 2\n", nil},
		{"a new feed", "  - url: https://example.org/a\n", "  - url: https://example.org/a\n  - url: https://example.org/b\n", nil},
		{"the store", "storage: a.db", "storage: b.db", []string{"storage"}},
		{"the bot's token", "telegram:\n", "telegram:\n  token_env: OTHER\n", []string{"telegram"}},
		{"the mail server", "host: mail.example.org", "host: smtp.example.org", []string{"email"}},
		{"metrics", "storage: a.db", "storage: a.db\nmetrics: {listen: \"127.0.0.1:9464\"}", []string{"metrics"}},
		{"the poller", "storage: a.db", "storage: a.db\npoll: {workers: 3}", []string{"poll"}},
		{"joining by meaning", "storage: a.db", "stories: {meaning: on}\nstorage: a.db", []string{"stories/retention"}},
	} {
		next := parse(strings.Replace(base, tt.from, tt.to, 1))
		if got := needsRestart(old, next); !slices.Equal(got, tt.want) {
			t.Errorf("%s: needs restart %v, want %v", tt.change, got, tt.want)
		}
	}
	// The same stories section on another line is no change.
	withStories := parse("stories: {window: 24h}\n" + base)
	if got := needsRestart(withStories, parse("\n\nstories: {window: 24h}\n"+base)); got != nil {
		t.Errorf("stories moved down two lines: needs restart %v, want none", got)
	}
	// Another secret for the unsubscribe links waits for a restart too.
	t.Setenv("TEST_UNSUB_A", "0123456789abcdef-a")
	t.Setenv("TEST_UNSUB_B", "0123456789abcdef-b")
	signed := strings.Replace(base, "  from: a@example.org\n", "  from: a@example.org\n  unsubscribe: \"https://x.org/unsubscribe?t={token}\"\n"+
		"  unsubscribe_secret_env: TEST_UNSUB_A\n", 1) + "metrics: {listen: \"127.0.0.1:9464\"}\n"
	if got := needsRestart(parse(signed), parse(strings.Replace(signed, "TEST_UNSUB_A", "TEST_UNSUB_B", 1))); !slices.Equal(got, []string{"email"}) {
		t.Errorf("another unsubscribe secret: needs restart %v, want [email]", got)
	}
}
