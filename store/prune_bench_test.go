package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkPruneStories times the retention pass over 1,000,000 stories,
// half of them with a kept key and none with an item: "first" is the pass
// that forgets the other half (run it with -benchtime 1x), "steady" a
// pass once they are gone, as the daily one is.
func BenchmarkPruneStories(b *testing.B) {
	for _, name := range []string{"first", "steady"} {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "s.db"), atT0)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			const n = 1_000_000
			for i := 1; i <= n; i++ {
				key := fmt.Sprint("k", i)
				if _, err := tx.Exec(`INSERT INTO stories (id, first_item, created_at) VALUES (?, ?, 0)`, i, key); err != nil {
					b.Fatal(err)
				}
				if i%2 == 0 {
					if _, err := tx.Exec(`INSERT INTO seen_keys (key, canonical_link, story_id, first_seen) VALUES (?, '', ?, ?)`,
						key, i, millis(t0)); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			prune := func() PruneStats {
				st, err := s.Prune(ctx, PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-365 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)})
				if err != nil {
					b.Fatal(err)
				}
				return st
			}
			want := int64(n / 2) // the unkeyed half, on the first pass only
			if name == "steady" {
				prune()
				want = 0
			}
			for b.Loop() {
				if st := prune(); st.Stories != want {
					b.Fatalf("forgot %d stories; want %d", st.Stories, want)
				}
				want = 0
			}
		})
	}
}
