// Package feeds fetches, parses and normalises news feeds and keeps each
// feed's polling state. It knows nothing of rules or delivery.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// Result is the outcome of polling one feed.
type Result struct {
	Source Source
	Items  []Item
	// NotModified is true when the feed did not change (a 304, or the same
	// body as last time).
	NotModified bool
	// FirstPoll is true on the first successful poll of a feed: its items
	// are the backlog, not news.
	FirstPoll bool
	// Err says what went wrong, naming the feed; nil on success.
	Err error
	// State is the feed's state after the poll.
	State State
}

// Poller polls feeds, at most a fixed number at a time overall and per host.
type Poller struct {
	fetcher *Fetcher
	states  StateStore
	timing  Timing
	log     *slog.Logger
	now     func() time.Time

	slots   chan struct{}
	perHost int
	mu      sync.Mutex
	hosts   map[string]chan struct{}

	telegram *telegramReader
}

// A sourceReader fetches and parses one kind of source, recording in st
// what it learnt of it (status, validators, body hash, cursor).
type sourceReader interface {
	read(ctx context.Context, src Source, st *State) (*Response, Result)
}

type readerFunc func(ctx context.Context, src Source, st *State) (*Response, Result)

func (f readerFunc) read(ctx context.Context, src Source, st *State) (*Response, Result) {
	return f(ctx, src, st)
}

// readerFor is how a kind of source is read: feeds and pages by one
// conditional GET, Telegram channels page by page.
func (p *Poller) readerFor(k Kind) sourceReader {
	if k == KindTelegram {
		return p.telegram
	}
	return readerFunc(p.fetchAndParse)
}

// PollerOptions configures a Poller.
type PollerOptions struct {
	// Workers is how many feeds are fetched at once (default 8).
	Workers int
	// PerHost is how many of them may be on the same host (default 2), so
	// that one slow host cannot take every worker.
	PerHost int
	Timing  Timing
	// TelegramGap is the least time between two requests for Telegram
	// channel pages to the same host (default one second; below zero, none).
	TelegramGap time.Duration
	// TelegramPages is how many pages a channel's poll reads at most
	// (default 10, about 200 posts).
	TelegramPages int
	// Sleep is how the poller waits out a gap on its clock (default: a
	// timer that ctx ends). A test on a clock of its own passes one that
	// moves that clock.
	Sleep func(ctx context.Context, d time.Duration) error
}

// NewPoller returns a Poller that fetches with f, keeps state in states
// and reads the time from now.
func NewPoller(f *Fetcher, states StateStore, opts PollerOptions, now func() time.Time, log *slog.Logger) *Poller {
	if opts.Workers < 1 {
		opts.Workers = 8
	}
	if opts.PerHost < 1 {
		opts.PerHost = 2
	}
	if opts.TelegramGap == 0 {
		opts.TelegramGap = DefaultTelegramGap
	}
	if opts.TelegramPages < 1 {
		opts.TelegramPages = DefaultTelegramPages
	}
	return &Poller{
		fetcher: f, states: states, timing: opts.Timing.withDefaults(), log: log, now: now,
		slots: make(chan struct{}, opts.Workers), perHost: opts.PerHost, hosts: map[string]chan struct{}{},
		telegram: &telegramReader{fetcher: f, gate: newHostGate(opts.TelegramGap, now, opts.Sleep), maxPages: opts.TelegramPages, log: log},
	}
}

// PollEach polls every source once, concurrently within the limits, and
// hands each result to handle as soon as it is ready, one call at a time,
// so that a cycle over many feeds never holds all their items at once.
// Every feed's state is saved in one transaction at the end, after handle
// has recorded its items; a feed whose items handle could not record will
// be read again in full. One feed's failure never stops the others.
func (p *Poller) PollEach(ctx context.Context, srcs []Source, handle func(Result) error) {
	urls := make([]string, len(srcs))
	for i, s := range srcs {
		urls[i] = s.URL
	}
	states, err := p.states.FeedStates(ctx, urls)
	if err != nil {
		for _, src := range srcs {
			_ = handle(Result{Source: src, Err: fmt.Errorf("feed %s: load state: %w", src.URL, err)}) // nothing to save
		}
		return
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		saved = make([]State, 0, len(srcs))
	)
	for _, src := range srcs {
		wg.Go(func() {
			res := p.poll(ctx, src, stateOf(states, src.URL))
			mu.Lock()
			defer mu.Unlock()
			res.State = p.handled(res, handle)
			if res.State.URL != "" {
				saved = append(saved, res.State)
			}
		})
	}
	wg.Wait()
	p.save(ctx, saved)
}

