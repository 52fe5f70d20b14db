package store

import (
	"database/sql"
	"errors"
	"fmt"
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
	// Payload is the message queued (an edit of it shows the story grown).
	Payload []byte
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
	err := t.tx.QueryRowContext(t.ctx, `SELECT i.key, i.title, i.link, o.created_at, o.payload
		FROM items i JOIN outbox o ON o.destination = ?1 AND o.item_key = i.key
		WHERE i.story_id = ?2 AND o.status != 'failed'
			AND EXISTS (SELECT 1 FROM story_alerts a WHERE a.destination = ?1 AND a.story_id = ?2
				AND a.topic IN `+placeholders(len(topics))+`)
		ORDER BY o.id LIMIT 1`, args...).Scan(&f.ItemKey, &f.Title, &f.Link, &at, &f.Payload)
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

// StoryOutlets are the names of the feeds that reported story, the first
// to report it first.
func (t *Tx) StoryOutlets(story int64) ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT feed_name FROM items WHERE story_id = ?
		GROUP BY feed_name ORDER BY min(first_seen), feed_name`, story)
	if err != nil {
		return nil, fmt.Errorf("outlets of story %d: %w", story, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
