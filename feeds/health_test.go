package feeds

import (
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	busy := Rhythm{Items: 30 * 14, First: now.Add(-15 * day), Latest: now.Add(-day)} // ~30 a day, none for a day
	busyFresh := Rhythm{Items: 30 * 14, First: now.Add(-14 * day), Latest: now.Add(-time.Hour)}
	weekly := Rhythm{Items: 2, First: now.Add(-14 * day), Latest: now.Add(-6 * day)}
	daily := Rhythm{Items: 28, First: now.Add(-28 * day), Latest: now.Add(-2 * day)} // one a day, two days quiet
	dailyDead := Rhythm{Items: 28, First: now.Add(-40 * day), Latest: now.Add(-12 * day)}
	ok := State{URL: "u", LastSuccess: now}
	cases := []struct {
		name   string
		st     State
		polled bool
		r      Rhythm
		want   string
	}{
		{"never polled", State{}, false, busy, ""},
		{"healthy busy feed", ok, true, busyFresh, ""},
		{"busy feed silent for a day", ok, true, busy, "silent"},
		{"weekly feed quiet for six days", ok, true, weekly, ""},
		{"daily feed quiet for two days", ok, true, daily, ""},
		{"daily feed quiet for twelve days", ok, true, dailyDead, "silent"},
		{"failing below the threshold", State{ConsecutiveErrors: 4, LastError: "HTTP 500"}, true, busyFresh, ""},
		{"unhealthy", State{ConsecutiveErrors: 5, LastError: "HTTP 500"}, true, busyFresh, "unhealthy"},
		{"unhealthy beats silent", State{ConsecutiveErrors: 7, LastError: "HTTP 404"}, true, busy, "unhealthy"},
		{"disabled", State{Disabled: "HTTP 410 Gone"}, true, busyFresh, "disabled"},
	}
	for _, c := range cases {
		got := Judge(c.st, c.polled, c.r, DefaultTiming, now)
		if got.Reason != c.want {
			t.Errorf("%s: reason %q, want %q (%+v)", c.name, got.Reason, c.want, got)
		}
	}
}

func TestJudgeCarriesTheCause(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	got := Judge(State{ConsecutiveErrors: 5, LastError: "HTTP 404"}, true, Rhythm{}, DefaultTiming, now)
	if got.Detail != "HTTP 404" {
		t.Errorf("detail %q, want the last error", got.Detail)
	}
	got = Judge(State{}, true, Rhythm{Items: 100, First: now.Add(-10 * 24 * time.Hour), Latest: now.Add(-30 * time.Hour)}, DefaultTiming, now)
	if got.Reason != "silent" || got.Detail != "30" {
		t.Errorf("got %+v, want silent for 30 hours", got)
	}
}
