package alerts

import (
	"context"
	"time"
)

// What a mute held back: while a reader is muted it gets no immediate
// alert (Audience.Immediate leaves it out), but every story stays in the
// store, so what its alerts would have told is the digest of the muted
// period on the topics it gets alerts for.

// Held is r's digest of (since, until] on the topics it is alerted about
// at once: what a mute over that period held back.
func (s *DigestScheduler) Held(ctx context.Context, r Reader, since, until time.Time) (Digest, error) {
	return s.digest(ctx, r, s.topicsOf(r, alertedTopics), since, until)
}

// SendHeld queues Held as a digest to r; key makes it idempotent.
func (s *DigestScheduler) SendHeld(ctx context.Context, r Reader, since, until time.Time, key string) (int, error) {
	return s.queueNow(ctx, r, alertedTopics, since, until, key)
}
