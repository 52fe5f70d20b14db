package clock_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
)

func TestWallIsTheMachinesClockMovedByShift(t *testing.T) {
	before := time.Now()
	wall := clock.Wall()
	after := time.Now()
	if wall.Before(before.Add(clock.Shift())) || wall.After(after.Add(clock.Shift())) {
		t.Errorf("Wall() = %v; want between %v and %v", wall, before.Add(clock.Shift()), after.Add(clock.Shift()))
	}
}

// A shifted run that forgot the build tag would prove nothing: it fails
// here instead.
func TestShiftIsTakenWhenAskedFor(t *testing.T) {
	v := os.Getenv("NEWSALERT_CLOCK_SHIFT")
	if v == "" {
		return
	}
	want, err := time.ParseDuration(v)
	if err != nil {
		t.Fatalf("NEWSALERT_CLOCK_SHIFT=%q: %v", v, err)
	}
	if clock.Shift() != want {
		t.Errorf("NEWSALERT_CLOCK_SHIFT=%s but Wall is moved by %v: run the tests with -tags clockshift", v, clock.Shift())
	}
}

// TestSleepEndsWithItsContext: a wait whose context ends returns at once
// with the context's error, however long it was to be; a wait of nothing
// returns nil.
func TestSleepEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := clock.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(cancelled, 1h) = %v, want context.Canceled", err)
	}
	if err := clock.Sleep(context.Background(), 0); err != nil {
		t.Errorf("Sleep(0) = %v, want nil", err)
	}
}
