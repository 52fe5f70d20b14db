package feeds

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func parseFixture(t *testing.T, name string) *gofeed.Feed {
	t.Helper()
	f, err := os.Open("../testdata/feeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return feed
}

func distinctKeys(items []Item) int {
	keys := map[string]bool{}
	for _, it := range items {
		keys[it.Key] = true
	}
	return len(keys)
}

var now = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func TestNormaliseRealFeeds(t *testing.T) {
	tests := []struct {
		file      string
		items     int // items kept
		keys      int // distinct keys
		wantTitle string
	}{
		{"ru_lenta-ru_rss2.xml", 200, 198, ""}, // two items are listed twice,
		{"en_hackernews_rss2_noguid_nodecl.xml", 30, 30, ""},
		// Every item links to https://meduza.io/: the key must use the title.
		{"ru_meduza_rss2_scraped_epoch-dates_same-link.xml", 24, 24, ""},
		// The first item appears twice verbatim: one key for both.
		{"ru_mediazona-ca_rss2_scraped_dup-items.xml", 6, 5, ""},
		{"ru_synthetic_rss2_koi8-r_declared.xml", 2, 2, "Первая новость"},
		{"ru_oren-ru_rss2_windows-1251_noguid.xml", 10, 10, ""},
		{"en_humanwhocodes_jsonfeed1.json", 10, 10, ""},
		{"en_google-alerts_atom.xml", 20, 20, "Slack"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed := parseFixture(t, tt.file)
			items := Normalise(feed, Source{URL: "http://127.0.0.1/" + tt.file}, now)
			if len(items) != tt.items {
				t.Errorf("items = %d, want %d", len(items), tt.items)
			}
			if got := distinctKeys(items); got != tt.keys {
				t.Errorf("distinct keys = %d, want %d", got, tt.keys)
			}
			for _, it := range items {
				if strings.ContainsAny(it.Title+it.Summary, "<>") && strings.Contains(it.Title+it.Summary, "</") {
					t.Errorf("HTML left in %q / %q", it.Title, it.Summary)
				}
				if it.FirstSeen != now {
					t.Errorf("first seen = %v", it.FirstSeen)
				}
			}
			if tt.wantTitle != "" && !strings.Contains(items[0].Title, tt.wantTitle) {
				t.Errorf("first title %q lacks %q", items[0].Title, tt.wantTitle)
			}
		})
	}
}

func TestNormaliseKeysAreStableAcrossPolls(t *testing.T) {
	src := Source{URL: "http://127.0.0.1/lenta"}
	a := Normalise(parseFixture(t, "ru_lenta-ru_rss2.xml"), src, now)
	b := Normalise(parseFixture(t, "ru_lenta-ru_rss2.xml"), src, now.Add(time.Hour))
	for i := range a {
		if a[i].Key != b[i].Key {
			t.Fatalf("item %d key changed between polls", i)
		}
	}
	// The feed lists its items in another order: each keeps its key.
	reordered := parseFixture(t, "ru_lenta-ru_rss2.xml")
	slices.Reverse(reordered.Items)
	keyOf := map[string]string{}
	for _, it := range a {
		keyOf[it.Link+"|"+it.Title] = it.Key
	}
	for _, it := range Normalise(reordered, src, now) {
		if keyOf[it.Link+"|"+it.Title] != it.Key {
			t.Fatalf("item %q changed key when the feed was reordered", it.Title)
		}
	}
	other := Normalise(parseFixture(t, "ru_lenta-ru_rss2.xml"), Source{URL: "http://127.0.0.1/other"}, now)
	if other[0].Key == a[0].Key {
		t.Error("keys of two feeds collide")
	}
}

func TestNormaliseResolvesRelativeLinks(t *testing.T) {
	// TPM's entries link "/livewire/..." with no xml:base.
	items := Normalise(parseFixture(t, "en_tpm_atom_relative-links.xml"), Source{URL: "http://127.0.0.1/tpm.atom"}, now)
	for _, it := range items {
		if !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
			t.Errorf("link %q is not absolute", it.Link)
		}
	}
}

func TestNormaliseClampsImplausibleDates(t *testing.T) {
	items := Normalise(parseFixture(t, "ru_meduza_rss2_scraped_epoch-dates_same-link.xml"), Source{URL: "http://x/"}, now)
	for _, it := range items {
		if !it.Published.Equal(now) || !it.DateEstimated {
			t.Fatalf("epoch date: published %v, estimated %v; want first-seen, estimated", it.Published, it.DateEstimated)
		}
	}
	items = Normalise(parseFixture(t, "ru_lenta-ru_rss2.xml"), Source{URL: "http://x/"}, now)
	if items[0].Published.Year() != 2022 || items[0].DateEstimated {
		t.Errorf("lenta date = %v (estimated %v), want 2022 from the feed", items[0].Published, items[0].DateEstimated)
	}
	future := now.Add(48 * time.Hour)
	updated := now.Add(-time.Hour)
	feed := &gofeed.Feed{Items: []*gofeed.Item{
		{Title: "from the future", Link: "http://x/1", PublishedParsed: &future},
		{Title: "updated only", Link: "http://x/2", UpdatedParsed: &updated},
		{Title: "undated", Link: "http://x/3"},
	}}
	items = Normalise(feed, Source{URL: "http://x/"}, now)
	if !items[0].Published.Equal(now) || !items[0].DateEstimated {
		t.Errorf("future date kept: %+v", items[0])
	}
	if !items[1].Published.Equal(updated) || items[1].DateEstimated {
		t.Errorf("updated date not used: %+v", items[1])
	}
	if !items[2].Published.Equal(now) || !items[2].DateEstimated {
		t.Errorf("undated item: %+v", items[2])
	}
}

