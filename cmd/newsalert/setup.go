package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
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
		out[i] = f.Source()
	}
	return out
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
