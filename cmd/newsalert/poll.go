package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

func runPoll(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("poll", `Poll every configured feed once, match the items against the rules and
print each match. Nothing is delivered and nothing is recorded unless
--deliver is given: then new items are recorded in the store (so 'run' will
not alert them again) and their alerts are sent to the configured chats.`, env.stderr)
	setup := addSetupFlags(fs, "warn")
	once := fs.Bool("once", false, "poll once and exit (required; 'run' polls on schedule)")
	deliver := fs.Bool("deliver", false, "record new items and send their alerts to the configured destinations")
	newStore := addNewStoreFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*once {
		fmt.Fprintln(env.stderr, "poll needs --once (use 'newsalert run' to poll on schedule)")
		return errUsage
	}
	log, cfg, matcher, err := setup.load(env.stderr)
	if err != nil {
		return err
	}
	storePath := cfg.Path(cfg.Storage)
	d := delivery{senders: map[string]alerts.Sender{}, now: env.now}
	if *deliver {
		if d, err = configuredDelivery(cfg, env.now, log); err != nil {
			return err
		}
		log = d.log
	} else {
		// A throwaway store: every current match is shown, nothing is marked seen.
		tmp, err := os.MkdirTemp("", "newsalert-poll-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		storePath = filepath.Join(tmp, "poll.db")
	}
	var st *store.Store
	if *deliver { // the one process that records and sends
		st, err = store.OpenWriter(ctx, storePath, env.now, *newStore)
	} else {
		st, err = store.Open(ctx, storePath, env.now)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	dm, err := buildDaemon(ctx, cfg, matcher, d, st, daemonOptions{deliver: *deliver}, env.now, log)
	if err != nil {
		return err
	}
	started := env.now()
	rep, err := pollCycle(ctx, dm.poller, dm.pipe, sources(cfg))
	if err != nil {
		return err
	}
	if err := printMatches(ctx, env.stdout, st, matcher, started, env.now()); err != nil {
		return err
	}
	fl, err := dm.disp.Flush(ctx)
	if err != nil {
		return err
	}
	rep.print(env.stdout)
	if *deliver {
		fmt.Fprintf(env.stdout, "delivered: %d sent, %d to retry, %d failed\n", fl.Sent, fl.Retrying, fl.Failed)
	}
	return nil
}

// printMatches prints every item matched from start to end, once, with
// all the topics it matched (digest-only ones included).
func printMatches(ctx context.Context, w io.Writer, st *store.Store, rs *rules.Matcher, start, end time.Time) error {
	matches, err := st.MatchesSince(ctx, start.Add(-time.Millisecond), end, nil)
	if err != nil {
		return err
	}
	var order []string
	byItem := map[string]*alerts.Alert{}
	for _, m := range matches {
		a, ok := byItem[m.Item.Key]
		if !ok {
			a = &alerts.Alert{ItemKey: m.Item.Key, Title: m.Item.Title, Link: m.Item.Link,
				Feed: m.Item.FeedName, Published: m.Item.Published}
			byItem[m.Item.Key] = a
			order = append(order, m.Item.Key)
		}
		name := m.Topic
		if t := rs.Topic(m.Topic); t != nil {
			name = t.Name
		}
		a.Topics = append(a.Topics, alerts.TopicHit{ID: m.Topic, Name: name, Why: m.Why, Regions: m.Regions})
	}
	rank := map[string]int{}
	for i, t := range rs.Topics() {
		rank[t.ID] = i
	}
	for _, key := range order {
		a := byItem[key]
		sort.SliceStable(a.Topics, func(i, j int) bool { return rank[a.Topics[i].ID] < rank[a.Topics[j].ID] })
		fmt.Fprintln(w, a.Text())
	}
	return nil
}
