package main

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/metrics"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/telegrambot"
)

func runDaemon(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("run", `Run the daemon: poll each feed on its schedule, record new items, and
deliver alerts for matching items to Telegram chats through the outbox:
the chats of the config file and those that subscribed by talking to the
bot (/help), with their daily digests; and e-mail digests to the
recipients of the config file on their schedules. SIGINT or SIGTERM stops
it cleanly. The rules are reloaded when their file changes; SIGHUP reloads
the config and the rules. A broken file is reported and what is in use is
kept. One process at a time records and sends from a store: a second run,
or a poll --deliver, is refused while this one runs.`, env.stderr)
	setup := addSetupFlags(fs, "info")
	newStore := addNewStoreFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, cfg, matcher, err := setup.load(env.stderr)
	if err != nil {
		return err
	}
	log.Info("newsalert starting", "version", versionString(), "config", *setup.config)
	d, err := configuredDelivery(cfg, env.now, log)
	if err != nil {
		return err
	}
	log = d.log // secrets redacted from here on
	if d.telegram == nil && d.email == nil {
		log.Warn("no telegram or email section in the config: matches are recorded but nothing is sent")
	}
	st, err := openWriter(ctx, cfg, env.now, *newStore)
	if err != nil {
		return err
	}
	defer st.Close()
	metric := metrics.New(st, env.now)
	dm, err := buildDaemon(ctx, cfg, matcher, d, st, daemonOptions{deliver: true, digests: true, metrics: metric}, env.now, log)
	if err != nil {
		return err
	}
	r := &running{env: env, log: log, st: st, d: d, dm: dm, metric: metric,
		ready: metric.Readiness(st.Ping, maxPollAge(cfg, env.now()))}
	r.live.Store(cfg)
	firstPolls := newFirstPoll(ctx, st, sources(cfg), env.now())
	dm.digests.AfterFirstPoll(firstPolls.done, firstPollWait) // the digests owed hold what was published meanwhile
	// Set up before anything runs: the senders may tell the admins too.
	r.notices = newAdminNotices(st, &r.live, d.telegram != nil, dm.disp.Kick, env.now, log)
	if d.email != nil {
		d.email.OnLoginRefused(func(ctx context.Context, err error) { r.notices.Failing(ctx, alerts.ProblemMailLogin, err) })
		d.email.OnLoginRecovered(func(ctx context.Context) { r.notices.Recovered(ctx, alerts.ProblemMailLogin) })
	}
	defer r.workers.Wait() // before the store closes
	feedUpdates := make(chan []feeds.Source, 1)
	r.start(ctx, cfg, r.reloader(ctx, setup, cfg, feedUpdates))
	recorder := &pollRecorder{pipe: dm.pipe, kick: dm.disp.Kick, first: firstPolls, metric: metric, ready: r.ready}
	logRuleWarnings(log, matcher)
	log.Info("newsalert running", "version", versionString(), "feeds", len(cfg.Feeds),
		"topics", len(matcher.Topics()), "configured_chats", len(d.configured), "store", cfg.Path(cfg.Storage))
	r.ready.SchedulerRunning(true)
	err = runScheduler(ctx, feeds.NewScheduler(dm.poller, recorder.handle, log), sources(cfg), feedUpdates)
	r.ready.SchedulerRunning(false)
	log.Info("newsalert stopped")
	return err
}

// running is what the daemon's workers share while it runs.
type running struct {
	env     cmdEnv
	log     *slog.Logger
	st      *store.Store
	d       delivery
	dm      *daemon
	metric  *metrics.Metrics
	ready   *metrics.Readiness
	live    atomic.Pointer[config.Config] // the config in use, for /status
	notices *alerts.AdminNotices          // nil without Telegram
	workers sync.WaitGroup
}

// start runs the workers beside the scheduler: the sender, the reloader,
// the metrics server, pruning, the sources' watch, the digests and the bot.
func (r *running) start(ctx context.Context, cfg *config.Config, rl *reloader) {
	dm, log := r.dm, r.log
	r.workers.Go(func() { dm.disp.Run(ctx, 30*time.Second) })
	r.workers.Go(func() { rl.run(ctx) })
	if addr := cfg.Metrics.Listen; addr != "" {
		h := withUnsubscribe(r.metric.Handler(r.ready), r.d.unsubscribe.Tokens(), r.st, dm.audience, r.metric, r.env.now, log)
		r.workers.Go(func() {
			if err := metrics.Serve(ctx, addr, h, log); err != nil {
				log.Error("metrics server stopped", "err", err)
			}
		})
	}
	r.workers.Go(func() { pruneDaily(ctx, r.st, cfg, r.env.now, log) })
	if r.notices != nil {
		r.workers.Go(func() { watchSources(ctx, r.live.Load, r.st, r.notices, r.env.now, log) })
	}
	troubled := &troubledMemo{now: r.env.now,
		names: func(now time.Time) []string { return troubledNames(ctx, r.live.Load(), r.st, now, log) }}
	dm.digests.NameSourcesInTrouble(troubled.get)
	r.workers.Go(func() { dm.digests.Run(ctx, dm.disp.Kick) })
	if t := cfg.Telegram; t != nil && t.CommandsOn() {
		bot := newCommandBot(t, dm, r.d, r.st, r.live.Load, r.metric, r.env.now, log)
		r.workers.Go(func() {
			if err := bot.Run(ctx); err != nil {
				log.Error("telegram bot stopped", "err", err)
			}
		})
	}
}

