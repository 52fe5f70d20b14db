package alerts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/newsalert/newsalert/store"
)

// Sender delivers a message to one address on its channel (a chat id, an
// e-mail address). It returns nil only when the receiver accepted it.
type Sender interface {
	Send(ctx context.Context, address string, m Message) error
}

// ReceiptSender is a Sender whose channel gives each message an id (a
// Telegram message_id): its receipt, kept with the delivery so that a later
// follow-up can be sent as a reply to it.
type ReceiptSender interface {
	SendWithReceipt(ctx context.Context, address string, m Message) (receipt string, err error)
}

// Editor is a Sender whose channel can replace the text of a message it
// sent (Telegram's editMessageText), named by its receipt, without a new
// notification.
type Editor interface {
	Edit(ctx context.Context, address, receipt string, m Message) error
}

// Queue is the part of the store the dispatcher reads and updates.
type Queue interface {
	DueDeliveries(ctx context.Context, now time.Time, afterID int64, limit int) ([]store.OutboxEntry, error)
	MarkSent(ctx context.Context, id int64, at time.Time, receipt string) error
	MarkRetry(ctx context.Context, id int64, reason string, next time.Time) error
	MarkFailed(ctx context.Context, id int64, reason string) error
	Receipt(ctx context.Context, dest, item string) (string, error)
	ClaimDelivery(ctx context.Context, id int64, until time.Time) (bool, error)
}

// Directory is told when a destination is gone or has moved, so that its
// subscriptions and pending deliveries follow.
type Directory interface {
	DestinationGone(ctx context.Context, dest, reason string) error
	DestinationMoved(ctx context.Context, from, to string, now time.Time) error
}

// Dispatcher sends due outbox entries through the sender of their channel
// and records the outcome: an entry leaves the outbox only once accepted.
// Destinations are served side by side, each in the order its entries were
// queued, so that one slow or rate-limited chat does not hold up others.
type Dispatcher struct {
	queue   Queue
	senders map[string]Sender
	log     *slog.Logger
	now     func() time.Time
	kick    chan struct{}
	dir     Directory
	obs     SendObserver

	mu   sync.Mutex
	held map[string]time.Time // channel → until when it is left alone (see ChannelError)
	// unrecorded are the sends the store could not record (a full disk):
	// nothing more is sent until they are, or they would go out again.
	unrecorded []unrecorded
	// digestsReady, once closed, lets digest parts go (see HoldDigestsUntil).
	digestsReady <-chan struct{}
}

// SendObserver is told of each delivery attempt (the metrics): its result
// and, for one not accepted, the reason ("" when sent).
type SendObserver interface {
	Sent(channel, result, reason string, took time.Duration)
}

// DispatcherOptions are what a dispatcher may be given beside its queue
// and senders.
type DispatcherOptions struct {
	// Directory is told of destinations gone or moved; nil: nobody.
	Directory Directory
	// Observer is told of each delivery attempt (the metrics); nil: nobody.
	Observer SendObserver
	// DigestsReady, once closed, lets digest parts go: until the digest
	// scheduler's first pass, the digests it owes supersede those waiting
	// (see holds.go). Nil: they go at once.
	DigestsReady <-chan struct{}
}

// NewDispatcher returns a dispatcher; senders maps a channel name
// ("telegram", "console") to its sender; now says which deliveries are
// due and stamps the attempts.
func NewDispatcher(q Queue, senders map[string]Sender, opts DispatcherOptions, now func() time.Time, log *slog.Logger) *Dispatcher {
	return &Dispatcher{queue: q, senders: senders, log: log, now: now, kick: make(chan struct{}, 1),
		held: map[string]time.Time{}, dir: opts.Directory, obs: opts.Observer, digestsReady: opts.DigestsReady}
}

// sendWorkers is how many destinations are sent to at once; the senders'
// own rate limits still apply.
const sendWorkers = 32

// FlushStats counts the outcomes of one Flush.
type FlushStats struct{ Sent, Retrying, Failed int }

func (s *FlushStats) add(o FlushStats) {
	s.Sent += o.Sent
	s.Retrying += o.Retrying
	s.Failed += o.Failed
}

