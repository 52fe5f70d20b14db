package email

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/quotedprintable"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock"
)

func sampleDigest(lang string) alerts.Digest { return alertstest.SampleDigest(lang, until) }

// bigDigest has n stories over three topics, each with a long title, a
// lead and outlets.
func bigDigest(n int) alerts.Digest {
	d := alerts.Digest{Since: until.Add(-24 * time.Hour), Until: until, Location: time.UTC, Lang: "ru"}
	for ti, name := range []string{"ИГИЛ-Хорасан", "Терроризм", "Граница"} {
		d.Topics = append(d.Topics, alerts.DigestTopic{ID: fmt.Sprint("t", ti), Name: name})
	}
	for i := range n {
		t := &d.Topics[i%3]
		t.Entries = append(t.Entries, alerts.DigestEntry{ItemKey: fmt.Sprint(i), StoryID: int64(i + 1),
			Title:   fmt.Sprintf("Сюжет %d: спецслужбы сообщили о задержании группы сторонников запрещённой организации в приграничном районе", i),
			Summary: strings.Repeat("Подробности задержания и версия следствия, изложенные пресс-службой ведомства. ", 5),
			Link:    fmt.Sprintf("https://24.kg/news/%d", i), Feed: "24.kg", Published: until.Add(-time.Duration(i) * time.Minute),
			Why: []string{`"ИГИЛ"`}, Regions: []string{"KG"},
			Also: []alerts.DigestSource{{Feed: "Kabar", Link: fmt.Sprintf("https://kabar.kg/%d", i)}}})
	}
	return d
}

