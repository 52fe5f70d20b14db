package alerts

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/store"
)

// SubscriberStore is the part of the store that keeps who subscribed.
type SubscriberStore interface {
	Subscribers(ctx context.Context) ([]store.Subscriber, error)
	Moves(ctx context.Context) (map[string]string, error)
	OptedOut(ctx context.Context) (map[string]time.Time, error)
	IsOptedOut(ctx context.Context, address string) (bool, error)
}

// Configured is a destination named in the config file.
type Configured struct {
	Destination, Name string
	// Topics it gets; empty means every topic.
	Topics []string
	// DigestOnly destinations (e-mail) get digests, never immediate alerts.
	DigestOnly bool
	// Schedule is its digest's cron spec (with CRON_TZ=Area/City), instead
	// of the daily time of its chat settings.
	Schedule string
	// SendEmpty sends a digest even when nothing matched.
	SendEmpty bool
	// Language is the language it is written to in (i18n), unless the
	// chat chose one itself.
	Language string
}

// Reader is a destination and what it wants: its stored settings and the
// topics it subscribed to from its chat, with those the config file gives
// it.
type Reader struct {
	store.Subscriber
	// AllTopics is set for a destination configured without topics.
	AllTopics bool
	// Configured are the topics the config file gives it; a chat cannot
	// unsubscribe from them.
	Configured []string
	// Schedule and SendEmpty come from the config file (see Configured).
	Schedule  string
	SendEmpty bool

	defaults Defaults
}

// Defaults are the time zone, daily digest time and follow-ups of readers
// that chose none; FollowUps is the deployment's stories.follow_ups, and
// off there turns follow-ups off for every reader.
type Defaults struct {
	TimeZone, DigestAt, FollowUps, Language string
}

// DefaultDigestAt is the daily digest time when nothing else says.
const DefaultDigestAt = "08:00"

// Zone is the IANA zone the reader's times are shown and its digest
// scheduled in: its schedule's, its own, the default, or UTC.
func (r Reader) Zone() string {
	if z := ScheduleZone(r.Schedule); z != "" {
		return z
	}
	return cmp.Or(r.TimeZone, r.defaults.TimeZone, "UTC")
}

// Lang is the language the reader is written to in: as it chose (or
// its config entry says), the deployment's default, or i18n.Default.
func (r Reader) Lang() string {
	return cmp.Or(r.Language, r.defaults.Language, i18n.Default)
}

// DigestTime is the reader's daily digest time, "HH:MM".
func (r Reader) DigestTime() string {
	return cmp.Or(r.DigestAt, r.defaults.DigestAt, DefaultDigestAt)
}

// FollowUpsMode is how the reader gets follow-ups of an earlier alert
// (ingest.FollowUpsQuiet, Thread or Off): as it chose, or the default.
func (r Reader) FollowUpsMode() string {
	deflt := r.DefaultFollowUps()
	if deflt == ingest.FollowUpsOff {
		return deflt
	}
	return cmp.Or(r.FollowUps, deflt)
}

// DefaultFollowUps is the deployment's follow-ups (stories.follow_ups),
// which a reader that chose none gets.
func (r Reader) DefaultFollowUps() string {
	return cmp.Or(r.defaults.FollowUps, ingest.FollowUpsQuiet)
}

// Wants reports whether the reader follows topic.
func (r Reader) Wants(topic string) bool {
	return r.AllTopics || slices.Contains(r.Configured, topic) || slices.Contains(r.TopicIDs(), topic)
}

// AllTopicIDs lists the topics the reader follows, from the store and the
// config file (not counting AllTopics).
func (r Reader) AllTopicIDs() []string {
	out := append(r.TopicIDs(), r.Configured...)
	slices.Sort(out)
	return slices.Compact(out)
}

// Since is when the reader began to follow topic (the zero time for a
// topic the config file gives it).
func (r Reader) Since(topic string) time.Time {
	if r.AllTopics {
		return time.Time{}
	}
	for _, t := range r.Topics {
		if t.Topic == topic && !slices.Contains(r.Configured, topic) {
			return t.Since
		}
	}
	return time.Time{}
}

// Audience is everyone who reads alerts: the destinations of the config
// file and the chats that subscribed through the bot. It is what the
// pipeline asks for immediate subscribers, and what digests are sent to.
type Audience struct {
	store    SubscriberStore
	defaults Defaults
	now      func() time.Time

	mu         sync.RWMutex
	configured []Configured
}

