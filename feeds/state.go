package feeds

import (
	"context"
	"time"
)

// State is what is remembered about one feed between polls.
type State struct {
	// URL is the feed's configured URL: its identity.
	URL string
	// FetchURL is where the feed is fetched from: URL, or where a chain of
	// permanent redirects led.
	FetchURL   string
	Validators Validators
	// BodyHash is the SHA-256 of the last body parsed: an unchanged body
	// from a server without validators is not parsed again.
	BodyHash          string
	LastAttempt       time.Time
	LastSuccess       time.Time
	LastStatus        int
	LastError         string
	ConsecutiveErrors int
	TotalErrors       int
	// ItemsLastPoll is how many items the last successful parse held.
	ItemsLastPoll int
	// NextPoll is when the feed is due; zero means now.
	NextPoll time.Time
	// Disabled says why the feed is no longer polled (a 410 Gone); "" while
	// it is active.
	Disabled string
	// LastPostID is the newest post id seen of a Telegram channel: the
	// next poll pages back until it reaches it.
	LastPostID int64
	// postIDBefore is LastPostID before this poll: where to page back to
	// again when the poll's items were not recorded.
	postIDBefore int64
}

// unread is the state of a feed whose last items were not recorded: the
// validators and body hash go, and a channel's cursor goes back, so that
// the next poll reads them again, and it comes after the least backoff.
func (s State) unread(next time.Time) State {
	s.Validators, s.BodyHash, s.LastPostID = Validators{}, "", s.postIDBefore
	if s.NextPoll.After(next) {
		s.NextPoll = next
	}
	return s
}

// Target is the URL to fetch.
func (s State) Target() string {
	if s.FetchURL != "" {
		return s.FetchURL
	}
	return s.URL
}

// StateStore persists feed state.
type StateStore interface {
	// FeedStates returns the saved state of each url; a feed never polled
	// is missing from the map.
	FeedStates(ctx context.Context, urls []string) (map[string]State, error)
	// SaveFeedStates records the states, all in one transaction.
	SaveFeedStates(ctx context.Context, states []State) error
}
