package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

func runDemo(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("demo", `Offline demo, no tokens or network needed: serve the bundled real feeds
from an HTTP server on 127.0.0.1, poll them once through the real poller,
match them against the rules, print each alert, and write the e-mail digest
that would be sent as an .eml file and an .html file.`, env.stderr)
	feedsDir := fs.String("feeds", filepath.Join("testdata", "feeds"), "`folder` of feed files to serve")
	rulesPath := fs.String("rules", "rules.yaml", "rules `file`")
	outDir := fs.String("out", "demo-out", "`folder` for the digest files and the demo's store")
	logLevel := fs.String("log-level", "error", "log level: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := newLogger(env.stderr, "text", *logLevel)
	if err != nil {
		return err
	}
	matcher, err := rules.Load(*rulesPath)
	if err != nil {
		return err
	}
	srcs, srv, err := serveFeeds(*feedsDir)
	if err != nil {
		return err
	}
	defer srv.Close()

	// A fresh store each time, so the demo always shows every match.
	dbPath := filepath.Join(*outDir, "demo.db")
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	st, err := store.Open(ctx, dbPath, env.now)
	if err != nil {
		return err
	}
	defer st.Close()

	started := env.now()
	d := delivery{senders: map[string]alerts.Sender{}, now: env.now}.withConsole(env.stdout)
	fetcher := feeds.NewFetcher(userAgent(), 10*time.Second, 0, 8, env.now)
	poller := feeds.NewPoller(fetcher, st, feeds.PollerOptions{Workers: 8, PerHost: 8}, env.now, log)
	dm, err := buildDaemon(ctx, &config.Config{}, matcher, d, st, daemonOptions{poller: poller}, env.now, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Serving %d bundled feeds on %s; polling them once.\n\n", len(srcs), srv.Addr)
	rep, err := pollCycle(ctx, dm.poller, dm.pipe, srcs)
	if err != nil {
		return err
	}
	if _, err := dm.disp.Flush(ctx); err != nil {
		return err
	}
	eml, html, err := writeDemoDigest(ctx, st, matcher, *outDir, started, env.now())
	if err != nil {
		return err
	}
	rep.print(env.stdout)
	fmt.Fprintf(env.stdout, "\nDigest e-mail: %s\nDigest HTML:   %s\n", eml, html)
	return nil
}

// serveFeeds serves every feed file in dir on a loopback port and returns
// a source for each.
func serveFeeds(dir string) ([]feeds.Source, *http.Server, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("the demo serves the feeds bundled in %s: %w (run it from a clone of the repository, or pass --feeds)", dir, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Addr: ln.Addr().String(), Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	var srcs []feeds.Source
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".json")) {
			continue
		}
		srcs = append(srcs, feeds.Source{
			URL:  "http://" + srv.Addr + "/" + name,
			Name: strings.TrimSuffix(strings.TrimSuffix(name, ".xml"), ".json"),
		})
	}
	if len(srcs) == 0 {
		srv.Close()
		return nil, nil, errors.New("no .xml or .json feeds in " + dir)
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Name < srcs[j].Name })
	return srcs, srv, nil
}

// writeDemoDigest renders the digest of everything matched since start,
// up to now, as it would be mailed, into outDir.
func writeDemoDigest(ctx context.Context, st *store.Store, m *rules.Matcher, outDir string, start, now time.Time) (string, string, error) {
	matches, err := st.MatchesSince(ctx, start.Add(-time.Second), now, nil)
	if err != nil {
		return "", "", err
	}
	d := alerts.BuildDigest(matches, m.Topics(), start, now, time.UTC)
	r, err := email.Render(d, "mailto:newsalert@localhost?subject=unsubscribe")
	if err != nil {
		return "", "", err
	}
	msg, err := email.Message(r, email.Envelope{
		From: "newsalert demo <newsalert@localhost>", To: []string{"you@example.org"},
		Unsubscribe: "mailto:newsalert@localhost?subject=unsubscribe",
	}, now)
	if err != nil {
		return "", "", err
	}
	return email.WriteFiles(msg, r, outDir, "digest")
}