func TestSubjectNamesTheTopStoryAndTheCount(t *testing.T) {
	one := func(lang, title string) alerts.Digest {
		return alerts.Digest{Until: until, Lang: lang, Topics: []alerts.DigestTopic{{Name: "x", Entries: []alerts.DigestEntry{{ItemKey: "a", Title: title}}}}}
	}
	many := func(lang string, n int) alerts.Digest {
		d := one(lang, "Ош: двое задержаны за экстремистские посты")
		for i := range n - 1 {
			d.Topics[0].Entries = append(d.Topics[0].Entries, alerts.DigestEntry{ItemKey: fmt.Sprint("b", i), Title: "other", Published: until.Add(-time.Hour)})
		}
		d.Topics[0].Entries[0].Published = until
		return d
	}
	for _, tc := range []struct {
		name string
		d    alerts.Digest
		want string
	}{
		{"one story", one("en", "Osh: two detained for extremist posts"), "Osh: two detained for extremist posts"},
		{"en 12", many("en", 12), "Ош: двое задержаны за экстремистские посты — and 11 more stories"},
		{"en 2", many("en", 2), "Ош: двое задержаны за экстремистские посты — and 1 more story"},
		{"ru 12", many("ru", 12), "Ош: двое задержаны за экстремистские посты — и ещё 11 сюжетов"},
		{"ru 2", many("ru", 2), "Ош: двое задержаны за экстремистские посты — и ещё 1 сюжет"},
		{"ru 4", many("ru", 4), "Ош: двое задержаны за экстремистские посты — и ещё 3 сюжета"},
		{"ru 22", many("ru", 22), "Ош: двое задержаны за экстремистские посты — и ещё 21 сюжет"},
		{"long title cut at a word", one("en", strings.Repeat("word ", 40)), strings.TrimSpace(strings.Repeat("word ", 18)) + "…"},
		{"empty en", alerts.Digest{Until: until, Lang: "en"}, "No new stories on your topics · 27 Nov"},
		{"empty ru", alerts.Digest{Until: until, Lang: "ru"}, "Новых сюжетов по вашим темам нет · 27 ноября"},
		{"unknown language speaks English", many("pt", 3), "Ош: двое задержаны за экстремистские посты — and 2 more stories"},
	} {
		if got := Subject(tc.d); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// The top story is the most reported, wherever its topic stands.
	d := sampleDigest("en")
	if got := Subject(d); !strings.HasPrefix(got, "Ош: двое задержаны") || !strings.HasSuffix(got, " — and 4 more stories") {
		t.Errorf("sample digest subject %q", got)
	}
}

func TestFitEntries(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sizes  [][]int
		budget int
		want   []int
	}{
		{"all fit", [][]int{{10, 10}, {10}}, 100, []int{2, 1}},
		{"exactly", [][]int{{10, 10}, {10}}, 30, []int{2, 1}},
		{"by rank across topics", [][]int{{10, 10, 10}, {10, 10, 10}}, 40, []int{2, 2}},
		{"stops at the first that does not fit", [][]int{{10, 50}, {10, 5}}, 40, []int{1, 1}},
		{"a short topic ends early", [][]int{{10}, {10, 10, 10}}, 35, []int{1, 2}},
		{"nothing fits", [][]int{{50}}, 40, []int{0}},
		{"no topics", nil, 40, []int{}},
	} {
		got := fitEntries(tc.sizes, tc.budget)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A digest of 500 stories stays well below Gmail's 102 KB clipping: the
// HTML lists what fits in about 80 KB, each topic's best first, and says
// how many it left out; the plain-text part lists them all.
func TestBigDigestIsCappedBelowGmailClipping(t *testing.T) {
	r, err := Render(bigDigest(500), "https://example.org/u/1")
	if err != nil {
		t.Fatal(err)
	}
	var qp bytes.Buffer
	w := quotedprintable.NewWriter(&qp)
	w.Write([]byte(r.HTML))
	w.Close()
	t.Logf("500 stories: HTML %d bytes (%d quoted-printable), text %d bytes", len(r.HTML), qp.Len(), len(r.Text))
	if qp.Len() > 90_000 {
		t.Errorf("HTML of %d bytes as sent; Gmail clips at 102 KB, want at most 90,000", qp.Len())
	}
	shown := strings.Count(r.HTML, `href="https://24.kg/news/`)
	if shown < 20 || shown >= 500 {
		t.Fatalf("%d stories shown", shown)
	}
	want := fmt.Sprintf("И ещё %d сюжет", 500-shown)
	if !strings.Contains(r.HTML, want) || !strings.Contains(r.HTML, "все сюжеты есть в текстовой версии письма") {
		t.Errorf("HTML does not say %q", want)
	}
	for _, first := range []string{"Сюжет 0:", "Сюжет 1:", "Сюжет 2:"} {
		if !strings.Contains(r.HTML, first) {
			t.Errorf("the HTML lacks %q, a topic's newest story", first)
		}
	}
	if !strings.Contains(r.HTML, "по этой теме") || !strings.Contains(r.HTML, "Отписаться") {
		t.Error("no per-topic count of the stories left out, or no footer")
	}
	if n := strings.Count(r.Text, "https://24.kg/news/"); n != 500 {
		t.Errorf("the text part lists %d stories, want all 500", n)
	}
	if path := os.Getenv("NEWSALERT_DIGEST_HTML"); path != "" {
		os.WriteFile(strings.ReplaceAll(path, "LANG", "capped"), []byte(r.HTML), 0o644)
	}
}

// The digest is written in the reader's language, every label, date and
// country, with the footer's topics, schedule and ways to manage it; a
// story under two topics comes once, under the first, with the other as
// a tag, its why line without repeated spellings.
func TestDigestSpeaksTheReadersLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang       string
		want, text []string
		not        []string
	}{
		{"ru", []string{`<html lang="ru">`, "Дайджест newsalert · 27 ноября, 08:00 (Алматы)", "26 ноября, 08:00 – 27 ноября, 08:00 · 5 сюжетов",
			"совпадения: ИГИЛ, вербовали · также в темах: <b", ">Терроризм</b>", "также сообщили: ",
			"24.kg · 27 ноября, 04:50 · Кыргызстан", "Таджикистан, Афганистан",
			"продолжение сюжета от 25 ноября, 06:00: В Таджикистане задержана ячейка ИГИЛ-Хорасан",
			"Ваши темы: ИГИЛ-Хорасан, Терроризм, Инциденты на границе", "Дайджест: ежедневно в 08:00 (Алматы)",
			"Чтобы изменить темы или расписание, ответьте на это письмо.", ">Отписаться</a>"},
			[]string{"== ИГИЛ-Хорасан (2) ==", "== Терроризм (1) ==", "совпадения: ИГИЛ, вербовали\n  также в темах: Терроризм\n",
				"Отписаться: https://example.org/u/1"},
			[]string{"matched", "listed under", "also reported", "Nov", "Your topics"}},
		{"en", []string{`<html lang="en">`, "newsalert digest · 27 Nov, 08:00 (Almaty)", "· 5 stories", "matched: ИГИЛ, вербовали · also in",
			"also in: <b", "also reported by: ", "24.kg · 27 Nov, 04:50 · Kyrgyzstan", "Your topics: ISKP, Terrorism, Border incidents",
			"Digest: daily at 08:00 (Almaty)", ">Unsubscribe</a>"},
			[]string{"== ISKP (2) ==", "Unsubscribe: https://example.org/u/1"},
			[]string{"ноября", "Отписаться", "listed under"}},
	} {
		r, err := Render(sampleDigest(tc.lang), "https://example.org/u/1")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.HTML, w) {
				t.Errorf("%s: HTML lacks %q", tc.lang, w)
			}
		}
		for _, w := range tc.text {
			if !strings.Contains(r.Text, w) {
				t.Errorf("%s: text lacks %q:\n%s", tc.lang, w, r.Text)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(r.HTML, w) || strings.Contains(r.Text, w) {
				t.Errorf("%s: has %q", tc.lang, w)
			}
		}
		// The Osh story: once, though two topics matched it.
		if n := strings.Count(r.HTML[strings.Index(r.HTML, "<body"):], "Ош: двое задержаны"); n != 1 {
			t.Errorf("%s: the two-topic story is shown %d times", tc.lang, n)
		}
		if strings.Count(r.Text, "https://24.kg/news/osh") != 1 {
			t.Errorf("%s: text part lists the two-topic story more than once", tc.lang)
		}
		if path := os.Getenv("NEWSALERT_DIGEST_HTML"); path != "" {
			os.WriteFile(strings.ReplaceAll(path, "LANG", tc.lang), []byte(r.HTML), 0o644)
		}
	}
}

