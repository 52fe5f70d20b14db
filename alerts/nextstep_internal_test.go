package alerts

import (
	"errors"
	"testing"
	"time"
)

// TestNextStep: what becomes of an entry its receiver did not accept, by
// the reason its sender gave.
func TestNextStep(t *testing.T) {
	err := errors.New("refused")
	tests := []struct {
		name      string
		se        *SendError
		attempts  int
		canFollow bool
		want      step
	}{
		{"a network error waits its backoff", AsSendError(err), 0, true, step{"retry", retry, 15 * time.Second}},
		{"the backoff doubles with each attempt", AsSendError(err), 2, true, step{"retry", retry, time.Minute}},
		{"a 429 waits what Telegram asked", &SendError{Reason: RateLimited, After: 7 * time.Second, Err: err}, 5, true, step{"retry", retry, 7 * time.Second}},
		{"a rejected message fails", &SendError{Reason: Rejected, Err: err}, 0, true, step{"failed", fail, 0}},
		{"a blocked bot fails and the chat is gone", &SendError{Reason: Gone, Err: err}, 0, true, step{"failed", deactivate, 0}},
		{"a moved group is followed", &SendError{Reason: Moved, To: "-100", Err: err}, 0, true, step{"retry", follow, 0}},
		{"a moved group without a directory fails", &SendError{Reason: Moved, To: "-100", Err: err}, 0, false, step{"failed", fail, 0}},
	}
	for _, tt := range tests {
		if got := nextStep(tt.se, tt.attempts, tt.canFollow); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
