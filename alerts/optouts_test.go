package alerts_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store/storetest"
)

// A recipient whose address unsubscribed gets no digest, however the
// config spells it, while the others do; cleared, it gets them again.
func TestOptedOutRecipientGetsNoDigest(t *testing.T) {
	ctx := context.Background()
	created := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clk := clocktest.New(created.Add(20 * time.Hour)) // 08:00 the next day
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var configured []alerts.Configured
	for _, d := range []string{"email:Ann@Example.org", "email:bob@example.org"} {
		st.AddSubscriber(ctx, d, d, created)
		configured = append(configured, alerts.Configured{Destination: d, DigestOnly: true, Schedule: "0 8 * * *", SendEmpty: true})
	}
	if err := st.OptOut(ctx, "ann@example.org", created); err != nil {
		t.Fatal(err)
	}
	audience := alerts.NewAudience(st, configured, clk.Now)
	render := func(d alerts.Digest) []alerts.Text { return []alerts.Text{{Subject: "s", Plain: "p"}} }
	sched := alerts.NewDigestScheduler(st, audience, map[string]alerts.DigestRenderer{"email": render}, m.Topics,
		clk.Now, slog.New(slog.DiscardHandler))
	queued := func() []string {
		t.Helper()
		if _, err := sched.QueueDue(ctx); err != nil {
			t.Fatal(err)
		}
		due, err := st.DueDeliveries(ctx, clk.Now(), 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var dests []string
		for _, d := range due {
			dests = append(dests, d.Destination)
			if err := st.MarkSent(ctx, d.ID, clk.Now(), ""); err != nil {
				t.Fatal(err)
			}
		}
		return dests
	}
	if got := queued(); len(got) != 1 || got[0] != "email:bob@example.org" {
		t.Errorf("queued for %v; want bob's digest alone", got)
	}
	if r, _, _ := audience.Reader(ctx, "email:Ann@Example.org"); r.Active || r.Reason != alerts.ReasonUnsubscribed {
		t.Errorf("ann: active %v, reason %q; want inactive, unsubscribed", r.Active, r.Reason)
	}

	if was, err := st.OptIn(ctx, "ANN@example.org"); err != nil || !was {
		t.Fatalf("OptIn = %v, %v", was, err)
	}
	clk.Add(24 * time.Hour)
	if got := queued(); len(got) != 2 {
		t.Errorf("after the opt-out is cleared, queued for %v; want both", got)
	}
}