func TestItemKeys(t *testing.T) {
	mk := func(title, guid, link string) *gofeed.Item {
		return &gofeed.Item{Title: title, GUID: guid, Link: link}
	}
	feed := &gofeed.Feed{Items: []*gofeed.Item{
		mk("a", "g1", "http://x/a"),
		mk("b", "http://x/", "http://x/b"), // GUID shared with c: not identifying
		mk("c", "http://x/", "http://x/c?utm_source=rss"),
		mk("d", "", "http://x/same"), // link shared with e: title and date
		mk("e", "", "http://x/same"),
		mk("f", "", ""),
	}}
	a := Normalise(feed, Source{URL: "http://feed-a/"}, now)
	b := Normalise(feed, Source{URL: "http://feed-b/"}, now)
	if distinctKeys(a) != 6 {
		t.Fatalf("keys not unique: %d", distinctKeys(a))
	}
	same := []bool{false, true, true, false, false, false} // link keys are shared across feeds
	for i := range a {
		if (a[i].Key == b[i].Key) != same[i] {
			t.Errorf("item %s: same key in two feeds = %v, want %v", a[i].Title, a[i].Key == b[i].Key, same[i])
		}
	}
	// Items without GUIDs, even two sharing a link, keep their keys when
	// the feed lists them in another order.
	reversed := &gofeed.Feed{Items: slices.Clone(feed.Items)}
	slices.Reverse(reversed.Items)
	for _, it := range Normalise(reversed, Source{URL: "http://feed-a/"}, now) {
		i := slices.IndexFunc(a, func(x Item) bool { return x.Title == it.Title })
		if a[i].Key != it.Key {
			t.Errorf("item %s changed key when the feed was reordered", it.Title)
		}
	}
	// A link to a site's home page identifies nothing: two feeds' items that
	// both link there, under different titles, are two items.
	home := func(title string) *gofeed.Feed {
		return &gofeed.Feed{Items: []*gofeed.Item{mk(title, "", "https://news.example/")}}
	}
	ha := Normalise(home("Floods in Osh"), Source{URL: "http://feed-a/"}, now)
	hb := Normalise(home("Elections in Bishkek"), Source{URL: "http://feed-b/"}, now)
	if ha[0].Key == hb[0].Key || ha[0].CanonicalLink != "" {
		t.Errorf("home-page links: keys %s %s, canonical %q", ha[0].Key, hb[0].Key, ha[0].CanonicalLink)
	}
	// A feed that lists an item twice, once before and once after its title
	// was edited, lists one item: both copies keep the GUID's key and the
	// canonical link — unless the edit changed a number: a daily item under
	// one link ("Rates on 27.11") must not be lost.
	edited := &gofeed.Feed{Items: []*gofeed.Item{
		mk("Blast in Osh kills 3", "g7", "http://x/osh"),
		mk("Blast in Osh kills 5, police say", "g7", "http://x/osh"),
	}}
	e := Normalise(edited, Source{URL: "http://feed-a/"}, now)
	if e[0].Key == e[1].Key {
		t.Errorf("items whose titles differ in a number share a key (%s): one would be lost", e[0].Key)
	}
	edited.Items[1].Title = "Blast in Osh kills 3, police say"
	e = Normalise(edited, Source{URL: "http://feed-a/"}, now)
	if e[0].Key != e[1].Key || e[0].Key != hashKey("http://feed-a/", "guid", "g7") || e[1].CanonicalLink != "http://x/osh" {
		t.Errorf("an item listed before and after an edit: keys %s %s, canonical %q", e[0].Key, e[1].Key, e[1].CanonicalLink)
	}
	// The key of c ignores tracking parameters: the same page without them has the same key.
	feed.Items[2].Link = "http://X/c#top"
	if again := Normalise(feed, Source{URL: "http://feed-a/"}, now); again[2].Key != a[2].Key {
		t.Error("key changed with tracking parameters or fragment")
	}
	if a[2].Link != "http://x/c?utm_source=rss" || a[2].CanonicalLink != "http://x/c" {
		t.Errorf("link %q, canonical %q", a[2].Link, a[2].CanonicalLink)
	}
}

func TestNormaliseBoundsMatchText(t *testing.T) {
	items := Normalise(parseFixture(t, "en_time-world_rss2_1mb.xml"), Source{URL: "http://x/"}, now)
	for _, it := range items {
		if n := len([]rune(it.Text)); n > matchRunes+1 {
			t.Fatalf("text of %d runes, want at most %d", n, matchRunes+1)
		}
		if n := len([]rune(it.Summary)); n > summaryRunes+1 {
			t.Fatalf("summary of %d runes", n)
		}
	}
}
