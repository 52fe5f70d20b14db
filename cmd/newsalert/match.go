package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// itemReport is one item of `newsalert match --json`.
// Every item, matched or not, has its language and its regions with the
// place names behind them.
type itemReport struct {
	Link     string   `json:"link"`
	Title    string   `json:"title"`
	Language string   `json:"language"`
	Topics   []string `json:"topics"`
	Keywords []string `json:"keywords"`
	Regions  []string `json:"regions"`
	Places   []string `json:"places"`
}

func runMatch(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("match", `Match every item of a feed against the rules and print, for each item,
the topics it matched, the keywords that fired (with the words found and the
field), and the regions it is about (ISO country codes and region names).
It is how to try rules on real feeds. FEED is a file or an http(s) URL.

Usage: newsalert match [flags] FEED`, env.stderr)
	rulesPath := fs.String("rules", config.DefaultRules, "rules `file`")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per item")
	all := fs.Bool("all", false, "also list the items that matched nothing (always in --json)")
	if err := fs.Parse(args); err != nil {
		return errUsageOr(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	m, err := rules.Load(*rulesPath)
	if err != nil {
		return err
	}
	items, err := readFeed(ctx, fs.Arg(0), env.now)
	if err != nil {
		return err
	}
	reports := make([]itemReport, 0, len(items))
	matched := 0
	for _, it := range items {
		item := rules.Item{Title: it.Title, Text: it.Text, Feed: it.FeedName}
		loc := m.Locate(item)
		r := itemReport{Link: it.Link, Title: it.Title, Language: loc.Language.String(),
			Topics: []string{}, Keywords: []string{}, Regions: append([]string{}, loc.Regions...), Places: []string{}}
		for _, p := range loc.Places {
			r.Places = appendNew(r.Places, p.String())
		}
		for _, mt := range m.Match(item) {
			r.Topics = append(r.Topics, mt.Topic.ID)
			for _, h := range mt.Why {
				r.Keywords = appendNew(r.Keywords, h.String())
			}
		}
		if len(r.Topics) > 0 {
			matched++
		}
		reports = append(reports, r)
	}
	if *asJSON {
		return printJSON(env.stdout, reports)
	}
	for _, r := range reports {
		if len(r.Topics) == 0 && !*all {
			continue
		}
		fmt.Fprintf(env.stdout, "%s\n  %s\n  language: %s\n", alerts.Clean(r.Title), alerts.Clean(r.Link), r.Language)
		if len(r.Topics) == 0 {
			fmt.Fprintln(env.stdout, "  no topic")
		} else {
			fmt.Fprintf(env.stdout, "  topics: %s\n  keywords: %s\n", strings.Join(r.Topics, ", "),
				alerts.Clean(strings.Join(r.Keywords, "; ")))
		}
		if len(r.Regions) > 0 {
			fmt.Fprintf(env.stdout, "  regions: %s (%s)\n", strings.Join(r.Regions, ", "), alerts.Clean(strings.Join(r.Places, "; ")))
		}
		fmt.Fprintln(env.stdout)
	}
	fmt.Fprintf(env.stdout, "%d of %d items matched\n", matched, len(reports))
	return nil
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// readFeed reads and normalises a feed from a file or a URL, as seen now.
func readFeed(ctx context.Context, src string, now func() time.Time) ([]feeds.Item, error) {
	var body []byte
	contentType := ""
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		resp, err := feeds.NewFetcher(userAgent(), 30*time.Second, 0, 1, now).Fetch(ctx, src, feeds.Validators{})
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", src, err)
		}
		body, contentType = resp.Body, resp.ContentType
	} else {
		var err error
		if body, err = os.ReadFile(src); err != nil {
			return nil, err
		}
	}
	feed, err := feeds.Parse(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	return feeds.Normalise(feed, feeds.Source{URL: src}, now()), nil
}

func runTestRules(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("test-rules", `Run the current rules over the items stored in the last --since and show
what they would match, and what changed against the matches recorded with
the rules in force when each item arrived: + for a topic an item would now
match, - for one it would no longer match. Stored items keep their title
and summary, so a keyword found only deeper in a text is not seen here.`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file` (for the store)")
	rulesPath := fs.String("rules", "", "rules `file` to try (default: the one the config names)")
	since := fs.Duration("since", 7*24*time.Hour, "how far back to look")
	topic := fs.String("topic", "", "only this topic `id`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, m, err := loadSetup(*configPath, *rulesPath)
	if err != nil {
		return err
	}
	if *topic != "" && m.Topic(*topic) == nil {
		return fmt.Errorf("unknown topic %q", *topic)
	}
	st, err := store.Open(ctx, cfg.Path(cfg.Storage), env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	until := env.now()
	from := until.Add(-*since)
	items, err := st.ItemsSince(ctx, from)
	if err != nil {
		return err
	}
	recorded, err := st.MatchesSince(ctx, from, until, nil)
	if err != nil {
		return err
	}
	before := map[string]map[string]bool{}
	for _, r := range recorded {
		if before[r.Item.Key] == nil {
			before[r.Item.Key] = map[string]bool{}
		}
		before[r.Item.Key][r.Topic] = true
	}
	regions := feedRegions(cfg)
	var nowCount, added, removed int
	for _, it := range items {
		now := map[string]bool{}
		for _, mt := range m.Match(rules.Item{Title: it.Title, Text: it.Summary, Feed: it.FeedName, FeedRegions: regions[it.FeedURL]}) {
			now[mt.Topic.ID] = true
		}
		var lines []string
		for id := range union(now, before[it.Key]) {
			if *topic != "" && id != *topic {
				continue
			}
			switch {
			case now[id] && !before[it.Key][id]:
				lines = append(lines, "+ "+id)
				added++
			case !now[id] && before[it.Key][id]:
				lines = append(lines, "- "+id)
				removed++
			default:
				lines = append(lines, "  "+id)
			}
			if now[id] {
				nowCount++
			}
		}
		if len(lines) == 0 {
			continue
		}
		sort.Strings(lines)
		fmt.Fprintf(env.stdout, "%s  %s\n  %s\n", it.FirstSeen.Local().Format("2006-01-02 15:04"), alerts.Clean(it.Title), alerts.Clean(it.Link))
		for _, l := range lines {
			fmt.Fprintf(env.stdout, "  %s\n", l)
		}
	}
	fmt.Fprintf(env.stdout, "\n%d items since %s: %d matches with these rules; %d new (+), %d gone (-)\n",
		len(items), from.Local().Format("2006-01-02 15:04"), nowCount, added, removed)
	return nil
}

func feedRegions(cfg *config.Config) map[string][]string {
	out := map[string][]string{}
	for _, f := range cfg.Feeds {
		out[f.URL] = config.Strings(f.Regions)
	}
	return out
}

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
