package feeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// No real feed in testdata is taken for unreadable, and none comes near:
// each share stays under half of what would flag it.
func TestNoFixtureFeedIsUnreadable(t *testing.T) {
	files, _ := filepath.Glob("../testdata/feeds/*")
	for _, path := range files {
		if strings.HasSuffix(path, ".md") {
			continue
		}
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		feed, enc, err := parse(body, "")
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if why := unreadable(feed, enc); why != "" {
			t.Errorf("%s (%s) flagged: %s", filepath.Base(path), enc, why)
		}
		text := feedText(feed)
		st := countText(text)
		worst := 0
		for _, n := range misreadCounts(text) {
			worst = max(worst, percent(n, st.nonASCII))
		}
		replaced := percent(st.replaced, st.letters+st.replaced)
		upper := percent(st.cyrillicUpper, st.cyrillic)
		t.Logf("%-50s %-12s mojibake %3d%%  U+FFFD %3d%%  upper-case Cyrillic %3d%% of %d", filepath.Base(path), enc, worst, replaced, upper, st.cyrillic)
		if worst >= 25 || replaced >= 3 || st.cyrillic >= 100 && upper >= 25 {
			t.Errorf("%s: too near a threshold", filepath.Base(path))
		}
	}
}

// Short feeds: the thresholds need enough evidence, and the pairs real
// text can form (a one-letter preposition before a no-break space in
// windows-1251, an accented capital before a sign) do not flag it.
func TestUnreadableOnShortTexts(t *testing.T) {
	feed := func(titles ...string) *gofeed.Feed {
		f := &gofeed.Feed{Title: "Лента"}
		for _, s := range titles {
			f.Items = append(f.Items, &gofeed.Item{Title: s})
		}
		return f
	}
	for _, tc := range []struct {
		name string
		feed *gofeed.Feed
		want string // "" for readable
	}{
		{"no-break spaces after prepositions", feed("В\u00a0Москве и\u00a0области", "С\u00a0утра до\u00a0вечера", "К\u00a0ночи"), ""},
		{"accents", feed("Café Ångström: Ã la carte", "São Paulo — €5"), ""},
		{"one stray U+FFFD", feed("Стало известно о задержании бизнесмена Михаила Фр\uFFFDдмана"), ""},
		{"short mojibake", feed("Ð¡Ñ‚Ð°Ð»Ð¾ Ð¸Ð·Ð²ÐµÑÑ‚Ð½Ð¾"), "UTF-8 read as windows-1252"},
		{"short mojibake in KOI8-R", feed("п║я┌п╟п╩п╬ п╦п╥п╡п╣я│я┌п╫п╬"), "UTF-8 read as koi8-r"},
		{"numbers only", feed("2024", "2025 — 1:0"), "has no text"},
		{"empty feed", feed(), ""},
	} {
		got := unreadable(tc.feed, "utf-8")
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q; want %q", tc.name, got, tc.want)
		}
	}
}
