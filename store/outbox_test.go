package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A full disk is an error of MarkSent, not a silent success: the
// dispatcher must know the receipt was not recorded.
func TestMarkSentReportsAFullDisk(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	for _, end := range []time.Time{{}, t0} { // an alert, a digest part
		s.Enqueue(ctx, OutboxMessage{Destination: "tg:1", Key: "k" + end.Format("15"), Payload: []byte("{}"), PeriodEnd: end})
	}
	due, err := s.DueDeliveries(ctx, t0.Add(time.Hour), 0, 10)
	if err != nil || len(due) != 2 {
		t.Fatalf("due: %d, %v", len(due), err)
	}
	FillUp(t, s)
	for _, e := range due {
		if err := s.MarkSent(ctx, e.ID, t0, "42"); err == nil || !strings.Contains(err.Error(), "database or disk is full") {
			t.Errorf("entry %s: MarkSent on a full disk = %v; want SQLITE_FULL", e.ItemKey, err)
		}
	}
	if again, _ := s.DueDeliveries(ctx, t0.Add(time.Hour), 0, 10); len(again) != 2 {
		t.Errorf("%d entries pending after the failed records; want 2", len(again))
	}
	MakeRoom(t, s)
	for _, e := range due {
		if err := s.MarkSent(ctx, e.ID, t0, "42"); err != nil {
			t.Errorf("entry %s: MarkSent with room again: %v", e.ItemKey, err)
		}
	}
	if r, _ := s.Receipt(ctx, "tg:1", due[0].ItemKey); r != "42" {
		t.Errorf("receipt %q; want 42", r)
	}
}

// A digest is not queued on a stale view: not when a digest was delivered
// after it was built (it would repeat it), nor while an earlier one is
// being sent (it would supersede a digest on its way); a claim that ran
// out does not hold it back, and a superseded part cannot be claimed.
func TestQueueDigestRefusesARace(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	s.AddSubscriber(ctx, "tg:1", "A", t0.Add(-24*time.Hour))
	t1, t2 := t0, t0.Add(24*time.Hour)
	part := func(key string, end time.Time) []OutboxMessage {
		return []OutboxMessage{{Destination: "tg:1", Key: key, Payload: []byte("{}"), PeriodEnd: end}}
	}
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, t1, part("d1", t1)); n != 1 || err != nil {
		t.Fatalf("first digest: %d, %v", n, err)
	}
	due, _ := s.DueDeliveries(ctx, t2, 0, 10)
	d1 := due[0].ID
	if !due[0].PeriodEnd.Equal(t1) {
		t.Errorf("period end %v; want %v", due[0].PeriodEnd, t1)
	}

	// Being sent: not superseded.
	if ok, err := s.ClaimDelivery(ctx, d1, t0.Add(10*time.Minute)); !ok || err != nil {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, t2, part("d2", t2)); n != 0 || !errors.Is(err, ErrDigestRace) {
		t.Errorf("while the first is sent: %d, %v; want ErrDigestRace", n, err)
	}
	// Its send failed (the claim ends): superseded, and no longer claimable.
	s.MarkRetry(ctx, d1, "451", t0)
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, t2, part("d2", t2)); n != 1 || err != nil {
		t.Fatalf("after the failed send: %d, %v", n, err)
	}
	if ok, err := s.ClaimDelivery(ctx, d1, t0.Add(10*time.Minute)); ok || err != nil {
		t.Errorf("claim of a superseded part: %v, %v; want false", ok, err)
	}

	// Delivered after the next one was built: that one is refused, and
	// queued once built again from the new end.
	due, _ = s.DueDeliveries(ctx, t2, 0, 10)
	s.MarkSent(ctx, due[0].ID, t2, "")
	t3 := t2.Add(24 * time.Hour)
	if n, err := s.QueueDigest(ctx, "tg:1", t1, t3, part("d3", t3)); n != 0 || !errors.Is(err, ErrDigestRace) {
		t.Errorf("built before the last was delivered: %d, %v; want ErrDigestRace", n, err)
	}
	if n, err := s.QueueDigest(ctx, "tg:1", t2, t3, part("d3", t3)); n != 1 || err != nil {
		t.Errorf("built again: %d, %v", n, err)
	}
	// Queued already: nothing, and no error.
	if n, err := s.QueueDigest(ctx, "tg:1", t2, t3, part("d3", t3)); n != 0 || err != nil {
		t.Errorf("again: %d, %v; want 0, nil", n, err)
	}

	// A claim that ran out (the sender never said) holds nothing back.
	due, _ = s.DueDeliveries(ctx, t3, 0, 10)
	s.ClaimDelivery(ctx, due[0].ID, s.now().Add(-time.Second))
	t4 := t3.Add(24 * time.Hour)
	if n, err := s.QueueDigest(ctx, "tg:1", t2, t4, part("d4", t4)); n != 1 || err != nil {
		t.Errorf("after a stale claim: %d, %v", n, err)
	}
}

// A digest partly delivered (the first of its messages sent, the next
// waiting for a retry) is not superseded: the new digest would repeat
// what its first messages held. It finishes, and the next starts where
// it ends.
func TestQueueDigestLetsAPartlySentDigestFinish(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	s.AddSubscriber(ctx, "tg:1", "A", t0.Add(-24*time.Hour))
	t1, t2 := t0, t0.Add(24*time.Hour)
	parts := []OutboxMessage{{Destination: "tg:1", Key: "d1:1", Payload: []byte("{}"), PeriodEnd: t1},
		{Destination: "tg:1", Key: "d1:2", Payload: []byte("{}"), PeriodEnd: t1}}
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, t1, parts); n != 2 || err != nil {
		t.Fatalf("first digest: %d, %v", n, err)
	}
	due, _ := s.DueDeliveries(ctx, t2, 0, 10)
	s.MarkSent(ctx, due[0].ID, t1, "")
	s.MarkRetry(ctx, due[1].ID, "502", t2)
	next := []OutboxMessage{{Destination: "tg:1", Key: "d2:1", Payload: []byte("{}"), PeriodEnd: t2}}
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, t2, next); n != 0 || !errors.Is(err, ErrDigestRace) {
		t.Errorf("while the first is partly sent: %d, %v; want ErrDigestRace", n, err)
	}
	if ok, _ := s.ClaimDelivery(ctx, due[1].ID, t1.Add(time.Minute)); !ok {
		t.Fatal("the first digest's last part was superseded")
	}
	s.MarkSent(ctx, due[1].ID, t1, "")
	if n, err := s.QueueDigest(ctx, "tg:1", t1, t2, next); n != 1 || err != nil {
		t.Errorf("once the first is delivered: %d, %v", n, err)
	}
}
