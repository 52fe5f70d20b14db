package ingest

import (
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
)

// queued counts the outbox entries an item queued, and of them the quiet
// follow-ups; edits of earlier alerts are counted apart.
type queued struct{ all, followUps, edits int }

// deliver writes the outbox entries of an item as Decide and Settle
// decide for each destination, recording the topics it is now told about.
func deliver(tx *store.Tx, it feeds.Item, pl placed, ds []Delivery) (queued, error) {
	var q queued
	story := pl.story
	at := Placed{Sources: story.Sources, Unsure: pl.Unsure, Near: pl.Near != 0, News: pl.news}
	for _, d := range ds {
		states, err := topicStates(tx, d, story.ID)
		if err != nil {
			return q, err
		}
		decision := Decide(states, at, d.NoFollowUps)
		if decision.Action == FollowUpOfNear {
			near, err := topicStates(tx, d, pl.Near)
			if err != nil {
				return q, err
			}
			decision = ForNearTopics(decision, near)
		}
		if err := tx.MarkAlerted(d.Destination, decision.Fresh, story.ID, story.Sources); err != nil {
			return q, err
		}
		if decision.Action == GrowAlert && d.Grow == nil {
			continue // its channel cannot edit what it sent
		}
		told := story
		switch decision.Action {
		case FollowUpOfStory, GrowAlert:
			told.FollowUp, err = tx.EarlierAlert(d.Destination, decision.Topics, story.ID)
		case FollowUpOfNear:
			told.FollowUp, err = tx.EarlierAlert(d.Destination, decision.Topics, pl.Near)
		}
		if err != nil {
			return q, err
		}
		if decision = Settle(decision, told.FollowUp != nil); decision.Action == Skip {
			continue
		}
		payload, err := payloadOf(d, decision, told)
		if err != nil {
			return q, err
		}
		added, err := tx.Enqueue(d.Destination, it, payload)
		if err != nil {
			return q, err
		}
		switch {
		case !added:
		case decision.Action == GrowAlert:
			q.edits++
		default:
			q.all++
			if told.FollowUp != nil {
				q.followUps++
			}
		}
	}
	return q, nil
}

// payloadOf is the message d's destination is sent as decided: an edit of
// the alert told, or what Build makes (or Payload).
func payloadOf(d Delivery, decision Decision, told Story) ([]byte, error) {
	switch {
	case decision.Action == GrowAlert:
		return d.Grow(told.FollowUp.Payload, told)
	case d.Build != nil:
		return d.Build(decision.Topics, told)
	}
	return d.Payload, nil
}

// topicStates reads whether d's destination was told about the story under
// each of d's topics, and with how many sources.
func topicStates(tx *store.Tx, d Delivery, story int64) ([]TopicState, error) {
	out := make([]TopicState, len(d.Topics))
	for i, t := range d.Topics {
		sources, alerted, err := tx.AlertedBefore(d.Destination, t.ID, story)
		if err != nil {
			return nil, err
		}
		out[i] = TopicState{ID: t.ID, RealertAfter: t.RealertAfter, Alerted: alerted, SourcesAtAlert: sources}
	}
	return out, nil
}
