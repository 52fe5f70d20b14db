package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Reports of one story told in other words share too few words to be
// joined, and each would alert again (see stories.NearFloor). With
// follow-ups on, a report that joined no story but is near one whose alert
// a destination already got, for one of the same topics, is still sent —
// nothing is held back — but marked as a follow-up of that alert, which
// the senders deliver quietly (a Telegram message without a sound, in
// reply to the earlier alert and under a line naming it), and digests list
// under that story (items.near_story). Measured on the labelled streams,
// two in three repeated alerts become follow-ups; see docs/story-quality.md.
//
// The other way round, a report that joined a story by a score short of
// sure (see SetSureJoins) may be a different story that shares the words
// of the one alerted. It is sent, as a follow-up of that alert, to those
// already alerted about the story, rather than withheld.

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

// SetSureJoins sets the score from which a join is sure; 0, the default,
// makes every join sure, as does any score at or below the threshold. With
// follow-ups on, a report that joined a story with a lower score, or by
// its meaning, is not withheld from a destination alerted about the story
// already: it is sent as a follow-up of that alert. A join that scores
// less may be a different story sharing the words of the one alerted, and
// a lost alert is what users fear most; but a right one sent so is a
// second message about one story, which "once per story" forbids — hence
// off unless asked for (stories.SureFrom is the measured value).
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
