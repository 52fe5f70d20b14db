package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/language"
)

// sourceProbe is one line of `newsalert sources probe`.
type sourceProbe struct {
	Source   string    `json:"source"`
	Name     string    `json:"name,omitempty"`
	Kind     string    `json:"kind"`
	Status   int       `json:"http_status,omitempty"`
	Items    int       `json:"items"`
	Newest   time.Time `json:"newest,omitzero"`
	AgeHours float64   `json:"newest_age_hours,omitempty"`
	Charset  string    `json:"charset,omitempty"`
	Language string    `json:"language,omitempty"`
	Problems []string  `json:"problems,omitempty"`
	OK       bool      `json:"ok"`
}

// probeData is what a prober saw of a source; diagnose judges it.
type probeData struct {
	Kind        string
	Status      int
	MovedTo     string // where a permanent redirect led, if anywhere
	Charset     string
	Items       []feeds.Item
	BadDates    int // items whose date is there but unreadable
	ContentType string
}

// prober reads a source of one kind once; proberFor picks it.
type prober interface {
	probe(ctx context.Context, src feeds.Source) (probeData, error)
}

// feedProber probes RSS, Atom and JSON feeds through the daemon's fetcher
// and parser.
type feedProber struct {
	fetcher *feeds.Fetcher
	now     func() time.Time
}

func (p feedProber) probe(ctx context.Context, src feeds.Source) (probeData, error) {
	d := probeData{Kind: "feed"}
	resp, err := p.fetcher.Fetch(ctx, src.URL, feeds.Validators{})
	if err != nil {
		var se *feeds.StatusError
		if errors.As(err, &se) {
			d.Status = se.Code
		}
		return d, err
	}
	defer resp.Release()
	d.Status, d.MovedTo, d.ContentType = resp.StatusCode, resp.MovedTo, resp.ContentType
	feed, charset, err := feeds.ParseCharset(resp.Body, resp.ContentType)
	d.Charset = charset
	if err != nil {
		return d, err
	}
	d.Kind = strings.ToLower(feed.FeedType) // rss, atom, json
	for _, it := range feed.Items {
		if (it.Published != "" && it.PublishedParsed == nil) || (it.Published == "" && it.Updated != "" && it.UpdatedParsed == nil) {
			d.BadDates++
		}
	}
	d.Items = feeds.Normalise(feed, src, p.now())
	return d, nil
}

// proberFor picks the prober of a source's kind: feed for a feed, a
// pollProber (the daemon's own reader) for a Telegram channel or an HTML
// page. Any other prober (a test's) reads every kind.
func proberFor(src feeds.Source, feed prober) prober {
	if fp, ok := feed.(feedProber); ok && src.Kind != feeds.KindFeed && src.Kind != "" {
		return pollProber(fp)
	}
	return feed
}

// pollProber reads a Telegram channel or an HTML page once as the daemon
// does (its own reader, paging, selectors), with a state kept nowhere.
type pollProber feedProber

func (p pollProber) probe(ctx context.Context, src feeds.Source) (probeData, error) {
	poller := feeds.NewPoller(p.fetcher, noStates{}, feeds.PollerOptions{Workers: 1}, p.now, slog.New(slog.DiscardHandler))
	res := poller.Poll(ctx, src)
	d := probeData{Kind: string(src.Kind), Items: res.Items}
	if res.Err == nil {
		d.Status = http.StatusOK
	}
	var se *feeds.StatusError
	if errors.As(res.Err, &se) {
		d.Status = se.Code
	}
	return d, res.Err
}

// noStates is a feed state store that keeps nothing: a probe starts from
// scratch and leaves the daemon's states alone.
type noStates struct{}

func (noStates) FeedStates(context.Context, []string) (map[string]feeds.State, error) {
	return nil, nil
}
func (noStates) SaveFeedStates(context.Context, []feeds.State) error { return nil }

// diagnose turns what a prober saw into a report, in plain words.
func diagnose(src feeds.Source, d probeData, err error, now time.Time, staleAfter time.Duration) sourceProbe {
	r := sourceProbe{Source: src.URL, Name: src.Name, Kind: d.Kind, Status: d.Status, Items: len(d.Items), Charset: d.Charset}
	if err != nil {
		r.Problems = append(r.Problems, problemOf(d, err))
	}
	if d.MovedTo != "" && host(d.MovedTo) != host(src.URL) {
		r.Problems = append(r.Problems, "redirects for good to another site: "+d.MovedTo)
	} else if d.MovedTo != "" {
		r.Problems = append(r.Problems, "has moved to "+d.MovedTo+" (update the config)")
	}
	if err == nil && len(d.Items) == 0 {
		r.Problems = append(r.Problems, "the feed is empty: no items")
	}
	r.Newest, r.Language = newest(d.Items), detectLanguage(d.Items)
	if !r.Newest.IsZero() {
		age := now.Sub(r.Newest)
		r.AgeHours = float64(age.Round(time.Minute)) / float64(time.Hour)
		if age > staleAfter {
			r.Problems = append(r.Problems, fmt.Sprintf("stale: the newest item is %s old (more than %s)", days(age), days(staleAfter)))
		}
	}
	if d.BadDates > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("%d of %d items have dates that cannot be read", d.BadDates, len(d.Items)))
	}
	r.OK = len(r.Problems) == 0
	return r
}

