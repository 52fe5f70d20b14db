package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/newsalert/newsalert/feeds"
)

// FeedState returns the saved state of the feed at url; a feed never
// polled has a zero state.
func (s *Store) FeedState(ctx context.Context, url string) (feeds.State, error) {
	st := feeds.State{URL: url}
	var attempt, success int64
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, last_attempt, last_success,
		last_status, last_error, consecutive_errors, total_errors, items_last_poll
		FROM feeds WHERE url = ?`, url).Scan(
		&st.Validators.ETag, &st.Validators.LastModified, &attempt, &success,
		&st.LastStatus, &st.LastError, &st.ConsecutiveErrors, &st.TotalErrors, &st.ItemsLastPoll)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("feed state %s: %w", url, err)
	}
	st.LastAttempt, st.LastSuccess = fromMillis(attempt), fromMillis(success)
	return st, nil
}

// SaveFeedState records the state of one feed.
func (s *Store) SaveFeedState(ctx context.Context, st feeds.State) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, last_attempt,
		last_success, last_status, last_error, consecutive_errors, total_errors, items_last_poll)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success,
		last_status = excluded.last_status, last_error = excluded.last_error,
		consecutive_errors = excluded.consecutive_errors, total_errors = excluded.total_errors,
		items_last_poll = excluded.items_last_poll`,
		st.URL, st.Validators.ETag, st.Validators.LastModified, millis(st.LastAttempt),
		millis(st.LastSuccess), st.LastStatus, st.LastError, st.ConsecutiveErrors, st.TotalErrors,
		st.ItemsLastPoll)
	if err != nil {
		return fmt.Errorf("save feed state %s: %w", st.URL, err)
	}
	return nil
}
