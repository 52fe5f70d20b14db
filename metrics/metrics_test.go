package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
)

type fakeOutbox struct {
	pending int
	oldest  time.Time
}

func (f fakeOutbox) OutboxDepth(context.Context) (int, time.Time, error) {
	return f.pending, f.oldest, nil
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, string(body)
}

func TestMetricsExposition(t *testing.T) {
	clk := clocktest.New(time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC))
	m := New(fakeOutbox{pending: 3, oldest: clk.Now().Add(-90 * time.Second)}, clk.Now)
	m.Polled("24.kg", "ok", 50)
	m.Polled("24.kg", "not_modified", 0)
	m.Polled("kabar", "error", 0)
	m.Matched("iskp")
	m.Matched("iskp")
	m.Joined(false)
	m.Joined(true)
	m.Joined(true)
	m.FollowedUp(2)
	m.FollowedUp(1)
	m.Sent("telegram", "sent", "", 120*time.Millisecond)
	m.Sent("email", "retry", "rate_limited", 2*time.Second)
	m.Reloaded(true)
	m.Reloaded(false)
	code, body := get(t, m.Handler(m.Readiness(func(context.Context) error { return nil }, time.Hour)), "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`newsalert_feed_polls_total{feed="24.kg",result="ok"} 1`,
		`newsalert_feed_polls_total{feed="kabar",result="error"} 1`,
		`newsalert_feed_items_total{feed="24.kg"} 50`,
		`newsalert_matches_total{topic="iskp"} 2`,
		`newsalert_story_joins_total{by="words"} 1`,
		`newsalert_story_joins_total{by="meaning"} 2`,
		`newsalert_follow_ups_total 3`,
		`newsalert_sends_total{channel="telegram",reason="",result="sent"} 1`,
		`newsalert_sends_total{channel="email",reason="rate_limited",result="retry"} 1`,
		`newsalert_send_duration_seconds_count{channel="telegram"} 1`,
		`newsalert_rules_reloads_total{result="error"} 1`,
		`newsalert_outbox_pending 3`,
		"newsalert_outbox_oldest_pending_age_seconds 90\n",
		"newsalert_last_poll_timestamp_seconds 1.7957664e+09\n", // the clock's time
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	clk := clocktest.New(time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC))
	m := New(fakeOutbox{}, clk.Now)
	var storeErr error
	ready := m.Readiness(func(context.Context) error { return storeErr }, time.Hour)
	h := m.Handler(ready)
	if code, body := get(t, h, "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "scheduler not running") {
		t.Errorf("/readyz before the scheduler runs = %d %q", code, body)
	}
	ready.SchedulerRunning(true)
	if code, _ := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz while starting = %d; the first poll gets a grace period", code)
	}
	storeErr = errors.New("database is locked")
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "store: database is locked") {
		t.Errorf("/readyz with the store down = %d %q", code, body)
	}
	storeErr = nil
	clk.Add(2 * time.Hour)
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "no poll finished for 2h") {
		t.Errorf("/readyz with no recent poll = %d %q", code, body)
	}
	ready.SetMaxPollAge(3 * time.Hour) // a reload brought slower feeds
	if code, _ := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz within the new poll age = %d", code)
	}
	ready.SetMaxPollAge(time.Hour)
	m.Polled("24.kg", "ok", 1)
	if code, _ := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz after a poll = %d", code)
	}
	ready.Recorded(errors.New("record 24.kg: database or disk is full"))
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "recording failed: record 24.kg: database or disk is full") {
		t.Errorf("/readyz when the store cannot record = %d %q", code, body)
	}
	ready.Recorded(nil)
	if code, _ := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz once a record succeeds = %d", code)
	}
}
