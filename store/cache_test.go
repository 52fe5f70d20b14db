package store

import "testing"

// A reader that started before a change does not keep what it read.
func TestCacheDropsARacedFill(t *testing.T) {
	var c cache[int]
	if v, _ := c.get(); v != nil {
		t.Fatal("empty cache has a value")
	}
	_, gen := c.get()
	c.invalidate() // a change commits while the reader queries
	c.fill(gen, 1)
	if v, _ := c.get(); v != nil {
		t.Errorf("a stale answer was kept: %d", *v)
	}
	_, gen = c.get()
	c.fill(gen, 2)
	if v, _ := c.get(); v == nil || *v != 2 {
		t.Errorf("cache = %v, want 2", v)
	}
}