// plainProblem is an error that says itself what is wrong with a source
// (a Telegram channel whose preview is disabled, say): probe shows it as is.
type plainProblem interface{ Problem() string }

// problemOf says in plain words why a source could not be read.
func problemOf(d probeData, err error) string {
	var se *feeds.StatusError
	var plain plainProblem
	switch {
	case errors.As(err, &plain):
		return plain.Problem()
	case errors.As(err, &se) && se.Code == 404:
		return "not found (HTTP 404): the feed is gone or its address is wrong"
	case errors.As(err, &se) && se.Code >= 500:
		return fmt.Sprintf("the server fails (%s)", se.Error())
	case errors.As(err, &se):
		return "refused: " + se.Error()
	case d.Status != 0 && strings.Contains(err.Error(), "not an RSS, Atom or JSON feed"):
		what := "not a feed"
		if strings.Contains(strings.ToLower(d.ContentType), "html") {
			what = "not a feed but an HTML page (try add-feed on it)"
		}
		return what + ": " + err.Error()
	case d.Status != 0:
		return "unreadable: " + err.Error()
	}
	return "cannot be reached: " + err.Error()
}

func newest(items []feeds.Item) time.Time {
	var t time.Time
	for _, it := range items {
		if !it.DateEstimated && it.Published.After(t) {
			t = it.Published
		}
	}
	return t
}

// detectLanguage says what language the items' titles and leads are in.
func detectLanguage(items []feeds.Item) string {
	var folded []byte
	var spans []language.Span
	for i, it := range items {
		if i == 20 {
			break
		}
		folded, spans, _ = language.AppendWords(folded, spans, it.Title+" "+it.Summary, false)
	}
	if len(spans) == 0 {
		return ""
	}
	return language.Detect(folded, spans).String()
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

func days(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return fmt.Sprintf("%dh", int(d.Round(time.Hour)/time.Hour))
}

func runSources(ctx context.Context, env cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "probe" {
		fmt.Fprintln(env.stderr, "Usage: newsalert sources probe [--json] [--config FILE] [--stale-after DURATION]")
		return errUsage
	}
	fs := newFlags("sources probe", `Fetch every configured source now and say, for each: kind, HTTP status,
item count, the newest item's age, charset, language, and what is wrong
(not found, server error, not a feed, empty, stale, moved, unreadable
dates). Exits 1 when any source has a problem.`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	staleAfter := fs.Duration("stale-after", 7*24*time.Hour, "a source whose newest item is older than this `duration` is stale")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := config.Load(*configPath)
	if err != nil {
		return err
	}
	f := feeds.NewFetcher(userAgent(), cfg.Poll.Timeout, cfg.Poll.MaxBodyBytes, cfg.Poll.PerHost, env.now)
	reports := probeAll(ctx, sources(cfg), feedProber{fetcher: f, now: env.now}, cfg.Poll.Workers, env.now, *staleAfter)
	if *asJSON {
		if err := printJSON(env.stdout, reports); err != nil {
			return err
		}
	} else {
		printProbes(env.stdout, reports)
	}
	if n := broken(reports); n > 0 {
		return fmt.Errorf("%d of %d sources have problems", n, len(reports))
	}
	return nil
}

// probeAll probes srcs politely: at most workers at once, and one at a
// time per host.
func probeAll(ctx context.Context, srcs []feeds.Source, feed prober, workers int, now func() time.Time, staleAfter time.Duration) []sourceProbe {
	out := make([]sourceProbe, len(srcs))
	sem := make(chan struct{}, max(1, workers))
	var mu sync.Mutex
	hosts := map[string]*sync.Mutex{}
	hostLock := func(h string) *sync.Mutex {
		mu.Lock()
		defer mu.Unlock()
		if hosts[h] == nil {
			hosts[h] = &sync.Mutex{}
		}
		return hosts[h]
	}
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := hostLock(host(src.URL)) // the host first: waiting for it holds no worker
			l.Lock()
			defer l.Unlock()
			sem <- struct{}{}
			defer func() { <-sem }()
			d, err := proberFor(src, feed).probe(ctx, src)
			out[i] = diagnose(src, d, err, now(), staleAfter)
		}()
	}
	wg.Wait()
	return out
}

func broken(reports []sourceProbe) int {
	n := 0
	for _, r := range reports {
		if !r.OK {
			n++
		}
	}
	return n
}

func printProbes(w io.Writer, reports []sourceProbe) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OK\tSOURCE\tKIND\tHTTP\tITEMS\tNEWEST\tCHARSET\tLANG\tPROBLEMS")
	for _, r := range reports {
		ok, status, age := "ok", "-", "-"
		if !r.OK {
			ok = "FAIL"
		}
		if r.Status != 0 {
			status = fmt.Sprint(r.Status)
		}
		if !r.Newest.IsZero() {
			age = days(time.Duration(r.AgeHours*float64(time.Hour))) + " ago"
		}
		name := r.Source
		if r.Name != "" {
			name = r.Name + " <" + r.Source + ">"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", ok, alerts.Clean(name), r.Kind, status, r.Items, age,
			dash(r.Charset), dash(r.Language), alerts.Clean(dash(strings.Join(r.Problems, "; "))))
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
