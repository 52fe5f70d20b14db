package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PruneBefore says what Prune removes: items first seen before Items,
// the keys of pruned items kept until Keys, and the story index entries
// of pruned items dated before Bands (an item's story window ago: no new
// report can be placed beside them).
type PruneBefore struct {
	Items, Keys, Bands time.Time
}

// PruneStats counts what Prune removed.
type PruneStats struct {
	Items, Bands, SeenKeys, Stories int64
}

// Prune deletes items first seen before cut.Items (with their matches),
// keeping their keys, canonical links and lead keys until cut.Keys so
// that a late re-post of an old item does not alert again; the story
// index entries of deleted items too old to be matched; and the stories,
// with the record of whom they were alerted to, of which neither an item
// nor a key is left. Items with deliveries still pending are kept.
func (s *Store) Prune(ctx context.Context, before PruneBefore) (PruneStats, error) {
	var st PruneStats
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cut := millis(before.Items)
		keep := `AND key NOT IN (SELECT item_key FROM outbox WHERE status = 'pending')`
		if err := keepKeys(ctx, tx, `WHERE first_seen < ? `+keep, cut); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM items WHERE first_seen < ? `+keep, cut)
		if err != nil {
			return err
		}
		st.Items, _ = res.RowsAffected()
		// A stored item keeps its index entries, however old its date: a
		// report of long ago first seen lately can still be copied.
		res, err = tx.ExecContext(ctx, `DELETE FROM story_bands WHERE at < ?
			AND NOT EXISTS (SELECT 1 FROM items WHERE items.key = story_bands.item_key)`, millis(before.Bands))
		if err != nil {
			return err
		}
		st.Bands, _ = res.RowsAffected()
		res, err = tx.ExecContext(ctx, `DELETE FROM seen_keys WHERE first_seen < ?`, millis(before.Keys))
		if err != nil {
			return err
		}
		st.SeenKeys, _ = res.RowsAffected()
		if st.Stories, err = forgetStories(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM outbox WHERE status != 'pending' AND created_at < ?`, cut)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("prune: %w", err)
	}
	return st, nil
}

// forgetStories deletes the stories of which no item and no kept key is
// left, and the record of whom they were alerted to. The newest story is
// kept whatever it holds, so that a new story never takes the id of a
// forgotten one (SQLite gives a new row the largest id plus one).
func forgetStories(ctx context.Context, tx *sql.Tx) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id < (SELECT max(id) FROM stories)
		AND id NOT IN (SELECT story_id FROM items) AND id NOT IN (SELECT story_id FROM seen_keys)`)
	if err != nil {
		return 0, fmt.Errorf("forget stories: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_alerts WHERE story_id NOT IN (SELECT id FROM stories)`); err != nil {
		return n, fmt.Errorf("forget story alerts: %w", err)
	}
	return n, nil
}
