package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

// benchVocab is a made-up vocabulary: news items are drawn from it with a
// skewed frequency, as real words are.
func benchVocab(n int) []string {
	syl := []string{"ka", "ro", "zu", "mi", "tan", "bek", "dor", "shi", "val", "qu", "ist", "ren", "sa", "lo", "pe", "nur"}
	rng := rand.New(rand.NewPCG(7, 7))
	words := make([]string, n)
	for i := range words {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		words[i] = b.String()
	}
	return words
}

// benchFingerprint fingerprints a made-up item as the pipeline does a real
// one, with evidence: one of the region's cities in its title, a language
// and two concepts of a dozen, as the day's many reports share them.
func benchFingerprint(rng *rand.Rand, title, lead string) stories.Fingerprint {
	cities := []string{"Бишкек", "Ош", "Баткен", "Каракол", "Джалал-Абад", "Душанбе", "Хорог", "Куляб", "Ташкент",
		"Андижан", "Наманган", "Самарканд", "Алматы", "Астана", "Шымкент", "Актобе", "Кабул", "Мазари-Шариф"}
	concepts := []string{"detained", "court", "attack", "victims", "border", "clash", "islamic-state", "extremism",
		"terrorism", "security-services", "blast", "recruitment"}
	langs := []string{"ru", "en", "ky", "kk", "uz", "tg"}
	title = "В " + cities[rng.IntN(len(cities))] + " " + title
	return stories.OfReport(title, lead, langs[rng.IntN(len(langs))], []string{concepts[rng.IntN(len(concepts))], concepts[rng.IntN(len(concepts))]}, nil)
}

func benchText(rng *rand.Rand, vocab []string, n int) string {
	ws := make([]string, n)
	for i := range ws {
		// Zipf-like: low indexes far more often.
		ws[i] = vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64()*rng.Float64())]
	}
	return strings.Join(ws, " ")
}

// fill stores n items spread evenly over the year before end, as the
// daemon would have (fingerprints, story index for the last window, word
// counts), in bulk.
func fill(b *testing.B, s *testStore, n int, end time.Time, vocab []string) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	step := 365 * 24 * time.Hour / time.Duration(n)
	df := map[uint32]int{}
	tx, err := s.sql().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback() // a no-op once committed

	item, _ := tx.PrepareContext(ctx, `INSERT INTO items (key, feed_url, feed_name, guid, title, link,
		canonical_link, summary, published, date_estimated, first_seen, story_id, fingerprint)
		VALUES (?, 'f', 'f', '', ?, ?, ?, ?, ?, 0, ?, ?, ?)`)
	band, _ := tx.PrepareContext(ctx, `INSERT INTO story_bands (band, item_key, at) VALUES (?, ?, ?)`)
	story, _ := tx.PrepareContext(ctx, `INSERT INTO stories (id, first_item, created_at) VALUES (?, ?, ?)`)
	for i := range n {
		at := end.Add(-time.Duration(n-i) * step)
		title, lead := benchText(rng, vocab, 8), benchText(rng, vocab, 25)
		fp := benchFingerprint(rng, title, lead)
		key := fmt.Sprint("k", i)
		link := "https://example.org/" + key
		if _, err := story.ExecContext(ctx, i+1, key, at.UnixMilli()); err != nil {
			b.Fatal(err)
		}
		if _, err := item.ExecContext(ctx, key, title, link, link, lead, at.UnixMilli(), at.UnixMilli(), i+1, fp.Encode()); err != nil {
			b.Fatal(err)
		}
		if end.Sub(at) < 2*DefaultStoryWindow {
			for _, bd := range fp.Bands {
				if _, err := band.ExecContext(ctx, int64(bd), key, at.UnixMilli()); err != nil {
					b.Fatal(err)
				}
			}
		}
		for _, w := range fp.Words {
			df[w]++
		}
	}
	dfs, _ := tx.PrepareContext(ctx, `INSERT INTO word_df (word, n) VALUES (?, ?)`)
	for w, c := range df {
		if _, err := dfs.ExecContext(ctx, int64(w), c); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAddWithStories measures recording one new item — known-key and
// canonical-link checks, story candidates through the LSH index within the
// window, exact scoring, insertion with its index entries and word counts —
// with 10,000, 100,000 and 1,000,000 items already stored (a year of a busy
// watch). The cost must not grow with the number stored.
func BenchmarkAddWithStories(b *testing.B) {
	vocab := benchVocab(20000)
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := openAt(b, filepath.Join(b.TempDir(), "bench.db"))
			defer s.Close()
			end := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
			fill(b, s, n, end, vocab)
			if err := s.loadWeights(context.Background()); err != nil {
				b.Fatal(err)
			}

			rng := rand.New(rand.NewPCG(9, 9))
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				i++
				at := end.Add(time.Duration(i) * 30 * time.Second) // about as often as the stored items
				title, lead := benchText(rng, vocab, 8), benchText(rng, vocab, 25)
				it := feeds.Item{Key: fmt.Sprint("new", i), FeedURL: "f", FeedName: "f", Title: title, Summary: lead,
					Link: fmt.Sprint("https://example.org/new", i), Published: at, FirstSeen: at}
				it.CanonicalLink = it.Link
				if _, err := s.Add(ctx, NewItem{Item: it, Fingerprint: benchFingerprint(rng, title, lead)}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			var pages, size int64
			s.sql().QueryRow("PRAGMA page_count").Scan(&pages)
			s.sql().QueryRow("PRAGMA page_size").Scan(&size)
			b.ReportMetric(float64(pages*size)/(1<<20), "store-MB")
		})
	}
}
