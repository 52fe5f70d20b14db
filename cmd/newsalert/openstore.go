package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories/semantic"
)

// loadStore loads the config file at path and opens its store, for the
// commands that only read the store.
func loadStore(ctx context.Context, path string, now func() time.Time) (*config.Config, *store.Store, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Path(cfg.Storage), now)
	return cfg, st, err
}

// openStore opens the configured store.
func openStore(ctx context.Context, cfg *config.Config, now func() time.Time) (*store.Store, error) {
	return store.Open(ctx, cfg.Path(cfg.Storage), now)
}

// openWriter opens the configured store for the one process that records
// and sends (store.OpenWriter); newStore lets it start afresh on an
// emptied store file.
func openWriter(ctx context.Context, cfg *config.Config, now func() time.Time, newStore bool) (*store.Store, error) {
	return store.OpenWriter(ctx, cfg.Path(cfg.Storage), now, newStore)
}

// newRecorder records into st with the story settings: window, threshold,
// follow-ups (and the score from which a join is sure) and, if joining by
// meaning is on, the sentence encoder that judges meaning.
func newRecorder(st *store.Store, s config.Stories) (*ingest.Recorder, error) {
	opt := ingest.Options{Window: s.Window, Threshold: s.Threshold, FollowUps: s.FollowUpsOn(), SureFrom: s.SureFrom,
		CrossFrom: s.CrossFrom(), CloseWithin: s.CloseWithinDuration()}
	if threshold := s.MeaningThreshold(); threshold > 0 {
		enc, err := semantic.Load()
		if err != nil {
			return nil, err
		}
		opt.Meaning, opt.MeaningAt = enc, threshold
	}
	return ingest.NewRecorder(st, opt), nil
}

// newPoller builds the poller the config describes.
func newPoller(cfg *config.Config, st feeds.StateStore, now func() time.Time, log *slog.Logger) *feeds.Poller {
	p := cfg.Poll
	fetcher := feeds.NewFetcher(userAgent(), p.Timeout, p.MaxBodyBytes, p.Workers, now)
	return feeds.NewPoller(fetcher, st, feeds.PollerOptions{
		Workers: p.Workers, PerHost: p.PerHost,
		Timing: feeds.Timing{Interval: p.Interval, MinBackoff: p.MinBackoff, MaxBackoff: p.MaxBackoff,
			UnhealthyAfter: p.UnhealthyAfter},
	}, now, log)
}
