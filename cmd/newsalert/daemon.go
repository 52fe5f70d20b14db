package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/metrics"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// daemon is the poller, pipeline and dispatcher that every command that
// polls wires the same way: run, poll --once, demo (and a web console to
// come).
type daemon struct {
	poller   *feeds.Poller
	pipe     *alerts.Pipeline
	disp     *alerts.Dispatcher
	audience *alerts.Audience        // nil for a dry run or the demo
	digests  *alerts.DigestScheduler // run's only
}

// daemonOptions say what differs between the commands.
type daemonOptions struct {
	// deliver: a real cycle, to the configured destinations (the
	// audience), and with the config's backlog window; otherwise only d's
	// fixed subscribers hear, of every match.
	deliver bool
	// poller replaces the configured poller (the demo's).
	poller *feeds.Poller
	// metrics, and digests on their schedules, are the daemon's (run's).
	metrics *metrics.Metrics
	digests bool
}

// buildDaemon wires the parts of a daemon on st.
func buildDaemon(ctx context.Context, cfg *config.Config, m *rules.Matcher, d delivery, st *store.Store,
	opts daemonOptions, now func() time.Time, log *slog.Logger) (*daemon, error) {
	dm := &daemon{poller: opts.poller}
	if dm.poller == nil {
		dm.poller = newPoller(cfg, st, now, log)
	}
	po := alerts.PipelineOptions{Subscribers: d.subs}
	var do alerts.DispatcherOptions
	if opts.deliver {
		audience, err := d.audience(ctx, st)
		if err != nil {
			return nil, err
		}
		dm.audience, po.Audience, po.Backlog, do.Directory = audience, audience, cfg.Poll.Backlog, st
	}
	if opts.metrics != nil {
		po.Observer, do.Observer = opts.metrics, opts.metrics
	}
	rec, err := newRecorder(st, cfg.Stories)
	if err != nil {
		return nil, err
	}
	dm.pipe = alerts.NewPipeline(rec, m, po, log)
	if opts.digests && dm.audience != nil {
		topics := func() []*rules.Topic { return dm.pipe.Matcher().Topics() }
		dm.digests = alerts.NewDigestScheduler(st, dm.audience, d.renderers, topics, now, log)
		do.DigestsReady = dm.digests.FirstPassDone() // the digests owed supersede those waiting
	}
	if opts.deliver && d.email != nil {
		d.email.SkipOptedOut(st.IsOptedOut) // a digest queued before its recipient unsubscribed
	}
	dm.disp = alerts.NewDispatcher(st, d.senders, do, now, log)
	return dm, nil
}
