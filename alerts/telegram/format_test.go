package telegram

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/store"
)

// Hostile or clumsy feed text never breaks the HTML, and shows as written.
func TestRenderEscapesFeedText(t *testing.T) {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	tests := []struct {
		name  string
		alert alerts.Alert
		shows []string // what the reader sees
		html  []string // what the HTML holds
		not   []string // what it must not hold
	}{
		{
			name: "tags and ampersands",
			alert: alerts.Alert{Title: `<script>alert(1)</script> Tom & Jerry <b>unclosed`, Link: "https://e.org/?a=1&b=<2>",
				Feed: "A&B <News>", Topics: []alerts.TopicHit{{ID: "t", Name: "T<1>", Why: []string{`"ИГИЛ" (text)`, `"\"Хизб ут-Тахрир\"" (title)`}}}},
			shows: []string{`<script>alert(1)</script> Tom & Jerry <b>unclosed`, "A&B <News>", `🏷 T<1>: ИГИЛ, "Хизб ут-Тахрир"`},
			html:  []string{`href="https://e.org/?a=1&amp;b=&lt;2&gt;"`, "Tom &amp; Jerry", `🏷 T&lt;1&gt;: ИГИЛ, "Хизб ут-Тахрир"`},
			not:   []string{"<script>", "&amp;amp;", "&#34;"},
		},
		{
			alert: alerts.Alert{Title: "Click", Link: `http://e.org/"onmouseover="x`, Feed: "F", Topics: []alerts.TopicHit{{Name: "T"}}},
			name:  "a quote cannot leave the link's attribute",
			html:  []string{`href="http://e.org/%22onmouseover=%22x"`},
			not:   []string{`"onmouseover`},
		},
		{
			name:  "a javascript link is not a link",
			alert: alerts.Alert{Title: "Click", Link: "javascript:alert(1)", Feed: "F", Topics: []alerts.TopicHit{{Name: "T"}}},
			shows: []string{"Click"},
			not:   []string{"href", "javascript"},
		},
		{
			name: "local time, sources, regions once",
			alert: alerts.Alert{Title: "T", Link: "http://e.org/1", Feed: "24.kg", Published: time.Date(2026, 11, 27, 3, 5, 0, 0, time.UTC),
				Sources: 3, Topics: []alerts.TopicHit{
					{Name: "A", Why: []string{"x"}, Regions: []string{"KG"}, Places: []string{`"Бишкек" (title)`}},
					{Name: "B", Why: []string{"x", "y"}, Regions: []string{"KG"}}}},
			shows: []string{"🏷 A · B: x, y", "24.kg · 27 Nov 08:05 (Almaty) · also reported by 2 other sources", "📍 Kyrgyzstan\n"},
			not:   []string{"KG"},
		},
		{
			name:  "a huge title is cut",
			alert: alerts.Alert{Title: strings.Repeat("слово ", 2000), Link: "http://e.org/1", Feed: "F", Topics: []alerts.TopicHit{{Name: "T"}}},
			shows: []string{"слово слово", "…"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, plain := Render(alerts.Message{Alert: tt.alert, TimeZone: almaty.String()})
			shown, err := telegramtest.ParseHTML(html)
			if err != nil {
				t.Fatalf("HTML does not parse: %v\n%s", err, html)
			}
			if length(html) > MaxMessage || length(plain) > MaxMessage {
				t.Errorf("too long: %d / %d", length(html), length(plain))
			}
			for _, s := range tt.shows {
				if !strings.Contains(shown, s) || !strings.Contains(plain, s) {
					t.Errorf("does not show %q:\n%s\nplain:\n%s", s, shown, plain)
				}
			}
			for _, s := range tt.html {
				if !strings.Contains(html, s) {
					t.Errorf("HTML lacks %q:\n%s", s, html)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(html, s) {
					t.Errorf("HTML holds %q:\n%s", s, html)
				}
			}
		})
	}
}

func bigDigest(stories int) alerts.Digest {
	loc, _ := time.LoadLocation("Asia/Almaty")
	d := alerts.Digest{Since: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC), Until: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC), Location: loc}
	for ti, name := range []string{"ISKP <&>", "Attacks"} {
		topic := alerts.DigestTopic{ID: fmt.Sprint("t", ti), Name: name}
		for i := range stories {
			e := alerts.DigestEntry{ItemKey: fmt.Sprint(ti, "-", i), StoryID: int64(ti*1000 + i + 1),
				Title: fmt.Sprintf("Story %d of %s: <b>police</b> & courts in Бишкек report details", i, name),
				Link:  fmt.Sprintf("https://24.kg/news/%d?a=1&b=2", i), Feed: "24.kg",
				Published: d.Since.Add(time.Duration(i) * time.Minute), Regions: []string{"KG"}}
			if i%3 == 0 {
				e.Also = []alerts.DigestSource{{Feed: "Kabar", Link: fmt.Sprintf("https://kabar.kg/%d", i)}, {Feed: "AKIpress", Link: "https://akipress.org/x"}}
			}
			topic.Entries = append(topic.Entries, e)
		}
		d.Topics = append(d.Topics, topic)
	}
	return d
}

