package store

import (
	"database/sql"
	"errors"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// AlertedBefore reports whether dest was told about story under topic,
// and with how many sources the story had then.
func (t *Tx) AlertedBefore(dest, topic string, story int64) (sources int, alerted bool, err error) {
	err = t.tx.QueryRowContext(t.ctx, `SELECT sources_at_alert FROM story_alerts
		WHERE destination = ? AND topic = ? AND story_id = ?`, dest, topic, story).Scan(&sources)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return sources, err == nil, err
}

// MarkAlerted records that dest is told about story, which has sources
// reports, under topics.
func (t *Tx) MarkAlerted(dest string, topics []string, story int64, sources int) error {
	for _, topic := range topics {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO story_alerts (destination, topic, story_id, sources_at_alert)
			VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sources_at_alert = excluded.sources_at_alert`,
			dest, topic, story, sources); err != nil {
			return err
		}
	}
	return nil
}

// FollowUp is the earlier alert a report may be a follow-up of.
type FollowUp struct {
	// ItemKey, Title and Link are those of the item the destination was
	// alerted about.
	ItemKey, Title, Link string
	// At is when that alert was queued.
	At time.Time
}

// EarlierAlert is the first alert queued to dest about an item of story
// for one of topics, unless it failed; nil if there is none.
func (t *Tx) EarlierAlert(dest string, topics []string, story int64) (*FollowUp, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	// A bare ? after ?2 is ?3: the topics follow dest and story.
	args := append([]any{dest, story}, anys(topics)...)
	var f FollowUp
	var at int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT i.key, i.title, i.link, o.created_at
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

// Enqueue writes one outbox entry for the item, due when it was first
// seen, unless dest has one for it already; it reports whether it wrote.
func (t *Tx) Enqueue(dest string, it feeds.Item, payload []byte) (bool, error) {
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO outbox (destination, item_key, payload, next_attempt,
		created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		dest, it.Key, payload, millis(it.FirstSeen), millis(it.FirstSeen))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
