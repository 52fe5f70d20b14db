package alerts

import (
	"errors"
	"time"
)

// Reason is why a message was not accepted. It decides what the
// dispatcher does next and labels newsalert_sends_total.
type Reason string

const (
	Transient   Reason = "transient"    // a network error or a 5xx: retried with backoff
	RateLimited Reason = "rate_limited" // retried no sooner than the wait asked for
	Rejected    Reason = "rejected"     // retrying cannot fix it: the delivery fails
	Gone        Reason = "gone"         // the destination refuses everything (bot blocked, removed)
	Moved       Reason = "moved"        // the destination has a new address (a group became a supergroup)
)

// SendError is a sender's failure with its reason.
type SendError struct {
	Reason Reason
	After  time.Duration // RateLimited: the wait asked for
	To     string        // Moved: the new address, on the same channel
	Err    error
}

func (e *SendError) Error() string { return e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// AsSendError finds err's SendError; any other error is Transient.
func AsSendError(err error) *SendError {
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	return &SendError{Reason: Transient, Err: err}
}
