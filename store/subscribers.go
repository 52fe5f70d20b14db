package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Delivery modes of a subscriber.
const (
	ModeImmediate = "immediate" // an alert per story as it is found
	ModeDigest    = "digest"    // a daily digest only
	ModeBoth      = "both"      // both
)

// Subscriber is a destination that people subscribed from a chat, with its
// settings and topics.
type Subscriber struct {
	// Destination is "channel:address", e.g. "telegram:-1001234".
	Destination string
	// Name and Kind describe the chat (its title; private, group,
	// supergroup or channel).
	Name, Kind string
	// Mode is ModeImmediate, ModeDigest or ModeBoth.
	Mode string
	// DigestAt is the daily digest time "HH:MM" in TimeZone ("" for the
	// default of the config).
	DigestAt, TimeZone string
	// MutedUntil, while in the future, holds immediate alerts back.
	MutedUntil time.Time
	// FollowUps is how the destination wants follow-ups of an earlier
	// alert: "quiet", "thread" or "off" ("" for the deployment's default).
	FollowUps string
	// Language is the language the chat is spoken to in (an i18n code;
	// "" until the chat or its first user's Telegram says).
	Language string
	// Active is false once the destination refused delivery for good (the
	// bot was blocked or removed); Reason says why.
	Active bool
	Reason string
	// LastDigest is the end of the period the last digest queued covered;
	// DigestSentUntil the end of the last one delivered whole.
	LastDigest, DigestSentUntil time.Time
	CreatedAt                   time.Time
	Topics                      []Subscription
}

// Subscription is one topic a subscriber follows, since when.
type Subscription struct {
	Topic string
	Since time.Time
}

// TopicIDs lists the subscriber's topics.
func (s Subscriber) TopicIDs() []string {
	out := make([]string, len(s.Topics))
	for i, t := range s.Topics {
		out[i] = t.Topic
	}
	return out
}

// Muted reports whether immediate alerts are held back at now.
func (s Subscriber) Muted(now time.Time) bool { return now.Before(s.MutedUntil) }

// ErrNoSubscriber is returned for a destination that never subscribed.
var ErrNoSubscriber = errors.New("no such subscriber")

const subscriberColumns = `destination, name, kind, mode, digest_at, timezone, muted_until, active, reason,
	last_digest, created_at, digest_sent_until, follow_ups, language`

func scanSubscriber(row interface{ Scan(...any) error }) (Subscriber, error) {
	var s Subscriber
	var muted, last, created, sent int64
	err := row.Scan(&s.Destination, &s.Name, &s.Kind, &s.Mode, &s.DigestAt, &s.TimeZone, &muted, &s.Active,
		&s.Reason, &last, &created, &sent, &s.FollowUps, &s.Language)
	s.MutedUntil, s.LastDigest, s.CreatedAt = fromMillis(muted), fromMillis(last), fromMillis(created)
	s.DigestSentUntil = fromMillis(sent)
	return s, err
}

// EnsureSubscriber records a destination (a chat that talked to the bot)
// if it is new, and marks it active again if it was not: a chat that
// sends a command can be written to. Name and kind are refreshed.
func (s *Store) EnsureSubscriber(ctx context.Context, dest, name, kind string, now time.Time) (Subscriber, error) {
	defer s.subs.invalidate()
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscribers (destination, name, kind, created_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (destination) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = 1, reason = ''`,
		dest, name, kind, millis(now))
	if err != nil {
		return Subscriber{}, fmt.Errorf("ensure subscriber %s: %w", dest, err)
	}
	return s.Subscriber(ctx, dest)
}

// AddSubscriber records a destination named in the config file, if it is
// not recorded yet, so that its settings and digests have a row.
func (s *Store) AddSubscriber(ctx context.Context, dest, name string, now time.Time) error {
	defer s.subs.invalidate()
	return s.exec(ctx, "add subscriber "+dest, `INSERT OR IGNORE INTO subscribers (destination, name, created_at)
		VALUES (?, ?, ?)`, dest, name, millis(now))
}

// Subscriber returns one destination's settings and topics.
func (s *Store) Subscriber(ctx context.Context, dest string) (Subscriber, error) {
	sub, err := scanSubscriber(s.db.QueryRowContext(ctx, "SELECT "+subscriberColumns+
		" FROM subscribers WHERE destination = ?", dest))
	if errors.Is(err, sql.ErrNoRows) {
		return sub, fmt.Errorf("subscriber %s: %w", dest, ErrNoSubscriber)
	}
	if err != nil {
		return sub, fmt.Errorf("subscriber %s: %w", dest, err)
	}
	all, err := s.subscriptions(ctx, dest)
	sub.Topics = all[dest]
	return sub, err
}

// subscriptions returns the topics of dest, or of every destination when
// dest is "".
func (s *Store) subscriptions(ctx context.Context, dest string) (map[string][]Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT destination, topic, since FROM subscriptions
		WHERE ? = '' OR destination = ? ORDER BY destination, topic`, dest, dest)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	defer rows.Close()
	out := map[string][]Subscription{}
	for rows.Next() {
		var d string
		var sub Subscription
		var since int64
		if err := rows.Scan(&d, &sub.Topic, &since); err != nil {
			return nil, fmt.Errorf("subscriptions: %w", err)
		}
		sub.Since = fromMillis(since)
		out[d] = append(out[d], sub)
	}
	return out, rows.Err()
}

