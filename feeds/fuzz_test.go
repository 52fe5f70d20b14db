package feeds_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsalert/newsalert/feeds"
)

// seedFeeds adds every real feed of testdata to f's corpus, cut to keep the
// fuzzer fast.
func seedFeeds(f *testing.F, add func(body []byte)) {
	files, _ := filepath.Glob("../testdata/feeds/*")
	for _, file := range files {
		if strings.HasSuffix(file, ".md") {
			continue
		}
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		add(body[:min(len(body), 1<<10)])
	}
}

// FuzzParseAndNormalise: any body parses or fails cleanly, and what it
// gives is clean text with keys.
func FuzzParseAndNormalise(f *testing.F) {
	seedFeeds(f, func(b []byte) { f.Add(b) })
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := feeds.Parse(body, "")
		if err != nil {
			return
		}
		for _, it := range feeds.Normalise(feed, feeds.Source{URL: "http://127.0.0.1/feed"}, now) {
			if it.Key == "" {
				t.Fatalf("item without a key: %+v", it)
			}
			if !utf8.ValidString(it.Title) || !utf8.ValidString(it.Text) {
				t.Fatalf("invalid UTF-8 in %+v", it)
			}
			if it.Published.After(now.Add(2*time.Hour)) || it.Published.Before(now.AddDate(-21, 0, 0)) {
				t.Fatalf("date %v not clamped", it.Published)
			}
		}
	})
}

// FuzzHTMLToText: any HTML gives valid UTF-8 without runs of spaces, and
// the text of text without markup is the text.
func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>Задержан <b>вербовщик</b> &amp; ИГИЛ</p>", "<script>x</script>y", "a &lt; b", "<!-- c -->",
		"<a href='x'>link</a>", "<br/>", "&#x41;&#0;&bogus;", "<style>p{}</style>t", "<", "&"} {
		f.Add(s)
	}
	seedFeeds(f, func(b []byte) { f.Add(string(b)) })
	f.Fuzz(func(t *testing.T, s string) {
		out := feeds.HTMLToText(s)
		if !utf8.ValidString(s) {
			return // the feed layer decodes every body to UTF-8 first
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input %.200q", s)
		}
		if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
			t.Fatalf("unfolded spaces in %.200q from %.200q", out, s)
		}
		if !strings.ContainsAny(s, "<&") && utf8.ValidString(s) && out != strings.Join(strings.Fields(s), " ") {
			t.Fatalf("plain text changed: %.200q → %.200q", s, out)
		}
	})
}

// FuzzCanonicalURL: canonical links are stable (canonical of canonical is
// itself) and never panic.
func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://24.kg/news/1?utm_source=x&id=2#top", "HTTP://WWW.Example.COM:80/a/../b/",
		"//cdn.example.org/x", "javascript:alert(1)", "http://[::1]:8080/?a=1&a=2", "%zz", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		c := feeds.CanonicalURL(link)
		if c != "" && feeds.CanonicalURL(c) != c {
			t.Fatalf("not stable: %q → %q → %q", link, c, feeds.CanonicalURL(c))
		}
	})
}
