package alerts

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// DigestRenderer renders a digest as the messages of one channel (a
// Telegram digest may take several).
type DigestRenderer func(Digest) []Text

// DigestStore is the part of the store digests are made from and queued in.
type DigestStore interface {
	MatchesSince(ctx context.Context, since, until time.Time, topics []string) ([]store.MatchedItem, error)
	QueueDigest(ctx context.Context, dest string, sentUntil, until time.Time, parts []store.OutboxMessage) (int, error)
	Enqueue(ctx context.Context, msgs ...store.OutboxMessage) (int, error)
}

// DigestScheduler queues each reader's digest when its daily time comes,
// in its time zone. A digest covers the period since the reader's last
// one; queuing it and recording its end are one transaction, so a restart
// neither skips nor repeats one.
type DigestScheduler struct {
	store     DigestStore
	audience  *Audience
	renderers map[string]DigestRenderer
	topics    func() []*rules.Topic
	log       *slog.Logger
	now       func() time.Time
	firstPass chan struct{} // closed once Run has queued the digests owed at its start
	firstOnce sync.Once
	firstPoll <-chan struct{} // see AfterFirstPoll
	pollWait  time.Duration
	troubled  func() []string // see NameSourcesInTrouble
}

// maxDigestPeriod caps what a digest covers after a long outage.
const maxDigestPeriod = 7 * 24 * time.Hour

// NewDigestScheduler returns a scheduler for the readers of audience whose
// channel has a renderer; topics gives the rules in use, now the time.
func NewDigestScheduler(st DigestStore, audience *Audience, renderers map[string]DigestRenderer,
	topics func() []*rules.Topic, now func() time.Time, log *slog.Logger) *DigestScheduler {
	return &DigestScheduler{store: st, audience: audience, renderers: renderers, topics: topics, log: log, now: now,
		firstPass: make(chan struct{})}
}

// AfterFirstPoll makes Run wait, before queuing the digests owed at its
// start, until firstPoll is closed (the first poll after a downtime is
// done) or atMost has passed (a feed that hangs holds no digest long):
// otherwise what was published while the daemon was down would wait for
// the next digest. Call it before Run.
func (s *DigestScheduler) AfterFirstPoll(firstPoll <-chan struct{}, atMost time.Duration) {
	s.firstPoll, s.pollWait = firstPoll, atMost
}

// awaitFirstPoll waits as AfterFirstPoll asked.
func (s *DigestScheduler) awaitFirstPoll(ctx context.Context) {
	if s.firstPoll == nil {
		return
	}
	t := time.NewTimer(s.pollWait)
	defer t.Stop()
	select {
	case <-s.firstPoll:
	case <-t.C:
		s.log.Warn("digests owed at start queued before the first poll ended", "waited", s.pollWait)
	case <-ctx.Done():
	}
}

// FirstPassDone is closed once Run has queued the digests owed at its
// start, or tried to (see Dispatcher.HoldDigestsUntil).
func (s *DigestScheduler) FirstPassDone() <-chan struct{} { return s.firstPass }