// Flush sends every due entry once and returns what happened. It walks
// the outbox a page at a time, in order; once a destination has an entry
// not accepted, its later entries wait for the next flush, so that a chat
// gets its messages in order and one that asked to wait is not asked again.
func (d *Dispatcher) Flush(ctx context.Context) (FlushStats, error) {
	var st FlushStats
	if err := d.recordSent(ctx); err != nil {
		return st, err
	}
	const batch = 500
	stopped := map[string]bool{}
	var after int64
	for {
		due, err := d.queue.DueDeliveries(ctx, d.now(), after, batch)
		if err != nil || len(due) == 0 {
			return st, err
		}
		after = due[len(due)-1].ID
		var fresh []store.OutboxEntry
		for _, e := range due {
			if d.digestsHeld(e) {
				stopped[e.Destination] = true // its later entries wait too, in order
			}
			if !stopped[e.Destination] && !d.channelHeld(channelOf(e.Destination)) {
				fresh = append(fresh, e)
			}
		}
		bst, halted, err := d.sendAll(ctx, byDestination(fresh))
		st.add(bst)
		for _, dest := range halted {
			stopped[dest] = true
		}
		if err != nil || len(due) < batch {
			return st, err
		}
	}
}

// byDestination groups entries by destination, keeping their order.
func byDestination(entries []store.OutboxEntry) [][]store.OutboxEntry {
	index := map[string]int{}
	var groups [][]store.OutboxEntry
	for _, e := range entries {
		i, ok := index[e.Destination]
		if !ok {
			i = len(groups)
			index[e.Destination] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], e)
	}
	return groups
}

