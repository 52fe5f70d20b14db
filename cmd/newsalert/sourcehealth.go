package main

import (
	"cmp"
	"context"
	"html"
	"log/slog"
	"sync"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/text"
)

// rhythmWindow is how far back a source's usual rhythm is measured.
const rhythmWindow = 28 * 24 * time.Hour

// sourceCheckEvery is how often the daemon looks for sources in trouble.
const sourceCheckEvery = 10 * time.Minute

// sourceHealth is one configured source and its verdict.
type sourceHealth struct {
	URL, Name string
	Trouble   feeds.Trouble
}

func (h sourceHealth) label() string { return cmp.Or(h.Name, h.URL) }

// sourcesHealth judges every configured source at now.
func sourcesHealth(ctx context.Context, cfg *config.Config, st *store.Store, now time.Time) ([]sourceHealth, error) {
	srcs, states, err := configuredStates(ctx, cfg, st)
	if err != nil {
		return nil, err
	}
	rhythms, err := st.FeedRhythms(ctx, now.Add(-rhythmWindow))
	if err != nil {
		return nil, err
	}
	timing := feeds.Timing{UnhealthyAfter: cfg.Poll.UnhealthyAfter}
	out := make([]sourceHealth, len(srcs))
	for i, src := range srcs {
		s, polled := states[src.URL]
		out[i] = sourceHealth{URL: src.URL, Name: src.Name, Trouble: feeds.Judge(s, polled, rhythms[src.URL], timing, now)}
	}
	return out, nil
}

// inTrouble keeps the sources that need the operators.
func inTrouble(all []sourceHealth) []sourceHealth {
	var out []sourceHealth
	for _, h := range all {
		if h.Trouble.Reason != "" {
			out = append(out, h)
		}
	}
	return out
}

// troubledNames names the sources in trouble, for the digests' footer.
func troubledNames(ctx context.Context, cfg *config.Config, st *store.Store, now time.Time, log *slog.Logger) []string {
	all, err := sourcesHealth(ctx, cfg, st, now)
	if err != nil {
		log.Error("sources in trouble, for the digests", "err", err)
		return nil
	}
	var names []string
	for _, h := range inTrouble(all) {
		names = append(names, h.label())
	}
	return names
}

// troubledMemo keeps troubledNames for a minute: the digests due at one
// time ask once per reader.
type troubledMemo struct {
	names func(now time.Time) []string
	now   func() time.Time
	mu    sync.Mutex
	at    time.Time
	last  []string
}

func (m *troubledMemo) get() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if m.at.IsZero() || now.Sub(m.at) >= time.Minute || now.Before(m.at) {
		m.at, m.last = now, m.names(now)
	}
	return m.last
}

// checkSources tells the admins of each source that fell into trouble,
// and of each that came out of it; AdminNotices tells each once.
func checkSources(ctx context.Context, cfg *config.Config, st *store.Store, notices *alerts.AdminNotices, now time.Time) error {
	all, err := sourcesHealth(ctx, cfg, st, now)
	if err != nil {
		return err
	}
	for _, h := range all {
		problem := "source:" + h.URL
		if h.Trouble.Reason == "" {
			notices.RecoveredSaying(ctx, problem, func(p i18n.Printer) alerts.Text {
				return plainNotice(p.T("sources.recovered", h.label()))
			})
			continue
		}
		notices.FailingSaying(ctx, problem, func(p i18n.Printer) alerts.Text {
			return plainNotice(troubleLine(p, h))
		})
	}
	return nil
}

// troubleLine says in p's language what is wrong with h.
func troubleLine(p i18n.Printer, h sourceHealth) string {
	return p.T("sources.trouble."+h.Trouble.Reason, h.label(), text.Truncate(alerts.Clean(h.Trouble.Detail), 300))
}

func plainNotice(s string) alerts.Text { return alerts.Text{HTML: html.EscapeString(s), Plain: s} }

// watchSources checks the sources at start and every sourceCheckEvery,
// with the config in use.
func watchSources(ctx context.Context, cfg func() *config.Config, st *store.Store, notices *alerts.AdminNotices,
	clock func() time.Time, log *slog.Logger) {
	t := time.NewTicker(sourceCheckEvery)
	defer t.Stop()
	for {
		if err := checkSources(ctx, cfg(), st, notices, clock()); err != nil {
			log.Error("check the sources' health", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
