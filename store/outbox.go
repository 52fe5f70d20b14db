package store

import (
	"context"
	"database/sql"
	"errors"
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
	// PeriodEnd, for a part of a scheduled digest, is the end of the
	// period it covers (a newer digest may supersede it); zero otherwise.
	PeriodEnd time.Time
}

// DueDeliveries returns up to limit pending deliveries whose next attempt
// is due at now, oldest first, from the entry after id afterID on (0: from
// the first): a page of the outbox at a time.
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, afterID int64, limit int) ([]OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, destination, item_key, payload, attempts, created_at, period_end
		FROM outbox WHERE status = 'pending' AND next_attempt <= ? AND id > ? ORDER BY id LIMIT ?`,
		millis(now), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("due deliveries: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var created, periodEnd int64
		if err := rows.Scan(&e.ID, &e.Destination, &e.ItemKey, &e.Payload, &e.Attempts, &created, &periodEnd); err != nil {
			return nil, fmt.Errorf("due deliveries: %w", err)
		}
		e.CreatedAt, e.PeriodEnd = fromMillis(created), fromMillis(periodEnd)
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkSent records that the receiver accepted delivery id, with the id it
// gave the message ("" if none). The last part of a digest to be accepted
// records the digest as delivered.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time, receipt string) error {
	digestDone := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var dest string
		var periodEnd int64
		err := tx.QueryRowContext(ctx, `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,
			last_error = '', receipt = ?, claimed_until = 0 WHERE id = ? RETURNING destination, period_end`, millis(at), receipt, id).Scan(&dest, &periodEnd)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // no such entry
		}
		if err != nil || periodEnd == 0 {
			return err // a full disk, or not a digest
		}
		res, err := tx.ExecContext(ctx, `UPDATE subscribers SET digest_sent_until = ?1
			WHERE destination = ?2 AND digest_sent_until < ?1
			AND NOT EXISTS (SELECT 1 FROM outbox WHERE destination = ?2 AND period_end = ?1 AND status = 'pending')`,
			periodEnd, dest)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		digestDone = n > 0
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	if digestDone {
		s.subs.invalidate()
	}
	return nil
}

// Receipt is the id the receiver gave the message sent to dest about
// item ("" when it was not sent, or the channel gives none).
func (s *Store) Receipt(ctx context.Context, dest, item string) (string, error) {
	var receipt string
	err := s.db.QueryRowContext(ctx, `SELECT receipt FROM outbox WHERE destination = ? AND item_key = ?
		AND status = 'sent'`, dest, item).Scan(&receipt)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("receipt of %s to %s: %w", item, dest, err)
	}
	return receipt, nil
}

// MarkRetry records a failed attempt at delivery id and when to try again.
func (s *Store) MarkRetry(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.exec(ctx, "mark retry", `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
		next_attempt = ?, claimed_until = 0 WHERE id = ?`, reason, millis(next), id)
}

// MarkFailed records that delivery id failed for good.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.exec(ctx, "mark failed", `UPDATE outbox SET status = 'failed', attempts = attempts + 1,
		last_error = ?, claimed_until = 0 WHERE id = ?`, reason, id)
}

// ClaimDelivery marks delivery id as being sent until until, and says
// whether it may be: false when it is no longer pending (a newer digest
// superseded it after it was read as due). A claimed digest part is not
// superseded (see QueueDigest); MarkSent, MarkRetry and MarkFailed end
// the claim, and so does the time, should the sender never say.
func (s *Store) ClaimDelivery(ctx context.Context, id int64, until time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET claimed_until = ? WHERE id = ? AND status = 'pending'`,
		millis(until), id)
	if err != nil {
		return false, fmt.Errorf("claim delivery %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
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
	err := s.read.QueryRowContext(ctx, `SELECT
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

// OutboxMessage is a message to queue that is not an item's alert: a
// digest part, a reply of the bot. Key makes it idempotent: a second
// message with the same destination and key is not queued.
type OutboxMessage struct {
	Destination, Key string
	Payload          []byte
	// PeriodEnd, for a part of a scheduled digest, is the end of the
	// period it covers.
	PeriodEnd time.Time
}

// Enqueue queues messages for delivery, in order, and returns how many
// were new.
func (s *Store) Enqueue(ctx context.Context, msgs ...OutboxMessage) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = enqueue(ctx, tx, msgs, s.now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return n, nil
}

func enqueue(ctx context.Context, tx *sql.Tx, msgs []OutboxMessage, now time.Time) (int, error) {
	n := 0
	for _, m := range msgs {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO outbox (destination, item_key, payload, next_attempt,
			created_at, period_end) VALUES (?, ?, ?, ?, ?, ?)`, m.Destination, m.Key, m.Payload, millis(now), millis(now),
			millis(m.PeriodEnd))
		if err != nil {
			return n, err
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n++
		}
	}
	return n, nil
}

