package main

import (
	"slices"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/metrics"
)

// TestStatusReadsTheSendMetrics: /status says what newsalert_sends_total
// counted, by result and reason.
func TestStatusReadsTheSendMetrics(t *testing.T) {
	m := metrics.New(nil, clock.Wall)
	for range 3 {
		m.Sent("telegram", "sent", "", time.Millisecond)
	}
	m.Sent("telegram", "retry", "rate_limited", time.Millisecond)
	m.Sent("telegram", "failed", "gone", time.Millisecond)
	m.Sent("telegram", "retry", "transient", time.Millisecond)
	m.Sent("email", "sent", "", time.Millisecond)
	m.Sent("email", "auth_failed", "auth_failed", time.Millisecond)
	m.Sent("email", "failed", "rejected", time.Millisecond)
	got := sendLines(i18n.For("en"), m.SendCounts, true, 2, true)
	want := []string{
		"Telegram: 3 sent, 1 rate-limited, 2 resent as plain text, 1 chats gone, 0 moved, 0 rejected, 1 transient failures (retried)",
		"E-mail: 1 sent, 0 temporary failures (retried), 1 rejected, 1 logins refused (held; check the SMTP credentials)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("lines:\n%q\nwant\n%q", got, want)
	}
	// An admin who reads Russian gets the same figures in Russian.
	got = sendLines(i18n.For("ru"), m.SendCounts, true, 2, true)
	want = []string{
		"Telegram: 3 отправлено, 1 упёрлись в лимит, 2 переотправлено простым текстом, 1 чатов недоступны, 0 переехали, 0 отклонено, 1 временных сбоев (повторены)",
		"Почта: 1 отправлено, 0 временных сбоев (повторены), 1 отклонено, 1 отказов во входе (письма ждут; проверьте учётные данные SMTP)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Russian lines:\n%q\nwant\n%q", got, want)
	}
}
