package feeds

import (
	"strconv"
	"time"
)

// Rhythm is how often a feed published lately, from its stored items.
type Rhythm struct {
	Items  int       // items published in the window
	First  time.Time // the earliest of them
	Latest time.Time // the newest of them
}

// Trouble says why a source needs its operators; Reason "" is healthy.
type Trouble struct {
	Reason string // "unhealthy", "disabled", "silent" or ""
	Detail string // the last error, the disable cause, or the hours silent
}

// Silence thresholds: only a feed with a known rhythm can fall silent,
// and then only after many of its usual gaps and never under MinSilence.
const (
	MinRhythmItems = 14                 // at least one a day over two weeks
	MinRhythmSpan  = 2 * 24 * time.Hour // history long enough to judge
	SilentGaps     = 10                 // usual gaps without an item
	MinSilence     = 12 * time.Hour
)

// Judge decides whether the source in state st (polled says it was
// polled at all) with rhythm r is in trouble at now.
func Judge(st State, polled bool, r Rhythm, t Timing, now time.Time) Trouble {
	switch {
	case !polled:
		return Trouble{}
	case st.Disabled != "":
		return Trouble{Reason: "disabled", Detail: st.Disabled}
	case t.Unhealthy(st):
		return Trouble{Reason: "unhealthy", Detail: st.LastError}
	}
	if quiet, ok := Silent(r, now); ok {
		return Trouble{Reason: "silent", Detail: strconv.Itoa(int(quiet.Hours()))}
	}
	return Trouble{}
}

// Silent reports how long a feed with rhythm r has been quiet, if that
// is much longer than its usual gap between items.
func Silent(r Rhythm, now time.Time) (time.Duration, bool) {
	span := r.Latest.Sub(r.First)
	if r.Items < MinRhythmItems || span < MinRhythmSpan {
		return 0, false // too little history to know its rhythm
	}
	gap := span / time.Duration(r.Items-1)
	quiet := now.Sub(r.Latest)
	return quiet, quiet >= max(MinSilence, SilentGaps*gap)
}