// Subscribers returns every subscriber, active or not, with its topics.
// The answer is cached until a subscriber changes.
func (s *Store) Subscribers(ctx context.Context) ([]Subscriber, error) {
	cached, gen := s.subs.get()
	if cached != nil {
		return *cached, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+subscriberColumns+
		" FROM subscribers ORDER BY destination")
	if err != nil {
		return nil, fmt.Errorf("subscribers: %w", err)
	}
	var out []Subscriber
	for rows.Next() {
		sub, err := scanSubscriber(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("subscribers: %w", err)
		}
		out = append(out, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("subscribers: %w", err)
	}
	topics, err := s.subscriptions(ctx, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Topics = topics[out[i].Destination]
	}
	s.subs.fill(gen, out)
	return out, nil
}

// Subscribe adds topics to dest's subscriptions from now on and returns
// those that were new.
func (s *Store) Subscribe(ctx context.Context, dest string, topics []string, now time.Time) ([]string, error) {
	defer s.subs.invalidate()
	var added []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range topics {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO subscriptions (destination, topic, since)
				VALUES (?, ?, ?)`, dest, t, millis(now))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added = append(added, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("subscribe %s: %w", dest, err)
	}
	return added, nil
}

// Unsubscribe removes topics (every topic when topics is nil) from dest's
// subscriptions and returns those it removed.
func (s *Store) Unsubscribe(ctx context.Context, dest string, topics []string) ([]string, error) {
	defer s.subs.invalidate()
	sub, err := s.Subscriber(ctx, dest)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, t := range sub.Topics {
		if topics == nil || slices.Contains(topics, t.Topic) {
			removed = append(removed, t.Topic)
		}
	}
	err = inChunks(removed, func(part []any) error {
		_, err := s.db.ExecContext(ctx, "DELETE FROM subscriptions WHERE destination = ? AND topic IN "+placeholders(len(part)),
			append([]any{dest}, part...)...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("unsubscribe %s: %w", dest, err)
	}
	return removed, nil
}

// Settings are the options a chat sets for itself.
type Settings struct {
	Mode, DigestAt, TimeZone, FollowUps, Language string
	MutedUntil                                    time.Time
}

// SaveSettings stores dest's settings.
func (s *Store) SaveSettings(ctx context.Context, dest string, set Settings) error {
	defer s.subs.invalidate()
	res, err := s.db.ExecContext(ctx, `UPDATE subscribers SET mode = ?, digest_at = ?, timezone = ?, muted_until = ?,
		follow_ups = ?, language = ? WHERE destination = ?`, set.Mode, set.DigestAt, set.TimeZone, millis(set.MutedUntil),
		set.FollowUps, set.Language, dest)
	if err != nil {
		return fmt.Errorf("save settings of %s: %w", dest, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("save settings of %s: %w", dest, ErrNoSubscriber)
	}
	return nil
}

// DestinationGone marks dest inactive for reason (the bot was blocked or
// removed) and fails its pending deliveries with that reason.
func (s *Store) DestinationGone(ctx context.Context, dest, reason string) error {
	defer s.subs.invalidate()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscribers (destination, active, reason, created_at)
			VALUES (?, 0, ?, ?) ON CONFLICT (destination) DO UPDATE SET active = 0, reason = excluded.reason`,
			dest, reason, millis(s.now())); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'failed', last_error = ?
			WHERE destination = ? AND status = 'pending'`, reason, dest)
		return err
	})
	if err != nil {
		return fmt.Errorf("destination %s gone: %w", dest, err)
	}
	return nil
}

// DestinationMoved moves everything of from to to (a Telegram group that
// became a supergroup has a new id): its settings, subscriptions, the
// stories it was alerted about and its pending deliveries, and remembers
// the move for destinations named in the config file.
func (s *Store) DestinationMoved(ctx context.Context, from, to string, now time.Time) error {
	defer s.subs.invalidate()
	defer s.moves.invalidate()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			// The new chat may have talked to the bot already: keep its
			// row and add the old one's topics.
			`INSERT OR IGNORE INTO subscribers (` + subscriberColumns + `)
				SELECT ?2, name, kind, mode, digest_at, timezone, muted_until, active, reason, last_digest, created_at,
				digest_sent_until, follow_ups, language FROM subscribers WHERE destination = ?1`,
			`UPDATE OR IGNORE subscriptions SET destination = ?2 WHERE destination = ?1`,
			`DELETE FROM subscribers WHERE destination = ?1`,
			`UPDATE OR IGNORE story_alerts SET destination = ?2 WHERE destination = ?1`,
			`DELETE FROM story_alerts WHERE destination = ?1`,
			`UPDATE OR IGNORE outbox SET destination = ?2 WHERE destination = ?1 AND status = 'pending'`,
			`UPDATE outbox SET status = 'failed', last_error = 'moved to ' || ?2
				WHERE destination = ?1 AND status = 'pending'`,
			`UPDATE destination_moves SET new_destination = ?2 WHERE new_destination = ?1`,
		} {
			if _, err := tx.ExecContext(ctx, q, from, to); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO destination_moves (old_destination, new_destination, moved_at)
			VALUES (?, ?, ?)`, from, to, millis(now))
		return err
	})
	if err != nil {
		return fmt.Errorf("move %s to %s: %w", from, to, err)
	}
	return nil
}

// Moves returns where each moved destination went; the map is shared,
// not to be changed.
func (s *Store) Moves(ctx context.Context) (map[string]string, error) {
	cached, gen := s.moves.get()
	if cached != nil {
		return *cached, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT old_destination, new_destination FROM destination_moves`)
	if err != nil {
		return nil, fmt.Errorf("moves: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return nil, fmt.Errorf("moves: %w", err)
		}
		out[from] = to
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("moves: %w", err)
	}
	s.moves.fill(gen, out)
	return out, nil
}

// Setting returns a stored value ("" when unset), e.g. the bot's update
// offset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.exec(ctx, "set "+key, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
}
