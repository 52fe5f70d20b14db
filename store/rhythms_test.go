package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// TestFeedRhythms: an item counts at its published date when the feed
// gave one (never later than first seen), else when first seen, and only
// within the window.
func TestFeedRhythms(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "store.db"))
	defer s.Close()
	since := t0.Add(-48 * time.Hour)
	item := func(n int, published, seen time.Time, estimated bool) feeds.Item {
		return feeds.Item{Key: fmt.Sprint("k", n), FeedURL: "https://a.example/rss", GUID: fmt.Sprint(n), Title: fmt.Sprint("item ", n),
			Link: fmt.Sprintf("https://a.example/%d", n), Published: published, DateEstimated: estimated, FirstSeen: seen}
	}
	for n, it := range []feeds.Item{
		item(1, t0.Add(-72*time.Hour), t0.Add(-72*time.Hour), false), // before the window
		item(2, t0.Add(-60*time.Hour), t0.Add(-24*time.Hour), false), // published before it: a backlog read late
		item(3, t0.Add(-24*time.Hour), t0.Add(-24*time.Hour), true),  // no date of its own
		item(4, t0.Add(-10*time.Hour), t0.Add(-2*time.Hour), false),  // published 10 h ago
		item(5, t0.Add(time.Hour), t0.Add(-time.Hour), false),        // a date in the future: first seen
	} {
		if _, err := addItem(t, s, it, nil, nil); err != nil {
			t.Fatalf("item %d: %v", n+1, err)
		}
	}
	got, err := s.FeedRhythms(context.Background(), since)
	if err != nil {
		t.Fatal(err)
	}
	want := feeds.Rhythm{Items: 3, First: t0.Add(-24 * time.Hour), Latest: t0.Add(-time.Hour)}
	if r := got["https://a.example/rss"]; r.Items != want.Items || !r.First.Equal(want.First) || !r.Latest.Equal(want.Latest) {
		t.Errorf("rhythm %+v, want %+v", r, want)
	}
}

// TestFeedRhythmsReadTheWindowByIndex: the daemon asks every ten
// minutes; the window's items are found by the first_seen index, not a
// scan of every item stored.
func TestFeedRhythmsReadTheWindowByIndex(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "store.db"))
	defer s.Close()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+rhythmsSQL, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if joined := strings.Join(plan, "; "); !strings.Contains(joined, "items_first_seen (first_seen>?)") {
		t.Errorf("plan %q does not read items by items_first_seen", joined)
	}
}
