// Package ingest decides what becomes of a newly polled item: which story
// it joins (Place) and what each destination is sent (Decide, Settle). The
// decisions are pure functions of what the store read; the store records
// them. docs/architecture.md tells the whole path.
package ingest

// How a reader gets a report that may tell a story it was alerted about —
// near the story, or joined to it short of sure (stories.follow_ups in the
// config, and a chat's /followups).
const (
	FollowUpsQuiet  = "quiet"  // as a reply to that alert, without a sound
	FollowUpsThread = "thread" // as a reply, with a sound
	FollowUpsOff    = "off"    // a near report as an alert like any; an unsure join withheld
)

// Action is what a destination is sent about an item.
type Action int

const (
	Skip            Action = iota // nothing
	Alert                         // an alert with a notification
	FollowUpOfStory               // a quiet follow-up of the alert about the story the item joined
	FollowUpOfNear                // a quiet follow-up of the alert about a near story
	GrowAlert                     // an edit of the alert about the story, showing its new source
)

func (a Action) String() string {
	return [...]string{"skip", "alert", "follow-up of story", "follow-up of near story", "grow alert"}[a]
}

// TopicState is one topic of a destination and whether the destination
// was told about the item's story under it.
type TopicState struct {
	ID string
	// RealertAfter, above zero, tells again each time the story has
	// gained this many more sources.
	RealertAfter int
	Alerted      bool
	// SourcesAtAlert is how many sources the story had when it was told.
	SourcesAtAlert int
}

// Placed is what the decision knows of the story the item was placed in.
type Placed struct {
	Sources int  // items reporting it, this one included
	Unsure  bool // joined short of sure: possibly another story sharing its words
	Near    bool // joined none, but one was near (follow-ups on)
	// News: it adds a figure or a place to the report of the story it was
	// joined to or near (stories.BringsNews).
	News bool
}

// Decision is what one destination is sent, for which topics, and why.
type Decision struct {
	Action Action
	// Topics are named in the message; Fresh are those to record as told
	// (the topics not told before, or due to be told again).
	Topics, Fresh []string
	Reason        string
}

// Reasons a decision gives.
const (
	ReasonNewTopics     = "topics not told about this story"
	ReasonToldAll       = "told about this story under every topic"
	ReasonUnsureJoin    = "joined a told story short of sure"
	ReasonNearStory     = "near a story it was told about"
	ReasonNoEarlier     = "the alert it would follow was not sent"
	ReasonNoEarlierNear = "no alert about the near story to follow"
	ReasonBringsNews    = "adds a figure or a place to the story it may tell"
	ReasonNewTopicNear  = "near a told story, under a topic it was not told"
	ReasonGrows         = "joined a told story: its alert shows the new source"
	ReasonNoEarlierEdit = "the alert to show the new source in was not sent"
)

// Decide is what a destination with these topics is sent about an item
// placed in story; with noFollowUps it gets alerts only. An item that may
// tell a told story but brings news of it (a figure, a place) is an alert,
// never a quiet follow-up nor withheld.
func Decide(topics []TopicState, story Placed, noFollowUps bool) Decision {
	fresh := freshTopics(topics, story.Sources)
	switch {
	case len(topics) > 0 && len(fresh) == 0 && story.Unsure && story.News:
		return Decision{Action: Alert, Topics: topicIDs(topics), Fresh: topicIDs(topics), Reason: ReasonBringsNews}
	case story.Near && story.News:
		return Decision{Action: Alert, Topics: fresh, Fresh: fresh, Reason: ReasonBringsNews}
	case len(topics) > 0 && len(fresh) == 0 && story.Unsure && !noFollowUps:
		return Decision{Action: FollowUpOfStory, Topics: topicIDs(topics), Reason: ReasonUnsureJoin}
	case len(topics) > 0 && len(fresh) == 0 && story.Sources > 1 && !story.Unsure:
		return Decision{Action: GrowAlert, Topics: topicIDs(topics), Reason: ReasonGrows}
	case len(topics) > 0 && len(fresh) == 0:
		return Decision{Action: Skip, Reason: ReasonToldAll}
	case story.Near && !noFollowUps:
		return Decision{Action: FollowUpOfNear, Topics: fresh, Fresh: fresh, Reason: ReasonNearStory}
	}
	return Decision{Action: Alert, Topics: fresh, Fresh: fresh, Reason: ReasonNewTopics}
}

// Settle completes a follow-up or an edit once the store has looked for
// the alert it follows or edits: without one, an unsure join's follow-up
// is not sent (that alert failed, or went to none of these topics), nor
// an edit, and a near story's follow-up is an alert.
func Settle(d Decision, earlierFound bool) Decision {
	switch {
	case earlierFound:
		return d
	case d.Action == FollowUpOfStory:
		return Decision{Action: Skip, Reason: ReasonNoEarlier}
	case d.Action == GrowAlert:
		return Decision{Action: Skip, Reason: ReasonNoEarlierEdit}
	case d.Action == FollowUpOfNear:
		d.Action, d.Reason = Alert, ReasonNoEarlierNear
	}
	return d
}

// ForNearTopics completes a follow-up of a near story once the store has
// read whether the destination was told about that story under each of its
// topics: an item that brings a topic it was not told under is an alert.
func ForNearTopics(d Decision, near []TopicState) Decision {
	if d.Action != FollowUpOfNear {
		return d
	}
	for _, t := range near {
		if !t.Alerted {
			d.Action, d.Reason = Alert, ReasonNewTopicNear
			return d
		}
	}
	return d
}

// freshTopics are those never told about the story, or due again: the
// story gained RealertAfter sources since.
func freshTopics(topics []TopicState, sources int) []string {
	var out []string
	for _, t := range topics {
		if !t.Alerted || t.RealertAfter > 0 && sources >= t.SourcesAtAlert+t.RealertAfter {
			out = append(out, t.ID)
		}
	}
	return out
}

func topicIDs(ts []TopicState) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}
