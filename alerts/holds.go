package alerts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/store"
)

// What holds the dispatcher back: a channel whose configuration is wrong,
// sends the store could not record, digests waiting for the owed ones.

// ChannelError marks a failure every message on the channel meets until
// the operator fixes its configuration (the SMTP server refused the
// login): the entry is kept, due again at once, but the channel is held
// for ChannelHold, so that a wrong password costs one refused login a
// while, not one per message per flush, and the messages go out as soon
// as the fixed daemon starts. It is logged as an error and counted under
// Reason (a metric label, e.g. "auth_failed").
type ChannelError struct {
	Reason string
	Err    error
}

func (e *ChannelError) Error() string { return e.Err.Error() }
func (e *ChannelError) Unwrap() error { return e.Err }

// ChannelHold is how long a channel that met a ChannelError is left alone.
const ChannelHold = 15 * time.Minute

// unrecorded is a send accepted by the receiver but not recorded yet.
type unrecorded struct {
	id      int64
	dest    string
	at      time.Time
	receipt string
}

// digestsHeld says whether e is a digest part that must wait: with
// DigestsReady given (DigestScheduler.FirstPassDone), the parts of
// scheduled digests stay in the outbox until it is closed, because at
// start the digests owed since the daemon stopped are queued first and
// supersede those still waiting, so that one digest covers the whole
// period. Alerts go at once.
func (d *Dispatcher) digestsHeld(e store.OutboxEntry) bool {
	if e.PeriodEnd.IsZero() || d.digestsReady == nil {
		return false
	}
	select {
	case <-d.digestsReady:
		return false
	default:
		return true
	}
}

// claimFor is how long a digest part is claimed for its send (see
// store.ClaimDelivery): longer than any send takes, SMTP timeouts and
// Telegram's flood waits included.
const claimFor = 10 * time.Minute

// recordOne records a send; when the store cannot, it keeps the receipt
// to record before anything more is sent.
func (d *Dispatcher) recordOne(ctx context.Context, u unrecorded, channel string, took time.Duration) error {
	err := d.queue.MarkSent(ctx, u.id, u.at, u.receipt)
	if err == nil {
		d.observe(channel, "sent", "", took)
		return nil
	}
	d.mu.Lock()
	d.unrecorded = append(d.unrecorded, u)
	d.mu.Unlock()
	d.observe(channel, "sent_unrecorded", "", took)
	d.log.Error("sent, but the store could not record it; sending paused until it can", "destination", u.dest,
		"id", u.id, "err", err)
	return fmt.Errorf("record delivery %d to %s as sent: %w", u.id, u.dest, err)
}

// recordSent records the sends kept by recordOne, in order, up to the
// first the store still cannot record.
func (d *Dispatcher) recordSent(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.unrecorded) > 0 {
		u := d.unrecorded[0]
		if err := d.queue.MarkSent(ctx, u.id, u.at, u.receipt); err != nil {
			return fmt.Errorf("sending paused: %d sent messages not recorded yet: delivery %d to %s: %w",
				len(d.unrecorded), u.id, u.dest, err)
		}
		d.unrecorded = d.unrecorded[1:]
	}
	return nil
}

// paused says whether sends wait for earlier ones to be recorded.
func (d *Dispatcher) paused() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.unrecorded) > 0
}

// channelHeld says whether channel is left alone for now.
func (d *Dispatcher) channelHeld(channel string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.now().Before(d.held[channel])
}

// mayTry says whether an entry on channel may be tried now: not while the
// channel is held; once the hold is over, one try goes first (it holds
// the channel again until its outcome lifts the hold or renews it), so
// that the workers do not all meet the same refusal at once.
func (d *Dispatcher) mayTry(channel string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	until, held := d.held[channel]
	if !held {
		return true
	}
	if d.now().Before(until) {
		return false
	}
	d.held[channel] = d.now().Add(ChannelHold)
	return true
}

// settleHold holds channel for ChannelHold after a ChannelError, and lifts
// its hold after any other outcome.
func (d *Dispatcher) settleHold(channel string, err error) {
	var config *ChannelError
	refused := errors.As(err, &config)
	d.mu.Lock()
	defer d.mu.Unlock()
	if refused {
		d.held[channel] = d.now().Add(ChannelHold)
	} else {
		delete(d.held, channel)
	}
}

// claim claims e for its send when it is a digest part (a newer digest
// supersedes it unless it is claimed first), and says whether to send it:
// false when it was superseded after it was read as due.
func (d *Dispatcher) claim(ctx context.Context, e store.OutboxEntry) (bool, error) {
	if e.PeriodEnd.IsZero() {
		return true, nil
	}
	ok, err := d.queue.ClaimDelivery(ctx, e.ID, d.now().Add(claimFor))
	if err == nil && !ok {
		d.log.Info("digest superseded before it was sent; skipped", "destination", e.Destination, "id", e.ID)
	}
	return ok, err
}
