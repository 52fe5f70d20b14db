package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/rules"
)

// rulesReloader reloads the rules when their file changes (checked every
// few seconds: no file-notification dependency, and it works on every
// file system) and on SIGHUP. A broken file is logged with its line, counted,
// and the rules in use are kept.
type rulesReloader struct {
	path  string
	pipe  *alerts.Pipeline
	log   *slog.Logger
	every time.Duration

	loaded   fileStamp
	failures int
}

type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{info.ModTime(), info.Size()}
}

func (r *rulesReloader) run(ctx context.Context) {
	r.loaded = stampOf(r.path)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			r.reload("SIGHUP")
		case <-tick.C:
			if s := stampOf(r.path); s != r.loaded && s != (fileStamp{}) {
				r.reload("file changed")
			}
		}
	}
}

func (r *rulesReloader) reload(why string) {
	r.loaded = stampOf(r.path)
	m, err := rules.Load(r.path)
	if err != nil {
		r.failures++
		r.log.Error("rules reload failed; keeping the rules in use", "file", r.path, "trigger", why,
			"failures", r.failures, "err", err)
		return
	}
	r.pipe.SetMatcher(m)
	r.log.Info("rules reloaded", "file", r.path, "trigger", why, "topics", len(m.Topics()))
}
