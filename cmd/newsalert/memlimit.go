package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit when the
// operator sets no GOMEMLIMIT. Parsing a feed of 50,000 items is the
// daemon's peak; on a busy machine the collector's pacing lags behind it
// (152 MiB measured with both cores taken, 115–132 MiB idle), and the
// limit makes it collect sooner instead. It is soft: a bigger store or
// feed makes the collector work harder, never fails an allocation
// (docs/operations.md, "Memory").
const defaultMemoryLimit = 120 << 20

// limitMemory sets defaultMemoryLimit unless GOMEMLIMIT says otherwise.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
