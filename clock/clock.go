// Package clock is where newsalert reads the time of day. Every component
// that needs it is given a clock (a func returning now) when it is built:
// cmd/newsalert gives them Wall, tests a clock of their own, so that no
// test depends on today's date. Elsewhere time.Now only measures
// durations.
package clock

import (
	"context"
	"time"
)

// Wall reads the machine's clock: the product's one default clock. In
// test builds with the clockshift tag it is moved by a fixed amount (see
// shift.go).
func Wall() time.Time { return time.Now().Add(shift) }

// Shift is how far Wall is moved from the machine's clock: always zero
// outside clockshift builds.
func Shift() time.Duration { return shift }

// Sleep waits d on the machine's timer, or less if ctx ends first, and
// returns ctx's error then: the product's one default way to wait, beside
// Wall. A component that waits on a clock it is given takes a Sleep too,
// so that a test on a clocktest.Clock passes that clock's Sleep.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
