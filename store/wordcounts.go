package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/newsalert/newsalert/stories"
)

// dfFlushEvery: the word counts are written to the store in batches; a
// crash loses at most this many items' counts, which only nudges weights.
const dfFlushEvery = 500

// countWords adds an item's words to the counts, and writes the counts
// changed since the last write every dfFlushEvery items.
func (s *Store) countWords(ctx context.Context, tx *sql.Tx, words []uint32) error {
	s.dfMu.Lock()
	defer s.dfMu.Unlock()
	s.df.Add(words)
	for _, w := range words {
		s.dfDirty[w] = true
	}
	s.dfPending++
	if s.dfPending < dfFlushEvery {
		return nil
	}
	return s.flushWordsLocked(ctx, tx)
}

func (s *Store) flushWordsLocked(ctx context.Context, tx *sql.Tx) error {
	if len(s.dfDirty) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO word_df (word, n) VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET n = excluded.n`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for w := range s.dfDirty {
		if _, err := stmt.ExecContext(ctx, int64(w), s.df.Count[w]); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, dfItemsSetting, strconv.Itoa(s.df.Items)); err != nil {
		return err
	}
	clear(s.dfDirty)
	s.dfPending = 0
	return nil
}

// flushWords writes the pending word counts (at Close).
func (s *Store) flushWords(ctx context.Context) error {
	if s.df == nil {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.dfMu.Lock()
		defer s.dfMu.Unlock()
		return s.flushWordsLocked(ctx, tx)
	})
}

// dfItemsSetting is the setting that keeps how many items the word counts
// count. Pruning deletes items but not their counts, so the number of
// items stored is not it.
const dfItemsSetting = "word_df_items"

// loadDocFreq reads the word counts once, for weighting story similarity.
func (s *Store) loadDocFreq(ctx context.Context) error {
	s.dfOnce.Do(func() {
		df := &stories.DocFreq{Count: map[uint32]int{}}
		s.dfDirty = map[uint32]bool{}
		// A store written before the total was kept: the items stored and
		// those pruned whose keys are kept come closest.
		if err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?),
			(SELECT count(*) FROM items WHERE fingerprint IS NOT NULL) + (SELECT count(*) FROM seen_keys))`,
			dfItemsSetting).Scan(&df.Items); err != nil {
			s.dfErr = err
			return
		}
		rows, err := s.db.QueryContext(ctx, `SELECT word, n FROM word_df`)
		if err != nil {
			s.dfErr = err
			return
		}
		defer rows.Close()
		for rows.Next() {
			var w int64
			var n int
			if err := rows.Scan(&w, &n); err != nil {
				s.dfErr = err
				return
			}
			df.Count[uint32(w)] = n
		}
		s.df, s.dfErr = df, rows.Err()
	})
	return s.dfErr
}

// ReadWordWeights lets fn read the word counts outside a write
// transaction (which adds to them), for the work done before one.
func (s *Store) ReadWordWeights(ctx context.Context, fn func(*stories.DocFreq)) error {
	if err := s.loadDocFreq(ctx); err != nil {
		return err
	}
	s.dfMu.Lock()
	defer s.dfMu.Unlock()
	fn(s.df)
	return nil
}
