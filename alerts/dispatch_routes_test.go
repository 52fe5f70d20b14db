package alerts_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/store"
)

// routed answers by address: a chat that blocked the bot, a group that
// moved, a slow chat; it records the order of what it accepted.
type routed struct {
	mu       sync.Mutex
	accepted []string
}

func (r *routed) Send(ctx context.Context, address string, m alerts.Message) error {
	switch address {
	case "blocked":
		return &alerts.SendError{Reason: alerts.Gone, Err: errors.New("Forbidden: bot was blocked by the user")}
	case "-42":
		return &alerts.SendError{Reason: alerts.Moved, To: "-10042", Err: errors.New("group chat was upgraded to a supergroup chat")}
	case "slow":
		time.Sleep(200 * time.Millisecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.accepted = append(r.accepted, address+" "+m.Text.Plain)
	return nil
}

func enqueue(t *testing.T, st *store.Store, dest string, n int) {
	t.Helper()
	for i := range n {
		payload, _ := alerts.Message{Text: &alerts.Text{Plain: fmt.Sprint(i + 1)}}.Encode()
		if _, err := st.Enqueue(context.Background(), store.OutboxMessage{Destination: dest, Key: fmt.Sprint("m", i), Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGoneDestinationIsDeactivated(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	st.EnsureSubscriber(ctx, "tg:blocked", "Bob", "private", clock.Wall())
	st.Subscribe(ctx, "tg:blocked", []string{"iskp"}, clock.Wall())
	enqueue(t, st, "tg:blocked", 3)
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"tg": &routed{}}, alerts.DispatcherOptions{Directory: st}, clock.Wall, quietLog())
	got, err := d.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// One refused send is enough: the other two fail without a try.
	if got.Failed != 1 {
		t.Errorf("flush = %+v", got)
	}
	sub, _ := st.Subscriber(ctx, "tg:blocked")
	if sub.Active || sub.Reason == "" {
		t.Errorf("subscriber after 403: %+v", sub)
	}
	stats, _ := st.OutboxStats(ctx)
	if stats.Pending != 0 || stats.Failed != 3 {
		t.Errorf("outbox = %+v; want every delivery to the gone chat failed", stats)
	}
}

func TestMovedGroupIsFollowed(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	st.EnsureSubscriber(ctx, "tg:-42", "Group", "group", clock.Wall())
	st.Subscribe(ctx, "tg:-42", []string{"iskp"}, clock.Wall())
	enqueue(t, st, "tg:-42", 2)
	if moves, _ := st.Moves(ctx); len(moves) != 0 { // and the store caches the answer
		t.Fatalf("moves before = %v", moves)
	}
	r := &routed{}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"tg": r}, alerts.DispatcherOptions{Directory: st}, clock.Wall, quietLog())
	if _, err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Flush(ctx); err != nil { // the moved entries are due again at once
		t.Fatal(err)
	}
	if len(r.accepted) != 2 || r.accepted[0] != "-10042 1" || r.accepted[1] != "-10042 2" {
		t.Errorf("accepted %q; want both messages, in order, at the new id", r.accepted)
	}
	if _, err := st.Subscriber(ctx, "tg:-42"); !errors.Is(err, store.ErrNoSubscriber) {
		t.Errorf("old id still subscribed: %v", err)
	}
	sub, err := st.Subscriber(ctx, "tg:-10042")
	if err != nil || len(sub.Topics) != 1 || sub.Topics[0].Topic != "iskp" {
		t.Errorf("new id: %+v, %v", sub, err)
	}
	moves, _ := st.Moves(ctx)
	if moves["tg:-42"] != "tg:-10042" {
		t.Errorf("moves = %v", moves)
	}
}

// A slow chat does not hold up the others, and each chat gets its
// messages in order.
func TestDestinationsAreServedSideBySide(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	enqueue(t, st, "tg:slow", 3)
	for i := range 5 {
		enqueue(t, st, fmt.Sprint("tg:fast", i), 2)
	}
	r := &routed{}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"tg": r}, alerts.DispatcherOptions{}, clock.Wall, quietLog())
	got, err := d.Flush(ctx)
	if err != nil || got.Sent != 13 {
		t.Fatalf("flush = %+v, %v", got, err)
	}
	lastFast, firstSlowDone, order := -1, -1, map[string]string{}
	for i, a := range r.accepted {
		var dest, n string
		fmt.Sscan(a, &dest, &n)
		if order[dest] >= n {
			t.Errorf("%s got message %s after %s", dest, n, order[dest])
		}
		order[dest] = n
		if dest == "slow" && firstSlowDone < 0 {
			firstSlowDone = i
		}
		if dest != "slow" {
			lastFast = i
		}
	}
	if lastFast > firstSlowDone+1 {
		t.Errorf("fast chats waited for the slow one: %q", r.accepted)
	}
}

// A destination with more waiting entries than one page of the outbox,
// whose first is deferred, is tried once per flush and in order, and the
// destinations queued after it are still served in the same flush.
func TestADeferredDestinationDoesNotStarveLaterOnes(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	var ds []store.OutboxMessage
	payload, _ := alerts.Message{Text: &alerts.Text{Plain: "x"}}.Encode()
	for i := range 700 {
		ds = append(ds, store.OutboxMessage{Destination: "s:slow-down", Key: fmt.Sprint("m", i), Payload: payload})
	}
	ds = append(ds, store.OutboxMessage{Destination: "s:ok", Key: "late", Payload: payload})
	if _, err := st.Enqueue(ctx, ds...); err != nil {
		t.Fatal(err)
	}
	s := &scripted{calls: map[string]int{}}
	d := alerts.NewDispatcher(st, map[string]alerts.Sender{"s": s}, alerts.DispatcherOptions{}, clock.Wall, quietLog())
	got, err := d.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.calls["slow-down"] != 1 || s.calls["ok"] != 1 || got.Sent != 1 || got.Retrying != 1 {
		t.Errorf("calls %v, flush %+v; want the deferred chat tried once and the later one served", s.calls, got)
	}
}
