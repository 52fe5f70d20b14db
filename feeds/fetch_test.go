package feeds_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
)

// A Retry-After date is the server's time: it is read against the reply's
// Date, so a server clock two years off from ours still gets its 3 hours;
// only a reply without a Date is read against our clock.
func TestRetryAfterDateIsReadOnTheServersClock(t *testing.T) {
	ours := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	theirs := ours.AddDate(-2, 0, 0)
	for _, tc := range []struct {
		name       string
		date       time.Time // the reply's Date; zero for none
		retryAfter string
		want       time.Duration
	}{
		{"seconds", theirs, "120", 2 * time.Minute},
		{"date on a server two years behind", theirs, httpDate(theirs.Add(3 * time.Hour)), 3 * time.Hour},
		{"date on a server two years ahead", ours.AddDate(2, 0, 0), httpDate(ours.AddDate(2, 0, 0).Add(time.Hour)), time.Hour},
		{"date in the server's past", theirs, httpDate(theirs.Add(-time.Hour)), 0},
		{"date and no Date: our clock", time.Time{}, httpDate(ours.Add(30 * time.Minute)), 30 * time.Minute},
		{"garbage", theirs, "soon", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.date.IsZero() {
					w.Header()["Date"] = nil // net/http then sends none
				} else {
					w.Header().Set("Date", httpDate(tc.date))
				}
				w.Header().Set("Retry-After", tc.retryAfter)
				w.WriteHeader(http.StatusTooManyRequests)
			}))
			defer srv.Close()
			f := feeds.NewFetcher("newsalert/test", 5*time.Second, 0, 1, clocktest.New(ours).Now)
			_, err := f.Fetch(context.Background(), srv.URL, feeds.Validators{})
			var se *feeds.StatusError
			if !errors.As(err, &se) || se.Code != http.StatusTooManyRequests {
				t.Fatalf("err = %v; want a 429 status error", err)
			}
			if se.RetryAfter != tc.want {
				t.Errorf("retry after %v; want %v", se.RetryAfter, tc.want)
			}
		})
	}
}

func httpDate(t time.Time) string { return t.UTC().Format(http.TimeFormat) }