// SetConfigured replaces the destinations of the config file (it was
// reloaded).
func (a *Audience) SetConfigured(c []Configured) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.configured = c
}

// SetDefaults sets the time zone, digest time and follow-ups of readers
// that chose none.
func (a *Audience) SetDefaults(d Defaults) { a.defaults = d }

// NewAudience returns the audience of st and the configured destinations;
// now tells whose mute has ended.
func NewAudience(st SubscriberStore, configured []Configured, now func() time.Time) *Audience {
	return &Audience{store: st, configured: configured, now: now}
}

// Readers returns every reader, active or not, in destination order; an
// e-mail reader whose address unsubscribed is inactive (it gets no digest).
func (a *Audience) Readers(ctx context.Context) ([]Reader, error) {
	readers, err := a.readers(ctx)
	if err != nil {
		return nil, err
	}
	optedOut, err := a.store.OptedOut(ctx)
	if err != nil {
		return nil, err
	}
	markOptedOut(readers, optedOut)
	return readers, nil
}

// readers is Readers without the e-mail opt-outs, which only digests
// need: the store reads them afresh each time (another process changes
// them), and immediate alerts never go to e-mail.
func (a *Audience) readers(ctx context.Context) ([]Reader, error) {
	subs, err := a.store.Subscribers(ctx)
	if err != nil {
		return nil, err
	}
	moves, err := a.store.Moves(ctx)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	readers := make([]Reader, len(subs))
	for i, s := range subs {
		readers[i] = Reader{Subscriber: s, defaults: a.defaults}
		index[s.Destination] = i
	}
	a.mu.RLock()
	configured := a.configured
	a.mu.RUnlock()
	for _, c := range configured {
		dest := c.Destination
		if to, ok := moves[dest]; ok {
			dest = to
		}
		i, ok := index[dest]
		if !ok {
			i = len(readers)
			index[dest] = i
			readers = append(readers, Reader{Subscriber: store.Subscriber{Destination: dest, Name: c.Name,
				Mode: store.ModeImmediate, Active: true}, defaults: a.defaults})
		}
		r := &readers[i]
		r.AllTopics = r.AllTopics || len(c.Topics) == 0
		r.Configured = append(r.Configured, c.Topics...)
		r.Schedule, r.SendEmpty = c.Schedule, c.SendEmpty
		r.Language = cmp.Or(r.Language, c.Language)
		if c.DigestOnly {
			r.Mode = store.ModeDigest
		}
	}
	slices.SortFunc(readers, func(x, y Reader) int { return strings.Compare(x.Destination, y.Destination) })
	return readers, nil
}

// Reader returns one reader, as Readers would; only an e-mail reader's
// opt-out is read.
func (a *Audience) Reader(ctx context.Context, dest string) (Reader, bool, error) {
	readers, err := a.readers(ctx)
	if err != nil {
		return Reader{}, false, err
	}
	for _, r := range readers {
		if r.Destination != dest {
			continue
		}
		if addr, ok := strings.CutPrefix(dest, "email:"); ok {
			out, err := a.store.IsOptedOut(ctx, addr)
			if err != nil {
				return Reader{}, false, err
			}
			if out {
				r.unsubscribed()
			}
		}
		return r, true, nil
	}
	return Reader{}, false, nil
}

// Immediate returns the subscribers that get alerts at once now: active,
// not muted, in mode immediate or both, following at least one topic.
func (a *Audience) Immediate(ctx context.Context) ([]Subscriber, error) {
	readers, err := a.readers(ctx) // e-mail readers are digest-only: no opt-out matters here
	if err != nil {
		return nil, err
	}
	now := a.now()
	var out []Subscriber
	for _, r := range readers {
		if !r.Active || r.Mode == store.ModeDigest || r.Muted(now) {
			continue
		}
		sub := Subscriber{Destination: r.Destination, TimeZone: r.Zone(), Lang: r.Lang(), FollowUps: r.FollowUpsMode()}
		if !r.AllTopics {
			sub.Topics = r.AllTopicIDs()
			if len(sub.Topics) == 0 {
				continue
			}
		}
		out = append(out, sub)
	}
	return out, nil
}
