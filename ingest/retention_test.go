package ingest

import (
	"context"
	"fmt"
	"github.com/newsalert/newsalert/store"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/stories"
)

// TestDailyPruneKeepsTheStoreBounded runs a store as the daemon does for
// thirty days — new reports every day, many joining stories, each matched
// and alerted, then a retention pass — and checks that no table keeps
// growing once the retention periods (3 and 7 days here) have passed.
func TestDailyPruneKeepsTheStoreBounded(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	const retention, keyRetention = 3 * 24 * time.Hour, 7 * 24 * time.Hour
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := benchVocab(20000)
	text := func(n int) string { return benchText(rng, vocab, n) }
	// Not word_df: a row per word ever seen, bounded by the language.
	tables := []string{"items", "matches", "outbox", "stories", "story_bands", "story_alerts", "seen_keys"}
	sizes := func() map[string]int {
		out := map[string]int{}
		for _, table := range tables {
			out[table] = countRows(t, s, table)
		}
		return out
	}
	start := t0.Add(-30 * 24 * time.Hour)
	var last []NewItem // yesterday's reports, some of which are told again today
	var atDay12 map[string]int
	for day := range 30 {
		var today []NewItem
		for i := range 20 {
			at := start.Add(time.Duration(day)*24*time.Hour + time.Duration(i)*time.Hour)
			title, lead := text(8), text(20)
			if len(last) > 0 && i%3 == 0 { // another outlet's report of yesterday's story
				prev := last[rng.IntN(len(last))].Item
				title, lead = prev.Title+" "+text(1), prev.Summary
			}
			r := report(fmt.Sprintf("d%d-%d", day, i), fmt.Sprint("feed", i%5), title, lead, at)
			r.Fingerprint = stories.Of(title, lead)
			r.Matches = []store.Match{{Topic: "iskp"}}
			r.Deliveries = []Delivery{alertTo("tg:1", 0), alertTo("tg:2", 2)}
			if _, err := s.Add(ctx, r); err != nil {
				t.Fatal(err)
			}
			today = append(today, r)
		}
		due, _ := s.DueDeliveries(ctx, start.Add(time.Duration(day+1)*24*time.Hour), 0, 1000)
		for _, d := range due {
			if err := s.MarkSent(ctx, d.ID, start.Add(time.Duration(day)*24*time.Hour), ""); err != nil {
				t.Fatal(err)
			}
		}
		now := start.Add(time.Duration(day+1) * 24 * time.Hour)
		if _, err := s.Prune(ctx, store.PruneBefore{Items: now.Add(-retention), Keys: now.Add(-keyRetention), Bands: now.Add(-retention).Add(-48 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		last = today
		if day == 11 {
			atDay12 = sizes()
		}
	}
	atDay30 := sizes()
	t.Logf("rows after 12 days: %v; after 30: %v", atDay12, atDay30)
	for _, table := range tables {
		if atDay30[table] > atDay12[table]*11/10+5 {
			t.Errorf("%s grew from %d rows after 12 days to %d after 30", table, atDay12[table], atDay30[table])
		}
	}
}