// reloader watches the rules file and takes SIGHUP; a config that loads
// is put in use everywhere it is read, and its feeds go to the scheduler.
func (r *running) reloader(ctx context.Context, setup setupFlags, cfg *config.Config, feedUpdates chan<- []feeds.Source) *reloader {
	rulesPath := cmp.Or(*setup.rules, cfg.Path(cfg.Rules))
	return &reloader{rulesPath: rulesPath, loaded: stampOf(rulesPath), configPath: *setup.config,
		rulesFlag: *setup.rules, pipe: r.dm.pipe, log: r.log, every: 5 * time.Second, current: cfg,
		observe: r.metric.Reloaded, hup: r.env.hup, notice: r.notices,
		apply: func(next *config.Config) {
			configured := configuredOf(next)
			if err := recordConfigured(ctx, r.st, configured, r.env.now); err != nil {
				r.log.Error("record the chats and recipients of the config", "err", err)
			}
			r.dm.audience.SetConfigured(configured)
			r.live.Store(next)
			r.ready.SetMaxPollAge(maxPollAge(next, r.env.now()))
			select {
			case feedUpdates <- sources(next):
			case <-ctx.Done():
			}
		}}
}

// newCommandBot is the bot that answers the chats' commands, with /status
// reporting on the daemon as it runs.
func newCommandBot(t *config.Telegram, dm *daemon, d delivery, st *store.Store, cfg func() *config.Config,
	metric *metrics.Metrics, now func() time.Time, log *slog.Logger) *telegrambot.Bot {
	status := &statusReport{cfg: cfg, st: st, sender: d.telegram, email: d.email, sends: metric.SendCounts,
		started: now(), now: now}
	bot := telegrambot.New(d.token, st, dm.audience, dm.digests, dm.pipe.Matcher, telegrambot.Options{
		Endpoint: t.APIEndpoint, Allowed: t.Allowed, IsAdmin: t.IsAdmin,
		Status: status.text, Kick: dm.disp.Kick, Language: t.Language}, now, log)
	status.bot = bot.Stats
	return bot
}

// pollRecorder records each poll's items and wakes the sender when they
// queued alerts. The feed's state is saved after handle returns: items not
// recorded (an error, or a crash first) are read again at the next poll.
type pollRecorder struct {
	pipe   *alerts.Pipeline
	kick   func()
	first  *firstPoll
	metric *metrics.Metrics
	ready  *metrics.Readiness
}

func (r *pollRecorder) handle(ctx context.Context, res feeds.Result) error {
	defer r.first.polled(res.Source.URL)
	r.metric.Polled(res.Source.Label(), pollResult(res), len(res.Items))
	if res.Err != nil {
		return nil // the poller has logged and recorded it
	}
	stats, err := r.pipe.Process(ctx, res)
	r.ready.Recorded(err)
	if err != nil {
		return err
	}
	if stats.Queued > 0 {
		r.kick()
	}
	return nil
}

func pollResult(res feeds.Result) string {
	switch {
	case res.Err != nil:
		return "error"
	case res.NotModified:
		return "not_modified"
	}
	return "ok"
}

// maxPollAge is how long /readyz lets pass without a finished poll: twice
// the gap between polls of the feed polled most often, and the fetch
// timeout, for schedules as they stand at now.
func maxPollAge(cfg *config.Config, now time.Time) time.Duration {
	timing := feeds.Timing{Interval: cfg.Poll.Interval}
	shortest := time.Duration(0)
	for _, src := range sources(cfg) {
		sched, err := timing.Schedule(src)
		if err != nil {
			continue // refused when the config was loaded
		}
		next := sched.Next(now)
		if gap := sched.Next(next).Sub(next); shortest == 0 || gap < shortest {
			shortest = gap
		}
	}
	return 2*shortest + cfg.Poll.Timeout
}

// runScheduler runs s over srcs until ctx ends, starting it again over
// the new list each time the feeds change. Feeds keep their state (next
// poll, backoff) in the store, so a restart of the scheduler honours it.
func runScheduler(ctx context.Context, s *feeds.Scheduler, srcs []feeds.Source, updates <-chan []feeds.Source) error {
	for {
		runCtx, cancel := context.WithCancel(ctx)
		errc := make(chan error, 1)
		go func() { errc <- s.Run(runCtx, srcs) }()
		select {
		case err := <-errc:
			cancel()
			return err
		case srcs = <-updates:
			cancel()
			if err := <-errc; err != nil {
				return err
			}
		}
	}
}

// storyWindow is how far apart two reports of one story may be: the
// story index keeps a pruned item's entries that long.
func storyWindow(s config.Stories) time.Duration {
	if s.Window > 0 {
		return s.Window
	}
	return ingest.DefaultStoryWindow
}

// pruneDaily deletes old items at start and once a day.
func pruneDaily(ctx context.Context, st *store.Store, cfg *config.Config, clock func() time.Time, log *slog.Logger) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		now := clock()
		cut := store.PruneBefore{Items: now.Add(-cfg.Retention), Keys: now.Add(-cfg.KeyRetention),
			Bands: now.Add(-cfg.Retention - storyWindow(cfg.Stories))}
		if n, err := st.Prune(ctx, cut); err != nil {
			log.Error("prune", "err", err)
		} else if n != (store.PruneStats{}) { // keys and stories may expire on a day no item does
			log.Info("pruned old items", "items", n.Items, "keys_expired", n.SeenKeys, "stories", n.Stories)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
