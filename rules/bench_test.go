package rules

import (
	"os"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/newsalert/newsalert/language"
)

// benchItems are the real items of three large feeds, in English and Russian.
func benchItems(b *testing.B) []Item {
	items, _ := feedItems(b, []string{"ru_lenta-ru_rss2.xml", "en_economist-asia_rss2_300items.xml", "en_time-world_rss2_1mb.xml"},
		func(s string) string { return s }, 4000) // the poller bounds match text to about 2,000 runes
	return items
}

// feedItems reads the items of real feeds, their text cleaned by clean and
// cut to max bytes, and returns them with their average size.
func feedItems(b testing.TB, names []string, clean func(string) string, max int) ([]Item, int) {
	b.Helper()
	var items []Item
	size := 0
	for _, name := range names {
		f, err := os.Open("../testdata/feeds/" + name)
		if err != nil {
			b.Fatal(err)
		}
		feed, err := gofeed.NewParser().Parse(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range feed.Items {
			text := clean(it.Description + " " + it.Content)
			if len(text) > max {
				text = text[:max]
			}
			items = append(items, Item{Title: it.Title, Text: text})
			size += len(it.Title) + len(text)
		}
	}
	return items, size / len(items)
}

// BenchmarkMatch measures matching one item against the default rules.
func BenchmarkMatch(b *testing.B) {
	m, err := Load("../rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	items := benchItems(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Match(items[i%len(items)])
	}
}

// BenchmarkLoadRules measures loading and compiling the default rules.
func BenchmarkLoadRules(b *testing.B) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("rules.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStemEveryWord is the design not taken: stemming every word of
// the text (to compare stems with the keywords' stems) instead of stemming
// the keywords once and walking the text's words through a trie of stems.
// Compare with BenchmarkMatch on the same items.
func BenchmarkStemEveryWord(b *testing.B) {
	items := benchItems(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		it := items[i%len(items)]
		for _, w := range tokenize(it.Title + " " + it.Text) {
			if p := language.Possible(w); p.Has(language.English) {
				language.Stem(language.English, w)
			} else if p.Has(language.Russian) {
				language.Stem(language.Russian, w)
			}
		}
	}
}
