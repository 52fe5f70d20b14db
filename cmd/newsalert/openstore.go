package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/feeds"
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

// openStore opens the configured store with its story settings.
func openStore(ctx context.Context, cfg *config.Config, now func() time.Time) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.Path(cfg.Storage), now)
	return withStories(st, err, cfg)
}

// openWriter opens the configured store with its story settings for the
// one process that records and sends (store.OpenWriter); newStore lets it
// start afresh on an emptied store file.
func openWriter(ctx context.Context, cfg *config.Config, now func() time.Time, newStore bool) (*store.Store, error) {
	st, err := store.OpenWriter(ctx, cfg.Path(cfg.Storage), now, newStore)
	return withStories(st, err, cfg)
}

// withStories gives st, if it opened, the story settings of cfg.
func withStories(st *store.Store, err error, cfg *config.Config) (*store.Store, error) {
	if err != nil {
		return nil, err
	}
	if err := setStories(st, cfg.Stories); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// setStories gives the store the story settings: window, threshold,
// follow-ups (and the score from which a join is sure) and, if joining by
// meaning is on, the sentence encoder that judges meaning.
func setStories(st *store.Store, s config.Stories) error {
	st.SetClustering(s.Window, s.Threshold)
	st.SetFollowUps(s.FollowUpsOn())
	st.SetSureJoins(s.SureFrom)
	threshold := s.MeaningThreshold()
	if threshold == 0 {
		st.SetMeaning(nil, 0)
		return nil
	}
	enc, err := semantic.Load()
	if err != nil {
		return err
	}
	st.SetMeaning(enc, threshold)
	return nil
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