// Poll polls one feed and records its state.
func (p *Poller) Poll(ctx context.Context, src Source) Result { return p.PollThen(ctx, src, nil) }

// PollThen polls one feed, hands the result to handle (when not nil), and
// only then records the feed's state. A crash before handle has recorded
// the items leaves the old state, so the items are read again; a handle
// that fails makes the next poll read the whole body again, soon.
func (p *Poller) PollThen(ctx context.Context, src Source, handle func(Result) error) Result {
	states, err := p.states.FeedStates(ctx, []string{src.URL})
	if err != nil {
		res := Result{Source: src, Err: fmt.Errorf("feed %s: load state: %w", src.URL, err)}
		if handle != nil {
			_ = handle(res) // nothing to save
		}
		return res
	}
	res := p.poll(ctx, src, stateOf(states, src.URL))
	res.State = p.handled(res, handle)
	if res.State.URL != "" {
		p.save(ctx, []State{res.State})
	}
	return res
}

// handled hands res to handle (when not nil) and returns the state to
// save: the poll's, or, when handle could not record the items, one that
// makes the next poll read them again, soon.
func (p *Poller) handled(res Result, handle func(Result) error) State {
	if handle == nil {
		return res.State
	}
	if err := handle(res); err != nil {
		p.log.Error("feed items not recorded; the feed will be read again", "feed", res.Source.Label(), "err", err)
		return res.State.unread(p.now().Add(p.timing.MinBackoff))
	}
	return res.State
}

func stateOf(states map[string]State, url string) State {
	if st, ok := states[url]; ok {
		return st
	}
	return State{URL: url}
}

func (p *Poller) save(ctx context.Context, states []State) {
	// Saved even when ctx was cancelled: the poll happened.
	if err := p.states.SaveFeedStates(context.WithoutCancel(ctx), states); err != nil {
		p.log.Error("save feed states", "feeds", len(states), "err", err)
	}
}

func (p *Poller) poll(ctx context.Context, src Source, st State) Result {
	if st.Disabled != "" {
		return Result{Source: src, State: st, Err: fmt.Errorf("feed %s: disabled: %s", src.URL, st.Disabled)}
	}
	release, err := p.acquire(ctx, st.Target())
	if err != nil {
		return Result{Source: src, State: st, Err: fmt.Errorf("feed %s: %w", src.URL, err)}
	}
	defer release()
	first := st.LastSuccess.IsZero()
	before := st
	st.URL = src.URL
	st.LastAttempt = p.now()
	resp, res := p.readerFor(src.Kind).read(ctx, src, &st)
	if res.Err != nil && ctx.Err() != nil {
		res.State = before // shutting down: not the feed's failure
		return res
	}
	res.FirstPoll = first && res.Err == nil
	if !first && res.Err == nil {
		dateByPoll(res.Items, st.LastAttempt.Sub(before.LastSuccess))
	}
	p.record(src, &st, resp, res.Err)
	res.State = st
	return res
}

// PollDatedGap is how long after its feed's previous successful poll a
// poll may come and still date the items without a date of their own
// that it finds: a feed polled every few minutes dates them to within
// minutes, one back after a day's outage does not.
const PollDatedGap = 6 * time.Hour

// dateByPoll marks the undated items of a poll that came sincePrevious
// after its feed's previous successful one as dated by it (DatedByPoll).
func dateByPoll(items []Item, sincePrevious time.Duration) {
	if sincePrevious > PollDatedGap {
		return
	}
	for i := range items {
		items[i].DatedByPoll = items[i].DateEstimated
	}
}

// acquire takes a slot for the target's host, then a worker slot: waiting
// for a busy host never holds a worker.
func (p *Poller) acquire(ctx context.Context, target string) (func(), error) {
	host := hostOf(target)
	p.mu.Lock()
	hs, ok := p.hosts[host]
	if !ok {
		hs = make(chan struct{}, p.perHost)
		p.hosts[host] = hs
	}
	p.mu.Unlock()
	select {
	case hs <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		<-hs
		return nil, ctx.Err()
	}
	return func() { <-p.slots; <-hs }, nil
}