// Run queues due digests every minute until ctx ends; kick is called when
// some were queued.
func (s *DigestScheduler) Run(ctx context.Context, kick func()) {
	s.awaitFirstPoll(ctx)
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		n, err := s.QueueDue(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Error("digests", "err", err)
		}
		// Done before the kick: a dispatcher woken by it must find the
		// digests it holds back until the first pass already released.
		s.firstOnce.Do(func() { close(s.firstPass) })
		if err == nil && n > 0 {
			kick()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// QueueDue queues the digests due now and returns how many messages it
// queued. A reader whose digest is empty gets nothing, but its period
// still ends.
func (s *DigestScheduler) QueueDue(ctx context.Context) (int, error) {
	readers, err := s.audience.Readers(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	total := 0
	for _, r := range readers {
		render, ok := s.renderers[channelOf(r.Destination)]
		if !ok || !r.Active {
			continue
		}
		next, err := s.NextDigest(r)
		if err != nil {
			s.log.Warn("digest schedule", "destination", r.Destination, "err", err)
			continue
		}
		if next.After(now) {
			continue
		}
		// Since the last digest delivered, not the last queued: one that
		// never arrived is superseded by this one.
		since := r.DigestSentUntil
		if since.IsZero() {
			since = r.CreatedAt
		}
		since = later(since, now.Add(-maxDigestPeriod))
		parts, err := s.build(ctx, r, render, since, now)
		if err != nil {
			return total, err
		}
		msgs := outboxParts(r.Destination, "digest:"+strconv.FormatInt(now.Unix(), 10), parts)
		for i := range msgs {
			msgs[i].PeriodEnd = now
		}
		n, err := s.store.QueueDigest(ctx, r.Destination, r.DigestSentUntil, now, msgs)
		if errors.Is(err, store.ErrDigestRace) {
			// Each minute until the earlier digest is delivered: not worth a line each time.
			s.log.Debug("digest put off to the next minute", "destination", r.Destination, "why", err)
			continue
		}
		if err != nil {
			return total, err
		}
		total += n
		if n > 0 {
			s.log.Info("digest queued", "destination", r.Destination, "messages", n, "since", since)
		}
	}
	return total, nil
}

// SendNow queues a digest of the last period for r at once (the /digest
// command); key makes it idempotent. An empty digest says so.
func (s *DigestScheduler) SendNow(ctx context.Context, r Reader, period time.Duration, key string) (int, error) {
	now := s.now()
	return s.queueNow(ctx, r, followedTopics, now.Add(-period), now, key)
}

// queueNow renders r's digest of (since, until] on the topics which
// selects, empty or not, and queues it at once under key.
func (s *DigestScheduler) queueNow(ctx context.Context, r Reader, which topicSet, since, until time.Time, key string) (int, error) {
	render, ok := s.renderers[channelOf(r.Destination)]
	if !ok {
		return 0, fmt.Errorf("no digest renderer for %s", r.Destination)
	}
	d, err := s.digest(ctx, r, s.topicsOf(r, which), since, until)
	if err != nil {
		return 0, err
	}
	return s.store.Enqueue(ctx, outboxParts(r.Destination, key, render(d))...)
}

// NextDigest is when r's next digest is due.
func (s *DigestScheduler) NextDigest(r Reader) (time.Time, error) {
	sched, err := s.schedule(r)
	if err != nil {
		return time.Time{}, err
	}
	last := lastDigest(r)
	next := sched.Next(last)
	// When clocks go back, a wall-clock time comes twice (02:30 on the last
	// Sunday of October in Berlin); the digest comes at the first.
	if loc, err := time.LoadLocation(r.Zone()); err == nil && sameWallClock(last.In(loc), next.In(loc)) {
		next = sched.Next(next)
	}
	return next, nil
}

func sameWallClock(a, b time.Time) bool {
	return a.Format("2006-01-02 15:04") == b.Format("2006-01-02 15:04")
}

func (s *DigestScheduler) schedule(r Reader) (cron.Schedule, error) {
	if r.Schedule != "" {
		return cron.ParseStandard(r.Schedule)
	}
	h, m, err := ParseClock(r.DigestTime())
	if err != nil {
		return nil, err
	}
	return cron.ParseStandard(fmt.Sprintf("CRON_TZ=%s %d %d * * *", r.Zone(), m, h))
}

// ParseClock reads a time of day "HH:MM" (24-hour clock).
func ParseClock(s string) (hour, minute int, err error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, fmt.Errorf("time of day %q: use HH:MM, e.g. 08:00 or 18:30", s)
	}
	return t.Hour(), t.Minute(), nil
}

// ScheduleZone is the zone a cron spec names ("CRON_TZ=Asia/Almaty 0 8 *
// * *"), or "".
func ScheduleZone(spec string) string {
	for _, prefix := range []string{"CRON_TZ=", "TZ="} {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(spec), prefix); ok {
			zone, _, _ := strings.Cut(rest, " ")
			return zone
		}
	}
	return ""
}

// build makes r's scheduled digest of (since, until] and renders it;
// nil when it is empty and r did not ask for empty ones.
func (s *DigestScheduler) build(ctx context.Context, r Reader, render DigestRenderer, since, until time.Time) ([]Text, error) {
	topics := s.topicsOf(r, scheduledTopics)
	if len(topics) == 0 && !r.SendEmpty {
		return nil, nil
	}
	d, err := s.digest(ctx, r, topics, since, until)
	if err != nil || (d.Count() == 0 && !r.SendEmpty) {
		return nil, err
	}
	return render(d), nil
}

// Digest is r's digest of (since, until] on every topic it follows, as
// the /digest command and `newsalert digest` make it.
func (s *DigestScheduler) Digest(ctx context.Context, r Reader, since, until time.Time) (Digest, error) {
	return s.digest(ctx, r, s.topicsOf(r, followedTopics), since, until)
}

func (s *DigestScheduler) digest(ctx context.Context, r Reader, topics []*rules.Topic, since, until time.Time) (Digest, error) {
	var matches []store.MatchedItem
	if len(topics) > 0 {
		var err error
		matches, err = s.store.MatchesSince(ctx, since, until, rules.IDs(topics))
		if err != nil {
			return Digest{}, err
		}
	}
	// A topic subscribed from a chat counts from the subscription on. A
	// reader without follow-ups gets near and unsure reports as stories of
	// their own, not folded under the story they were near or joined.
	off := r.FollowUpsMode() == ingest.FollowUpsOff
	kept := matches[:0]
	for _, m := range matches {
		if m.MatchedAt.After(r.Since(m.Topic)) {
			if off {
				m.NearStory, m.UnsureJoin = 0, false
			}
			kept = append(kept, m)
		}
	}
	loc, err := time.LoadLocation(r.Zone())
	if err != nil {
		loc = time.UTC
	}
	d := BuildDigest(kept, topics, since, until, loc)
	s.describeReader(&d, r)
	return d, nil
}

// NameSourcesInTrouble makes each digest name the sources that troubled
// returns (set before Run).
func (s *DigestScheduler) NameSourcesInTrouble(troubled func() []string) { s.troubled = troubled }

// describeReader gives d what its renderers say of r: its language,
// destination, topics and schedule, and the sources in trouble.
func (s *DigestScheduler) describeReader(d *Digest, r Reader) {
	d.Lang, d.Destination = r.Lang(), r.Destination
	if s.troubled != nil {
		d.SourcesInTrouble = s.troubled()
	}
	d.Schedule = DigestSchedule{Spec: r.Schedule, DailyAt: r.DigestTime()}
	d.nameTopics(s.topics(), d.Lang)
	if r.AllTopics {
		return // Following stays empty: every topic
	}
	for _, t := range s.topicsOf(r, followedTopics) {
		d.Following = append(d.Following, t.NameIn(d.Lang))
	}
}

// topicSet says which of the topics a reader follows a digest covers.
type topicSet int

const (
	// scheduledTopics are its scheduled digest's: all it follows in mode
	// digest or both; in mode immediate, those whose rules deliver them by
	// digest.
	scheduledTopics topicSet = iota
	// alertedTopics are those it is alerted about at once (what a mute
	// holds back): in mode immediate or both, those whose rules deliver
	// them at once; none in mode digest.
	alertedTopics
	// followedTopics are all it follows (the /digest command).
	followedTopics
)

// topicsOf are the topics r follows that which selects, in rule order.
func (s *DigestScheduler) topicsOf(r Reader, which topicSet) []*rules.Topic {
	var out []*rules.Topic
	for _, t := range s.topics() {
		if r.Wants(t.ID) && which.has(r.Mode, t.Delivery) {
			out = append(out, t)
		}
	}
	return out
}

// has says whether the set holds, for a reader in mode, a topic delivered
// as delivery.
func (which topicSet) has(mode, delivery string) bool {
	switch which {
	case scheduledTopics:
		return mode != store.ModeImmediate || delivery == rules.DeliverDigest
	case alertedTopics:
		return mode != store.ModeDigest && delivery == rules.DeliverImmediate
	}
	return true
}

func outboxParts(dest, key string, parts []Text) []store.OutboxMessage {
	out := make([]store.OutboxMessage, 0, len(parts))
	for i, p := range parts {
		p.ID = fmt.Sprintf("%s.%d.%x", key, i+1, fnv64(dest))
		payload, err := Message{Text: &p}.Encode()
		if err != nil {
			continue // a Text always encodes
		}
		out = append(out, store.OutboxMessage{Destination: dest, Key: fmt.Sprintf("%s:%d", key, i+1), Payload: payload})
	}
	return out
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func lastDigest(r Reader) time.Time {
	if !r.LastDigest.IsZero() {
		return r.LastDigest
	}
	return r.CreatedAt
}

func channelOf(dest string) string {
	channel, _, _ := strings.Cut(dest, ":")
	return channel
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