// A digest longer than a message arrives as several, each valid and
// within the limit, split between stories, with every story present once.
func TestDigestSplitsOnStoryBoundaries(t *testing.T) {
	d := bigDigest(60)
	parts := RenderDigest(d)
	if len(parts) < 3 {
		t.Fatalf("%d parts; want the digest split", len(parts))
	}
	var all string
	for i, p := range parts {
		shown, err := telegramtest.ParseHTML(p.HTML)
		if err != nil {
			t.Fatalf("part %d does not parse: %v", i+1, err)
		}
		if length(p.HTML) > MaxMessage || length(p.Plain) > MaxMessage {
			t.Errorf("part %d: %d / %d units", i+1, length(p.HTML), length(p.Plain))
		}
		if i > 0 && !strings.HasPrefix(shown, "ISKP <&> (60) (continued)") && !strings.HasPrefix(shown, "Attacks (60)") {
			t.Errorf("part %d does not start with a topic heading: %.60q", i+1, shown)
		}
		if first, _, _ := strings.Cut(p.Plain, "\n"); i > 0 && first != "ISKP <&> (60) (continued)" && first != "Attacks (60)" && first != "Attacks (60) (continued)" {
			t.Errorf("plain part %d does not start with a topic heading: %.60q", i+1, p.Plain)
		}
		all += shown + "\n"
	}
	for ti, name := range []string{"ISKP <&>", "Attacks"} {
		for i := range 60 {
			title := fmt.Sprintf("Story %d of %s: <b>police</b> & courts in Бишкек report details", i, name)
			if n := strings.Count(all, title+"\n"); n != 1 {
				t.Errorf("topic %d story %d appears %d times", ti, i, n)
			}
		}
	}
	if !strings.HasPrefix(all, "📰 newsalert digest · 27 Nov, 08:00 (Almaty)\n120 stories since 26 Nov, 08:00") {
		t.Errorf("header: %.120q", all)
	}
	if !strings.Contains(all, "also reported by Kabar, AKIpress") {
		t.Error("no 'also reported by' line")
	}
}

// digestEnd ends the digests rendered here; any date would do.
var digestEnd = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)

func TestEmptyDigestSaysSo(t *testing.T) {
	parts := RenderDigest(alerts.Digest{Since: digestEnd.Add(-24 * time.Hour), Until: digestEnd})
	if len(parts) != 1 || !strings.Contains(parts[0].Plain, "Nothing new on your topics in this period.") {
		t.Errorf("empty digest: %+v", parts)
	}
}

func TestPackKeepsOrderAndLimit(t *testing.T) {
	var parts []alerts.Text
	for i := range 300 {
		s := fmt.Sprintf("line %03d & more", i)
		parts = append(parts, alerts.Text{HTML: esc(s), Plain: s})
	}
	parts[299].Buttons = [][]alerts.Button{{{Label: "x", Data: "y"}}}
	packed := Pack(parts)
	if len(packed) < 2 {
		t.Fatalf("%d messages", len(packed))
	}
	var joined []string
	for _, p := range packed {
		if length(p.HTML) > MaxMessage {
			t.Errorf("message of %d units", length(p.HTML))
		}
		joined = append(joined, p.Plain)
	}
	if got := strings.Join(joined, "\n"); !strings.HasPrefix(got, "line 000") || !strings.HasSuffix(got, "line 299 & more") || strings.Count(got, "\n") != 299 {
		t.Errorf("order or content lost")
	}
	if packed[len(packed)-1].Buttons == nil || packed[0].Buttons != nil {
		t.Error("buttons should go with the last message only")
	}
}

// TestDigestListsRelatedReports: a story's related reports (see
// alerts.BuildDigest) follow it, each title linked and escaped with its
// outlet; the plain text gives the links.
func TestDigestListsRelatedReports(t *testing.T) {
	d := alerts.Digest{Since: digestEnd.Add(-24 * time.Hour), Until: digestEnd,
		Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{{
			ItemKey: "a", Title: "ГКНБ задержал в Бишкеке вербовщика ИГИЛ", Link: "https://24.kg/a", Feed: "24.kg",
			Related: []alerts.DigestSource{{Feed: "kaktus.media", Title: "Спецслужбы задержали <вербовщика>", Link: "https://kaktus.media/b"}},
		}}}}}
	parts, shown := renderOne(t, d)
	if !strings.Contains(shown, "related: Спецслужбы задержали <вербовщика> (kaktus.media)") ||
		!strings.Contains(parts[0].HTML, `<a href="https://kaktus.media/b">Спецслужбы задержали &lt;вербовщика&gt;</a>`) {
		t.Errorf("no related line:\n%s", parts[0].HTML)
	}
	if !strings.Contains(parts[0].Plain, "related: Спецслужбы задержали <вербовщика> https://kaktus.media/b (kaktus.media)") {
		t.Errorf("plain text:\n%s", parts[0].Plain)
	}
}