// sendAll serves the groups with up to sendWorkers goroutines. Within a
// group, the first entry that is not accepted stops the group; halted
// lists the destinations so stopped.
func (d *Dispatcher) sendAll(ctx context.Context, groups [][]store.OutboxEntry) (st FlushStats, halted []string, _ error) {
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan []store.OutboxEntry)
	for range min(sendWorkers, len(groups)) {
		wg.Go(func() {
			for group := range work {
				var gst FlushStats
				complete, err := d.sendGroup(ctx, group, &gst)
				mu.Lock()
				st.add(gst)
				if !complete {
					halted = append(halted, group[0].Destination)
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, g := range groups {
		select {
		case work <- g:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return st, halted, firstErr
}

// sendGroup sends one destination's entries in order until one is not
// accepted; complete reports whether all were.
func (d *Dispatcher) sendGroup(ctx context.Context, group []store.OutboxEntry, st *FlushStats) (complete bool, _ error) {
	for _, e := range group {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if d.paused() || !d.mayTry(channelOf(e.Destination)) {
			return false, nil
		}
		goOn, err := d.deliver(ctx, e, st)
		if err != nil || !goOn {
			return false, err
		}
	}
	return true, nil
}

// deliver sends one entry and records the outcome; goOn reports whether
// the destination's later entries may follow: the receiver accepted it,
// or it was superseded before it was sent.
func (d *Dispatcher) deliver(ctx context.Context, e store.OutboxEntry, st *FlushStats) (goOn bool, err error) {
	channel, address, _ := strings.Cut(e.Destination, ":")
	sender, ok := d.senders[channel]
	if !ok {
		st.Retrying++
		d.log.Warn("no sender for destination; kept in outbox", "destination", e.Destination, "id", e.ID)
		return false, d.queue.MarkRetry(ctx, e.ID, "no sender configured for "+channel, d.now().Add(time.Hour))
	}
	m, err := DecodeMessage(e.Payload)
	if err != nil {
		st.Failed++
		d.log.Error("outbox entry unreadable", "destination", e.Destination, "id", e.ID, "err", err)
		return false, d.queue.MarkFailed(ctx, e.ID, fmt.Sprintf("payload: %v", err))
	}
	if ok, err := d.claim(ctx, e); err != nil || !ok {
		return err == nil, err // superseded: the destination's next entries go on
	}
	m.ReplyTo = d.replyTo(ctx, e.Destination, m)
	started := time.Now() // duration of the send, for the metrics
	receipt, err := d.send(ctx, e.Destination, sender, address, m)
	took := time.Since(started) // duration
	d.settleHold(channel, err)
	// The outcome is recorded even when ctx was cancelled meanwhile: a sent
	// message left pending would be sent again after a restart.
	ctx = context.WithoutCancel(ctx)
	if err == nil {
		st.Sent++
		return true, d.recordOne(ctx, unrecorded{id: e.ID, dest: e.Destination, at: d.now(), receipt: receipt}, channel, took)
	}
	result, reason, ferr := d.failed(ctx, e, channel, err, st)
	d.observe(channel, result, reason, took)
	return false, ferr
}

// send sends m through sender, with its receipt if the channel gives one;
// an edit replaces the text of the alert it names, if that was sent and
// its channel can edit (else there is nothing to do).
func (d *Dispatcher) send(ctx context.Context, dest string, sender Sender, address string, m Message) (receipt string, err error) {
	if m.Edit != nil {
		ed, ok := sender.(Editor)
		if !ok {
			return "", nil
		}
		if receipt, err = d.queue.Receipt(ctx, dest, m.Edit.ItemKey); err != nil || receipt == "" {
			return "", err
		}
		return receipt, ed.Edit(ctx, address, receipt, m)
	}
	if rs, ok := sender.(ReceiptSender); ok {
		return rs.SendWithReceipt(ctx, address, m)
	}
	return "", sender.Send(ctx, address, m)
}

// replyTo is the receipt of the earlier alert a follow-up follows, if it
// was sent and its channel gave one. Not finding it costs only the reply:
// the follow-up is sent all the same.
func (d *Dispatcher) replyTo(ctx context.Context, dest string, m Message) string {
	if m.Text != nil || m.Alert.FollowUp == nil || m.Alert.FollowUp.ItemKey == "" {
		return ""
	}
	receipt, err := d.queue.Receipt(ctx, dest, m.Alert.FollowUp.ItemKey)
	if err != nil {
		d.log.Warn("follow-up sent without a reply", "destination", dest, "err", err)
	}
	return receipt
}

func (d *Dispatcher) observe(channel, result, reason string, took time.Duration) {
	if d.obs != nil {
		d.obs.Sent(channel, result, reason, took)
	}
}

// failed records why an entry was not accepted and what happens next:
// result is "failed" or "retry" (or the channel's refusal), reason why.
func (d *Dispatcher) failed(ctx context.Context, e store.OutboxEntry, channel string, err error, st *FlushStats) (result, reason string, _ error) {
	var config *ChannelError
	if errors.As(err, &config) {
		st.Retrying++
		d.log.Error("channel refused; nothing is sent on it until its configuration is fixed", "channel", channel,
			"reason", config.Reason, "destination", e.Destination, "id", e.ID, "next_try", d.now().Add(ChannelHold), "err", err)
		return config.Reason, config.Reason, d.queue.MarkRetry(ctx, e.ID, err.Error(), d.now())
	}
	se := AsSendError(err)
	next := nextStep(se, e.Attempts, d.dir != nil)
	reason = string(se.Reason)
	if next.result == "failed" {
		st.Failed++
	} else {
		st.Retrying++
	}
	switch next.do {
	case deactivate:
		d.log.Error("destination gone; its subscriptions are deactivated", "destination", e.Destination, "id", e.ID, "err", err)
		if mErr := d.queue.MarkFailed(ctx, e.ID, err.Error()); mErr != nil || d.dir == nil {
			return next.result, reason, mErr
		}
		return next.result, reason, d.dir.DestinationGone(ctx, e.Destination, err.Error())
	case follow:
		to := channel + ":" + se.To
		d.log.Warn("destination moved; following it", "destination", e.Destination, "to", to, "id", e.ID)
		if err := d.dir.DestinationMoved(ctx, e.Destination, to, d.now()); err != nil {
			return next.result, reason, err
		}
		d.Kick() // the entry is due again at once, in the next flush
		return next.result, reason, d.queue.MarkRetry(ctx, e.ID, err.Error(), d.now())
	case fail:
		d.log.Error("delivery rejected", "destination", e.Destination, "id", e.ID, "err", err)
		return next.result, reason, d.queue.MarkFailed(ctx, e.ID, err.Error())
	}
	d.log.Warn("delivery deferred; will retry", "destination", e.Destination, "id", e.ID, "reason", reason,
		"attempt", e.Attempts+1, "retry_in", next.wait, "err", err)
	return next.result, reason, d.queue.MarkRetry(ctx, e.ID, err.Error(), d.now().Add(next.wait))
}

// step is what becomes of an entry its receiver did not accept.
type step struct {
	result string        // "failed" or "retry", as newsalert_sends_total counts it
	do     stepAction    // what the dispatcher does
	wait   time.Duration // retry: until the next try
}

type stepAction int

const (
	retry      stepAction = iota // try again after wait
	fail                         // mark the entry failed
	deactivate                   // mark it failed and the destination gone
	follow                       // move the destination, and try again at once
)

// nextStep decides what becomes of an entry not accepted, from the
// reason its sender gave, the attempts made so far, and whether moved
// destinations can be followed (a Directory is set).
func nextStep(se *SendError, attempts int, canFollow bool) step {
	switch {
	case se.Reason == Gone:
		return step{result: "failed", do: deactivate}
	case se.Reason == Moved && canFollow:
		return step{result: "retry", do: follow}
	case se.Reason == Rejected || se.Reason == Moved:
		return step{result: "failed", do: fail}
	case se.Reason == RateLimited:
		return step{result: "retry", do: retry, wait: se.After}
	}
	return step{result: "retry", do: retry, wait: Backoff(attempts + 1)}
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
			if err := d.recordSent(context.WithoutCancel(ctx)); err != nil {
				d.log.Error("stopping with sends not recorded: they will be sent again at the next start", "err", err)
			}
			return
		case <-t.C:
		case <-d.kick:
		}
	}
}
