package email

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/alertstest"
	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

func smtpOf(mp *mailpittest.Server, tlsMode string) SMTP {
	return SMTP{Host: mp.Host, Port: mp.Port, TLS: tlsMode, Username: mp.Username, Password: mp.Password,
		RootCAs: mp.RootCAs, Timeout: 10 * time.Second}
}

func digestText(t *testing.T) alerts.Message {
	r, err := Render(hostileDigest(), "https://example.org/unsub?u=1")
	if err != nil {
		t.Fatal(err)
	}
	return alerts.Message{Text: &alerts.Text{Subject: "Дайджест: " + r.Subject, Plain: r.Text, HTML: r.HTML, ID: "digest-test." + t.Name()}}
}

// A digest goes out over STARTTLS with AUTH and arrives whole: recipient,
// UTF-8 subject, both parts, feed text escaped, the list headers.
func TestSendOverSTARTTLS(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	ctx := context.Background()
	to := fmt.Sprintf("analyst-%d@example.org", time.Now().UnixNano())
	unsub, err := NewUnsubscribe("https://example.org/unsubscribe?t={token}", []byte("a test secret of 32 bytes, or so"))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(smtpOf(mp, "starttls"), "Новости newsalert <alerts@example.org>", unsub, clock.Wall, slog.New(slog.DiscardHandler))
	if err := s.Send(ctx, to, digestText(t)); err != nil {
		t.Fatal(err)
	}
	msgs, err := mp.WaitMessages(ctx, to, 1, 5*time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("messages to %s: %d, %v", to, len(msgs), err)
	}
	m := msgs[0]
	if m.Subject != `Дайджест: <script>alert("x")</script> Задержаны & осуждены — and 1 more story` || m.From.Address != "alerts@example.org" ||
		m.From.Name != "Новости newsalert" ||
		len(m.To) != 1 || m.To[0].Address != to {
		t.Errorf("envelope: %+v", m)
	}
	if !strings.Contains(m.Text, "* Second story") || !strings.Contains(m.HTML, "&lt;script&gt;") || strings.Contains(m.HTML, "<script>") {
		t.Errorf("parts: text %q…, HTML escaped: %v", m.Text[:40], strings.Contains(m.HTML, "&lt;script&gt;"))
	}
	h, err := mp.Headers(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := h["List-Unsubscribe"]; len(got) != 1 || got[0] != "<https://example.org/unsubscribe?t="+unsub.Tokens().Make(to)+">" {
		t.Errorf("List-Unsubscribe = %q", got)
	}
	if got := h["List-Unsubscribe-Post"]; len(got) != 1 || got[0] != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	if m.MessageID != "digest-test.TestSendOverSTARTTLS@newsalert" {
		t.Errorf("Message-ID = %q", m.MessageID)
	}
	if !strings.HasPrefix(h["Content-Type"][0], "multipart/alternative") {
		t.Errorf("Content-Type = %q", h["Content-Type"])
	}
}

// Implicit TLS, with each AUTH mechanism.
func TestSendOverImplicitTLS(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.TLS)
	ctx := context.Background()
	for _, auth := range []string{"", "plain", "login"} {
		to := fmt.Sprintf("tls-%s-%d@example.org", auth, time.Now().UnixNano())
		server := smtpOf(mp, "tls")
		server.Auth = auth
		s := NewSender(server, "alerts@example.org", Unsubscribe{}, clock.Wall, slog.New(slog.DiscardHandler))
		if err := s.Send(ctx, to, digestText(t)); err != nil {
			t.Fatalf("auth %q: %v", auth, err)
		}
		if msgs, err := mp.WaitMessages(ctx, to, 1, 5*time.Second); err != nil || len(msgs) != 1 {
			t.Fatalf("auth %q: messages: %d, %v", auth, len(msgs), err)
		}
	}
}

// A local relay: no TLS, no AUTH.
func TestSendToPlainRelay(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.Plain)
	ctx := context.Background()
	to := fmt.Sprintf("plain-%d@example.org", time.Now().UnixNano())
	server := smtpOf(mp, "none")
	server.Username = ""
	if err := NewSender(server, "alerts@example.org", Unsubscribe{}, clock.Wall, slog.New(slog.DiscardHandler)).Send(ctx, to, digestText(t)); err != nil {
		t.Fatal(err)
	}
	if msgs, err := mp.WaitMessages(ctx, to, 1, 5*time.Second); err != nil || len(msgs) != 1 {
		t.Fatalf("messages: %d, %v", len(msgs), err)
	}
}

