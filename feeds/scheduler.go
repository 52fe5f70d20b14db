package feeds

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Scheduler polls each source on its own schedule until stopped.
type Scheduler struct {
	poller   *Poller
	interval time.Duration
	handle   func(context.Context, Result)
	log      *slog.Logger
}

// NewScheduler returns a Scheduler that polls sources without an interval
// or schedule every defaultInterval and passes each result to handle.
func NewScheduler(p *Poller, defaultInterval time.Duration, handle func(context.Context, Result), log *slog.Logger) *Scheduler {
	return &Scheduler{poller: p, interval: defaultInterval, handle: handle, log: log}
}

// Spec returns the cron spec for src: its Schedule, or "@every" its
// interval (or the default).
func (s *Scheduler) Spec(src Source) string {
	if src.Schedule != "" {
		return src.Schedule
	}
	iv := src.Interval
	if iv <= 0 {
		iv = s.interval
	}
	return "@every " + iv.String()
}

// Run polls every source once at start, then on its schedule, until ctx is
// cancelled; it then waits for polls in progress to finish. A poll of a
// feed is skipped while the previous poll of that feed still runs.
func (s *Scheduler) Run(ctx context.Context, srcs []Source) error {
	c := cron.New(cron.WithChain(cron.Recover(cronLogger{s.log})))
	jobs := make([]cron.Job, 0, len(srcs))
	for _, src := range srcs {
		job := cron.NewChain(cron.SkipIfStillRunning(cronLogger{s.log})).Then(cron.FuncJob(func() {
			s.handle(ctx, s.poller.Poll(ctx, src))
		}))
		if _, err := c.AddJob(s.Spec(src), job); err != nil {
			return fmt.Errorf("feed %s: schedule %q: %w", src.URL, s.Spec(src), err)
		}
		jobs = append(jobs, job)
	}
	var first sync.WaitGroup
	defer first.Wait()
	for _, job := range jobs {
		first.Go(job.Run) // the first poll does not wait for the first tick
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// cronLogger adapts slog to cron's logger interface.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
