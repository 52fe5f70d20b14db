package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/redact"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories/semantic"
)

// setupFlags are the flags of the commands that poll: where the config
// and rules are, and how to log.
type setupFlags struct {
	config, rules, logFormat, logLevel *string
}

func addSetupFlags(fs *flag.FlagSet, logLevel string) setupFlags {
	return setupFlags{
		config:    fs.String("config", config.DefaultPath, "config `file`"),
		rules:     fs.String("rules", "", "rules `file` (default: the one the config names)"),
		logFormat: fs.String("log-format", "text", "log format: text or json"),
		logLevel:  fs.String("log-level", logLevel, "log level: debug, info, warn or error"),
	}
}

// load makes the logger and reads the config and rules; a config without
// feeds is an error.
func (f setupFlags) load(stderr io.Writer) (*slog.Logger, *config.Config, *rules.Matcher, error) {
	log, err := newLogger(stderr, *f.logFormat, *f.logLevel)
	if err != nil {
		return nil, nil, nil, err
	}
	cfg, matcher, err := loadSetup(*f.config, *f.rules)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(cfg.Feeds) == 0 {
		return nil, nil, nil, errors.New("no feeds in the config")
	}
	return log, cfg, matcher, nil
}

// addNewStoreFlag adds --new-store, which lets the writer start afresh on
// an emptied store file (see store.OpenWriter).
func addNewStoreFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("new-store", false, "start afresh when the store file is empty but a store was kept there before (everything within the backlog alerts again)")
}

// loadSetup reads the config and the rules it names (or rulesPath when
// set) and checks that they agree.
func loadSetup(configPath, rulesPath string) (*config.Config, *rules.Matcher, error) {
	cfg, err := config.Load(configPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%w (copy newsalert.example.yaml to %s and edit it, or pass --config)", err, configPath)
		}
		return nil, nil, err
	}
	if rulesPath == "" {
		rulesPath = cfg.Path(cfg.Rules)
	}
	m, err := rules.Load(rulesPath)
	if err != nil {
		return cfg, nil, err
	}
	if err := cfg.CheckRules(m); err != nil {
		return cfg, m, err
	}
	return cfg, m, nil
}

// sources turns configured feeds into poller sources.
func sources(cfg *config.Config) []feeds.Source {
	out := make([]feeds.Source, len(cfg.Feeds))
	for i, f := range cfg.Feeds {
		out[i] = feeds.Source{URL: f.URL, Name: f.Name, Regions: config.Strings(f.Regions),
			Interval: f.Interval, Schedule: f.Schedule}
	}
	return out
}

// loadStore loads the config file at path and opens its store, for the
// commands that only read the store.
func loadStore(ctx context.Context, path string, now func() time.Time) (*config.Config, *store.Store, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Path(cfg.Storage), now)
	return cfg, st, err
}

// openStore opens the configured store with its story settings.
func openStore(ctx context.Context, cfg *config.Config, now func() time.Time) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.Path(cfg.Storage), now)
	return withStories(st, err, cfg)
}

// openWriter opens the configured store with its story settings for the
// one process that records and sends (store.OpenWriter); newStore lets it
// start afresh on an emptied store file.
func openWriter(ctx context.Context, cfg *config.Config, now func() time.Time, newStore bool) (*store.Store, error) {
	st, err := store.OpenWriter(ctx, cfg.Path(cfg.Storage), now, newStore)
	return withStories(st, err, cfg)
}

