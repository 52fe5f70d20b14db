package ingest

import (
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
)

// NewItem is a newly polled item with what is to be recorded with it.
type NewItem struct {
	Item        feeds.Item
	Fingerprint stories.Fingerprint
	Matches     []store.Match
	Deliveries  []Delivery
}

// Delivery is one message to queue in the outbox for a destination.
type Delivery struct {
	Destination string
	// Payload is the message, when Build is nil.
	Payload []byte
	// Topics make the delivery once per story: it is queued only for the
	// topics its destination was not alerted about for the item's story.
	Topics []DeliveryTopic
	// Build makes the payload for the topics that remain and the story.
	Build func(topics []string, story Story) ([]byte, error)
	// Grow, for a channel that can edit what it sent, makes from the
	// payload of the alert told about a story the edit of that alert that
	// shows the story grown (its sources and outlets now).
	Grow func(told []byte, story Story) ([]byte, error)
	// NoFollowUps is set for a destination that turned follow-ups off: a
	// report near a story it was alerted about is an alert like any, and
	// one that joined such a story unsure is withheld like a sure one.
	NoFollowUps bool
}

// DeliveryTopic is a topic of a delivery and how it treats stories.
type DeliveryTopic struct {
	ID string
	// RealertAfter, when above zero, alerts again about a story each time
	// it has gained this many more sources.
	RealertAfter int
}

// Story is what a delivery knows of the story its item belongs to.
type Story struct {
	ID int64
	// Sources is how many items report the story, this one included.
	Sources int
	// FollowUp, when not nil, is the alert the destination was sent about
	// a near story, or about the story the item joined short of sure; the
	// item is sent as a quiet follow-up of it (docs/stories.md).
	FollowUp *store.FollowUp
	// Outlets are the feeds that reported a joined story, the first first.
	Outlets []string
}

// Joined reports whether the item joined an earlier item's story.
func (s Story) Joined() bool { return s.Sources > 1 }

// Added says what recording an item did.
type Added struct {
	// New is false when the item was known already: by key, or by its
	// canonical link (the same page in another feed, or under a new GUID),
	// or as a late re-post of a pruned report (its title and lead).
	New   bool
	Story Story
	// ByMeaning is true when the item joined its story by meaning: it
	// shared too few words with it.
	ByMeaning bool
	Queued    int
	// FollowUps counts the deliveries of Queued sent as quiet follow-ups.
	FollowUps int
	// Edits counts the alerts told about the story that are to be edited
	// to show this report (not in Queued).
	Edits int
}
