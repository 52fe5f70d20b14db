package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// While the writer is inside a long transaction (a large feed being
// recorded), the health check, the outbox gauges and /status's counts
// still answer: they read on connections of their own.
func TestReadersAnswerWhileTheWriterIsBusy(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	if _, err := addItem(t, s, item("a"), nil, []Delivery{{Destination: "tg:1", Payload: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.BeginTx(ctx, nil) // the writer's one connection, held
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1`); err != nil {
		t.Fatal(err)
	}
	for name, read := range map[string]func(context.Context) error{
		"Ping":                 s.Ping,
		"OutboxDepth":          func(ctx context.Context) error { _, _, err := s.OutboxDepth(ctx); return err },
		"ItemCounts":           func(ctx context.Context) error { _, err := s.ItemCounts(ctx); return err },
		"RecentDeliveryErrors": func(ctx context.Context) error { _, err := s.RecentDeliveryErrors(ctx, 5); return err },
	} {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		if err := read(ctx); err != nil {
			t.Errorf("%s while the writer is busy: %v", name, err)
		}
		cancel()
	}
	if pending, _, _ := s.OutboxDepth(ctx); pending != 1 {
		t.Errorf("outbox depth read beside the writer = %d; want the committed 1", pending)
	}
}
