package alerts

import (
	"context"
	"testing"
	"time"

	"github.com/newsalert/newsalert/store"
)

// optOutCounter is a SubscriberStore that counts how often the opt-outs
// are read.
type optOutCounter struct {
	subs          []store.Subscriber
	all, one      int
	optedOutEmail string
}

func (c *optOutCounter) Subscribers(context.Context) ([]store.Subscriber, error) { return c.subs, nil }
func (c *optOutCounter) Moves(context.Context) (map[string]string, error)        { return nil, nil }
func (c *optOutCounter) OptedOut(context.Context) (map[string]time.Time, error) {
	c.all++
	return map[string]time.Time{store.OptOutKey(c.optedOutEmail): {}}, nil
}
func (c *optOutCounter) IsOptedOut(_ context.Context, address string) (bool, error) {
	c.one++
	return store.OptOutKey(address) == store.OptOutKey(c.optedOutEmail), nil
}

// TestOptOutsReadOnlyForDigests: immediate alerts and a chat's reader do
// not read the e-mail opt-outs; the digests' readers and an e-mail
// reader do, and an address that opted out is inactive there.
func TestOptOutsReadOnlyForDigests(t *testing.T) {
	ctx := context.Background()
	st := &optOutCounter{optedOutEmail: "Ann@example.org",
		subs: []store.Subscriber{{Destination: "tg:1", Mode: store.ModeImmediate, Active: true}}}
	a := NewAudience(st, []Configured{
		{Destination: "email:ann@example.org", DigestOnly: true},
		{Destination: "email:bob@example.org", DigestOnly: true},
		{Destination: "tg:1"}}, func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) })

	if subs, err := a.Immediate(ctx); err != nil || len(subs) != 1 || subs[0].Destination != "tg:1" {
		t.Errorf("Immediate = %+v, %v; want tg:1 alone", subs, err)
	}
	if r, ok, err := a.Reader(ctx, "tg:1"); err != nil || !ok || !r.Active {
		t.Errorf("Reader(tg:1) = %+v, %v, %v", r, ok, err)
	}
	if st.all != 0 || st.one != 0 {
		t.Errorf("opt-outs read %d times in all, %d one by one, for immediate alerts and a chat; want none", st.all, st.one)
	}

	if r, _, err := a.Reader(ctx, "email:ann@example.org"); err != nil || r.Active || r.Reason != ReasonUnsubscribed {
		t.Errorf("ann: active %v, reason %q, %v; want inactive, unsubscribed", r.Active, r.Reason, err)
	}
	if r, _, err := a.Reader(ctx, "email:bob@example.org"); err != nil || !r.Active {
		t.Errorf("bob: active %v, %v; want active", r.Active, err)
	}
	if st.one != 2 || st.all != 0 {
		t.Errorf("e-mail readers: %d single opt-out reads, %d whole; want 2, 0", st.one, st.all)
	}

	readers, err := a.Readers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readers {
		if want := r.Destination != "email:ann@example.org"; r.Active != want {
			t.Errorf("Readers: %s active %v, want %v", r.Destination, r.Active, want)
		}
	}
	if st.all != 1 {
		t.Errorf("Readers read the opt-outs %d times; want once", st.all)
	}
}