// Misconfigurations fail with a clear error and send nothing: a server
// certificate nobody vouches for (verification is on), a plain connection
// to a server that requires STARTTLS, a wrong password.
func TestSendRefusals(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.StartTLS)
	ctx := context.Background()
	untrusted := smtpOf(mp, "starttls")
	untrusted.RootCAs = nil
	plain := smtpOf(mp, "none") // a local relay needs no AUTH; this server wants STARTTLS first
	plain.Username = ""
	wrong := smtpOf(mp, "starttls")
	wrong.Password = "not-the-password"
	for name, tc := range map[string]struct {
		server SMTP
		want   string
	}{
		"untrusted certificate": {untrusted, "certificate"},
		"plain to STARTTLS":     {plain, "STARTTLS"},
		"wrong password":        {wrong, "auth"},
	} {
		to := fmt.Sprintf("refused-%d@example.org", time.Now().UnixNano())
		err := NewSender(tc.server, "alerts@example.org", Unsubscribe{}, clock.Wall, slog.New(slog.DiscardHandler)).Send(ctx, to, digestText(t))
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tc.want)) {
			t.Errorf("%s: err = %v; want one about %s", name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), mp.Password) {
			t.Errorf("%s: the password is in the error", name)
		}
		if msgs, _ := mp.MessagesTo(ctx, to); len(msgs) != 0 {
			t.Errorf("%s: a message arrived", name)
		}
	}
}

// The mail server refuses (451) when the digest is due and accepts later:
// the digest arrives once, complete. A 5xx fails it for good, counted.
func TestDigestSurvivesAMailServerOutage(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.TLS)
	ctx := context.Background()
	t.Cleanup(func() { mp.AcceptAll(context.Background()) })
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 2, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	to := fmt.Sprintf("outage-%d@example.org", time.Now().UnixNano())
	dest := "email:" + to
	created := clk.Now().Add(-2 * time.Hour)
	st.AddSubscriber(ctx, dest, to, created)
	for i, title := range []string{"ИГИЛ: задержан вербовщик в Бишкеке", "Second ISKP story", "Third ISKP story"} {
		it := feeds.Item{Key: fmt.Sprint("k", i), FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: title,
			Link: fmt.Sprint("https://24.kg/", i), FirstSeen: created.Add(time.Duration(i+1) * time.Minute)}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.DiscardHandler)
	audience := alerts.NewAudience(st, []alerts.Configured{{Destination: dest, Topics: []string{"iskp"}, DigestOnly: true,
		Schedule: "CRON_TZ=Asia/Almaty */5 * * * *"}}, clk.Now)
	sched := alerts.NewDigestScheduler(st, audience, map[string]alerts.DigestRenderer{"email": Renderer(Unsubscribe{}, log)},
		m.Topics, clk.Now, log)
	sender := NewSender(smtpOf(mp, "tls"), "alerts@example.org", Unsubscribe{}, clk.Now, log)
	obs := alertstest.NewAttempts()
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"email": sender}, alerts.DispatcherOptions{Observer: obs}, clk.Now, log)

	if err := mp.RefuseRecipients(ctx, 451); err != nil {
		t.Fatal(err)
	}
	if n, err := sched.QueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("queued %d, %v", n, err)
	}
	if got, err := disp.Flush(ctx); err != nil || got.Retrying != 1 {
		t.Fatalf("flush during the outage = %+v, %v", got, err)
	}
	mp.AcceptAll(ctx)
	clk.Add(alerts.Backoff(1) + time.Second)
	if got, err := disp.Flush(ctx); err != nil || got.Sent != 1 {
		t.Fatalf("flush after the outage = %+v, %v", got, err)
	}
	disp.Flush(ctx)
	mp.WaitMessages(ctx, to, 1, 5*time.Second)
	time.Sleep(200 * time.Millisecond)
	msgs, _ := mp.MessagesTo(ctx, to)
	if len(msgs) != 1 {
		t.Fatalf("%d messages; want the digest once", len(msgs))
	}
	for _, title := range []string{"ИГИЛ: задержан вербовщик в Бишкеке", "Second ISKP story", "Third ISKP story"} {
		if !strings.Contains(msgs[0].Text, title) {
			t.Errorf("the digest lacks %q", title)
		}
	}
	if obs.Count("email", "retry", "") != 1 || obs.Count("email", "sent", "") != 1 {
		t.Errorf("attempts observed %v; want one retry, then one sent", obs)
	}
	sub, _ := st.Subscriber(ctx, dest)
	if sub.DigestSentUntil.IsZero() {
		t.Error("the delivered digest was not recorded")
	}

	// 550: failed for good with the server's words, not retried.
	if err := mp.RefuseRecipients(ctx, 550); err != nil {
		t.Fatal(err)
	}
	err = sender.Send(ctx, to, digestText(t))
	if alerts.AsSendError(err).Reason != alerts.Rejected || !strings.Contains(err.Error(), "550") {
		t.Errorf("550: err = %v; want rejected with the server's words", err)
	}
}