// withStories gives st, if it opened, the story settings of cfg.
func withStories(st *store.Store, err error, cfg *config.Config) (*store.Store, error) {
	if err != nil {
		return nil, err
	}
	if err := setStories(st, cfg.Stories); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// setStories gives the store the story settings: window, threshold,
// follow-ups (and the score from which a join is sure) and, if joining by
// meaning is on, the sentence encoder that judges meaning.
func setStories(st *store.Store, s config.Stories) error {
	st.SetClustering(s.Window, s.Threshold)
	st.SetFollowUps(s.FollowUpsOn())
	st.SetSureJoins(s.SureFrom)
	threshold := s.MeaningThreshold()
	if threshold == 0 {
		st.SetMeaning(nil, 0)
		return nil
	}
	enc, err := semantic.Load()
	if err != nil {
		return err
	}
	st.SetMeaning(enc, threshold)
	return nil
}

// newPoller builds the poller the config describes.
func newPoller(cfg *config.Config, st feeds.StateStore, now func() time.Time, log *slog.Logger) *feeds.Poller {
	p := cfg.Poll
	fetcher := feeds.NewFetcher(userAgent(), p.Timeout, p.MaxBodyBytes, p.Workers, now)
	return feeds.NewPoller(fetcher, st, feeds.PollerOptions{
		Workers: p.Workers, PerHost: p.PerHost,
		Timing: feeds.Timing{Interval: p.Interval, MinBackoff: p.MinBackoff, MaxBackoff: p.MaxBackoff,
			UnhealthyAfter: p.UnhealthyAfter},
	}, now, log)
}

// delivery is the configured destinations: who gets immediate alerts and
// the senders that reach them.
type delivery struct {
	subs       []alerts.Subscriber // fixed subscribers (the console)
	configured []alerts.Configured // destinations of the config file
	defaults   alerts.Defaults     // of chats that set no time zone or digest time
	senders    map[string]alerts.Sender
	telegram   *telegram.Sender // nil without a telegram section
	email      *email.Sender    // nil without an email section
	token      string           // the bot token, for the bot
	renderers  map[string]alerts.DigestRenderer
	now        func() time.Time
	log        *slog.Logger // with the secrets redacted
}

// configuredDelivery builds the senders and destinations cfg names. The
// bot token and SMTP password are read here, handed only to the senders
// (and the bot), and taken out of every log line: d.log is log with them
// redacted, for everything from here on.
func configuredDelivery(cfg *config.Config, now func() time.Time, log *slog.Logger) (delivery, error) {
	d := delivery{senders: map[string]alerts.Sender{}, renderers: map[string]alerts.DigestRenderer{},
		configured: configuredOf(cfg), now: now, log: log}
	var server email.SMTP
	if cfg.Email != nil {
		var err error
		if server, err = smtpServer(cfg); err != nil {
			return d, err
		}
	}
	if t := cfg.Telegram; t != nil {
		var err error
		if d.token, err = t.Token(); err != nil {
			return d, err
		}
		d.defaults = alerts.Defaults{TimeZone: t.TimeZone, DigestAt: t.DigestTime}
	}
	d.defaults.FollowUps = cfg.Stories.FollowUps
	d.log = redact.Logger(log, d.token, server.Password)
	if e := cfg.Email; e != nil {
		d.email = email.NewSender(server, e.From, e.Unsubscribe, now, d.log)
		d.senders["email"] = d.email
		d.renderers["email"] = email.Renderer(e.Unsubscribe, d.log)
	}
	if t := cfg.Telegram; t != nil {
		d.telegram = telegram.NewSender(d.token, telegram.Options{Endpoint: t.APIEndpoint,
			DisablePreview: t.DisableLinkPreview, Log: d.log,
			Limits: telegram.Limits{PerChat: t.Limits.PerChat, PerGroupPerMinute: t.Limits.PerGroupPerMinute,
				PerSecond: t.Limits.PerSecond}})
		d.senders["telegram"] = d.telegram
		d.renderers["telegram"] = telegram.RenderDigest
	}
	return d, nil
}

// configuredOf lists the destinations the config file names: its
// Telegram chats and e-mail recipients.
func configuredOf(cfg *config.Config) []alerts.Configured {
	var out []alerts.Configured
	if t := cfg.Telegram; t != nil {
		for _, ch := range t.Chats {
			out = append(out, alerts.Configured{Destination: "telegram:" + ch.ID, Name: ch.Name,
				Topics: config.Strings(ch.Topics)})
		}
	}
	if e := cfg.Email; e != nil {
		for _, r := range e.Recipients {
			out = append(out, alerts.Configured{Destination: "email:" + r.Address, Name: r.Address,
				Topics: config.Strings(r.Topics), DigestOnly: true, Schedule: r.Schedule, SendEmpty: r.SendEmpty})
		}
	}
	return out
}

// smtpServer is the configured mail server, with its password.
func smtpServer(cfg *config.Config) (email.SMTP, error) {
	c := cfg.Email.SMTP
	password, err := c.Password()
	if err != nil {
		return email.SMTP{}, err
	}
	server := email.SMTP{Host: c.Host, Port: c.Port, TLS: c.TLS, Username: c.Username, Password: password,
		Auth: c.Auth, Timeout: c.Timeout}
	if c.CAFile != "" {
		if server.RootCAs, err = email.LoadCAs(cfg.Path(c.CAFile)); err != nil {
			return email.SMTP{}, err
		}
	}
	return server, nil
}

// audience records the configured destinations in st (so that their
// settings and digests have a row) and returns everyone who reads alerts.
func (d delivery) audience(ctx context.Context, st *store.Store) (*alerts.Audience, error) {
	if err := recordConfigured(ctx, st, d.configured, d.now); err != nil {
		return nil, err
	}
	a := alerts.NewAudience(st, d.configured, d.now)
	a.SetDefaults(d.defaults)
	return a, nil
}

// recordConfigured gives each configured destination a row in the store.
func recordConfigured(ctx context.Context, st *store.Store, configured []alerts.Configured, now func() time.Time) error {
	for _, c := range configured {
		if err := st.AddSubscriber(ctx, c.Destination, c.Name, now()); err != nil {
			return err
		}
	}
	return nil
}

// withConsole adds a console destination that shows every match on w.
func (d delivery) withConsole(w io.Writer) delivery {
	d.senders["console"] = alerts.NewConsoleSender(w)
	d.subs = append(d.subs, alerts.Subscriber{Destination: "console", DigestTopics: true})
	return d
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: use debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: use text or json", format)
}

// cycleReport sums up one poll of every feed.
type cycleReport struct {
	feeds, failed, notModified int
	stats                      alerts.Stats
	errors                     []string
}

// pollCycle polls every source once and runs each result through the
// pipeline as it arrives. A feed that fails is reported and the others
// carry on.
func pollCycle(ctx context.Context, p *feeds.Poller, pipe *alerts.Pipeline, srcs []feeds.Source) (cycleReport, error) {
	rep := cycleReport{feeds: len(srcs)}
	var firstErr error
	p.PollEach(ctx, srcs, func(res feeds.Result) error {
		if res.Err != nil {
			rep.failed++
			rep.errors = append(rep.errors, res.Err.Error())
			return nil
		}
		if res.NotModified {
			rep.notModified++
		}
		st, err := pipe.Process(ctx, res)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		rep.stats.Items += st.Items
		rep.stats.New += st.New
		rep.stats.Backlog += st.Backlog
		rep.stats.Joined += st.Joined
		rep.stats.ByMeaning += st.ByMeaning
		rep.stats.Matched += st.Matched
		rep.stats.Queued += st.Queued
		rep.stats.FollowUps += st.FollowUps
		return err
	})
	sort.Strings(rep.errors)
	return rep, firstErr
}

func (r cycleReport) print(w io.Writer) {
	fmt.Fprintf(w, "feeds: %d polled, %d failed, %d unchanged; items: %d read, %d new, %d matched; alerts queued: %d\n",
		r.feeds, r.failed, r.notModified, r.stats.Items, r.stats.New, r.stats.Matched, r.stats.Queued)
	if r.stats.Joined > 0 {
		byMeaning := ""
		if r.stats.ByMeaning > 0 {
			byMeaning = fmt.Sprintf(" (%d of them by meaning)", r.stats.ByMeaning)
		}
		fmt.Fprintf(w, "  %d new items joined the story of an earlier report%s\n", r.stats.Joined, byMeaning)
	}
	if r.stats.FollowUps > 0 {
		fmt.Fprintf(w, "  alerts queued as follow-ups of an earlier alert: %d\n", r.stats.FollowUps)
	}
	if r.stats.Backlog > 0 {
		fmt.Fprintf(w, "  %d items of newly added feeds were older than the backlog window: recorded as seen, not alerted\n", r.stats.Backlog)
	}
	for _, e := range r.errors {
		fmt.Fprintf(w, "  failed: %s\n", alerts.Clean(e))
	}
}

// printProblems prints a validation error one problem a line.
func printProblems(w io.Writer, err error) int {
	lines := strings.Split(err.Error(), "\n")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return len(lines)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
