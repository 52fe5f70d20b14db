package store

import (
	"context"
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
	due, err := s.DueDeliveries(ctx, t0.Add(time.Hour), 10)
	if err != nil || len(due) != 2 {
		t.Fatalf("due: %d, %v", len(due), err)
	}
	FillUp(t, s)
	for _, e := range due {
		if err := s.MarkSent(ctx, e.ID, t0, "42"); err == nil || !strings.Contains(err.Error(), "database or disk is full") {
			t.Errorf("entry %s: MarkSent on a full disk = %v; want SQLITE_FULL", e.ItemKey, err)
		}
	}
	if again, _ := s.DueDeliveries(ctx, t0.Add(time.Hour), 10); len(again) != 2 {
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
