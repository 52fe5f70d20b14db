package feeds

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
)

// TestHostOf: the poller's per-host slots and the Telegram gate key on
// the same host: a URL's host with its port, the target itself when it is
// not a URL.
func TestHostOf(t *testing.T) {
	for target, want := range map[string]string{
		"https://t.me/s/kaktus_media?before=100": "t.me",
		"http://127.0.0.1:8080/feed.xml":         "127.0.0.1:8080",
		"https://24.kg/rss/":                     "24.kg",
		"::not a url":                            "::not a url",
	} {
		if got := hostOf(target); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", target, got, want)
		}
	}
}

// TestHostGate: requests to one host go a gap apart on the gate's clock,
// other hosts are not held up, and a wait that its context ends gives its
// turn back.
func TestHostGate(t *testing.T) {
	clk := clocktest.New(time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	var waited []time.Duration
	cancelNext := false
	g := newHostGate(time.Second, clk.Now, func(ctx context.Context, d time.Duration) error {
		waited = append(waited, d)
		if cancelNext {
			return context.Canceled
		}
		return clk.Sleep(ctx, d)
	})
	ctx := context.Background()
	for _, target := range []string{"https://t.me/s/a", "https://t.me/s/b", "https://t.me/s/c", "https://other.example/x"} {
		if err := g.wait(ctx, target); err != nil {
			t.Fatal(err)
		}
	}
	cancelNext = true
	if err := g.wait(ctx, "https://t.me/s/d"); err == nil {
		t.Error("a cancelled wait returned nil")
	}
	cancelNext = false
	if err := g.wait(ctx, "https://t.me/s/d"); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{0, time.Second, time.Second, 0, time.Second, time.Second}
	if fmt.Sprint(waited) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", waited, want)
	}
}
