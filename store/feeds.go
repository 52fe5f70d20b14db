package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/newsalert/newsalert/feeds"
)

const feedColumns = `url, fetch_url, etag, last_modified, body_hash, last_attempt, last_success,
	last_status, last_error, consecutive_errors, total_errors, items_last_poll, next_poll, disabled, last_post_id`

func scanFeedState(rows *sql.Rows) (feeds.State, error) {
	var st feeds.State
	var attempt, success, next int64
	err := rows.Scan(&st.URL, &st.FetchURL, &st.Validators.ETag, &st.Validators.LastModified, &st.BodyHash,
		&attempt, &success, &st.LastStatus, &st.LastError, &st.ConsecutiveErrors, &st.TotalErrors,
		&st.ItemsLastPoll, &next, &st.Disabled, &st.LastPostID)
	st.LastAttempt, st.LastSuccess, st.NextPoll = fromMillis(attempt), fromMillis(success), fromMillis(next)
	return st, err
}

// FeedStates returns the saved state of each of urls that was ever polled.
func (s *Store) FeedStates(ctx context.Context, urls []string) (map[string]feeds.State, error) {
	out := make(map[string]feeds.State, len(urls))
	err := inChunks(urls, func(part []any) error {
		rows, err := s.db.QueryContext(ctx, "SELECT "+feedColumns+" FROM feeds WHERE url IN "+placeholders(len(part)), part...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanFeedState(rows)
			if err != nil {
				return err
			}
			out[st.URL] = st
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return out, nil
}

// SaveFeedStates records the states of several feeds in one transaction.
func (s *Store) SaveFeedStates(ctx context.Context, states []feeds.State) error {
	if len(states) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO feeds (`+feedColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET fetch_url = excluded.fetch_url, etag = excluded.etag,
			last_modified = excluded.last_modified, body_hash = excluded.body_hash,
			last_attempt = excluded.last_attempt, last_success = excluded.last_success,
			last_status = excluded.last_status, last_error = excluded.last_error,
			consecutive_errors = excluded.consecutive_errors, total_errors = excluded.total_errors,
			items_last_poll = excluded.items_last_poll, next_poll = excluded.next_poll,
			disabled = excluded.disabled, last_post_id = excluded.last_post_id`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, st := range states {
			if _, err := stmt.ExecContext(ctx, st.URL, st.FetchURL, st.Validators.ETag,
				st.Validators.LastModified, st.BodyHash, millis(st.LastAttempt), millis(st.LastSuccess),
				st.LastStatus, st.LastError, st.ConsecutiveErrors, st.TotalErrors, st.ItemsLastPoll,
				millis(st.NextPoll), st.Disabled, st.LastPostID); err != nil {
				return fmt.Errorf("%s: %w", st.URL, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save feed states: %w", err)
	}
	return nil
}

// ResetFeed forgets a feed's errors and disabled mark, so that it is
// polled at once; its validators and seen items are kept.
func (s *Store) ResetFeed(ctx context.Context, url string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE feeds SET consecutive_errors = 0, last_error = '',
		disabled = '', next_poll = 0, fetch_url = '' WHERE url = ?`, url)
	if err != nil {
		return false, fmt.Errorf("reset feed %s: %w", url, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// ItemCounts returns how many items are stored per feed URL.
func (s *Store) ItemCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT feed_url, count(*) FROM items GROUP BY feed_url")
	if err != nil {
		return nil, fmt.Errorf("item counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var url string
		var n int
		if err := rows.Scan(&url, &n); err != nil {
			return nil, fmt.Errorf("item counts: %w", err)
		}
		out[url] = n
	}
	return out, rows.Err()
}

// inChunks calls fn with the values in groups small enough to bind as
// parameters of one statement.
func inChunks(values []string, fn func(part []any) error) error {
	const chunk = 500
	for start := 0; start < len(values); start += chunk {
		if err := fn(anys(values[start:min(start+chunk, len(values))])); err != nil {
			return err
		}
	}
	return nil
}

// anys is values as query arguments.
func anys(values []string) []any {
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return args
}

// placeholders is the list "(?,?,…)" of n query arguments, for IN.
func placeholders(n int) string { return "(?" + strings.Repeat(",?", n-1) + ")" }
