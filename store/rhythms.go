package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// FeedRhythms returns, per feed URL, how many items it published since
// since and when the first and newest were. An item's time is its
// published date when the feed gave one (never later than when it was
// first seen), else when it was first seen: a first poll that reads a
// whole feed at once must not look like a burst.
func (s *Store) FeedRhythms(ctx context.Context, since time.Time) (map[string]feeds.Rhythm, error) {
	rows, err := s.read.QueryContext(ctx, `WITH t AS (SELECT feed_url,
			CASE WHEN published > 0 AND date_estimated = 0 THEN min(published, first_seen) ELSE first_seen END AS at
			FROM items)
		SELECT feed_url, count(*), min(at), max(at) FROM t WHERE at > ? GROUP BY feed_url`, millis(since))
	if err != nil {
		return nil, fmt.Errorf("feed rhythms: %w", err)
	}
	defer rows.Close()
	out := map[string]feeds.Rhythm{}
	for rows.Next() {
		var url string
		var n int
		var first, latest int64
		if err := rows.Scan(&url, &n, &first, &latest); err != nil {
			return nil, fmt.Errorf("feed rhythms: %w", err)
		}
		out[url] = feeds.Rhythm{Items: n, First: fromMillis(first), Latest: fromMillis(latest)}
	}
	return out, rows.Err()
}
