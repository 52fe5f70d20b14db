// Package alerts carries matches to people: it records new items with their
// matches, queues one alert per subscriber in the outbox before anything is
// sent, delivers the outbox through senders, and builds digests.
package alerts

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/newsalert/newsalert/i18n"
)

// Alert is what one destination is told about one item. It is stored as
// JSON in the outbox, so that a restart can send it without the feed.
type Alert struct {
	ItemKey   string     `json:"item_key"`
	Title     string     `json:"title"`
	Link      string     `json:"link"`
	Summary   string     `json:"summary,omitempty"`
	Feed      string     `json:"feed"`
	Published time.Time  `json:"published,omitzero"`
	FirstSeen time.Time  `json:"first_seen"`
	Topics    []TopicHit `json:"topics"`
	// Named are the regions the item's own words name, in the order it
	// names them (rules.Match.Named); the regions of Topics also hold its
	// feed's tags, which stand in only when it names none.
	Named []string `json:"named,omitempty"`
	// Sources is how many reports the item's story has, when more than one,
	// and Outlets the feeds that reported it, the first first.
	Sources int      `json:"sources,omitempty"`
	Outlets []string `json:"outlets,omitempty"`
	// FollowUp, when set, is the earlier alert this one follows up: the
	// item is near that alert's story (possibly the same story in other
	// words) or joined it short of sure (possibly a different story).
	// Senders reply to that alert, and may do so quietly.
	FollowUp *FollowUp `json:"follow_up,omitempty"`
}

// FollowUp is the earlier alert a follow-up refers to.
type FollowUp struct {
	// ItemKey is the item the earlier alert was about: the dispatcher
	// finds by it the message to reply to.
	ItemKey string    `json:"item_key,omitempty"`
	Title   string    `json:"title"`
	Link    string    `json:"link,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// Loud is set for a chat that wants follow-ups with a sound
	// (stories.follow_ups or its /followups thread).
	Loud bool `json:"loud,omitempty"`
}

// TopicHit is one topic the item matched, and why.
type TopicHit struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Why     []string `json:"why"`
	Regions []string `json:"regions,omitempty"`
	// Places are the place names that tied the item to its regions.
	Places []string `json:"places,omitempty"`
}

// Text renders the alert as plain text in English, times in UTC, as a
// console line block (see Lines). Feed text is stripped of control
// characters, so a hostile title cannot drive a terminal.
func (a Alert) Text() string { return a.Lines(i18n.Default, time.UTC).Plain() }

// Clean removes control and format characters (escape sequences, bidi
// overrides) from untrusted text, keeping ordinary spaces.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf):
			return -1
		}
		return r
	}, s)
}

// WebLink returns link if it is an absolute http(s) URL, else "": a feed's
// javascript:, data: or relative link is no link to show a reader.
func WebLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
