package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

// Tx is one write transaction: the reads and writes that recording a new
// item makes. It holds no policy; package ingest decides which story an
// item joins and who hears of it. The store has one writing connection,
// so two transactions never interleave: two feeds polled at once cannot
// both see a story as new.
type Tx struct {
	ctx context.Context
	s   *Store
	tx  *sql.Tx
}

// Update runs fn in one write transaction: everything fn writes is
// recorded, or nothing.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	if err := s.loadDocFreq(ctx); err != nil {
		return fmt.Errorf("read word counts: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return fn(&Tx{ctx: ctx, s: s, tx: tx}) })
}

// WordWeights are the stored items' word counts that weigh story
// similarity (stories.Compare). They change as items are added, inside
// write transactions, and are read there.
func (t *Tx) WordWeights() *stories.DocFreq { return t.s.df }

// knownSQL tells whether an item's key (?1) or canonical link (?2) was
// seen, and lists the titles of pruned reports that opened with its lead
// (?3; see repostOfPruned).
const knownSQL = `SELECT EXISTS (SELECT 1 FROM items WHERE key = ?1)
		OR EXISTS (SELECT 1 FROM seen_keys WHERE key = ?1)
		OR (?2 != '' AND (EXISTS (SELECT 1 FROM items WHERE canonical_link = ?2)
			OR EXISTS (SELECT 1 FROM seen_keys WHERE canonical_link = ?2))),
	(SELECT json_group_array(title) FROM seen_keys WHERE ?3 != '' AND lead_key = ?3)`

// Known reports whether the item's key, or its canonical link, was seen,
// or whether it re-posts a pruned report (see repostOfPruned).
func (t *Tx) Known(it feeds.Item) (bool, error) {
	var known bool
	var titles string
	err := t.tx.StmtContext(t.ctx, t.s.knownStmt).QueryRowContext(t.ctx, it.Key, it.CanonicalLink, leadKey(it.Summary)).Scan(&known, &titles)
	if err != nil || known {
		return known, err
	}
	return repostOfPruned(it.Title, titles)
}

// StartStory records a new story whose first report is it.
func (t *Tx) StartStory(it feeds.Item) (int64, error) {
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO stories (first_item, created_at) VALUES (?, ?)`,
		it.Key, millis(it.FirstSeen))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// JoinStory counts one more report of story and returns how many it has.
func (t *Tx) JoinStory(story int64) (int, error) {
	var sources int
	err := t.tx.QueryRowContext(t.ctx, `UPDATE stories SET sources = sources + 1 WHERE id = ? RETURNING sources`, story).Scan(&sources)
	return sources, err
}

// NewItem is an item as it is recorded: where it was placed and how.
type NewItem struct {
	Item        feeds.Item
	Fingerprint stories.Fingerprint
	Matches     []Match
	Story       int64
	// Meaning is the item's embedding, packed (semantic.Encode), if placing it made one.
	Meaning []byte
	// NearStory is the story the item was near when it joined none (0: none).
	NearStory int64
	// UnsureJoin: it joined its story by a score short of sure.
	UnsureJoin bool
	// JoinedBy is how it joined its story: "words", "meaning", "languages", "close in time" or "".
	JoinedBy string
	// Score is the words' score with the story joined (by meaning, the
	// cosine), or with the near story.
	Score float64
}

// Insert records a new item with its fingerprint (indexed by its LSH
// bands, its words counted) and its matches.
func (t *Tx) Insert(n NewItem) error {
	if err := t.insertItem(n); err != nil {
		return err
	}
	if err := t.recordBands(n.Item, n.Fingerprint); err != nil {
		return err
	}
	if len(n.Fingerprint.Words) > 0 {
		if err := t.s.countWords(t.ctx, t.tx, n.Fingerprint.Words); err != nil {
			return err
		}
	}
	return insertMatches(t.ctx, t.tx, n.Item, n.Matches)
}

func (t *Tx) insertItem(n NewItem) error {
	it := n.Item
	var blob []byte
	if len(n.Fingerprint.Words) > 0 {
		blob = n.Fingerprint.Encode()
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO items (key, feed_url, feed_name, guid, title, link,
		canonical_link, summary, published, date_estimated, dated_by_poll, first_seen, story_id, fingerprint, meaning, near_story,
		unsure_join, joined_by, story_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.Key, it.FeedURL, it.FeedName, it.GUID, it.Title, it.Link, it.CanonicalLink, it.Summary,
		millis(it.Published), it.DateEstimated, it.DatedByPoll, millis(it.FirstSeen), n.Story, blob, n.Meaning, n.NearStory,
		n.UnsureJoin, n.JoinedBy, n.Score)
	return err
}

// SaveMeaning keeps a stored item's embedding, packed.
func (t *Tx) SaveMeaning(key string, packed []byte) error {
	_, err := t.tx.ExecContext(t.ctx, `UPDATE items SET meaning = ? WHERE key = ? AND meaning IS NULL`, packed, key)
	return err
}
