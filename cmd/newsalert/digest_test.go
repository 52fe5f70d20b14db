package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock"
)

// hostileFeed serves an item whose title carries markup as text (escaped
// twice, so that it survives the feed's own HTML stripping), as a careless
// or hostile outlet might.
func hostileFeed(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Asia news</title>
<item><title>ISIS-K &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; cell detained in Dushanbe &amp;amp; Khujand</title>
<link>http://127.0.0.1/news/1</link><guid>n1</guid><pubDate>%s</pubDate>
<description>Tajik security services detained five ISKP members.</description></item>
</channel></rss>`, clock.Wall().Add(-time.Hour).Format(time.RFC1123Z))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A feed on httptest → match → digest → a real SMTP server (Mailpit): the
// message has the right recipient, subject, both parts, the hostile title
// escaped, and the List-Unsubscribe header.
func TestDigestCommandSendsOverSMTP(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	feed := hostileFeed(t)
	dir := t.TempDir()
	t.Setenv("NEWSALERT_SMTP_PASSWORD", mp.Password)
	to := fmt.Sprintf("analyst-%d@example.org", time.Now().UnixNano())
	cfg := filepath.Join(dir, "newsalert.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`storage: %s
rules: %s
feeds:
  - url: %s
    name: Asia news
email:
  smtp: {host: %s, port: %d, tls: starttls, username: %s, ca_file: %s}
  from: "newsalert <alerts@example.org>"
  unsubscribe: "mailto:unsubscribe@example.org?subject=stop"
  recipients:
    - address: %s
      topics: [iskp]
      schedule: "CRON_TZ=Asia/Dushanbe 0 8 * * *"
`, filepath.Join(dir, "state.db"), repoFile("rules.yaml"), feed.URL, mp.Host, mp.Port, mp.Username, mp.CAFile, to)), 0o644)

	if code, out, errs := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", cfg); code != 0 {
		t.Fatalf("poll: %d\n%s%s", code, out, errs)
	}
	code, out, errs := runMain(t, context.Background(), "digest", "--to", to, "--dry-run", "--out", dir, "--config", cfg)
	if code != 0 || !strings.Contains(out, "1 stories (not sent)") {
		t.Fatalf("dry run: %d\n%s%s", code, out, errs)
	}
	if msgs, _ := mp.MessagesTo(context.Background(), to); len(msgs) != 0 {
		t.Fatal("--dry-run sent the digest")
	}
	if emls, _ := filepath.Glob(filepath.Join(dir, "digest-*.eml")); len(emls) != 1 {
		t.Errorf("dry run wrote %v", emls)
	}

	code, out, errs = runMain(t, context.Background(), "digest", "--to", to, "--config", cfg)
	if code != 0 || !strings.Contains(out, "sent") {
		t.Fatalf("digest: %d\n%s%s", code, out, errs)
	}
	msgs, err := mp.WaitMessages(context.Background(), to, 1, 5*time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("%d messages, %v", len(msgs), err)
	}
	m := msgs[0]
	if m.Subject != "ISIS-K <script>alert(1)</script> cell detained in Dushanbe & Khujand" ||
		len(m.To) != 1 || m.To[0].Address != to || m.From.Name != "newsalert" {
		t.Errorf("envelope: subject %q, to %+v, from %+v", m.Subject, m.To, m.From)
	}
	if !strings.Contains(m.Text, "ISIS-K <script>alert(1)</script> cell detained in Dushanbe & Khujand") {
		t.Errorf("text part:\n%s", m.Text)
	}
	if strings.Contains(m.HTML, "<script>") || !strings.Contains(m.HTML, "ISIS-K &lt;script&gt;alert(1)&lt;/script&gt; cell detained in Dushanbe &amp; Khujand") {
		t.Errorf("HTML part not escaped:\n%s", m.HTML)
	}
	if !strings.Contains(strings.ReplaceAll(m.Text, "\r\n", "\n"), " (Dushanbe)\n") || !strings.Contains(m.Text, "Digest: daily at 08:00 (Dushanbe)") {
		t.Errorf("times not in the recipient's zone (Asia/Dushanbe), or no schedule:\n%s", m.Text)
	}
	h, _ := mp.Headers(context.Background(), m.ID)
	if got := h["List-Unsubscribe"]; len(got) != 1 || got[0] != "<mailto:unsubscribe@example.org?subject=stop>" || h["List-Unsubscribe-Post"] != nil {
		t.Errorf("List-Unsubscribe = %q, -Post = %q", got, h["List-Unsubscribe-Post"])
	}
	if strings.Contains(out+errs, mp.Password) {
		t.Error("the SMTP password was printed")
	}
}