// TestDigestHTMLShape: the preheader comes first in the body, hidden; the
// titles are cut; every element that shows text carries its own style, so
// that a client dropping <head> and <body> styles shows it the same.
func TestDigestHTMLShape(t *testing.T) {
	r, err := Render(sampleDigest("ru"), "")
	if err != nil {
		t.Fatal(err)
	}
	body := r.HTML[strings.Index(r.HTML, "<body"):]
	pre := `<div style="display:none;max-height:0;overflow:hidden;font-size:1px;color:#f2f2f2;">ИГИЛ-Хорасан: 2 · Терроризм: 1 · Инциденты на границе: 2`
	if !strings.HasPrefix(body[strings.Index(body, ">")+2:], pre) {
		t.Errorf("body does not open with the preheader:\n%.400s", body)
	}
	if strings.Contains(r.HTML, "<style") {
		t.Error("a <style> block: clients drop them")
	}
	for _, tag := range []string{"<td", "<a ", "<div", "<span", "<b "} {
		for i, part := range strings.Split(body, tag)[1:] {
			if !strings.HasPrefix(strings.TrimLeft(part, " "), "style=") && !strings.Contains(part[:strings.Index(part, ">")], " style=") {
				t.Errorf("%s number %d has no style of its own: %s%.80s", tag, i+1, tag, part)
			}
		}
	}
	long := strings.Repeat("Очень длинный заголовок агентства о ситуации на таджикско-афганской границе, ", 4)
	if strings.Contains(r.HTML, long[:300]) || !strings.Contains(r.HTML, "…</b></a>") {
		t.Error("the long title is not cut")
	}
	if !strings.Contains(r.HTML, "font-family:Arial") || strings.Contains(r.HTML, "ZgotmplZ") {
		t.Error("fonts not set inline, or a link was refused")
	}
}

// A real digest, sent through Mailpit, passes its HTML check (the features
// it uses, weighed by how many e-mail clients support them) at 95 % or
// better.
func TestDigestPassesMailpitHTMLCheck(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.Plain)
	ctx := context.Background()
	server := smtpOf(mp, "none")
	server.Username = ""
	for _, d := range []alerts.Digest{sampleDigest("ru"), bigDigest(500)} {
		to := fmt.Sprintf("check-%s-%d@example.org", d.Lang, time.Now().UnixNano())
		r, err := Render(d, "https://example.org/u/1")
		if err != nil {
			t.Fatal(err)
		}
		msg := alerts.Message{Text: &alerts.Text{Subject: r.Subject, Plain: r.Text, HTML: r.HTML, ID: "check." + to}}
		if err := NewSender(server, "alerts@example.org", Unsubscribe{}, clock.Wall, slog.New(slog.DiscardHandler)).Send(ctx, to, msg); err != nil {
			t.Fatal(err)
		}
		msgs, err := mp.WaitMessages(ctx, to, 1, 5*time.Second)
		if err != nil || len(msgs) != 1 {
			t.Fatalf("messages: %d, %v", len(msgs), err)
		}
		check, err := mp.HTMLCheck(ctx, msgs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var warnings []string
		for _, w := range check.Warnings {
			warnings = append(warnings, fmt.Sprintf("%s (%d)", w.Slug, w.Score.Found))
		}
		t.Logf("%s: supported %.2f %%, partial %.2f %%, unsupported %.2f %%; %v", r.Subject, check.Total.Supported,
			check.Total.Partial, check.Total.Unsupported, warnings)
		if check.Total.Tests == 0 || check.Total.Supported < 95 {
			t.Errorf("Mailpit's HTML check: %.2f %% supported, want at least 95 %%; short of full support: %v", check.Total.Supported, warnings)
		}
		if msgs[0].Subject != r.Subject {
			t.Errorf("subject %q arrived as %q", r.Subject, msgs[0].Subject)
		}
	}
}
