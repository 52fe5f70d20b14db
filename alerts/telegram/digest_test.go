package telegram

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

// A digest reads in its reader's language: header with the count, each
// story once (a story two topics matched under the first, the other as a
// tag), the most reported first, titles cut, a short why line, countries
// by name, and a footer with the reader's topics, schedule and commands.
func TestDigestSpeaksTheReadersLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang       string
		shows, not []string
	}{
		{"ru", []string{
			"📰 Дайджест newsalert · 27 ноября, 08:00 (Алматы)\n5 сюжетов с 26 ноября, 08:00\n",
			"ИГИЛ-Хорасан (2)\n• Ош: двое задержаны за экстремистские посты в соцсетях, у них изъяли литературу ИГИЛ\n  24.kg · 27 ноября, 04:50 · Кыргызстан\n" +
				"  Сотрудники ГКНБ задержали в Оше двух жителей области, которые, по данным ведомства, распространяли в соцсетях материалы запрещённой группировки «Исламское государство» и вербовали сторонников среди…\n" +
				"  совпадения: ИГИЛ, вербовали · также в темах: Терроризм\n  также сообщили kaktus.media, akipress.org\n",
			"продолжение сюжета от 25 ноября, 06:00: В Таджикистане задержана ячейка ИГИЛ-Хорасан",
			"Таджикистан, Афганистан", "Терроризм (1)\n• В Ташкенте",
			"Ваши темы: ИГИЛ-Хорасан, Терроризм, Инциденты на границе\nДайджест: ежедневно в 08:00 (Алматы)\n/topics — ваши темы · /mode — оповещения или дайджест · /schedule — время дайджеста",
		}, []string{"matched", "also", "listed under", "Nov", "stories"}},
		{"en", []string{
			"📰 newsalert digest · 27 Nov, 08:00 (Almaty)\n5 stories since 26 Nov, 08:00\n",
			"  matched: ИГИЛ, вербовали · also in: Terrorism\n  also reported by kaktus.media, akipress.org\n",
			"Your topics: ISKP, Terrorism, Border incidents\nDigest: daily at 08:00 (Almaty)\n/topics — your topics · /mode — alerts or digest · /schedule — digest time",
		}, []string{"ноября", "сюжет", "listed under"}},
	} {
		d := alertstest.SampleDigest(tc.lang, digestEnd)
		parts, shown := renderOne(t, d)
		for _, w := range tc.shows {
			if !strings.Contains(shown, w) {
				t.Errorf("%s: lacks %q:\n%s", tc.lang, w, shown)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(shown, w) {
				t.Errorf("%s: has %q:\n%s", tc.lang, w, shown)
			}
		}
		if n := strings.Count(shown, "Ош: двое задержаны"); n != 1 {
			t.Errorf("%s: the story of two topics is shown %d times", tc.lang, n)
		}
		if strings.Index(shown, "Ош: двое") > strings.Index(shown, "В Душанбе") {
			t.Errorf("%s: the story of three outlets comes after one of one", tc.lang)
		}
		long := strings.Repeat("Очень длинный заголовок агентства о ситуации на таджикско-афганской границе, ", 2)
		if strings.Contains(shown, long) || !strings.Contains(shown, "Очень длинный заголовок агентства о ситуации на…\n") {
			t.Errorf("%s: the long title is not cut at a word", tc.lang)
		}
		if dir := os.Getenv("NEWSALERT_DIGEST_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "telegram-digest-"+tc.lang+".txt"), []byte(shown+"\n\n--- HTML sent ---\n"+parts[0].HTML+"\n"), 0o644)
		}
	}
}

// A Russian digest of many stories, many of them tagged, splits into
// messages within the limit that each parse as Bot API HTML (no tag cut),
// with every story once, headings repeated where a topic goes on, and the
// footer once, at the end.
func TestLongRussianDigestSplitsWithoutBreakingTags(t *testing.T) {
	d := bigDigest(80)
	d.Lang = "ru"
	d.Following = []string{"ISKP <&>", "Attacks"}
	d.Schedule = alerts.DigestSchedule{DailyAt: "08:00"}
	for ti := range d.Topics {
		for i := range d.Topics[ti].Entries {
			e := &d.Topics[ti].Entries[i]
			e.Tags = []string{"Терроризм & <экстремизм>", "Граница"}
			e.Why = []string{`"ИГИЛ" (ИГИЛ, title)`, `"игил" (ИГИЛ, summary)`}
		}
	}
	parts := RenderDigest(d)
	if len(parts) < 4 {
		t.Fatalf("%d parts", len(parts))
	}
	var all string
	for i, p := range parts {
		shown, err := telegramtest.ParseHTML(p.HTML)
		if err != nil {
			t.Fatalf("part %d does not parse: %v\n%s", i+1, err, p.HTML)
		}
		if length(p.HTML) > MaxMessage || length(p.Plain) > MaxMessage {
			t.Errorf("part %d: %d / %d units", i+1, length(p.HTML), length(p.Plain))
		}
		if i > 0 && !strings.HasPrefix(shown, "ISKP <&> (80) (продолжение)") && !strings.HasPrefix(shown, "Attacks (80)") {
			t.Errorf("part %d does not start with a topic heading: %.60q", i+1, shown)
		}
		if has := strings.Contains(shown, "/topics — ваши темы"); has != (i == len(parts)-1) {
			t.Errorf("part %d of %d: footer %v", i+1, len(parts), has)
		}
		all += shown + "\n"
	}
	for _, name := range []string{"ISKP <&>", "Attacks"} {
		for i := range 80 {
			title := fmt.Sprintf("Story %d of %s: <b>police</b> & courts in Бишкек report details\n", i, name)
			if n := strings.Count(all, title); n != 1 {
				t.Errorf("%s story %d appears %d times", name, i, n)
			}
		}
	}
	if n := strings.Count(all, "совпадения: ИГИЛ · также в темах: Терроризм & <экстремизм> · Граница\n"); n != 160 {
		t.Errorf("%d why lines with tags, want 160", n)
	}
	if !strings.HasPrefix(all, "📰 Дайджест newsalert · 27 ноября, 08:00 (Алматы)\n160 сюжетов с 26 ноября, 08:00") {
		t.Errorf("header: %.120q", all)
	}
}