func (p *Poller) fetchAndParse(ctx context.Context, src Source, st *State) (*Response, Result) {
	// The configured URL, not where it moved, says whether the feed may
	// reach private addresses.
	resp, err := p.fetcher.fetch(ctx, src.URL, st.Target(), st.Validators)
	st.LastStatus = 0
	if resp != nil {
		st.LastStatus = resp.StatusCode
		if resp.MovedTo != "" {
			p.log.Info("feed moved permanently", "feed", src.Label(), "url", src.URL, "to", resp.MovedTo)
			st.FetchURL = resp.MovedTo
		}
	}
	if err != nil {
		return resp, Result{Source: src, Err: fmt.Errorf("feed %s: fetch: %w", src.URL, err)}
	}
	defer resp.Release() // parsed items copy what they keep
	if resp.NotModified {
		return resp, Result{Source: src, NotModified: true}
	}
	hash := bodyHash(resp.Body)
	if hash == st.BodyHash {
		st.Validators = resp.Validators
		return resp, Result{Source: src, NotModified: true}
	}
	feed, err := parseAs(src, resp)
	if err != nil {
		return resp, Result{Source: src, Err: fmt.Errorf("feed %s: parse: %w", src.URL, err)}
	}
	st.Validators = resp.Validators
	st.BodyHash = hash
	items := Normalise(feed, src, st.LastAttempt)
	st.ItemsLastPoll = len(items)
	return resp, Result{Source: src, Items: items}
}

// parseAs parses a fetched body as the source's kind.
func parseAs(src Source, resp *Response) (*gofeed.Feed, error) {
	if src.Kind == KindHTML {
		return parseHTMLPage(resp.Body, resp.ContentType, src.Select)
	}
	return Parse(resp.Body, resp.ContentType)
}

// record updates the state after a poll: errors, health, when to poll next.
func (p *Poller) record(src Source, st *State, resp *Response, err error) {
	now := p.now()
	if err == nil {
		if st.ConsecutiveErrors > 0 {
			p.log.Info("feed recovered", "feed", src.Label(), "url", src.URL, "after_errors", st.ConsecutiveErrors)
		}
		st.ConsecutiveErrors = 0
		st.LastError = ""
		st.LastSuccess = st.LastAttempt
		st.NextPoll = p.timing.next(src, *st, resp, nil, now)
		return
	}
	st.ConsecutiveErrors++
	st.TotalErrors++
	st.LastError = err.Error()
	if se, ok := statusError(err); ok && se.Code == http.StatusGone {
		st.Disabled = "410 Gone: the server says the feed was removed"
		st.NextPoll = time.Time{}
		p.log.Error("feed disabled", "feed", src.Label(), "url", src.URL, "reason", st.Disabled)
		return
	}
	st.NextPoll = p.timing.next(src, *st, resp, err, now)
	attrs := []any{"feed", src.Label(), "url", src.URL, "consecutive_errors", st.ConsecutiveErrors,
		"next_poll", st.NextPoll.Format(time.RFC3339), "err", err}
	switch {
	case st.ConsecutiveErrors == p.timing.withDefaults().UnhealthyAfter:
		p.log.Error("feed unhealthy: it keeps failing and will be retried at the backoff cap", attrs...)
	case p.timing.Unhealthy(*st):
		p.log.Error("feed still failing", attrs...)
	default:
		p.log.Warn("feed poll failed", attrs...)
	}
}

// Unhealthy reports whether a feed in state st has failed too often.
func (p *Poller) Unhealthy(st State) bool { return p.timing.Unhealthy(st) }

// bodyHash fingerprints a body to notice an unchanged one: two CRC-32s
// with different polynomials (64 bits, both computed in hardware), which
// costs a tenth of SHA-256 on a 100 KB feed.
func bodyHash(b []byte) string {
	return fmt.Sprintf("%08x%08x-%d", crc32.Checksum(b, castagnoli), crc32.ChecksumIEEE(b), len(b))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func statusError(err error) (*StatusError, bool) {
	var se *StatusError
	ok := errors.As(err, &se)
	return se, ok
}
