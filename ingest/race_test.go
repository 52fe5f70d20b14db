//go:build race

package ingest

// raceDetector is true in tests built with -race.
const raceDetector = true
