// Package feeds fetches, parses and normalises news feeds and keeps each
// feed's polling state. It knows nothing of rules or delivery.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// State is what is remembered about one feed between polls.
type State struct {
	URL               string
	Validators        Validators
	LastAttempt       time.Time
	LastSuccess       time.Time
	LastStatus        int
	LastError         string
	ConsecutiveErrors int
	TotalErrors       int
	// ItemsLastPoll is how many items the last successful parse held.
	ItemsLastPoll int
}

// StateStore persists feed state.
type StateStore interface {
	// FeedState returns the saved state of url, or a zero State (with URL
	// set) when the feed was never polled.
	FeedState(ctx context.Context, url string) (State, error)
	SaveFeedState(ctx context.Context, s State) error
}

// Result is the outcome of polling one feed.
type Result struct {
	Source      Source
	Items       []Item
	NotModified bool
	// Err says what went wrong, naming the feed; nil on success.
	Err error
}

// Poller polls feeds, at most a fixed number at a time.
type Poller struct {
	fetcher *Fetcher
	states  StateStore
	log     *slog.Logger
	slots   chan struct{}
	now     func() time.Time
}

// NewPoller returns a Poller that runs at most workers fetches at once.
func NewPoller(fetcher *Fetcher, states StateStore, workers int, log *slog.Logger) *Poller {
	if workers < 1 {
		workers = 1
	}
	return &Poller{fetcher: fetcher, states: states, log: log, slots: make(chan struct{}, workers), now: time.Now}
}

// PollAll polls every source once, concurrently within the worker limit,
// and returns the results in the order of srcs. One feed's failure never
// stops the others.
func (p *Poller) PollAll(ctx context.Context, srcs []Source) []Result {
	results := make([]Result, len(srcs))
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Go(func() { results[i] = p.Poll(ctx, src) })
	}
	wg.Wait()
	return results
}

// Poll fetches, parses and normalises one feed and records its state.
func (p *Poller) Poll(ctx context.Context, src Source) Result {
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return Result{Source: src, Err: fmt.Errorf("feed %s: %w", src.URL, ctx.Err())}
	}
	st, err := p.states.FeedState(ctx, src.URL)
	if err != nil {
		return Result{Source: src, Err: fmt.Errorf("feed %s: load state: %w", src.URL, err)}
	}
	res := p.fetchAndParse(ctx, src, &st)
	p.record(ctx, src, &st, res)
	return res
}

func (p *Poller) fetchAndParse(ctx context.Context, src Source, st *State) Result {
	now := p.now()
	st.LastAttempt = now
	resp, err := p.fetcher.Fetch(ctx, src.URL, st.Validators)
	if resp != nil {
		st.LastStatus = resp.StatusCode
	} else {
		st.LastStatus = 0
	}
	if err != nil {
		return Result{Source: src, Err: fmt.Errorf("feed %s: fetch: %w", src.URL, err)}
	}
	if resp.NotModified {
		return Result{Source: src, NotModified: true}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return Result{Source: src, Err: fmt.Errorf("feed %s: parse: %w", src.URL, describeParseError(err))}
	}
	st.Validators = resp.Validators
	items := Normalise(feed, src, now)
	st.ItemsLastPoll = len(items)
	return Result{Source: src, Items: items}
}

func describeParseError(err error) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return fmt.Errorf("not an RSS, Atom or JSON feed (%w)", err)
	}
	return err
}

func (p *Poller) record(ctx context.Context, src Source, st *State, res Result) {
	if res.Err != nil {
		st.ConsecutiveErrors++
		st.TotalErrors++
		st.LastError = res.Err.Error()
		p.log.Warn("feed poll failed", "feed", src.Label(), "url", src.URL,
			"consecutive_errors", st.ConsecutiveErrors, "err", res.Err)
	} else {
		if st.ConsecutiveErrors > 0 {
			p.log.Info("feed recovered", "feed", src.Label(), "url", src.URL, "after_errors", st.ConsecutiveErrors)
		}
		st.ConsecutiveErrors = 0
		st.LastError = ""
		st.LastSuccess = st.LastAttempt
	}
	if err := p.states.SaveFeedState(ctx, *st); err != nil {
		p.log.Error("save feed state", "feed", src.Label(), "err", err)
	}
}
