package alerts

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
)

// Subscriber receives immediate alerts for some topics.
type Subscriber struct {
	// Destination is "channel:address", e.g. "telegram:-1001234" or "console".
	Destination string
	// Topics the subscriber wants; empty means every topic.
	Topics []string
	// DigestTopics also sends matches of digest-only topics at once (the
	// console in `poll` and `demo` shows everything).
	DigestTopics bool
	// TimeZone is the IANA zone to show times in.
	TimeZone string
	// Lang is the language to write to it in (i18n).
	Lang string
	// FollowUps is how it wants follow-ups of an earlier alert
	// (ingest.FollowUpsQuiet, Thread or Off; "" is quiet).
	FollowUps string
}

// SubscriberList says who gets immediate alerts now (an Audience).
type SubscriberList interface {
	Immediate(ctx context.Context) ([]Subscriber, error)
}

func (s Subscriber) wants(topic string) bool {
	return len(s.Topics) == 0 || slices.Contains(s.Topics, topic)
}

// Recorder is the part of the store the pipeline writes to.
type Recorder interface {
	KnownItems(ctx context.Context, keys []string) (map[string]bool, error)
	AddAll(ctx context.Context, items []ingest.NewItem) ([]ingest.Added, error)
}

// Pipeline turns polled items into recorded matches and queued alerts.
type Pipeline struct {
	rec      Recorder
	matcher  atomic.Pointer[rules.Matcher]
	subs     []Subscriber
	audience SubscriberList
	backlog  time.Duration
	obs      MatchObserver
	log      *slog.Logger
}

// MatchObserver is told of each topic a new item matched, of each new
// item that joined an earlier item's story, and of the alerts queued as
// follow-ups (the metrics).
type MatchObserver interface {
	Matched(topic string)
	Joined(byMeaning bool)
	FollowedUp(alerts int)
}

// noObserver is the observer of a pipeline that reports to nobody.
type noObserver struct{}

func (noObserver) Matched(string) {}
func (noObserver) Joined(bool)    {}
func (noObserver) FollowedUp(int) {}

func (p *Pipeline) subscribers(ctx context.Context) ([]Subscriber, error) {
	if p.audience == nil {
		return p.subs, nil
	}
	more, err := p.audience.Immediate(ctx)
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(p.subs), more...), nil
}

// PipelineOptions are what a pipeline may be given beside its recorder
// and rules.
type PipelineOptions struct {
	// Subscribers are alerted of every item whatever the audience (the
	// demo's console).
	Subscribers []Subscriber
	// Audience, asked before each feed result is recorded, adds the
	// subscribers of the config and the bot.
	Audience SubscriberList
	// Backlog, when set, keeps a new feed's first poll from flooding
	// subscribers: only items published within Backlog of now are matched
	// and alerted; older ones are recorded as seen.
	Backlog time.Duration
	// Observer is told of matches, joins and follow-ups (the metrics).
	Observer MatchObserver
}

// NewPipeline returns a pipeline that matches with m and records through
// rec.
func NewPipeline(rec Recorder, m *rules.Matcher, opts PipelineOptions, log *slog.Logger) *Pipeline {
	p := &Pipeline{rec: rec, subs: opts.Subscribers, audience: opts.Audience, backlog: opts.Backlog,
		obs: opts.Observer, log: log}
	if p.obs == nil {
		p.obs = noObserver{}
	}
	p.matcher.Store(m)
	return p
}

// SetMatcher replaces the rules used for items processed from now on.
func (p *Pipeline) SetMatcher(m *rules.Matcher) { p.matcher.Store(m) }

// Matcher returns the rules in use.
func (p *Pipeline) Matcher() *rules.Matcher { return p.matcher.Load() }

// Stats counts what one Process call did.
type Stats struct {
	Items  int // items in the result
	New    int // items never seen before
	Joined int // new items that joined an earlier item's story
	// ByMeaning counts those of Joined that shared too few words with the
	// story and joined it by their meaning.
	ByMeaning int
	Backlog   int // new items of a first poll recorded as seen without matching
	Matched   int // new items that matched at least one topic
	Queued    int // alerts queued in the outbox
	// FollowUps counts those of Queued sent as follow-ups of an
	// earlier alert: about a near story (see ingest.Options.FollowUps), or about
	// the story an item joined short of sure (ingest.Options.SureFrom).
	FollowUps int
	// Edits counts the alerts queued to be edited to show their story's
	// new source (not in Queued).
	Edits int
}

