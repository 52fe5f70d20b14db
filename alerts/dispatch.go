package alerts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/newsalert/newsalert/store"
)

// Sender delivers an alert to one address on its channel (a chat id, an
// e-mail address). It returns nil only when the receiver accepted it.
type Sender interface {
	Send(ctx context.Context, address string, a Alert) error
}

// Queue is the part of the store the dispatcher reads and updates.
type Queue interface {
	DueDeliveries(ctx context.Context, now time.Time, limit int) ([]store.OutboxEntry, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	MarkRetry(ctx context.Context, id int64, reason string, next time.Time) error
	MarkFailed(ctx context.Context, id int64, reason string) error
}

// PermanentError marks a failure that retrying cannot fix (the chat blocked
// the bot, the message was rejected): the delivery is marked failed.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// RetryAfterError asks for the next attempt no sooner than After.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string { return e.Err.Error() }
func (e *RetryAfterError) Unwrap() error { return e.Err }

// Dispatcher sends due outbox entries through the sender of their channel
// and records the outcome: an entry leaves the outbox only once accepted.
type Dispatcher struct {
	queue   Queue
	senders map[string]Sender
	log     *slog.Logger
	now     func() time.Time
	kick    chan struct{}
}

// NewDispatcher returns a dispatcher; senders maps a channel name
// ("telegram", "console") to its sender.
func NewDispatcher(q Queue, senders map[string]Sender, log *slog.Logger) *Dispatcher {
	return &Dispatcher{queue: q, senders: senders, log: log, now: time.Now, kick: make(chan struct{}, 1)}
}

// FlushStats counts the outcomes of one Flush.
type FlushStats struct{ Sent, Retrying, Failed int }

// Flush sends every due entry once and returns what happened.
func (d *Dispatcher) Flush(ctx context.Context) (FlushStats, error) {
	var st FlushStats
	const batch = 100
	var lastID int64 = -1
	for {
		due, err := d.queue.DueDeliveries(ctx, d.now(), batch)
		if err != nil {
			return st, err
		}
		if len(due) == 0 || due[0].ID == lastID {
			return st, nil // the guard stops a loop if an update failed to stick
		}
		lastID = due[0].ID
		for _, e := range due {
			if err := ctx.Err(); err != nil {
				return st, err
			}
			if err := d.deliver(ctx, e, &st); err != nil {
				return st, err
			}
		}
		if len(due) < batch {
			return st, nil
		}
	}
}

func (d *Dispatcher) deliver(ctx context.Context, e store.OutboxEntry, st *FlushStats) error {
	channel, address, _ := strings.Cut(e.Destination, ":")
	sender, ok := d.senders[channel]
	if !ok {
		st.Retrying++
		d.log.Warn("no sender for destination; kept in outbox", "destination", e.Destination, "id", e.ID)
		return d.queue.MarkRetry(ctx, e.ID, "no sender configured for "+channel, d.now().Add(time.Hour))
	}
	var a Alert
	if err := json.Unmarshal(e.Payload, &a); err != nil {
		st.Failed++
		d.log.Error("outbox entry unreadable", "destination", e.Destination, "id", e.ID, "err", err)
		return d.queue.MarkFailed(ctx, e.ID, fmt.Sprintf("payload: %v", err))
	}
	err := sender.Send(ctx, address, a)
	// The outcome is recorded even when ctx was cancelled meanwhile: a sent
	// message left pending would be sent again after a restart.
	ctx = context.WithoutCancel(ctx)
	var perm *PermanentError
	var later *RetryAfterError
	switch {
	case err == nil:
		st.Sent++
		return d.queue.MarkSent(ctx, e.ID, d.now())
	case errors.As(err, &perm):
		st.Failed++
		d.log.Error("delivery rejected", "destination", e.Destination, "id", e.ID, "err", err)
		return d.queue.MarkFailed(ctx, e.ID, err.Error())
	case errors.As(err, &later):
		st.Retrying++
		d.log.Warn("delivery deferred", "destination", e.Destination, "id", e.ID, "retry_after", later.After, "err", err)
		return d.queue.MarkRetry(ctx, e.ID, err.Error(), d.now().Add(later.After))
	default:
		st.Retrying++
		wait := Backoff(e.Attempts + 1)
		d.log.Warn("delivery failed; will retry", "destination", e.Destination, "id", e.ID,
			"attempt", e.Attempts+1, "retry_in", wait, "err", err)
		return d.queue.MarkRetry(ctx, e.ID, err.Error(), d.now().Add(wait))
	}
}

// Backoff is the wait before retry number attempt (1-based): 15 s doubling
// up to one hour.
func Backoff(attempt int) time.Duration {
	wait := 15 * time.Second
	for i := 1; i < attempt && wait < time.Hour; i++ {
		wait *= 2
	}
	return min(wait, time.Hour)
}

// Kick asks a running dispatcher to flush now (new alerts were queued).
func (d *Dispatcher) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// Run flushes when kicked and every interval (for retries) until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := d.Flush(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("outbox flush", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.kick:
		}
	}
}
