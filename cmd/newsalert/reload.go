package main

import (
	"cmp"
	"context"
	"log/slog"
	"os"
	"reflect"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/rules"
)

// reloader reloads the rules when their file changes (checked every few
// seconds: no file-notification dependency, and it works on every file
// system), and the config and the rules on SIGHUP. A broken file is logged
// with its line, counted, and what is in use is kept.
//
// A change is loaded once the file has looked the same for two checks in a
// row: an editor or a script that writes in place truncates the file before
// writing it, and a check between the two would load an empty or
// half-written file and report a failure nobody made.
type reloader struct {
	rulesPath  string // the rules file in use
	configPath string // "" when only the rules are reloaded
	rulesFlag  string // --rules, which overrides the config's rules
	pipe       *alerts.Pipeline
	log        *slog.Logger
	every      time.Duration
	// apply takes a config that loaded and agrees with its rules.
	apply   func(*config.Config)
	current *config.Config
	// observe, when set, is told of each reload's success (the metrics).
	observe func(ok bool)
	// hup delivers the SIGHUPs caught for run (nil: none).
	hup <-chan os.Signal
	// notice tells the admins in Telegram of a failed reload, once, and of
	// the recovery (nil: nobody).
	notice *alerts.AdminNotices

	// loaded is the rules file as it was when the rules in use were read;
	// set it when they are, before run starts, or an edit made in between
	// goes unseen.
	loaded   fileStamp
	changed  fileStamp // what the last check saw when it differed from loaded
	failures int
}

type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{info.ModTime(), info.Size()}
}

func (r *reloader) run(ctx context.Context) {
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.hup:
			if r.configPath != "" {
				r.reloadConfig()
			} else {
				r.reloadRules("SIGHUP")
			}
		case <-tick.C:
			r.checkFile()
		}
	}
}

// checkFile reloads the rules when their file has changed and has stayed
// the same since the previous check.
func (r *reloader) checkFile() {
	s := stampOf(r.rulesPath)
	if s == r.loaded || s == (fileStamp{}) {
		r.changed = fileStamp{}
		return
	}
	if s != r.changed {
		r.changed = s // still being written, perhaps: look again next time
		return
	}
	r.changed = fileStamp{}
	r.reloadRules("file changed")
}

func (r *reloader) reloadRules(why string) {
	r.loaded = stampOf(r.rulesPath)
	m, err := rules.Load(r.rulesPath)
	if err != nil {
		r.failures++
		r.log.Error("rules reload failed; keeping the rules in use", "file", r.rulesPath, "trigger", why,
			"failures", r.failures, "err", err)
		r.report(false)
		r.notice.Failing(context.Background(), alerts.ProblemRules, err)
		return
	}
	r.report(true)
	r.notice.Recovered(context.Background(), alerts.ProblemRules)
	logRuleWarnings(r.log, m)
	r.pipe.SetMatcher(m)
	r.log.Info("rules reloaded", "file", r.rulesPath, "trigger", why, "topics", len(m.Topics()))
}

// logRuleWarnings logs what check would warn about in the rules in use.
func logRuleWarnings(log *slog.Logger, m *rules.Matcher) {
	for _, w := range m.Warnings() {
		log.Warn("rules: "+w.Msg, "file", w.File, "line", w.Pos.Line)
	}
}

func (r *reloader) report(ok bool) {
	if r.observe != nil {
		r.observe(ok)
	}
}

// reloadConfig reads the config and its rules again and applies them: the
// feeds, the chats and recipients of the config file, the rules. Settings
// that need new connections or files say so.
func (r *reloader) reloadConfig() {
	cfg, m, err := loadSetup(r.configPath, r.rulesFlag)
	if err != nil {
		r.failures++
		r.log.Error("config reload failed; keeping the config and rules in use", "file", r.configPath,
			"failures", r.failures, "err", err)
		r.report(false)
		r.notice.Failing(context.Background(), alerts.ProblemConfig, err)
		return
	}
	r.report(true)
	r.notice.Recovered(context.Background(), alerts.ProblemConfig)
	r.notice.Recovered(context.Background(), alerts.ProblemRules)
	if restart := needsRestart(r.current, cfg); len(restart) > 0 {
		r.log.Warn("these settings changed and apply at the next start", "settings", restart)
	}
	r.rulesPath = cmp.Or(r.rulesFlag, cfg.Path(cfg.Rules))
	r.loaded = stampOf(r.rulesPath)
	logRuleWarnings(r.log, m)
	r.pipe.SetMatcher(m)
	r.apply(cfg)
	r.current = cfg
	r.log.Info("config reloaded", "file", r.configPath, "feeds", len(cfg.Feeds), "topics", len(m.Topics()))
}

// needsRestart names the settings of next that differ from old and are
// only read at start: the store, the poller's pool, the senders' servers
// and secrets.
func needsRestart(old, next *config.Config) []string {
	var out []string
	if old.Storage != next.Storage {
		out = append(out, "storage")
	}
	if old.Metrics != next.Metrics {
		out = append(out, "metrics")
	}
	if old.Poll != next.Poll {
		out = append(out, "poll")
	}
	if storiesOf(old) != storiesOf(next) || old.Retention != next.Retention || old.KeyRetention != next.KeyRetention {
		out = append(out, "stories/retention")
	}
	if !reflect.DeepEqual(withoutChats(old.Telegram), withoutChats(next.Telegram)) {
		out = append(out, "telegram")
	}
	if (old.Email == nil) != (next.Email == nil) || (old.Email != nil && (smtpOf(old) != smtpOf(next) ||
		old.Email.From != next.Email.From || old.Email.Unsubscribe != next.Email.Unsubscribe ||
		old.Email.UnsubscribeSecretEnv.Value != next.Email.UnsubscribeSecretEnv.Value ||
		old.Email.UnsubscribeSecretFile.Value != next.Email.UnsubscribeSecretFile.Value)) {
		out = append(out, "email")
	}
	return out
}

// storiesOf is the stories section without its position in the file.
func storiesOf(c *config.Config) config.Stories {
	s := c.Stories
	s.Pos = config.Stories{}.Pos
	return s
}

func smtpOf(c *config.Config) config.SMTP {
	s := c.Email.SMTP
	s.Pos = config.SMTP{}.Pos
	return s
}

func withoutChats(t *config.Telegram) *config.Telegram {
	if t == nil {
		return nil
	}
	c := *t
	c.Chats, c.Pos = nil, config.Telegram{}.Pos
	return &c
}
