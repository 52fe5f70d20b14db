//go:build race

package rules

// raceEnabled: the race detector is on, and sync.Pool drops what is put
// in it at random, so a pooled scan's cache may be lost between calls.
const raceEnabled = true