// ErrDigestRace says a digest was not queued because what it was built on
// changed meanwhile: build it again (the next minute).
var ErrDigestRace = errors.New("digest not queued")

// QueueDigest queues the parts of dest's digest covering the period up to
// until, and records until as the end of its last digest, in one
// transaction: a digest is queued once. The digest covers everything since
// the last one delivered, sentUntil (Subscriber.DigestSentUntil as the
// parts were built), so an earlier digest still waiting in the outbox
// (the mail server was down) is superseded by it: what it held arrives
// once, in the new one. Two races end in ErrDigestRace, nothing queued: a
// digest was delivered after the parts were built (they would repeat
// it), or an earlier one is being sent (a part claimed, see
// ClaimDelivery, or some parts sent already): it cannot be superseded,
// and once it is delivered the next digest starts where it ends.
func (s *Store) QueueDigest(ctx context.Context, dest string, sentUntil, until time.Time, parts []OutboxMessage) (int, error) {
	defer s.subs.invalidate()
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var sending bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox AS p WHERE destination = ?1
			AND status = 'pending' AND period_end > 0 AND period_end < ?2 AND (claimed_until > ?3
			OR EXISTS (SELECT 1 FROM outbox WHERE destination = ?1 AND period_end = p.period_end AND status = 'sent')))`,
			dest, millis(until), millis(s.now())).Scan(&sending); err != nil {
			return err
		}
		if sending {
			return fmt.Errorf("%w: an earlier digest is being sent", ErrDigestRace)
		}
		res, err := tx.ExecContext(ctx, `UPDATE subscribers SET last_digest = ? WHERE destination = ? AND last_digest < ?
			AND digest_sent_until = ?`, millis(until), dest, millis(until), millis(sentUntil))
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return digestNotQueued(ctx, tx, dest, until)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'failed', last_error = ?
			WHERE destination = ? AND status = 'pending' AND period_end > 0 AND period_end < ?`,
			"superseded by the digest up to "+until.UTC().Format(time.RFC3339), dest, millis(until)); err != nil {
			return err
		}
		n, err = enqueue(ctx, tx, parts, s.now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("queue digest for %s: %w", dest, err)
	}
	return n, nil
}

// digestNotQueued says why dest's digest up to until was not queued: nil
// when it was queued already or there is no such subscriber, ErrDigestRace
// when a digest was delivered after it was built.
func digestNotQueued(ctx context.Context, tx *sql.Tx, dest string, until time.Time) error {
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT last_digest FROM subscribers WHERE destination = ?`, dest).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) || err == nil && last >= millis(until) {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("%w: a digest was delivered since it was built", ErrDigestRace)
}

// DeliveryError is a delivery that failed or is being retried.
type DeliveryError struct {
	Destination, Error, Status string
	Attempts                   int
	At                         time.Time
}

// RecentDeliveryErrors returns the last n deliveries that failed or are
// waiting for a retry, newest first.
func (s *Store) RecentDeliveryErrors(ctx context.Context, n int) ([]DeliveryError, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT destination, last_error, status, attempts, created_at FROM outbox
		WHERE last_error != '' AND status != 'sent' ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("recent delivery errors: %w", err)
	}
	defer rows.Close()
	var out []DeliveryError
	for rows.Next() {
		var e DeliveryError
		var at int64
		if err := rows.Scan(&e.Destination, &e.Error, &e.Status, &e.Attempts, &at); err != nil {
			return nil, fmt.Errorf("recent delivery errors: %w", err)
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// OutboxDepth returns how many deliveries wait and when the oldest was
// queued (the zero time when none waits).
func (s *Store) OutboxDepth(ctx context.Context) (int, time.Time, error) {
	st, err := s.OutboxStats(ctx)
	return st.Pending, st.OldestPending, err
}
