package feeds

import (
	"fmt"
	"hash/fnv"
	"time"

	"github.com/robfig/cron/v3"
)

// Timing decides when each feed is polled next.
type Timing struct {
	// Interval is the default time between polls.
	Interval time.Duration
	// MinBackoff and MaxBackoff bound the wait after a failure, which
	// doubles with each consecutive failure.
	MinBackoff, MaxBackoff time.Duration
	// UnhealthyAfter is the number of consecutive failures after which a
	// feed is reported unhealthy (it is still retried, at MaxBackoff).
	UnhealthyAfter int
}

// DefaultTiming is used for zero fields of a Timing.
var DefaultTiming = Timing{Interval: 15 * time.Minute, MinBackoff: time.Minute, MaxBackoff: 6 * time.Hour, UnhealthyAfter: 5}

func (t Timing) withDefaults() Timing {
	if t.Interval <= 0 {
		t.Interval = DefaultTiming.Interval
	}
	if t.MinBackoff <= 0 {
		t.MinBackoff = DefaultTiming.MinBackoff
	}
	if t.MaxBackoff <= 0 {
		t.MaxBackoff = DefaultTiming.MaxBackoff
	}
	if t.UnhealthyAfter <= 0 {
		t.UnhealthyAfter = DefaultTiming.UnhealthyAfter
	}
	return t
}

// Schedule parses src's cron spec, or returns its fixed interval (the
// default when it has none) as a schedule.
func (t Timing) Schedule(src Source) (cron.Schedule, error) {
	if src.Schedule != "" {
		s, err := cron.ParseStandard(src.Schedule)
		if err != nil {
			return nil, fmt.Errorf("feed %s: schedule %q: %w", src.URL, src.Schedule, err)
		}
		return s, nil
	}
	iv := src.Interval
	if iv <= 0 {
		iv = t.withDefaults().Interval
	}
	return cron.Every(iv), nil
}

// next is when to poll src again after a poll that ended at now with
// state st (already updated) and response resp (nil when none came).
func (t Timing) next(src Source, st State, resp *Response, pollErr error, now time.Time) time.Time {
	t = t.withDefaults()
	if st.ConsecutiveErrors > 0 {
		wait := t.backoff(st.ConsecutiveErrors)
		if se, ok := statusError(pollErr); ok && se.RetryAfter > wait {
			wait = min(se.RetryAfter, 24*time.Hour)
		}
		return now.Add(wait)
	}
	sched, err := t.Schedule(src)
	if err != nil { // validated at start; poll at the default pace meanwhile
		sched = cron.Every(t.Interval)
	}
	next := sched.Next(now)
	// The server's max-age is a lower bound only when the user set no pace.
	if resp != nil && resp.MaxAge > 0 && src.Interval == 0 && src.Schedule == "" && now.Add(resp.MaxAge).After(next) {
		next = now.Add(min(resp.MaxAge, 24*time.Hour))
	}
	return next.Add(jitter(src.URL, next.Sub(now)))
}

// Unhealthy reports whether a feed in state st has failed UnhealthyAfter
// times in a row or more.
func (t Timing) Unhealthy(st State) bool {
	return st.ConsecutiveErrors >= t.withDefaults().UnhealthyAfter
}

// backoff is the wait after n consecutive failures.
func (t Timing) backoff(n int) time.Duration {
	wait := t.MinBackoff
	for i := 1; i < n && wait < t.MaxBackoff; i++ {
		wait *= 2
	}
	return min(wait, t.MaxBackoff)
}

// jitter is a delay of up to a tenth of the period (at most five minutes),
// fixed for each feed, so that feeds on the same schedule are spread out
// instead of firing in the same second.
func jitter(url string, period time.Duration) time.Duration {
	spread := min(period/10, 5*time.Minute)
	if spread <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(url))
	return time.Duration(h.Sum64() % uint64(spread))
}
