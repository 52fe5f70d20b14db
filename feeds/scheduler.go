package feeds

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Scheduler polls each source when it is due until stopped: on its interval
// or cron schedule (with a per-feed jitter), sooner after a failure
// (exponential backoff), never while its previous poll still runs, and not
// at all once disabled. Due times are kept in the feed state, so a restart
// honours them.
type Scheduler struct {
	poller *Poller
	handle func(context.Context, Result) error
	log    *slog.Logger
}

// NewScheduler returns a Scheduler that passes each poll's result to
// handle; a feed's state is saved once handle returns (see PollThen).
func NewScheduler(p *Poller, handle func(context.Context, Result) error, log *slog.Logger) *Scheduler {
	return &Scheduler{poller: p, handle: handle, log: log}
}

type pollDone struct {
	i     int
	state State
}

// Run polls until ctx is cancelled, then waits for polls in progress. It
// fails at once if a source's schedule is invalid or the states cannot be
// read; a ctx cancelled before they are read is a stop like any other.
func (s *Scheduler) Run(ctx context.Context, srcs []Source) error {
	urls := make([]string, len(srcs))
	for i, src := range srcs {
		if _, err := s.poller.timing.Schedule(src); err != nil {
			return err
		}
		urls[i] = src.URL
	}
	states, err := s.poller.states.FeedStates(ctx, urls)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped before the first poll (a SIGTERM just after a reload): no failure
		}
		return err
	}
	due := make([]time.Time, len(srcs))
	disabled := make([]bool, len(srcs))
	for i, src := range srcs {
		st := stateOf(states, src.URL)
		due[i] = st.NextPoll
		if st.Disabled != "" {
			disabled[i] = true
			s.log.Warn("feed is disabled and not polled", "feed", src.Label(), "url", src.URL, "reason", st.Disabled)
		}
	}

	running := make([]bool, len(srcs))
	done := make(chan pollDone, len(srcs))
	var wg sync.WaitGroup
	defer wg.Wait()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		now := s.poller.now()
		var earliest time.Time
		for i, src := range srcs {
			if running[i] || disabled[i] {
				continue
			}
			if !due[i].After(now) {
				running[i] = true
				wg.Go(func() {
					res := s.poller.PollThen(ctx, src, func(r Result) error { return s.handle(ctx, r) })
					done <- pollDone{i, res.State}
				})
				continue
			}
			if earliest.IsZero() || due[i].Before(earliest) {
				earliest = due[i]
			}
		}
		if !earliest.IsZero() {
			timer.Reset(earliest.Sub(now))
		}
		select {
		case <-ctx.Done():
			return nil
		case d := <-done:
			running[d.i] = false
			due[d.i] = d.state.NextPoll
			disabled[d.i] = d.state.Disabled != ""
			if due[d.i].IsZero() && !disabled[d.i] {
				// The poll did not get to run (shutting down): try again at the default pace.
				due[d.i] = s.poller.now().Add(s.poller.timing.Interval)
			}
		case <-timer.C:
		}
	}
}
