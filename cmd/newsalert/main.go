// Command newsalert watches news feeds and alerts people on Telegram and by
// e-mail when an item matches the topics in rules.yaml.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata"

	"github.com/newsalert/newsalert/clock" // time zones of chats, on machines without a zoneinfo database
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, env cmdEnv, args []string) error
}

// cmdEnv is what every command is given: where it writes, and the clock
// it reads the time from.
type cmdEnv struct {
	stdout, stderr io.Writer
	now            func() time.Time
	// hup delivers the SIGHUPs that ask run to reload; nil when none are
	// caught (the other commands, tests).
	hup <-chan os.Signal
}

func commands() []command {
	return []command{
		{"run", "run the daemon: poll feeds on schedule and deliver alerts", runDaemon},
		{"check", "validate the config and rules files; print every problem as file:line:col", runCheck},
		{"poll", "poll every feed once and print the matches (--once)", runPoll},
		{"match", "match a feed file or URL against the rules and show why each item matched", runMatch},
		{"test-rules", "run the current rules over stored items and show what changed", runTestRules},
		{"feeds", "list the feeds with their health (--json for scripts, --reset URL)", runFeeds},
		{"add-feed", "find a site's feed from its home page and add it to the config", runAddFeed},
		{"sources", "probe every configured source now: status, items, age, language, problems (probe [--json])", runSources},
		{"stories", "list recent stories: each one's reports and how they joined it", runStories},
		{"digest", "build the e-mail digest for --to now and send it (--dry-run writes the .eml)", runDigest},
		{"email", "list the addresses that unsubscribed from e-mail (unsubscribed), or resubscribe ADDRESS", runEmail},
		{"demo", "offline demo: serve the bundled feeds locally, poll, match, write a digest", runDemo},
		{"version", "print the version", runVersion},
	}
}

func main() {
	// The signals are caught before anything else is done: a SIGHUP while
	// the daemon starts is a reload it does once ready, not its end (a
	// systemd ExecReload just after the start killed it).
	var hup chan os.Signal
	if len(os.Args) > 1 && os.Args[1] == "run" {
		hup = make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	limitMemory()
	env := defaultEnv(os.Stdout, os.Stderr)
	env.hup = hup
	os.Exit(mainWith(ctx, env, os.Args[1:]))
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// Main runs the command line args and returns the exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return mainWith(ctx, defaultEnv(stdout, stderr), args)
}

// defaultEnv is where the product's clock is chosen: the wall clock.
func defaultEnv(stdout, stderr io.Writer) cmdEnv {
	return cmdEnv{stdout: stdout, stderr: stderr, now: clock.Wall}
}

// mainWith runs args in env (tests give it a clock of their own).
func mainWith(ctx context.Context, env cmdEnv, args []string) int {
	stdout, stderr := env.stdout, env.stderr
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "newsalert %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "newsalert: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsalert watches news feeds and alerts on Telegram and by e-mail.")
	fmt.Fprintln(w, "\nUsage: newsalert <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'newsalert <command> --help' for a command's flags.")
}

// newFlags returns a flag set whose --help prints what the command does.
func newFlags(name, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: newsalert %s [flags]\n\n%s\n\nFlags:\n", name, about)
		fs.PrintDefaults()
	}
	return fs
}

// errUsageOr turns a flag parse error into errUsage, keeping flag.ErrHelp.
func errUsageOr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errUsage
}

// printJSON writes v as indented JSON, for --json.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseFlags parses args, turning a parse error into errUsage (the flag
// package has already printed it).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsageOr(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
