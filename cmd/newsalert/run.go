package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
)

func runDaemon(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", `Run the daemon: poll each feed on its schedule, record new items, and
deliver alerts for matching items to the configured Telegram chats through
the outbox. SIGINT or SIGTERM stops it cleanly. rules.yaml is reloaded when
the file changes and on SIGHUP; a broken file is reported and the rules in
use are kept.`, stderr)
	setup := addSetupFlags(fs, "info")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, cfg, matcher, err := setup.load(stderr)
	if err != nil {
		return err
	}
	d, err := configuredDelivery(cfg)
	if err != nil {
		return err
	}
	if len(d.subs) == 0 {
		log.Warn("no telegram chats configured: matches are recorded for digests but no alert is sent")
	}
	if cfg.Email != nil && len(cfg.Email.Recipients) > 0 {
		log.Warn("e-mail digests are not sent by this version yet; 'newsalert demo' shows one")
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()

	poller := newPoller(cfg, st, log)
	pipe := alerts.NewPipeline(st, matcher, d.subs, log)
	pipe.Backlog = cfg.Poll.Backlog
	disp := alerts.NewDispatcher(st, d.senders, log)
	var workers sync.WaitGroup
	defer workers.Wait() // before the store closes
	workers.Go(func() { disp.Run(ctx, 30*time.Second) })
	reloader := &rulesReloader{path: orDefault(*setup.rules, cfg.Path(cfg.Rules)), pipe: pipe, log: log, every: 5 * time.Second}
	workers.Go(func() { reloader.run(ctx) })
	workers.Go(func() { pruneDaily(ctx, st, cfg, log) })

	handle := func(ctx context.Context, res feeds.Result) {
		if res.Err != nil {
			return // the poller has logged and recorded it
		}
		stats, err := pipe.Process(ctx, res)
		if err != nil {
			log.Error("process feed", "feed", res.Source.Label(), "err", err)
			return
		}
		if stats.Queued > 0 {
			disp.Kick()
		}
	}
	log.Info("newsalert running", "version", versionString(), "feeds", len(cfg.Feeds),
		"topics", len(matcher.Topics()), "chats", len(d.subs), "store", cfg.Path(cfg.Storage))
	err = feeds.NewScheduler(poller, handle, log).Run(ctx, sources(cfg))
	log.Info("newsalert stopped")
	return err
}

// pruneDaily deletes old items at start and once a day.
func pruneDaily(ctx context.Context, st *store.Store, cfg *config.Config, log *slog.Logger) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		if n, err := st.Prune(ctx, now.Add(-cfg.Retention), now.Add(-cfg.KeyRetention)); err != nil {
			log.Error("prune", "err", err)
		} else if n.Items > 0 {
			log.Info("pruned old items", "items", n.Items, "keys_expired", n.SeenKeys)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
