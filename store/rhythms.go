package store

import (
	"context"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// rhythmsSQL reads the window's items by the first_seen index: an item's
// time is never later than when it was first seen, so none outside it
// counts (the daemon asks every ten minutes, with a million items stored;
// without statistics SQLite would scan them all by the feed index).
const rhythmsSQL = `WITH t AS (SELECT feed_url,
		CASE WHEN published > 0 AND date_estimated = 0 THEN min(published, first_seen) ELSE first_seen END AS at
		FROM items INDEXED BY items_first_seen WHERE first_seen > ?1)
	SELECT feed_url, count(*), min(at), max(at) FROM t WHERE at > ?1 GROUP BY feed_url`

// FeedRhythms returns, per feed URL, how many items it published since
// since and when the first and newest were. An item's time is its
// published date when the feed gave one (never later than when it was
// first seen), else when it was first seen: a first poll that reads a
// whole feed at once must not look like a burst.
func (s *Store) FeedRhythms(ctx context.Context, since time.Time) (map[string]feeds.Rhythm, error) {
	rows, err := s.read.QueryContext(ctx, rhythmsSQL, millis(since))
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
