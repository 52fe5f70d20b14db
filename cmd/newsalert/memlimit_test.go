package main

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimit: the daemon sets its soft memory limit unless the
// operator's GOMEMLIMIT does.
func TestMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)

	t.Setenv("GOMEMLIMIT", "")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("without GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}
	debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "300MiB")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT: limit %d, want it left at %d", got, before)
	}
}
