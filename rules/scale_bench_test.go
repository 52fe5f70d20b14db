package rules

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The scale benchmarks match real news items against 10 to 10,000
// synthetic topics of 5–20 keywords drawn from the items' own vocabulary,
// with morphology on, beside the baseline most feed tools use: one
// compiled case-insensitive regexp per topic. The items are ~1 KB English
// and Russian feed items and the dev part of the regional set in all six
// languages, so that keywords in Uzbek, Kazakh, Kyrgyz and Tajik compile
// to their analysers' patterns and texts in them are read as such.

func scaleItems(b *testing.B) ([]Item, int) {
	items, size := feedItems(b, []string{"ru_lenta-ru_rss2.xml", "en_economist-asia_rss2_300items.xml", "en_time-world_rss2_1mb.xml",
		"ru_tut-by_rss2_media-content_extracted.xml", "en_guardian_rss2_media.xml"}, stripTags, 1000)
	size *= len(items)
	for _, lang := range regionalLanguages {
		for _, l := range readLabelled(b, "dev", lang) {
			it := l.item()
			items = append(items, it)
			size += len(it.Title) + len(it.Text)
		}
	}
	return items, size / len(items)
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// vocabulary is the words of five letters or more that occur once in the
// items: real topics' keywords are rare words (a place, a group's name),
// and a topic matches a small share of the news.
func vocabulary(items []Item) []string {
	count := map[string]int{}
	for _, it := range items {
		for _, w := range tokenize(it.Title + " " + it.Text) {
			if len([]rune(w)) >= 5 {
				count[w]++
			}
		}
	}
	words := make([]string, 0, len(count))
	for w, n := range count {
		if n == 1 {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	return words
}

// syntheticRules writes n topics of 5–20 keywords: mostly single words,
// some two-word phrases and wildcards. One keyword in ten is a word of the
// items, the rest made-up words, so that a topic matches now and then, as
// real ones do, and the rules' size, not the matches, is measured.
func syntheticRules(n int, vocab []string) ([]byte, [][]string) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	rare := vocab
	var b strings.Builder
	b.WriteString("topics:\n")
	keywords := make([][]string, n)
	for i := range n {
		k := 5 + rng.IntN(16)
		fmt.Fprintf(&b, "  - id: t%d\n    any:\n", i)
		for range k {
			w := rare[rng.IntN(len(rare))]
			if rng.IntN(10) > 0 { // most keywords are words these items do not use
				w = syntheticWord(rng)
			}
			switch rng.IntN(10) {
			case 0:
				w += " " + rare[rng.IntN(len(rare))]
			case 1:
				w = string([]rune(w)[:6]) + "*"
			}
			keywords[i] = append(keywords[i], w)
			fmt.Fprintf(&b, "      - %q\n", w)
		}
	}
	return []byte(b.String()), keywords
}

func BenchmarkTopics(b *testing.B) {
	items, avg := scaleItems(b)
	vocab := vocabulary(items)
	for _, n := range []int{10, 100, 1000, 10000} {
		data, keywords := syntheticRules(n, vocab)
		m, err := Parse("bench.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("matcher/%d", n), func(b *testing.B) {
			b.SetBytes(int64(avg))
			b.ReportAllocs()
			matched := 0
			for i := 0; b.Loop(); i++ {
				matched += len(m.Match(items[i%len(items)]))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(float64(matched)/float64(b.N), "topics/item")
		})
		if n > 1000 {
			continue // the baseline would take minutes per item
		}
		res := make([]*regexp.Regexp, n)
		for i, kws := range keywords {
			alts := make([]string, len(kws))
			for j, k := range kws {
				alts[j] = regexp.QuoteMeta(strings.TrimSuffix(k, "*"))
			}
			res[i] = regexp.MustCompile(`(?i)(?:^|\PL)(?:` + strings.Join(alts, "|") + `)`)
		}
		b.Run(fmt.Sprintf("regexp-per-topic/%d", n), func(b *testing.B) {
			b.SetBytes(int64(avg))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				it := items[i%len(items)]
				for _, re := range res {
					_ = re.MatchString(it.Title) || re.MatchString(it.Text)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

func BenchmarkCompileTopics(b *testing.B) {
	items, _ := scaleItems(b)
	vocab := vocabulary(items)
	for _, n := range []int{1000, 10000} {
		data, _ := syntheticRules(n, vocab)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("bench.yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// syntheticWord makes up a word of Latin or Cyrillic syllables.
func syntheticWord(rng *rand.Rand) string {
	latin := []string{"ka", "ro", "zu", "mi", "tan", "bek", "dor", "shi", "val", "qu", "ist", "ren"}
	cyr := []string{"ка", "ро", "зу", "ми", "тан", "бек", "дор", "ши", "вал", "ку", "ист", "рен"}
	syl := latin
	if rng.IntN(2) == 0 {
		syl = cyr
	}
	var b strings.Builder
	for range 3 + rng.IntN(2) {
		b.WriteString(syl[rng.IntN(len(syl))])
	}
	return b.String()
}
