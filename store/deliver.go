package store

import (
	"context"
	"database/sql"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
)

// queued counts the outbox entries an item queued, and of them the quiet
// follow-ups.
type queued struct{ all, followUps int }

// queueDeliveries writes the outbox entries of an item as ingest.Decide
// and ingest.Settle decide for each destination, recording the topics it
// is now told about.
func queueDeliveries(ctx context.Context, tx *sql.Tx, it feeds.Item, placed foundStory, ds []Delivery) (queued, error) {
	var q queued
	story := placed.story
	at := ingest.Story{Sources: story.Sources, Unsure: placed.unsure, Near: placed.near != 0}
	for _, d := range ds {
		states, err := topicStates(ctx, tx, d, story.ID)
		if err != nil {
			return q, err
		}
		decision := ingest.Decide(states, at, d.NoFollowUps)
		if err := markTold(ctx, tx, d.Destination, decision.Fresh, story); err != nil {
			return q, err
		}
		told := story
		switch decision.Action {
		case ingest.FollowUpOfStory:
			told.FollowUp, err = earlierAlert(ctx, tx, d.Destination, decision.Topics, story.ID)
		case ingest.FollowUpOfNear:
			told.FollowUp, err = earlierAlert(ctx, tx, d.Destination, decision.Topics, placed.near)
		}
		if err != nil {
			return q, err
		}
		if decision = ingest.Settle(decision, told.FollowUp != nil); decision.Action == ingest.Skip {
			continue
		}
		added, err := enqueueItem(ctx, tx, it, d, decision.Topics, told)
		if err != nil {
			return q, err
		}
		if added {
			q.all++
			if told.FollowUp != nil {
				q.followUps++
			}
		}
	}
	return q, nil
}

// enqueueItem writes one outbox entry, unless the destination has one for the
// item already.
func enqueueItem(ctx context.Context, tx *sql.Tx, it feeds.Item, d Delivery, topics []string, told Story) (bool, error) {
	payload := d.Payload
	if d.Build != nil {
		var err error
		if payload, err = d.Build(topics, told); err != nil {
			return false, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (destination, item_key, payload, next_attempt,
		created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		d.Destination, it.Key, payload, millis(it.FirstSeen), millis(it.FirstSeen))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// topicStates reads whether d's destination was told about the story under
// each of d's topics, and with how many sources.
func topicStates(ctx context.Context, tx *sql.Tx, d Delivery, story int64) ([]ingest.TopicState, error) {
	out := make([]ingest.TopicState, len(d.Topics))
	for i, t := range d.Topics {
		out[i] = ingest.TopicState{ID: t.ID, RealertAfter: t.RealertAfter, Alerted: true}
		err := tx.QueryRowContext(ctx, `SELECT sources_at_alert FROM story_alerts
			WHERE destination = ? AND topic = ? AND story_id = ?`, d.Destination, t.ID, story).Scan(&out[i].SourcesAtAlert)
		if err == sql.ErrNoRows {
			out[i].Alerted, err = false, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// markTold records that dest is told about the story under topics.
func markTold(ctx context.Context, tx *sql.Tx, dest string, topics []string, story Story) error {
	for _, t := range topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_alerts (destination, topic, story_id, sources_at_alert)
			VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sources_at_alert = excluded.sources_at_alert`,
			dest, t, story.ID, story.Sources); err != nil {
			return err
		}
	}
	return nil
}
