package email

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/store"
)

var until = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)

func hostileDigest() alerts.Digest {
	return alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC,
		Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{
			{ItemKey: "a", Title: `<script>alert("x")</script> Задержаны & осуждены`, Link: "javascript:alert(1)",
				Feed: "Evil <b>feed</b>", Summary: "<img src=x onerror=alert(1)>", Published: until,
				Why: []string{`"ИГИЛ*" (ИГИЛ)`}, Regions: []string{"tajikistan"}},
			{ItemKey: "b", Title: "Second story", Link: "https://24.kg/a?x=1&y=2", Feed: "24.kg", Published: until},
		}}}}
}

func TestRenderEscapesFeedContent(t *testing.T) {
	r, err := Render(hostileDigest(), "https://example.org/unsub")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<img", `href="javascript:`, "<b>feed"} {
		if strings.Contains(r.HTML, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "Задержаны &amp; осуждены", `href="https://24.kg/a?x=1&amp;y=2"`,
		"ISKP: 2", "Tajikistan", "27 Nov, 03:00"} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if r.Subject != `<script>alert("x")</script> Задержаны & осуждены — and 1 more story` {
		t.Errorf("subject = %q", r.Subject)
	}
	if !strings.Contains(r.Text, "* Second story\n  24.kg · 27 Nov, 03:00\n  https://24.kg/a?x=1&y=2") {
		t.Errorf("text part:\n%s", r.Text)
	}
}

func TestMessageIsMultipartWithHeaders(t *testing.T) {
	r, err := Render(hostileDigest(), "https://example.org/unsub")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Message(r, Envelope{From: "newsalert <na@example.org>", To: []string{"analyst@example.org"},
		Unsubscribe: "https://example.org/unsub", OneClick: true}, until)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(h.Get("Subject"))
	if subject != r.Subject || h.Get("Message-Id") == "" || h.Get("Date") == "" ||
		h.Get("List-Unsubscribe") != "<https://example.org/unsub>" ||
		h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" || !strings.Contains(h.Get("To"), "analyst@example.org") {
		t.Errorf("headers = %v", h)
	}
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("content type %q, %v", mediaType, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var types []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, strings.Split(p.Header.Get("Content-Type"), ";")[0])
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts = %v; want text/plain then text/html", types)
	}
}

func TestWriteFiles(t *testing.T) {
	r, _ := Render(alerts.Digest{Until: until}, "")
	m, err := Message(r, Envelope{From: "na@example.org", To: []string{"you@example.org"}}, until)
	if err != nil {
		t.Fatal(err)
	}
	eml, html, err := WriteFiles(m, r, t.TempDir(), "digest")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(eml, "digest.eml") || !strings.HasSuffix(html, "digest.html") {
		t.Errorf("paths %s %s", eml, html)
	}
	if !strings.Contains(r.Text, "Nothing new on your topics in this period.") {
		t.Errorf("empty digest text:\n%s", r.Text)
	}
}

// TestDigestListsWhoElseReported checks that a story's other reports are
// listed under it, each outlet with its link, in both parts.
func TestDigestListsWhoElseReported(t *testing.T) {
	d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC,
		Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{{
			ItemKey: "a", Title: "ГКНБ задержал в Бишкеке вербовщика ИГИЛ", Link: "https://24.kg/a", Feed: "24.kg", Published: until,
			Also: []alerts.DigestSource{{Feed: "kaktus.media", Link: "https://kaktus.media/b"}, {Feed: "AKIpress", Link: "https://akipress.org/c"}},
		}}}}}
	r, err := Render(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := `also reported by: <a href="https://kaktus.media/b" style="font-family:Arial,sans-serif;color:#555555;">kaktus.media</a>, <a href="https://akipress.org/c" style="font-family:Arial,sans-serif;color:#555555;">AKIpress</a>`; !strings.Contains(r.HTML, want) {
		t.Errorf("HTML lacks %s", want)
	}
	for _, want := range []string{"also reported by kaktus.media: https://kaktus.media/b", "also reported by AKIpress: https://akipress.org/c"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, r.Text)
		}
	}
	if r.Subject != "ГКНБ задержал в Бишкеке вербовщика ИГИЛ" {
		t.Errorf("subject = %q; the story counts once, not once per report", r.Subject)
	}
}

// TestDigestListsRelatedReports: reports near a story (see
// alerts.BuildDigest) are listed under it as related, with their title
// (escaped), outlet and link, in both parts.
func TestDigestListsRelatedReports(t *testing.T) {
	d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC,
		Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{{
			ItemKey: "a", Title: "ГКНБ задержал в Бишкеке вербовщика ИГИЛ", Link: "https://24.kg/a", Feed: "24.kg", Published: until,
			Related: []alerts.DigestSource{{Feed: "kaktus.media", Title: "Спецслужбы задержали <вербовщика>", Link: "https://kaktus.media/b"}},
		}}}}}
	r, err := Render(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := `related: <a href="https://kaktus.media/b" style="font-family:Arial,sans-serif;color:#555555;">Спецслужбы задержали &lt;вербовщика&gt;</a> (kaktus.media)`; !strings.Contains(r.HTML, want) {
		t.Errorf("HTML lacks %s", want)
	}
	if want := "related: Спецслужбы задержали <вербовщика> (kaktus.media): https://kaktus.media/b"; !strings.Contains(r.Text, want) {
		t.Errorf("text part lacks %q:\n%s", want, r.Text)
	}
	if r.Subject != "ГКНБ задержал в Бишкеке вербовщика ИГИЛ" {
		t.Errorf("subject = %q; a related report is no story of its own", r.Subject)
	}
}

// TestDigestTagsAStoryWithItsOtherTopics: a story matched by two topics
// is listed once, under the first, with the other as a tag, in both parts.
func TestDigestTagsAStoryWithItsOtherTopics(t *testing.T) {
	full := alerts.DigestEntry{ItemKey: "a", StoryID: 7, Title: "ISKP cell broken up", Link: "https://24.kg/a", Feed: "24.kg",
		Summary: "Five detained", Published: until, Why: []string{`"ISKP"`, `"terrorist" (terrorists, text)`}, Tags: []string{"Terrorism"}}
	d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC, Topics: []alerts.DigestTopic{
		{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{full}}}}
	r, err := Render(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(r.Text, "Five detained") != 1 || strings.Count(r.Text, "https://24.kg/a") != 1 ||
		!strings.Contains(r.Text, "* ISKP cell broken up\n  24.kg · 27 Nov, 03:00\n  https://24.kg/a\n  Five detained\n  matched: ISKP, terrorists\n  also in: Terrorism\n") {
		t.Errorf("text part:\n%s", r.Text)
	}
	if strings.Count(r.HTML, "Five detained") != 1 || !strings.Contains(r.HTML, "matched: ISKP, terrorists · also in: <b") ||
		!strings.Contains(r.HTML, ">Terrorism</b>") || strings.Contains(r.HTML, "&#34;") || r.Subject != "ISKP cell broken up" {
		t.Errorf("subject %q, HTML:\n%s", r.Subject, r.HTML)
	}
}

// TestDigestSaysAStoryContinues: a story that goes on from before the
// period names its earlier report, escaped, in both parts.
func TestDigestSaysAStoryContinues(t *testing.T) {
	d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC,
		Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{{
			ItemKey: "b", Title: "Trial of ISKP cell opens", Link: "https://24.kg/b", Feed: "24.kg", Published: until,
			Earlier: store.EarlierReport{Title: "ISKP cell <broken up>", MatchedAt: until.Add(-30 * time.Hour)},
		}}}}}
	r, err := Render(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "continues a story of 25 Nov, 21:00: ISKP cell <broken up>"; !strings.Contains(r.Text, want) {
		t.Errorf("text part lacks %q:\n%s", want, r.Text)
	}
	if want := "continues a story of 25 Nov, 21:00: ISKP cell &lt;broken up&gt;"; !strings.Contains(r.HTML, want) {
		t.Errorf("HTML lacks %q:\n%s", want, r.HTML)
	}
}

// The plain-text part prints only http(s) links, as the HTML part links
// only those: a feed's javascript: or data: link is left out, with the
// rest of its entry.
func TestPlainTextPrintsOnlyWebLinks(t *testing.T) {
	for _, tc := range []struct{ link, want string }{
		{"https://24.kg/a?x=1&y=2", "https://24.kg/a?x=1&y=2"},
		{"http://24.kg/b", "http://24.kg/b"},
		{"HTTPS://24.kg/c", "https://24.kg/c"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{" javascript:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"data:text/html;base64,PHNjcmlwdD4=", ""},
		{"vbscript:msgbox(1)", ""},
		{"file:///etc/passwd", ""},
		{"//evil.example/x", ""},
		{"https:", ""},
	} {
		d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC,
			Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{{
				ItemKey: "a", Title: "Entry", Link: tc.link, Feed: "Feed A", Published: until,
				Also:    []alerts.DigestSource{{Feed: "Feed B", Link: tc.link}},
				Related: []alerts.DigestSource{{Feed: "Feed C", Title: "Near", Link: tc.link}},
			}}}}}
		r, err := Render(d, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"script:", "data:", "file:", "//evil"} {
			if strings.Contains(strings.ToLower(r.Text), bad) {
				t.Errorf("link %q: the text part has %q:\n%s", tc.link, bad, r.Text)
			}
		}
		want := []string{"* Entry\n  Feed A · 27 Nov, 03:00\n  also reported by Feed B\n",
			"\n  related: Near (Feed C)\n"}
		if tc.want != "" {
			want = []string{"* Entry\n  Feed A · 27 Nov, 03:00\n  " + tc.want + "\n",
				"\n  also reported by Feed B: " + tc.want + "\n", "\n  related: Near (Feed C): " + tc.want + "\n"}
		}
		for _, w := range want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("link %q: the text part lacks %q:\n%s", tc.link, w, r.Text)
			}
		}
	}
}