// TestDigestTagsAStoryWithItsOtherTopics: a story matched by two topics
// is one entry, under the first, with the other topic as a tag.
func TestDigestTagsAStoryWithItsOtherTopics(t *testing.T) {
	full := alerts.DigestEntry{ItemKey: "a", StoryID: 7, Title: "ISKP cell broken up", Link: "https://24.kg/a", Feed: "24.kg",
		Why: []string{`"ISKP"`}, Tags: []string{"Terrorism & extremism"}}
	d := alerts.Digest{Since: digestEnd.Add(-24 * time.Hour), Until: digestEnd, Topics: []alerts.DigestTopic{
		{ID: "iskp", Name: "ISKP", Entries: []alerts.DigestEntry{full}}}}
	parts, shown := renderOne(t, d)
	if !strings.Contains(shown, "ISKP (1)\n• ISKP cell broken up\n  24.kg\n  matched: ISKP · also in: Terrorism & extremism\n") ||
		strings.Count(parts[0].HTML, `<a href="https://24.kg/a">`) != 1 || strings.Contains(shown, "listed under") {
		t.Errorf("digest:\n%s", shown)
	}
	if strings.Count(parts[0].Plain, "https://24.kg/a") != 1 {
		t.Errorf("plain text:\n%s", parts[0].Plain)
	}
}

// TestDigestSaysAStoryContinues: a story that goes on from before the
// period names its earlier report, escaped.
func TestDigestSaysAStoryContinues(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	d := alerts.Digest{Since: now.Add(-24 * time.Hour), Until: now, Topics: []alerts.DigestTopic{{ID: "iskp", Name: "ISKP",
		Entries: []alerts.DigestEntry{{ItemKey: "b", Title: "Trial of ISKP cell opens", Link: "https://24.kg/b", Feed: "24.kg",
			Earlier: store.EarlierReport{Title: "ISKP cell <broken up>", MatchedAt: now.Add(-30 * time.Hour)}}}}}}
	parts, shown := renderOne(t, d)
	want := "continues a story of 25 Nov, 21:00: ISKP cell <broken up>"
	if !strings.Contains(shown, want) || !strings.Contains(parts[0].Plain, want) {
		t.Errorf("no continuation line %q:\n%s", want, shown)
	}
}

// renderOne renders a digest that fits one message, and returns it with
// its HTML as a reader sees it.
func renderOne(t *testing.T, d alerts.Digest) ([]alerts.Text, string) {
	t.Helper()
	parts := RenderDigest(d)
	if len(parts) != 1 {
		t.Fatalf("%d parts", len(parts))
	}
	shown, err := telegramtest.ParseHTML(parts[0].HTML)
	if err != nil {
		t.Fatalf("HTML does not parse: %v\n%s", err, parts[0].HTML)
	}
	return parts, shown
}

// TestDigestNamesTheStorysOwnCountries: a story's countries are those its
// report names (a Kabul story from a feed tagged Kyrgyzstan is about
// Afghanistan); the feed's tags only when it names none.
func TestDigestNamesTheStorysOwnCountries(t *testing.T) {
	for _, tc := range []struct {
		named, regions []string
		want, not      string
	}{
		{[]string{"AF"}, []string{"KG", "AF", "central-asia"}, "Afghanistan", "Kyrgyzstan"},
		{nil, []string{"KG", "central-asia"}, "Kyrgyzstan", "Central Asia"},
	} {
		e := alerts.DigestEntry{ItemKey: "a", Title: "Blast in Kabul", Link: "https://24.kg/a", Feed: "24.kg",
			Why: []string{`"blast"`}, Regions: tc.regions, Named: tc.named}
		d := alerts.Digest{Since: digestEnd.Add(-24 * time.Hour), Until: digestEnd, Topics: []alerts.DigestTopic{
			{ID: "t", Name: "Attacks", Entries: []alerts.DigestEntry{e}}}}
		_, shown := renderOne(t, d)
		if !strings.Contains(shown, tc.want) || strings.Contains(shown, tc.not) {
			t.Errorf("named %v, tagged %v: want %q and not %q in\n%s", tc.named, tc.regions, tc.want, tc.not, shown)
		}
	}
}
