package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Quiet follow-ups (a report near a told story, or joined to it short of
// sure, sent as a reply to its alert): docs/stories.md; ingest.Decide
// decides them.

// FollowUp is the earlier alert a report may be a follow-up of.
type FollowUp struct {
	// ItemKey, Title and Link are those of the item the destination was
	// alerted about.
	ItemKey, Title, Link string
	// At is when that alert was queued.
	At time.Time
}

// SetFollowUps turns follow-ups on or off (off by default; the daemon
// turns them on unless stories.follow_ups is off).
func (s *Store) SetFollowUps(on bool) { s.followUps = on }

// SetSureJoins sets the score from which a join is sure (0, the default:
// every join); with follow-ups on, a report joined with less is sent as a
// follow-up of the story's alert, not withheld (docs/stories.md).
func (s *Store) SetSureJoins(from float64) { s.sureFrom = from }

// earlierAlert is the first alert queued to dest about an item of story
// for one of topics, unless it failed; nil if there is none.
func earlierAlert(ctx context.Context, tx *sql.Tx, dest string, topics []string, story int64) (*FollowUp, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	// A bare ? after ?2 is ?3: the topics follow dest and story.
	args := append([]any{dest, story}, anys(topics)...)
	var f FollowUp
	var at int64
	err := tx.QueryRowContext(ctx, `SELECT i.key, i.title, i.link, o.created_at
		FROM items i JOIN outbox o ON o.destination = ?1 AND o.item_key = i.key
		WHERE i.story_id = ?2 AND o.status != 'failed'
			AND EXISTS (SELECT 1 FROM story_alerts a WHERE a.destination = ?1 AND a.story_id = ?2
				AND a.topic IN `+placeholders(len(topics))+`)
		ORDER BY o.id LIMIT 1`, args...).Scan(&f.ItemKey, &f.Title, &f.Link, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f.At = fromMillis(at)
	return &f, nil
}
