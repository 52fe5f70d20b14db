package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkMatchesSince reads one day's matches, as a daily digest does,
// from a store holding a month of them: 1,000 matched items a day in
// stories of about three reports, every other report joining a story of
// the day before, each matched by two of five topics.
func BenchmarkMatchesSince(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "s.db"), atT0)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const days, perDay = 30, 1000
	start := t0.Add(-days * 24 * time.Hour)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range days * perDay {
		at := millis(start.Add(time.Duration(i) * 24 * time.Hour / perDay))
		key := fmt.Sprint("item-", i)
		story := i/3 + 1
		if i%2 == 1 && i >= perDay {
			story = (i-perDay)/3 + 1
		}
		if _, err := tx.Exec(`INSERT INTO items (key, feed_url, feed_name, guid, title, link, summary, published, first_seen, story_id)
			VALUES (?, 'http://127.0.0.1/f', 'F', '', ?, ?, 'lead', ?, ?, ?)`, key, "Title "+key, "http://127.0.0.1/"+key, at, at, story); err != nil {
			b.Fatal(err)
		}
		for _, topic := range []string{fmt.Sprint("topic-", i%5), fmt.Sprint("topic-", (i+1)%5)} {
			if _, err := tx.Exec(`INSERT INTO matches (item_key, topic, why, regions, matched_at) VALUES (?, ?, '[]', '[]', ?)`,
				key, topic, at); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	since := t0.Add(-24 * time.Hour)
	b.ResetTimer()
	for b.Loop() {
		ms, err := s.MatchesSince(ctx, since, t0, []string{"topic-0", "topic-1", "topic-2"})
		if err != nil || len(ms) == 0 {
			b.Fatal(len(ms), err)
		}
	}
}
