//go:build race

package store

// raceDetector is true in tests built with -race.
const raceDetector = true
