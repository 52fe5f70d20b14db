package email

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// A digest refused by the mail server waits in the outbox; the daemon
// stops; when it starts again after the next digest's time, the owed
// digest supersedes the waiting one, whatever the dispatcher and the
// scheduler (started together, as run.go starts them) do first: exactly
// one digest arrives, and it covers the whole period since the reader's
// last digest.
func TestOneDigestAfterARestartWithOneWaiting(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.TLS)
	ctx := context.Background()
	t.Cleanup(func() { mp.AcceptAll(context.Background()) })
	m, err := rules.Load("../../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	path := filepath.Join(t.TempDir(), "newsalert.db")
	created := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	clk := clocktest.New(created.Add(time.Hour + 30*time.Second)) // the first digest is due at 09:00
	to := fmt.Sprintf("restart-%d@example.org", time.Now().UnixNano())
	dest := "email:" + to
	configured := []alerts.Configured{{Destination: dest, Topics: []string{"iskp"}, DigestOnly: true, Schedule: "CRON_TZ=UTC 0 9 * * *"}}
	sender := NewSender(smtpOf(mp, "tls"), "alerts@example.org", Unsubscribe{}, clk.Now, log)
	add := func(st *store.Store, key, title string, at time.Time) {
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: title,
			Link: "https://24.kg/" + key, FirstSeen: at}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Fatal(err)
		}
	}

	// Before: the first digest is queued and refused (451).
	st, err := store.Open(ctx, path, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	st.AddSubscriber(ctx, dest, to, created)
	add(st, "a", "ИГИЛ: задержан вербовщик в Бишкеке", created.Add(10*time.Minute))
	sched := alerts.NewDigestScheduler(st, alerts.NewAudience(st, configured, clk.Now),
		map[string]alerts.DigestRenderer{"email": Renderer(Unsubscribe{}, log)}, m.Topics, clk.Now, log)
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"email": sender}, alerts.DispatcherOptions{}, clk.Now, log)
	if err := mp.RefuseRecipients(ctx, 451); err != nil {
		t.Fatal(err)
	}
	if n, err := sched.QueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("queued %d, %v", n, err)
	}
	if got, err := disp.Flush(ctx); err != nil || got.Retrying != 1 {
		t.Fatalf("flush during the outage = %+v, %v", got, err)
	}
	add(st, "b", "Second ISKP story", created.Add(5*time.Hour))
	st.Close()

	// Down past the next digest's time (09:00 the next day); the mail
	// server is back.
	clk.Add(24*time.Hour + 5*time.Minute)
	mp.AcceptAll(ctx)

	// Started again as run.go starts them.
	st, err = store.Open(ctx, path, clk.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sched = alerts.NewDigestScheduler(st, alerts.NewAudience(st, configured, clk.Now),
		map[string]alerts.DigestRenderer{"email": Renderer(Unsubscribe{}, log)}, m.Topics, clk.Now, log)
	disp = alerts.NewDispatcher(st, map[string]alerts.Sender{"email": sender}, alerts.DispatcherOptions{DigestsReady: sched.FirstPassDone()}, clk.Now, log)
	polled := make(chan struct{})
	close(polled) // no feed here: the first poll is done at once
	sched.AfterFirstPoll(polled, time.Minute)
	runCtx, stop := context.WithCancel(ctx)
	var workers sync.WaitGroup
	workers.Go(func() { disp.Run(runCtx, 30*time.Second) })
	workers.Go(func() { sched.Run(runCtx, disp.Kick) })
	// A wait, not a timing: under -race on a busy 2-core machine the
	// restart, the retry and the TLS handshake have taken over 10 s.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if sub, _ := st.Subscriber(ctx, dest); sub.DigestSentUntil.Equal(clk.Now()) {
			break // the owed digest was delivered
		}
	}
	time.Sleep(300 * time.Millisecond) // anything else on its way
	stop()
	workers.Wait()

	msgs, err := mp.MessagesTo(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		var subjects []string
		for _, msg := range msgs {
			subjects = append(subjects, msg.Subject)
		}
		t.Fatalf("%d digests arrived (%s); want one", len(msgs), strings.Join(subjects, "; "))
	}
	for _, want := range []string{"ИГИЛ: задержан вербовщик в Бишкеке", "Second ISKP story", "27 Nov, 08:00 – 28 Nov, 09:05 · 2 stories"} {
		if !strings.Contains(msgs[0].Text, want) {
			t.Errorf("the digest lacks %q:\n%s", want, msgs[0].Text)
		}
	}
	if !dotAtom.MatchString(strings.TrimSuffix(msgs[0].MessageID, "@newsalert")) {
		t.Errorf("Message-ID %q", msgs[0].MessageID)
	}
}
