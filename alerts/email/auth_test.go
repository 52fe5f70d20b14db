package email

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
	"github.com/wneessen/go-mail"
)

// syncBuffer is a log's output, written by the dispatcher's workers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A wrong SMTP password (535) is the operator's to fix, not the message's
// fault: the digests wait in the outbox (none is failed, none lost), the
// channel is not asked again for a while (no login attempt per digest,
// per flush), the failure is logged as an error naming the cause without
// the password and counted under its own label; once the password is
// right (a restart), the digests go out at once, each once.
func TestWrongPasswordHoldsTheChannel(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	stamp := time.Now().UnixNano()
	var to []string
	for i := range 2 {
		addr := fmt.Sprintf("auth-%d-%d@example.org", i, stamp)
		to = append(to, addr)
		payload, _ := alerts.Message{Text: &alerts.Text{Subject: "digest", Plain: "p", HTML: "<p>p</p>",
			ID: fmt.Sprint("auth-test.", i, ".", stamp)}}.Encode()
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Destination: "email:" + addr, Key: "digest:1", Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}
	wrong := smtpOf(mp, "starttls")
	wrong.Password = "not-the-password"
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	obs := alertstest.NewAttempts()
	sender := NewSender(wrong, "alerts@example.org", Unsubscribe{}, clk.Now, log)
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"email": sender}, alerts.DispatcherOptions{Observer: obs}, clk.Now, log)

	if _, err := disp.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	tried := obs.Total()
	if n := obs.Count("email", "auth_failed", ""); n == 0 || n != tried {
		t.Errorf("observed %v; want each attempt counted as auth_failed", obs)
	}
	if ob, _ := st.OutboxStats(ctx); ob.Pending != 2 || ob.Failed != 0 {
		t.Errorf("outbox %+v; want both digests still pending", ob)
	}
	out := logs.String()
	if !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "535") || !strings.Contains(strings.ToLower(out), "password") {
		t.Errorf("log lacks an error naming the refused login:\n%s", out)
	}
	if strings.Contains(out, wrong.Password) {
		t.Errorf("the password is in the log:\n%s", out)
	}

	// Within the hold, nothing is tried, however often the outbox is flushed.
	for range 10 {
		clk.Add(time.Minute)
		if _, err := disp.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if obs.Total() != tried {
		t.Errorf("%d more attempts within the hold (%v); want none", obs.Total()-tried, obs)
	}
	// After it, one more try, refused again: no digest arrived meanwhile.
	clk.Add(alerts.ChannelHold)
	disp.Flush(ctx)
	if obs.Count("email", "auth_failed", "") != tried+1 {
		t.Errorf("after the hold: %v; want one more refused attempt", obs)
	}

	// The operator fixes the password and restarts: each digest goes out
	// at once, once.
	fixed := alerts.NewDispatcher(st, map[string]alerts.Sender{"email": NewSender(smtpOf(mp, "starttls"), "alerts@example.org", Unsubscribe{}, clk.Now, log)}, alerts.DispatcherOptions{}, clk.Now, log)
	if got, err := fixed.Flush(ctx); err != nil || got.Sent != 2 {
		t.Fatalf("after the fix: %+v, %v; want both sent", got, err)
	}
	for _, addr := range to {
		if msgs, err := mp.WaitMessages(ctx, addr, 1, 5*time.Second); err != nil || len(msgs) != 1 {
			t.Errorf("%s got %d messages (%v); want 1", addr, len(msgs), err)
		}
	}
}

func TestLoginRefused(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("dial failed: SMTP AUTH failed: %w", &textproto.Error{Code: 535, Msg: "5.7.8 Authentication credentials invalid"}), true},
		{fmt.Errorf("dial failed: %w", &textproto.Error{Code: 530, Msg: "5.7.0 Authentication required"}), true},
		{fmt.Errorf("dial failed: %w", &textproto.Error{Code: 534, Msg: "5.7.9 Please log in with your web browser"}), true},
		{fmt.Errorf("dial failed: %w", &textproto.Error{Code: 538, Msg: "5.7.11 Encryption required"}), true},
		{fmt.Errorf("dial failed: %w", mail.ErrPlainAuthNotSupported), true},
		{fmt.Errorf("dial failed: %w", &textproto.Error{Code: 454, Msg: "4.7.0 Temporary authentication failure"}), false},
		{fmt.Errorf("dial failed: %w", &textproto.Error{Code: 550, Msg: "5.1.1 No such user"}), false},
		{errors.New("dial tcp 127.0.0.1:25: connection refused"), false},
	} {
		if got := loginRefused(tc.err); got != tc.want {
			t.Errorf("loginRefused(%v) = %v", tc.err, got)
		}
	}
}

// OnLoginRefused is told once when the server begins refusing the login,
// not at each message; a server that cannot be reached meanwhile changes
// nothing; after a message goes through, a new refusal is told again. The
// error it is given names the user, not the password.
func TestOnLoginRefusedOncePerRun(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	ctx := context.Background()
	right := smtpOf(mp, "starttls")
	wrong := right
	wrong.Password = "not-the-password-" + fmt.Sprint(time.Now().UnixNano())
	unreachable := right
	unreachable.Port = closedPort(t)
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	s := NewSender(wrong, "alerts@example.org", Unsubscribe{}, clk.Now, slog.New(slog.DiscardHandler))
	var told []error
	recovered := 0
	s.OnLoginRefused(func(_ context.Context, err error) { told = append(told, err) })
	s.OnLoginRecovered(func(context.Context) { recovered++ })
	to := fmt.Sprintf("hook-%d@example.org", time.Now().UnixNano())
	send := func(server SMTP) error {
		s.smtp = server
		return s.Send(ctx, to, digestText(t))
	}
	for _, step := range []struct {
		server          SMTP
		told, recovered int
	}{
		{wrong, 1, 0}, {wrong, 1, 0}, {unreachable, 1, 0}, {wrong, 1, 0}, // one run of refusals
		{right, 1, 1}, {right, 1, 1}, // a success ends it, once
		{wrong, 2, 1}, {wrong, 2, 1}, // a new run
	} {
		err := send(step.server)
		var chErr *alerts.ChannelError
		if step.server == wrong && (!errors.As(err, &chErr) || chErr.Reason != "auth_failed") {
			t.Errorf("wrong password: %v; want a ChannelError auth_failed", err)
		}
		if len(told) != step.told || recovered != step.recovered {
			t.Fatalf("after sending via port %d as %s: told %d times, recovered %d; want %d, %d",
				step.server.Port, step.server.Username, len(told), recovered, step.told, step.recovered)
		}
	}
	for _, err := range told {
		if !strings.Contains(err.Error(), "refused the login as \""+right.Username+"\"") || strings.Contains(err.Error(), wrong.Password) {
			t.Errorf("told %v", err)
		}
	}
}

// closedPort is a local port nothing listens on.
func closedPort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}
