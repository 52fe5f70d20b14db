package feeds

import (
	"context"
	"net/url"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsalert/newsalert/clock"
)

// hostGate spaces requests to the same host: at most one per gap, on the
// poller's clock.
type hostGate struct {
	gap   time.Duration
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
	mu    sync.Mutex
	hosts map[string]*rate.Limiter
}

func newHostGate(gap time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) *hostGate {
	if sleep == nil {
		sleep = clock.Sleep
	}
	return &hostGate{gap: gap, now: now, sleep: sleep, hosts: map[string]*rate.Limiter{}}
}

// wait blocks until a request to target's host may go. A wait that ctx
// ends gives its turn back.
func (g *hostGate) wait(ctx context.Context, target string) error {
	if g.gap <= 0 {
		return nil
	}
	host := hostOf(target)
	g.mu.Lock()
	l, ok := g.hosts[host]
	if !ok {
		l = rate.NewLimiter(rate.Every(g.gap), 1)
		g.hosts[host] = l
	}
	g.mu.Unlock()
	now := g.now()
	r := l.ReserveN(now, 1)
	if err := g.sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(g.now())
		return err
	}
	return nil
}

// hostOf is the host (with its port) that politeness is kept per: the
// target URL's, or the whole target when it does not parse.
func hostOf(target string) string {
	if u, err := url.Parse(target); err == nil {
		return u.Host
	}
	return target
}
