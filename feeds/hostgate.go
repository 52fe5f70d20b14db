package feeds

import (
	"context"
	"net/url"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// hostGate spaces requests to the same host: at most one per gap.
type hostGate struct {
	gap   time.Duration
	mu    sync.Mutex
	hosts map[string]*rate.Limiter
}

func newHostGate(gap time.Duration) *hostGate {
	return &hostGate{gap: gap, hosts: map[string]*rate.Limiter{}}
}

// wait blocks until a request to target's host may go.
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
	return l.Wait(ctx)
}

// hostOf is the host (with its port) that politeness is kept per: the
// target URL's, or the whole target when it does not parse.
func hostOf(target string) string {
	if u, err := url.Parse(target); err == nil {
		return u.Host
	}
	return target
}