// Process records the new items of one poll result with their matches and
// queues their alerts, RecordBatch items a transaction. Items already
// stored are skipped, so a feed polled again, or after a restart or a
// failed batch, alerts nothing twice.
func (p *Pipeline) Process(ctx context.Context, res feeds.Result) (Stats, error) {
	st := Stats{Items: len(res.Items)}
	if len(res.Items) == 0 {
		return st, nil
	}
	keys := make([]string, len(res.Items))
	for i, it := range res.Items {
		keys[i] = it.Key
	}
	known, err := p.rec.KnownItems(ctx, keys)
	if err != nil {
		return st, fmt.Errorf("process %s: %w", res.Source.URL, err)
	}
	var fresh []feeds.Item
	for _, it := range res.Items {
		if !known[it.Key] {
			known[it.Key] = true // a feed can list the same item twice
			fresh = append(fresh, it)
		}
	}
	if len(fresh) == 0 {
		return st, nil // most polls: nothing new, so no one to ask about
	}
	subs, err := p.subscribers(ctx)
	if err != nil {
		return st, fmt.Errorf("process %s: %w", res.Source.URL, err)
	}
	m := p.matcher.Load()
	for chunk := range slices.Chunk(fresh, RecordBatch) {
		if err := p.record(ctx, res, chunk, subs, m, &st); err != nil {
			return st, fmt.Errorf("process %s: %w", res.Source.URL, err)
		}
	}
	return st, nil
}

// RecordBatch is how many new items of a feed result are recorded in one
// transaction. The store has one connection: a feed of 50,000 new items in
// one transaction held every other feed, send and /readyz for minutes. A
// batch takes about half a second at the clustering's cost per item, and
// a crash loses only the batch under way.
const RecordBatch = 100

// record matches the new items of one batch, records them with their
// matches and alerts in one transaction (all or none), and counts what
// it did in st.
func (p *Pipeline) record(ctx context.Context, res feeds.Result, items []feeds.Item, subs []Subscriber, m *rules.Matcher, st *Stats) error {
	batch := make([]ingest.NewItem, 0, len(items))
	found := make([][]rules.Match, 0, len(items))
	backlogs := make([]bool, 0, len(items))
	for _, it := range items {
		var matches []rules.Match
		var read rules.Reading
		backlog := res.FirstPoll && p.backlog > 0 && (it.DateEstimated || it.Published.Before(it.FirstSeen.Add(-p.backlog)))
		if backlog {
			read = m.Read(rules.Item{Title: it.Title, Text: it.Text})
		} else {
			matches, read = m.MatchAndRead(rules.Item{Title: it.Title, Text: it.Text, Feed: res.Source.Label(), FeedRegions: res.Source.Regions})
		}
		batch = append(batch, ingest.NewItem{Item: it, Fingerprint: fingerprint(it, read),
			Matches: storeMatches(matches), Deliveries: deliveries(subs, it, matches)})
		found = append(found, matches)
		backlogs = append(backlogs, backlog)
	}
	added, err := p.rec.AddAll(ctx, batch)
	if err != nil {
		return err
	}
	for i, a := range added {
		if a.New {
			p.count(st, res, batch[i].Item, a, found[i], backlogs[i])
		}
	}
	return nil
}

// count adds one newly recorded item to st and tells the observer.
func (p *Pipeline) count(st *Stats, res feeds.Result, it feeds.Item, a ingest.Added, matches []rules.Match, backlog bool) {
	st.New++
	if a.Story.Joined() {
		st.Joined++
		if a.ByMeaning {
			st.ByMeaning++
		}
		p.obs.Joined(a.ByMeaning)
	}
	if backlog {
		st.Backlog++
	}
	if len(matches) == 0 {
		return
	}
	st.Matched++
	for _, m := range matches {
		p.obs.Matched(m.Topic.ID)
	}
	st.Queued += a.Queued
	st.FollowUps += a.FollowUps
	st.Edits += a.Edits
	if a.FollowUps > 0 {
		p.obs.FollowedUp(a.FollowUps)
	}
	p.log.Info("item matched", "feed", res.Source.Label(), "title", Clean(it.Title),
		"topics", topicIDs(matches), "story", a.Story.ID, "story_sources", a.Story.Sources, "alerts", a.Queued)
}

