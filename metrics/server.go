package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Readiness says whether the daemon does its work: the store answers and
// records, the scheduler runs, and a poll finished recently.
type Readiness struct {
	// Ping checks the store.
	Ping func(ctx context.Context) error

	maxPollAge atomic.Int64 // see SetMaxPollAge
	started    time.Time
	lastPoll   *atomic.Int64 // the metrics' time of the last poll
	scheduler  atomic.Bool
	recordErr  atomic.Pointer[string] // why the last record failed; nil or "" when it did not
	now        func() time.Time
}

// Readiness returns a readiness check started now, which knows of polls
// from m.Polled.
func (m *Metrics) Readiness(ping func(context.Context) error, maxPollAge time.Duration) *Readiness {
	r := &Readiness{Ping: ping, started: m.now(), lastPoll: &m.lastPollAt, now: m.now}
	r.SetMaxPollAge(maxPollAge)
	return r
}

// SetMaxPollAge sets how long ago the last poll may have finished (after a
// grace period of the same length from start); a reloaded config with
// other feeds changes it.
func (r *Readiness) SetMaxPollAge(d time.Duration) { r.maxPollAge.Store(int64(d)) }

// Recorded tells the outcome of the last attempt to record a poll's items
// in the store (nil: recorded). A store that answers but cannot record
// (full, damaged) leaves the daemon not ready until a record succeeds.
func (r *Readiness) Recorded(err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	r.recordErr.Store(&msg)
}

// SchedulerRunning records whether the scheduler runs.
func (r *Readiness) SchedulerRunning(on bool) { r.scheduler.Store(on) }

// Check returns nil when ready, else what is wrong.
func (r *Readiness) Check(ctx context.Context) error {
	if err := r.Ping(ctx); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if msg := r.recordErr.Load(); msg != nil && *msg != "" {
		return fmt.Errorf("recording failed: %s", *msg)
	}
	if !r.scheduler.Load() {
		return errors.New("scheduler not running")
	}
	last := time.Unix(0, r.lastPoll.Load())
	if r.lastPoll.Load() == 0 {
		last = r.started
	}
	if age := r.now().Sub(last); age > time.Duration(r.maxPollAge.Load()) {
		return fmt.Errorf("no poll finished for %s", age.Round(time.Second))
	}
	return nil
}

// Handler serves /metrics, /healthz (the process is up) and /readyz.
func (m *Metrics) Handler(ready *Readiness) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := ready.Check(ctx); err != nil {
			http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	return mux
}

// Serve listens on addr and serves h until ctx ends.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("metrics listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	log.Info("metrics and health on", "addr", ln.Addr().String())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
