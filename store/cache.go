package store

import "sync"

// cache keeps one answer read from the database until a change makes it
// stale. A reader that raced a change does not keep what it read: the
// generation it started from has passed.
type cache[T any] struct {
	mu  sync.Mutex
	gen uint64
	val *T
}

// get returns the cached answer, or nil and the generation to fill with.
func (c *cache[T]) get() (*T, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.val, c.gen
}

// fill keeps v if nothing changed since generation gen.
func (c *cache[T]) fill(gen uint64, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.val = &v
	}
}

// invalidate drops the answer; call it after a change is committed.
func (c *cache[T]) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.val = nil
}
