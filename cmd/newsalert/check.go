package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

func runCheck(_ context.Context, env cmdEnv, args []string) error {
	fs := newFlags("check", `Validate the config file and the rules file it names, and that the store
can be kept where the config puts it (without creating or opening it). Every
problem is printed as file:line:col: message, and the exit status is 1 when
there is one. Without a config file, only the rules file is checked.`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	rulesPath := fs.String("rules", "", "rules `file` (default: the one the config names, else rules.yaml)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !fileExists(*configPath) && !flagSet(fs, "config") {
		path := *rulesPath
		if path == "" {
			path = config.DefaultRules
		}
		m, err := rules.Load(path)
		if err != nil {
			return problems(env.stderr, err)
		}
		warn(env.stderr, m)
		fmt.Fprintf(env.stdout, "%s: ok, %d topics (no %s: config not checked)\n", path, len(m.Topics()), *configPath)
		return nil
	}
	cfg, m, err := loadSetup(*configPath, *rulesPath)
	if cfg != nil { // the config is valid: its storage can be checked too
		storage := cfg.Path(cfg.Storage)
		if serr := store.CheckLocation(storage); serr != nil {
			err = errors.Join(err, fmt.Errorf("%s: storage %s: %w", *configPath, storage, serr))
		}
	}
	if err != nil {
		return problems(env.stderr, err)
	}
	warn(env.stderr, m)
	fmt.Fprintf(env.stdout, "%s: ok, %d feeds; %s: ok, %d topics; storage %s: ok\n", *configPath, len(cfg.Feeds),
		cmp.Or(*rulesPath, cfg.Path(cfg.Rules)), len(m.Topics()), cfg.Path(cfg.Storage))
	return nil
}

func problems(stderr io.Writer, err error) error {
	n := printProblems(stderr, err)
	if n == 1 {
		return fmt.Errorf("1 problem")
	}
	return fmt.Errorf("%d problems", n)
}

// warn prints what does not stop the rules from working (an unused term).
func warn(stderr io.Writer, m *rules.Matcher) {
	for _, w := range m.Warnings() {
		fmt.Fprintf(stderr, "%s:%d:%d: warning: %s\n", w.File, w.Pos.Line, w.Pos.Col, w.Msg)
	}
}

func flagSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}
