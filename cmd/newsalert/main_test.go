package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/store"
)

// runMain runs the command line in-process and returns its exit status and output.
func runMain(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func repoFile(name string) string {
	p, _ := filepath.Abs(filepath.Join("..", "..", name))
	return p
}

func TestCheckMalformedRules(t *testing.T) {
	t.Chdir("../../rules") // no newsalert.yaml here: only the rules are checked
	code, _, stderr := runMain(t, context.Background(), "check", "--rules", "testdata/malformed.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		`testdata/malformed.yaml:4:5: unknown key "anny" in topics[0] (did you mean "any"?)`,
		`testdata/malformed.yaml:6:10: topics[1].any: expected a list, found "42"`,
		`testdata/malformed.yaml:7:5: topic "nothing" is empty`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestCheckMissingExplicitConfig(t *testing.T) {
	code, _, stderr := runMain(t, context.Background(), "check", "--config", "nonexistent.yaml")
	if code != 1 || !strings.Contains(stderr, "nonexistent.yaml") || !strings.Contains(stderr, "newsalert.example.yaml") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestCheckRulesOnlyWhenNoConfig(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("rules.yaml", []byte("topics:\n  - id: a\n    any: [x]\n"), 0o644)
	code, stdout, stderr := runMain(t, context.Background(), "check")
	if code != 0 || !strings.Contains(stdout, "rules.yaml: ok, 1 topics (no newsalert.yaml: config not checked)") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestCheckExampleConfig(t *testing.T) {
	code, stdout, stderr := runMain(t, context.Background(), "check", "--config", repoFile("newsalert.example.yaml"))
	if code != 0 || !strings.Contains(stdout, "ok, 19 feeds") || !strings.Contains(stdout, "ok, 13 topics") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestCheckConfigNamingUnknownTopic(t *testing.T) {
	cfg := writeConfig(t, "http://127.0.0.1:1/feed", "", "      topics: [iskpp]\n")
	code, _, stderr := runMain(t, context.Background(), "check", "--config", cfg)
	if code != 1 || !strings.Contains(stderr, `unknown topic "iskpp" (did you mean "iskp"?)`) || !strings.Contains(stderr, cfg+":") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestCheckStorageLocation: check says when the store could not be kept
// where the config puts it, and neither creates nor opens the store file.
func TestCheckStorageLocation(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "newsalert.yaml")
	check := func(storage string) (int, string, string) {
		t.Helper()
		data := fmt.Sprintf("storage: %s\nrules: %s\nfeeds:\n  - url: http://127.0.0.1:1/feed\n", storage, repoFile("rules.yaml"))
		if err := os.WriteFile(cfg, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return runMain(t, context.Background(), "check", "--config", cfg)
	}

	code, _, stderr := check("missing/state.db")
	if want := filepath.Join(dir, "missing", "state.db"); code != 1 || !strings.Contains(stderr, want) ||
		!strings.Contains(stderr, "folder "+filepath.Join(dir, "missing")+" does not exist") {
		t.Errorf("storage in a missing folder: exit %d, stderr %q; want 1 and a message naming %s and its missing folder", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("check created the missing folder")
	}

	os.Mkdir(filepath.Join(dir, "state.d"), 0o755)
	code, _, stderr = check("state.d")
	if code != 1 || !strings.Contains(stderr, filepath.Join(dir, "state.d")+" is a folder, not a file") {
		t.Errorf("storage naming a folder: exit %d, stderr %q", code, stderr)
	}

	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	code, _, stderr = check("notes.txt/state.db")
	if code != 1 || !strings.Contains(stderr, filepath.Join(dir, "notes.txt")+" is not a folder") {
		t.Errorf("storage under a file: exit %d, stderr %q", code, stderr)
	}

	before, _ := os.ReadDir(dir)
	code, stdout, stderr := check("state.db")
	if code != 0 || !strings.Contains(stdout, "storage "+filepath.Join(dir, "state.db")+": ok") {
		t.Errorf("good storage location: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "state.db")); !os.IsNotExist(err) {
		t.Errorf("check created the store file (stat: %v)", err)
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("check left files behind: %v, was %v", after, before)
	}

	// An existing store is checked as it stands, and left as it was.
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"), clock.Wall)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	info, _ := os.Stat(filepath.Join(dir, "state.db"))
	if code, stdout, stderr := check("state.db"); code != 0 || !strings.Contains(stdout, "storage "+filepath.Join(dir, "state.db")+": ok") {
		t.Errorf("existing store: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if again, err := os.Stat(filepath.Join(dir, "state.db")); err != nil || !again.ModTime().Equal(info.ModTime()) || again.Size() != info.Size() {
		t.Errorf("check changed the store file: %v, %v", again, err)
	}
}

func TestUsageAndVersion(t *testing.T) {
	ctx := context.Background()
	if code, _, stderr := runMain(t, ctx, "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
	if code, stdout, _ := runMain(t, ctx, "version"); code != 0 || !strings.HasPrefix(stdout, "newsalert ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	for _, cmd := range []string{"run", "check", "poll", "feeds", "add-feed", "demo", "version"} {
		code, _, stderr := runMain(t, ctx, cmd, "--help")
		if code != 0 || !strings.Contains(stderr, "Usage: newsalert "+cmd) {
			t.Errorf("%s --help: exit %d, %q", cmd, code, stderr)
		}
	}
	if code, _, stderr := runMain(t, ctx, "poll"); code != 2 || !strings.Contains(stderr, "--once") {
		t.Errorf("poll without --once: exit %d, %q", code, stderr)
	}
}

func TestDemo(t *testing.T) {
	t.Parallel() // the longest of the package with TestPollJoinsByMeaningWhenOn: the two run side by side
	out := t.TempDir()
	code, stdout, stderr := runMain(t, context.Background(), "demo", "--feeds", repoFile("testdata/feeds"),
		"--rules", repoFile("rules.yaml"), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"feeds: 37 polled, 0 failed",
		"Digest e-mail: " + filepath.Join(out, "digest.eml"),
		"Digest HTML:   " + filepath.Join(out, "digest.html"),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	if why := whyOf(stdout, `Угроза депортации? Чеченская диаспора во Франции и "ИГ-Хорасан"`); !strings.HasPrefix(why, "🏷 Islamic State of Khorasan (ISKP)") {
		t.Errorf("the Чеченская диаспора alert's why = %q; want it under ISKP", why)
	}
	// Stories are joined by their words alone, the default.
	if !strings.Contains(stdout, "new items joined the story of an earlier report\n") {
		t.Error("stdout does not say how many items joined a story, or says some joined by meaning")
	}
	eml, err := os.ReadFile(filepath.Join(out, "digest.eml"))
	if err != nil || !bytes.Contains(eml, []byte("multipart/alternative")) {
		t.Errorf("digest.eml: %v", err)
	}
	html, err := os.ReadFile(filepath.Join(out, "digest.html"))
	if err != nil || !bytes.Contains(html, []byte("Islamic State of Khorasan (ISKP)")) {
		t.Errorf("digest.html: %v", err)
	}
}

const matchingItem = `<item><title>ISIS-K cell detained in Dushanbe</title><link>%s/news/1</link>
<guid>%s/news/1</guid><description>Tajik security services detained five ISKP members.</description>
<pubDate>%s</pubDate></item>`

// oldMatchingItem is a week old: on a feed's first poll it is backlog.
const oldMatchingItem = `<item><title>ISKP recruiters sentenced in Khujand</title><link>%s/news/old</link>
<pubDate>%s</pubDate></item>`

// newsServer serves an RSS feed whose items the test can add to.
type newsServer struct {
	*httptest.Server
	mu    sync.Mutex
	items []string
	gate  chan struct{} // when set, requests wait until it is closed
}

func newNewsServer(t *testing.T) *newsServer {
	n := &newsServer{}
	n.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.mu.Lock()
		gate := n.gate
		n.mu.Unlock()
		if gate != nil {
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		n.mu.Lock()
		defer n.mu.Unlock()
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Asia news</title><link>%s</link>%s</channel></rss>`,
			n.URL, strings.Join(n.items, ""))
	}))
	t.Cleanup(n.Close)
	now := clock.Wall()
	n.items = append(n.items, `<item><title>Weather in Bishkek</title><link>`+n.URL+`/news/0</link></item>`,
		fmt.Sprintf(matchingItem, n.URL, n.URL, now.Add(-time.Hour).Format(time.RFC1123Z)),
		fmt.Sprintf(oldMatchingItem, n.URL, now.Add(-7*24*time.Hour).Format(time.RFC1123Z)))
	return n
}

// writeConfig writes a config with one feed and, when endpoint is set, a
// Telegram chat 777; chatExtra is appended to the chat.
func writeConfig(t *testing.T, feedURL, endpoint, chatExtra string) string {
	dir := t.TempDir()
	cfg := fmt.Sprintf("storage: %s\nrules: %s\npoll:\n  interval: 1h\nfeeds:\n  - url: %s\n    name: Asia news\n",
		filepath.Join(dir, "state.db"), repoFile("rules.yaml"), feedURL)
	cfg += fmt.Sprintf("telegram:\n  api_endpoint: %q\n  chats:\n    - id: 777\n%s", endpoint, chatExtra)
	path := filepath.Join(dir, "newsalert.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const testToken = "4242:TOKEN-do-not-print"

// withTelegram starts a news feed and a fake Bot API, sets the token, and
// writes a config with chat 777 (chatExtra appended to it).
func withTelegram(t *testing.T, chatExtra string) (*telegramtest.Server, string) {
	news := newNewsServer(t)
	api := telegramtest.NewServer(testToken)
	t.Cleanup(api.Close)
	t.Setenv("NEWSALERT_TELEGRAM_TOKEN", testToken)
	return api, writeConfig(t, news.URL, api.Endpoint(), chatExtra)
}

// TestPollJoinsByMeaningWhenOn polls the real English news feeds of the
// labelled stream (stories/testdata/stream.json) with stories.meaning on,
// then off: some reports join a story by meaning only when it is on.
func TestPollJoinsByMeaningWhenOn(t *testing.T) {
	t.Parallel()
	for _, meaning := range []string{"on", "off"} {
		path := streamFeedsConfig(t, "stories:\n  meaning: "+meaning+"\n")
		code, stdout, stderr := runMain(t, context.Background(), "poll", "--once", "--config", path)
		if code != 0 {
			t.Fatalf("meaning %s: exit %d; stderr:\n%s", meaning, code, stderr)
		}
		if got := strings.Contains(stdout, "of them by meaning)"); got != (meaning == "on") {
			t.Errorf("meaning %s: stdout says joins by meaning: %v\n%s", meaning, got, stdout)
		}
	}
}

// streamFeedsConfig serves the five real English news feeds of
// stories/testdata/stream.json over httptest and writes a config that
// polls them, with extra YAML, storing in a temporary directory; it
// returns the config's path.
func streamFeedsConfig(t *testing.T, extra string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(repoFile("testdata/feeds"))))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg := fmt.Sprintf("storage: %s\nrules: %s\n%sfeeds:\n", filepath.Join(dir, "state.db"), repoFile("rules.yaml"), extra)
	for _, f := range []string{"en_aljazeera_rss2_cdata.xml", "en_bbc-news_rss2_media-thumbnail.xml", "en_dawn-world_rss2.xml",
		"en_dw_rss1-rdf_noguid.xml", "en_nyt-world_rss2_media-content.xml"} {
		cfg += fmt.Sprintf("  - url: %s/%s\n", srv.URL, f)
	}
	path := filepath.Join(dir, "newsalert.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPollSendsFollowUps polls two reports of one arrest told in other
// words and delivers them to a chat. With a story threshold set too high to
// join them, and stories.follow_ups quiet (the default), the second is a
// reply to the first, without a sound; with thread, a reply with a sound;
// with off, an alert like any. With the default threshold they join: the
// second is withheld if the join is sure (every join is, by default), and
// a quiet reply if sure_from puts the join short of sure. A chat's own
// /followups choice, stored before the poll, wins over the default. Two
// outlets dated them a minute apart: with close_within on (the default)
// they join though their words fall short, short of sure. Whether the
// second joined is read from the poll's summary, since a quiet reply to a
// near story looks the same in the chat.
func TestPollSendsFollowUps(t *testing.T) {
	tests := []struct {
		name, stories string
		chat          string // the chat's /followups choice
		sent, reply   bool   // the second report is sent; as a reply to the first
		quiet         bool
		joined        bool // the second report joined the first's story
	}{
		{"quiet", "threshold: 0.99\n  close_within: off", "", true, true, true, false},
		{"thread", "threshold: 0.99\n  close_within: off\n  follow_ups: thread", "", true, true, false, false},
		{"off", "threshold: 0.99\n  close_within: off\n  follow_ups: off", "", true, false, false, false},
		{"joined close in time", "threshold: 0.99", "", true, true, true, true},
		{"joined close in time, follow-ups off", "threshold: 0.99\n  follow_ups: off", "", false, false, false, true},
		{"sure join", "sure_from: 0.13", "", false, false, false, true},
		{"sure joins by default", "window: 48h", "", false, false, false, true},
		{"unsure join", "sure_from: 0.99", "", true, true, true, true},
		{"the chat chose thread", "threshold: 0.99\n  close_within: off", "thread", true, true, false, false},
		{"the chat chose off", "threshold: 0.99\n  close_within: off", "off", true, false, false, false},
		{"the chat chose off, unsure join", "sure_from: 0.99", "off", false, false, false, true},
	}
	for _, tt := range tests {
		news := newNewsServer(t)
		now := clock.Wall()
		// Two outlets' reports, as an aggregator's feed lists them (one
		// outlet's second report would join unsure: ingest/outlet.go).
		for i, r := range storypairs.BishkekArrest {
			site := []string{news.URL, "https://kaktus.example"}[i%2]
			news.items = append(news.items, fmt.Sprintf(`<item><title>%s</title><link>%s/bishkek/%d</link><description>%s</description><pubDate>%s</pubDate></item>`,
				r.Title, site, i, r.Lead, now.Add(time.Duration(i-2)*time.Minute).Format(time.RFC1123Z)))
		}
		api := telegramtest.NewServer(testToken)
		t.Cleanup(api.Close)
		t.Setenv("NEWSALERT_TELEGRAM_TOKEN", testToken)
		cfg := writeConfig(t, news.URL, api.Endpoint(), "")
		f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "stories:\n  %s\n", tt.stories)
		f.Close()
		if tt.chat != "" {
			chooseFollowUps(t, filepath.Join(filepath.Dir(cfg), "state.db"), "telegram:777", tt.chat)
		}
		code, stdout, stderr := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg)
		if code != 0 {
			t.Fatalf("%s: exit %d; stderr:\n%s", tt.name, code, stderr)
		}
		if joined := strings.Contains(stdout, "1 new items joined the story of an earlier report"); joined != tt.joined {
			t.Errorf("%s: joined the first's story: %v, want %v\n%s", tt.name, joined, tt.joined, stdout)
		}
		msgs := api.Messages() // Dushanbe, then the two of Bishkek
		if !tt.sent {
			if len(msgs) != 2 || !strings.Contains(msgs[1].Text, "ГКНБ задержал") {
				t.Errorf("%s: %d messages, want Dushanbe and the first of Bishkek\n%s", tt.name, len(msgs), stdout)
			}
			// The story grew: its alert says so, edited in place, without a sound.
			if edits := api.Edits(); tt.chat != "off" && (len(edits) != 1 || edits[0].MessageID != msgs[1].ID ||
				!strings.Contains(edits[0].Text, "ГКНБ задержал") || !strings.Contains(edits[0].Text, "also reported by 1 other source")) {
				t.Errorf("%s: edits %+v; want the first of Bishkek's alert edited to show a second source", tt.name, edits)
			}
			continue
		}
		if len(msgs) != 3 || !strings.Contains(msgs[1].Text, "ГКНБ задержал") || !strings.Contains(msgs[2].Text, "В Бишкеке спецслужбы задержали") {
			t.Fatalf("%s: %d messages, want Dushanbe and the two of Bishkek in order\n%s", tt.name, len(msgs), stdout)
		}
		follow := msgs[2]
		counted := strings.Contains(stdout, "alerts queued as follow-ups of an earlier alert: 1")
		if !tt.reply {
			if follow.ReplyTo != "" || follow.DisableNotification == "true" || strings.Contains(follow.Text, "earlier alert") || counted {
				t.Errorf("%s: the second report was sent as a follow-up: %+v\n%s", tt.name, follow, stdout)
			}
			continue
		}
		if follow.ReplyTo != strconv.Itoa(msgs[1].ID) || !counted ||
			!strings.Contains(follow.Text, "related to an earlier alert") || !strings.Contains(follow.Text, "</i> <a href=\""+news.URL+"/bishkek/0\">ГКНБ задержал") {
			t.Errorf("%s: the second report replies to %q (want the first's %d) and reads:\n%s\nstdout:\n%s", tt.name, follow.ReplyTo, msgs[1].ID, follow.Text, stdout)
		}
		if quiet := follow.DisableNotification == "true"; quiet != tt.quiet || msgs[1].DisableNotification == "true" {
			t.Errorf("%s: the follow-up sent without a sound: %v; the first: %q", tt.name, quiet, msgs[1].DisableNotification)
		}
	}
}

// chooseFollowUps stores dest's follow-ups choice in the store at path, as
// its /followups would.
func chooseFollowUps(t *testing.T, path, dest, choice string) {
	t.Helper()
	st, err := store.Open(context.Background(), path, clock.Wall)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.AddSubscriber(context.Background(), dest, "", clock.Wall()); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSettings(context.Background(), dest, store.Settings{Mode: store.ModeImmediate, FollowUps: choice}); err != nil {
		t.Fatal(err)
	}
}

func TestPollOncePrintsAndRecordsNothing(t *testing.T) {
	api, cfg := withTelegram(t, "")
	code, stdout, stderr := runMain(t, context.Background(), "poll", "--once", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "ISIS-K cell detained in Dushanbe") || !strings.Contains(stdout, "ISKP recruiters sentenced in Khujand") ||
		!strings.Contains(stdout, "items: 3 read, 3 new, 2 matched") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if len(api.Messages()) != 0 {
		t.Error("poll --once without --deliver sent a message")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "state.db")); err == nil {
		t.Error("poll --once without --deliver wrote the store")
	}

	// With --deliver, the alert goes to the chat and is remembered.
	code, stdout, stderr = runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg)
	if code != 0 || len(api.Messages()) != 1 || api.Messages()[0].ChatID != "777" {
		t.Fatalf("deliver: exit %d, messages %+v\n%s%s", code, api.Messages(), stdout, stderr)
	}
	// The week-old item of this first poll is backlog: recorded, not alerted.
	if !strings.HasPrefix(whyOf(stdout, "ISIS-K cell detained in Dushanbe\n"), "🏷 Islamic State of Khorasan (ISKP) · Islamic State in the region · Extremist arrests, trials and recruitment: ") ||
		strings.Contains(stdout, "Khujand") || !strings.Contains(stdout, "delivered: 1 sent, 0 to retry, 0 failed") ||
		!strings.Contains(stdout, "2 items of newly added feeds were older than the backlog window") {
		t.Errorf("deliver stdout:\n%s", stdout)
	}
	code, _, _ = runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg)
	if code != 0 || len(api.Messages()) != 1 {
		t.Errorf("second delivering poll sent again: %d messages", len(api.Messages()))
	}
}

func TestRunDeliversOnceAndStops(t *testing.T) {
	api, cfg := withTelegram(t, "      topics: [iskp, extremist-arrests]\n")

	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"run", "--config", cfg}, &bytes.Buffer{}, &stderr) }()
	msgs := api.WaitMessages(1, 20*time.Second)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("run exited %d:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	if len(msgs) != 1 {
		t.Fatalf("messages = %+v; want exactly one", msgs)
	}
	m := msgs[0]
	shown, err := telegramtest.ParseHTML(m.Text)
	if m.ChatID != "777" || m.ParseMode != "HTML" || err != nil || !strings.Contains(shown, "ISIS-K cell detained in Dushanbe") ||
		!strings.Contains(shown, ": ISKP, ISIS-K, detained") || !strings.Contains(shown, "\n📍 Tajikistan\n") {
		t.Errorf("message = %+v (%v)\n%s", m, err, shown)
	}
	if strings.Contains(stderr.String(), "TOKEN-do-not-print") {
		t.Error("the token appears in the logs")
	}

	// The store says: one item matched, its alert sent, none pending.
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfg), "state.db"), clock.Wall)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, _ := st.OutboxStats(context.Background())
	if stats.Sent != 1 || stats.Pending != 0 {
		t.Errorf("outbox = %+v", stats)
	}
}

// run refuses a store that is damaged, or emptied where a store was kept,
// saying so, instead of starting on it: a damaged one failed every record
// while /readyz said ready, an emptied one alerted the backlog again.
func TestRunRefusesADamagedOrEmptiedStore(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(path string)
		want  string
	}{
		{"emptied", func(path string) { os.Truncate(path, 0) }, "start afresh with --new-store"},
		{"damaged", func(path string) {
			info, _ := os.Stat(path)
			f, _ := os.OpenFile(path, os.O_RDWR, 0)
			defer f.Close()
			f.WriteAt(bytes.Repeat([]byte{0xA5}, 4096), info.Size()-4096) // the last page: the store opens
		}, "damaged"},
	} {
		_, cfg := withTelegram(t, "")
		if code, _, errOut := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg); code != 0 {
			t.Fatalf("%s: the first poll: exit %d, %s", tc.name, code, errOut)
		}
		tc.spoil(filepath.Join(filepath.Dir(cfg), "state.db"))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		code, _, errOut := runMain(t, ctx, "run", "--config", cfg)
		cancel()
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s store: run exited %d, %q; want 1, saying %q", tc.name, code, errOut, tc.want)
		}
	}
}

// whyOf is the why line ("🏷 topics: words") of the alert with title
// in a console's output, "" when there is none.
func whyOf(stdout, title string) string {
	i := strings.Index(stdout, title)
	if i < 0 {
		return ""
	}
	j := strings.Index(stdout[i:], "🏷 ")
	if j < 0 {
		return ""
	}
	line, _, _ := strings.Cut(stdout[i+j:], "\n")
	return line
}
