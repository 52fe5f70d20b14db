package feeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
