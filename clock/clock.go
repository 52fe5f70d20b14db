// Package clock is where newsalert reads the time of day. Every component
// that needs it is given a clock (a func returning now) when it is built:
// cmd/newsalert gives them Wall, tests a clock of their own, so that no
// test depends on today's date. Elsewhere time.Now only measures
// durations.
package clock

import "time"

// Wall reads the machine's clock: the product's one default clock. In
// test builds with the clockshift tag it is moved by a fixed amount (see
// shift.go).
func Wall() time.Time { return time.Now().Add(shift) }

// Shift is how far Wall is moved from the machine's clock: always zero
// outside clockshift builds.
func Shift() time.Duration { return shift }
