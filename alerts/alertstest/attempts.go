// Package alertstest holds test doubles for package alerts.
package alertstest

import (
	"fmt"
	"sync"
	"time"
)

// Attempts is an alerts.SendObserver that counts the delivery attempts a
// Dispatcher reports, by channel, result and reason, as the metrics do.
type Attempts struct {
	mu  sync.Mutex
	got map[[3]string]int
}

// NewAttempts returns an empty count.
func NewAttempts() *Attempts { return &Attempts{got: map[[3]string]int{}} }

// Sent records one attempt.
func (a *Attempts) Sent(channel, result, reason string, _ time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.got[[3]string{channel, result, reason}]++
}

// Count is how many attempts had these labels; "" matches any.
func (a *Attempts) Count(channel, result, reason string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for k, v := range a.got {
		if match(k[0], channel) && match(k[1], result) && match(k[2], reason) {
			n += v
		}
	}
	return n
}

// Total is how many attempts were recorded.
func (a *Attempts) Total() int { return a.Count("", "", "") }

// String lists the counts, for a test's failure message.
func (a *Attempts) String() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return fmt.Sprint(a.got)
}

func match(got, want string) bool { return want == "" || got == want }
