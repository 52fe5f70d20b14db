package store

import (
	"context"
	"fmt"
	"time"
)

// OutboxEntry is one queued delivery.
type OutboxEntry struct {
	ID          int64
	Destination string
	ItemKey     string
	Payload     []byte
	Attempts    int
	CreatedAt   time.Time
}

// DueDeliveries returns up to limit pending deliveries whose next attempt
// is due at now, oldest first.
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, destination, item_key, payload, attempts, created_at
		FROM outbox WHERE status = 'pending' AND next_attempt <= ? ORDER BY id LIMIT ?`,
		millis(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due deliveries: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var created int64
		if err := rows.Scan(&e.ID, &e.Destination, &e.ItemKey, &e.Payload, &e.Attempts, &created); err != nil {
			return nil, fmt.Errorf("due deliveries: %w", err)
		}
		e.CreatedAt = fromMillis(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkSent records that the receiver accepted delivery id.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.exec(ctx, "mark sent", `UPDATE outbox SET status = 'sent', sent_at = ?,
		attempts = attempts + 1, last_error = '' WHERE id = ?`, millis(at), id)
}

// MarkRetry records a failed attempt at delivery id and when to try again.
func (s *Store) MarkRetry(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.exec(ctx, "mark retry", `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
		next_attempt = ? WHERE id = ?`, reason, millis(next), id)
}

// MarkFailed records that delivery id failed for good.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.exec(ctx, "mark failed", `UPDATE outbox SET status = 'failed', attempts = attempts + 1,
		last_error = ? WHERE id = ?`, reason, id)
}

// OutboxStats summarises the outbox.
type OutboxStats struct {
	Pending, Sent, Failed int
	// OldestPending is the creation time of the oldest pending delivery.
	OldestPending time.Time
}

// OutboxStats counts deliveries by status.
func (s *Store) OutboxStats(ctx context.Context) (OutboxStats, error) {
	var st OutboxStats
	var oldest int64
	err := s.db.QueryRowContext(ctx, `SELECT
		coalesce(sum(status = 'pending'), 0), coalesce(sum(status = 'sent'), 0),
		coalesce(sum(status = 'failed'), 0),
		coalesce(min(CASE WHEN status = 'pending' THEN created_at END), 0) FROM outbox`).Scan(
		&st.Pending, &st.Sent, &st.Failed, &oldest)
	if err != nil {
		return st, fmt.Errorf("outbox stats: %w", err)
	}
	st.OldestPending = fromMillis(oldest)
	return st, nil
}

func (s *Store) exec(ctx context.Context, what, q string, args ...any) error {
	if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
