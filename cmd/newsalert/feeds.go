package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/store"
)

// feedReport is one line of `newsalert feeds`.
type feedReport struct {
	URL               string    `json:"url"`
	Name              string    `json:"name,omitempty"`
	Status            string    `json:"status"`
	FetchURL          string    `json:"fetch_url,omitempty"`
	LastSuccess       time.Time `json:"last_success,omitzero"`
	LastAttempt       time.Time `json:"last_attempt,omitzero"`
	LastStatus        int       `json:"last_status,omitempty"`
	LastError         string    `json:"last_error,omitempty"`
	ConsecutiveErrors int       `json:"consecutive_errors"`
	TotalErrors       int       `json:"total_errors"`
	ItemsSeen         int       `json:"items_seen"`
	NextPoll          time.Time `json:"next_poll,omitzero"`
}

func runFeeds(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("feeds", `Print every configured feed with its health: status (ok, failing,
unhealthy, disabled or new), last success, last HTTP status or error,
consecutive errors, items seen and next poll. --reset URL clears a feed's
errors and disabled mark so that the daemon polls it again at once.`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	reset := fs.String("reset", "", "clear the errors and disabled mark of the feed with this `URL`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, st, err := loadStore(ctx, *configPath, env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	if *reset != "" {
		ok, err := st.ResetFeed(ctx, *reset)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("no state for feed %s (it was never polled)", *reset)
		}
		fmt.Fprintf(env.stdout, "reset %s: it will be polled at the next start of the daemon, or now if it runs\n", *reset)
		return nil
	}
	reports, err := feedReports(ctx, cfg, st)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env.stdout, reports)
	}
	printFeedReports(env.stdout, reports, env.now())
	return nil
}

// configuredStates are the config's sources and the states the store
// keeps of them (a source never polled has none).
func configuredStates(ctx context.Context, cfg *config.Config, st *store.Store) ([]feeds.Source, map[string]feeds.State, error) {
	srcs := sources(cfg)
	urls := make([]string, len(srcs))
	for i, s := range srcs {
		urls[i] = s.URL
	}
	states, err := st.FeedStates(ctx, urls)
	return srcs, states, err
}

func feedReports(ctx context.Context, cfg *config.Config, st *store.Store) ([]feedReport, error) {
	srcs, states, err := configuredStates(ctx, cfg, st)
	if err != nil {
		return nil, err
	}
	counts, err := st.ItemCounts(ctx)
	if err != nil {
		return nil, err
	}
	timing := feeds.Timing{UnhealthyAfter: cfg.Poll.UnhealthyAfter}
	out := make([]feedReport, len(srcs))
	for i, src := range srcs {
		s, polled := states[src.URL]
		r := feedReport{URL: src.URL, Name: src.Name, FetchURL: s.FetchURL, LastSuccess: s.LastSuccess,
			LastAttempt: s.LastAttempt, LastStatus: s.LastStatus, LastError: s.LastError,
			ConsecutiveErrors: s.ConsecutiveErrors, TotalErrors: s.TotalErrors, ItemsSeen: counts[src.URL],
			NextPoll: s.NextPoll}
		switch {
		case !polled:
			r.Status = "new"
		case s.Disabled != "":
			r.Status, r.LastError = "disabled", s.Disabled
		case timing.Unhealthy(s):
			r.Status = "unhealthy"
		case s.ConsecutiveErrors > 0:
			r.Status = "failing"
		default:
			r.Status = "ok"
		}
		out[i] = r
	}
	return out, nil
}

// printFeedReports prints reports as a table, with times relative to now.
func printFeedReports(w io.Writer, reports []feedReport, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tFEED\tLAST SUCCESS\tLAST RESULT\tERRORS\tITEMS\tNEXT POLL")
	for _, r := range reports {
		name := r.URL
		if r.Name != "" {
			name = r.Name + " <" + r.URL + ">"
		}
		if r.FetchURL != "" {
			name += " (moved to " + r.FetchURL + ")"
		}
		result := ""
		switch {
		case r.LastError != "":
			result = strings.TrimPrefix(r.LastError, "feed "+r.URL+": ")
		case r.LastStatus != 0:
			result = fmt.Sprintf("HTTP %d", r.LastStatus)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.Status, alerts.Clean(name), ago(r.LastSuccess, now),
			alerts.Clean(result), r.ConsecutiveErrors, r.ItemsSeen, when(r.NextPoll, now))
	}
	tw.Flush()
}

func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04") + " (" + now.Sub(t).Round(time.Minute).String() + " ago)"
}

func when(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	if d := t.Sub(now); d > 0 {
		return t.Local().Format("2006-01-02 15:04") + " (in " + d.Round(time.Minute).String() + ")"
	}
	return "due now"
}

func runAddFeed(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("add-feed", `Find the feed of a site and add it to the config. URL may be the feed
itself or a page that announces it with <link rel="alternate">; common feed
paths (/feed, /rss.xml, …) are tried last. The site's Telegram channel, if
its page links one, is suggested as a telegram: source. Without --write it
only says what it found and the YAML to add.

Usage: newsalert add-feed [flags] URL`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file` to add the feed to")
	name := fs.String("name", "", "feed `name` (default: the feed's title)")
	regions := fs.String("regions", "", "comma-separated region `ids` to tag the feed's items with")
	write := fs.Bool("write", false, "add the feed to the config file (keeping a .bak copy)")
	if err := fs.Parse(args); err != nil {
		return errUsageOr(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	f := feeds.NewFetcher(userAgent(), 30*time.Second, 0, 2, env.now)
	d, err := feeds.Discover(ctx, f, fs.Arg(0))
	if d.TelegramChannel != "" {
		fmt.Fprintf(env.stdout, "found the Telegram channel https://t.me/%s; to follow it too, add to the feeds: list:\n  - telegram: %s\n",
			d.TelegramChannel, d.TelegramChannel)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "found %s (%q, %d items) via %s\n", d.URL, alerts.Clean(d.Title), d.Items, d.Via)
	feed := config.Feed{URL: d.URL, Name: *name}
	if feed.Name == "" {
		feed.Name = alerts.Clean(d.Title)
	}
	for _, r := range strings.Split(*regions, ",") {
		if r = strings.TrimSpace(r); r != "" {
			feed.Regions = append(feed.Regions, yamlstrict.String{Value: r})
		}
	}
	if !*write {
		fmt.Fprintf(env.stdout, "\nadd to the feeds: list of %s (or run again with --write):\n  - url: %s\n    name: %q\n",
			*configPath, feed.URL, feed.Name)
		if len(feed.Regions) > 0 {
			fmt.Fprintf(env.stdout, "    regions: [%s]\n", strings.Join(config.Strings(feed.Regions), ", "))
		}
		return nil
	}
	if err := config.AppendFeed(*configPath, feed); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added to %s (previous version in %s.bak)\n", *configPath, *configPath)
	return nil
}
