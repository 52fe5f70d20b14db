// Package clocktest provides a clock for tests, set and moved by hand.
package clocktest

import (
	"context"
	"sync"
	"time"
)

// Clock is a clock that stands still until it is set or moved. It is safe
// for use by several goroutines; pass its Now method where a component
// takes a clock.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock standing at t.
func New(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the time the clock stands at.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Add moves the clock on by d and returns the new time.
func (c *Clock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Sleep moves the clock on by d at once, as if d had passed, and returns
// ctx's error: what a component given this clock waits with.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.Add(d)
	return ctx.Err()
}
