package main

import (
	"context"
	"sync"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// firstPollWait bounds how long the digests owed at start wait for the
// first poll (see alerts.DigestScheduler.AfterFirstPoll).
const firstPollWait = 3 * time.Minute

// firstPoll tells when each source due at start has been polled once,
// its items recorded: done is closed then.
type firstPoll struct {
	mu      sync.Mutex
	waiting map[string]bool
	done    chan struct{}
}

// newFirstPoll watches the sources of srcs that are due at now, as the
// feed scheduler will poll them at once: never polled, or past their next
// poll, and not disabled. Unreadable states wait for none.
func newFirstPoll(ctx context.Context, states feeds.StateStore, srcs []feeds.Source, now time.Time) *firstPoll {
	p := &firstPoll{waiting: map[string]bool{}, done: make(chan struct{})}
	urls := make([]string, len(srcs))
	for i, src := range srcs {
		urls[i] = src.URL
	}
	saved, err := states.FeedStates(ctx, urls)
	if err == nil {
		for _, src := range srcs {
			st := saved[src.URL]
			if st.Disabled == "" && !st.NextPoll.After(now) {
				p.waiting[src.URL] = true
			}
		}
	}
	if len(p.waiting) == 0 {
		close(p.done)
	}
	return p
}

// polled notes that url's poll ended.
func (p *firstPoll) polled(url string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.waiting[url] {
		delete(p.waiting, url)
		if len(p.waiting) == 0 {
			close(p.done)
		}
	}
}