// deliveries builds one delivery per subscriber that wants at least one of
// the immediate topics the item matched. The store queues it only for the
// topics not yet alerted for the item's story to that subscriber, and says
// whether it follows up an earlier alert.
func deliveries(subs []Subscriber, it feeds.Item, matches []rules.Match) []ingest.Delivery {
	if len(matches) == 0 {
		return nil
	}
	// What each topic's alert says is the same for every subscriber.
	topicHits := make([]TopicHit, len(matches))
	for i, m := range matches {
		topicHits[i] = TopicHit{ID: m.Topic.ID, Name: m.Topic.Name,
			Why: hitStrings(m.Why), Regions: m.Regions, Places: hitStrings(m.Places)}
	}
	var out []ingest.Delivery
	for _, sub := range subs {
		hits := map[string]TopicHit{}
		var topics []ingest.DeliveryTopic
		for i, m := range matches {
			immediate := m.Topic.Delivery == rules.DeliverImmediate || sub.DigestTopics
			if immediate && sub.wants(m.Topic.ID) {
				hit := topicHits[i]
				hit.Name = m.Topic.NameIn(sub.Lang)
				hits[m.Topic.ID] = hit
				topics = append(topics, ingest.DeliveryTopic{ID: m.Topic.ID, RealertAfter: m.Topic.RealertAfter})
			}
		}
		if len(topics) == 0 {
			continue
		}
		out = append(out, ingest.Delivery{Destination: sub.Destination, Topics: topics,
			NoFollowUps: sub.FollowUps == ingest.FollowUpsOff,
			Build: func(ids []string, story ingest.Story) ([]byte, error) {
				a := Alert{ItemKey: it.Key, Title: it.Title, Link: it.Link, Summary: it.Summary,
					Feed: it.FeedName, Published: it.Published, FirstSeen: it.FirstSeen, Named: matches[0].Named}
				for _, id := range ids {
					a.Topics = append(a.Topics, hits[id])
				}
				if story.Joined() {
					a.Sources, a.Outlets = story.Sources, story.Outlets
				}
				if f := story.FollowUp; f != nil {
					a.FollowUp = &FollowUp{ItemKey: f.ItemKey, Title: f.Title, Link: f.Link, At: f.At,
						Loud: sub.FollowUps == ingest.FollowUpsThread}
				}
				return Message{Alert: a, TimeZone: sub.TimeZone, Lang: sub.Lang}.Encode()
			},
			Grow: sub.grow()})
	}
	return out
}

// fingerprint is what stories compare of an item: its words, and the
// evidence that survives translation — its language, the concepts of the
// rules' term lists it names and the regions its place names name (read
// with its matches).
func fingerprint(it feeds.Item, read rules.Reading) stories.Fingerprint {
	return stories.OfReport(it.Title, it.Summary, read.Language.String(), read.Concepts, read.Regions)
}

func storeMatches(ms []rules.Match) []store.Match {
	out := make([]store.Match, len(ms))
	for i, m := range ms {
		out[i] = store.Match{Topic: m.Topic.ID, Why: hitStrings(m.Why), Regions: m.Regions, Named: m.Named}
	}
	return out
}

func hitStrings(hits []rules.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.String()
	}
	return out
}

func topicIDs(ms []rules.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Topic.ID
	}
	return out
}

// grow makes, for a subscriber whose channel can edit what it sent
// (Telegram), the edit of a told alert that shows its story grown; nil
// for the others.
func (s Subscriber) grow() func(told []byte, story ingest.Story) ([]byte, error) {
	if channel, _, _ := strings.Cut(s.Destination, ":"); channel != "telegram" {
		return nil
	}
	return func(told []byte, story ingest.Story) ([]byte, error) {
		m, err := DecodeMessage(told)
		if err != nil {
			return nil, err
		}
		m.Alert.Sources, m.Alert.Outlets = story.Sources, story.Outlets
		m.Edit = &Edit{ItemKey: m.Alert.ItemKey}
		return m.Encode()
	}
}
