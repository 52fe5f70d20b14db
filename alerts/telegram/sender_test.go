package telegram

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

const token = "123456:SECRET-token-value"

var alert = alerts.Alert{Title: "Задержаны <b>трое</b> & ещё", Link: "https://example.org/a?x=1&y=2", Feed: "24.kg",
	Topics: []alerts.TopicHit{{ID: "iskp", Name: "ISKP", Why: []string{`"ИГИЛ*" (ИГИЛ)`}}}}

func newTestSender(t *testing.T) (*Sender, *telegramtest.Server) {
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	return NewSender(token, Options{Endpoint: api.Endpoint(), DisablePreview: true}), api
}

func TestSendDeliversEscapedHTML(t *testing.T) {
	s, api := newTestSender(t)
	if err := s.Send(context.Background(), "1001", alerts.Message{Alert: alert}); err != nil {
		t.Fatal(err)
	}
	msgs := api.Messages()
	if len(msgs) != 1 {
		t.Fatalf("messages = %d", len(msgs))
	}
	m := msgs[0]
	if m.ChatID != "1001" || m.ParseMode != "HTML" || m.DisablePreview != "true" {
		t.Errorf("sent %+v", m)
	}
	// The fake parsed the HTML as Telegram does; the title shows as written.
	shown, err := telegramtest.ParseHTML(m.Text)
	if err != nil {
		t.Fatalf("HTML does not parse: %v\n%s", err, m.Text)
	}
	if !strings.Contains(shown, "Задержаны <b>трое</b> & ещё") {
		t.Errorf("the title should show as written: %q", shown)
	}
	if !strings.Contains(m.Text, `<a href="https://example.org/a?x=1&amp;y=2">`) {
		t.Errorf("link not escaped in href: %s", m.Text)
	}
	if err := s.Send(context.Background(), "@channel", alerts.Message{Alert: alert}); err != nil || api.Messages()[1].ChatID != "@channel" {
		t.Errorf("channel send: %v, %+v", err, api.Messages())
	}
}

// TestFollowUpIsSentQuietly: an alert that follows up an earlier one is
// sent without a sound, as a reply to it, and names it; others make a
// sound. The receipt of each is the message_id Telegram gave it.
func TestFollowUpIsSentQuietly(t *testing.T) {
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	// Without the second's wait between two messages to one chat.
	s := NewSender(token, Options{Endpoint: api.Endpoint(), Limits: Limits{PerChat: time.Millisecond, PerGroupPerMinute: 20, PerSecond: 30}})
	ctx := context.Background()
	first, err := s.SendWithReceipt(ctx, "1001", alerts.Message{Alert: alert})
	if err != nil || first != "1" {
		t.Fatalf("first alert: receipt %q, %v; want message_id 1", first, err)
	}
	followUp := alert
	followUp.FollowUp = &alerts.FollowUp{Title: "ГКНБ задержал <вербовщика>", Link: "https://example.org/first",
		At: time.Date(2026, 11, 27, 9, 5, 0, 0, time.UTC)}
	second, err := s.SendWithReceipt(ctx, "1001", alerts.Message{Alert: followUp, ReplyTo: first})
	if err != nil || second != "2" {
		t.Fatalf("follow-up: receipt %q, %v; want message_id 2", second, err)
	}
	msgs := api.Messages()
	if len(msgs) != 2 || msgs[0].DisableNotification == "true" || msgs[1].DisableNotification != "true" {
		t.Fatalf("sent %+v; want the second message, only, without a sound", msgs)
	}
	if msgs[0].ReplyTo != "" || msgs[1].ReplyTo != "1" || msgs[1].AllowWithoutReply != "true" {
		t.Errorf("replies: %q, %q (without reply allowed: %q); want the follow-up to reply to message 1, and be sent should it be gone",
			msgs[0].ReplyTo, msgs[1].ReplyTo, msgs[1].AllowWithoutReply)
	}
	shown, err := telegramtest.ParseHTML(msgs[1].Text)
	if err != nil {
		t.Fatalf("HTML does not parse: %v\n%s", err, msgs[1].Text)
	}
	if !strings.Contains(shown, "↪ related to an earlier alert (27 Nov 09:05): ГКНБ задержал <вербовщика>") ||
		!strings.Contains(msgs[1].Text, `<a href="https://example.org/first">`) {
		t.Errorf("the follow-up should name and link the earlier alert:\n%s", msgs[1].Text)
	}
	if strings.Contains(msgs[0].Text, "earlier alert") {
		t.Errorf("a first alert names no earlier one:\n%s", msgs[0].Text)
	}
	// For a chat that wants follow-ups loud (thread), a reply with a sound.
	loud := *followUp.FollowUp
	loud.Loud = true
	followUp.FollowUp = &loud
	if _, err := s.SendWithReceipt(ctx, "1001", alerts.Message{Alert: followUp, ReplyTo: first}); err != nil {
		t.Fatal(err)
	}
	if loud := api.Messages()[2]; loud.DisableNotification == "true" || loud.ReplyTo != "1" {
		t.Errorf("loud follow-up sent %+v; want a reply to message 1 with a sound", loud)
	}
}

func TestSendClassifiesBotAPIErrors(t *testing.T) {
	s, api := newTestSender(t)
	tests := []struct {
		chat      string
		permanent bool
		retry     time.Duration // want a rate-limited SendError of this length; 0 for none
	}{
		{telegramtest.TooManyRequests, false, 17 * time.Second},
		{telegramtest.Forbidden, true, 0},
		{telegramtest.BadRequest, true, 0}, // chat not found: gone
		{telegramtest.BadGateway, false, 0},
	}
	for _, tt := range tests {
		api.FailChat(tt.chat, tt.chat)
		err := s.Send(context.Background(), tt.chat, alerts.Message{Alert: alert})
		if err == nil {
			t.Errorf("chat %s: no error", tt.chat)
			continue
		}
		se := alerts.AsSendError(err)
		if got := se.Reason == alerts.Gone; got != tt.permanent {
			t.Errorf("chat %s: permanent = %v, want %v (%v)", tt.chat, got, tt.permanent, err)
		}
		if tt.retry > 0 && (se.Reason != alerts.RateLimited || se.After != tt.retry) {
			t.Errorf("chat %s: err = %v, want retry after %v", tt.chat, err, tt.retry)
		}
		if !strings.Contains(err.Error(), "chat "+tt.chat) {
			t.Errorf("error does not name the chat: %v", err)
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("token leaked: %v", err)
		}
	}
	if n := len(api.Messages()); n != 0 {
		t.Errorf("%d messages accepted; want none", n)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	s, api := newTestSender(t)
	endpoint := api.Endpoint()
	// A wrong token is not the message's fault: keep it for later.
	bad := NewSender("999:WRONG", Options{Endpoint: endpoint})
	if err := bad.Send(context.Background(), "1", alerts.Message{Alert: alert}); err == nil || strings.Contains(err.Error(), "WRONG") || alerts.AsSendError(err).Reason != alerts.RateLimited {
		t.Errorf("wrong token: err = %v; want a retry-later error without the token", err)
	}
	if err := s.Send(context.Background(), "1", alerts.Message{Alert: alert}); err != nil {
		t.Fatal(err)
	}
	fresh := NewSender(token, Options{Endpoint: endpoint})
	api.Close() // every request now fails with an error holding the URL
	err := s.Send(context.Background(), "1", alerts.Message{Alert: alert})
	if err == nil || strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "<token>") {
		t.Fatalf("send with the server down: err = %v; want one with the token redacted", err)
	}
	err = fresh.Send(context.Background(), "1", alerts.Message{Alert: alert})
	if err == nil || strings.Contains(err.Error(), "SECRET") || alerts.AsSendError(err).Reason != alerts.RateLimited {
		t.Errorf("connect with the server down: err = %v; want a retry-later error without the token", err)
	}
}

func TestRefusedHTMLIsResentAsPlainText(t *testing.T) {
	s, api := newTestSender(t)
	// A message whose HTML is broken (as a renderer bug would make it).
	m := alerts.Message{Text: &alerts.Text{HTML: "<b>Digest & <i>more</b>", Plain: "Digest & more"}}
	if err := s.Send(context.Background(), "1001", m); err != nil {
		t.Fatal(err)
	}
	msgs := api.Messages()
	if len(msgs) != 1 || msgs[0].ParseMode != "" || msgs[0].Text != "Digest & more" {
		t.Errorf("sent %+v; want the plain text", msgs)
	}
	if st := s.Stats(); st.PlainFallbacks != 1 {
		t.Errorf("stats = %+v; want one plain fallback", st)
	}
}

func TestMigratedGroupIsMoved(t *testing.T) {
	s, api := newTestSender(t)
	api.FailChat("-4242", telegramtest.Migrated)
	err := s.Send(context.Background(), "-4242", alerts.Message{Alert: alert})
	if moved := alerts.AsSendError(err); moved.Reason != alerts.Moved || moved.To != "-1004242" {
		t.Fatalf("err = %v; want a move to -1004242", err)
	}
}

// With the fake enforcing Telegram's limits, messages to one chat are
// spaced by a second and none is refused.
func TestSenderKeepsUnderTheLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("takes two seconds")
	}
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	api.EnforceLimits()
	s := NewSender(token, Options{Endpoint: api.Endpoint()})
	for range 3 {
		if err := s.Send(context.Background(), "1001", alerts.Message{Alert: alert}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := api.Messages()
	for i := 1; i < len(msgs); i++ {
		if gap := msgs[i].At.Sub(msgs[i-1].At); gap < time.Second {
			t.Errorf("messages %d and %d to one chat %s apart", i, i+1, gap)
		}
	}
	if api.TooMany() != 0 {
		t.Errorf("%d messages refused with 429", api.TooMany())
	}
}

// The limiter's arithmetic, on its own clock: no window of a minute holds
// more than 20 messages to a group, and no second more than 30 in all.
func TestLimiterWindows(t *testing.T) {
	l := newLimiter(DefaultLimits)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, group := l.forChat("-100")
	var at []time.Time
	for range 45 {
		r := group.ReserveN(start, 1)
		at = append(at, start.Add(r.DelayFrom(start)))
	}
	if n := maxInWindow(at, time.Minute); n > 20 {
		t.Errorf("%d group messages in a minute", n)
	}
	at = at[:0]
	for range 200 {
		r := l.global.ReserveN(start, 1)
		at = append(at, start.Add(r.DelayFrom(start)))
	}
	if n := maxInWindow(at, time.Second); n > 30 || n < 28 {
		t.Errorf("%d messages in a second; want 28 to 30", n)
	}
}

func maxInWindow(at []time.Time, w time.Duration) int {
	best := 0
	for i := range at {
		n := 0
		for j := i; j < len(at) && at[j].Sub(at[i]) < w; j++ {
			n++
		}
		best = max(best, n)
	}
	return best
}

// TestEditShowsTheStoryGrown: an alert whose story grew is edited in
// place to name the other outlets; an edit that changes nothing is no
// failure, and one of a message Telegram does not know is refused.
func TestEditShowsTheStoryGrown(t *testing.T) {
	ctx := context.Background()
	api := telegramtest.NewServer(token)
	t.Cleanup(api.Close)
	s := NewSender(token, Options{Endpoint: api.Endpoint(), Limits: Limits{PerChat: time.Millisecond, PerGroupPerMinute: 20, PerSecond: 30}})
	receipt, err := s.SendWithReceipt(ctx, "1001", alerts.Message{Alert: alert})
	if err != nil {
		t.Fatal(err)
	}
	grown := alert
	grown.Sources, grown.Outlets = 3, []string{"24.kg", "Kaktus", "AKIpress"}
	m := alerts.Message{Alert: grown, Edit: &alerts.Edit{ItemKey: "a"}}
	if err := s.Edit(ctx, "1001", receipt, m); err != nil {
		t.Fatal(err)
	}
	edits := api.Edits()
	if len(edits) != 1 || edits[0].ChatID != "1001" || edits[0].ParseMode != "HTML" ||
		!strings.Contains(edits[0].Text, "also reported by Kaktus, AKIpress") || !strings.Contains(edits[0].Text, "трое") {
		t.Fatalf("edits %+v", edits)
	}
	if len(api.Messages()) != 1 {
		t.Errorf("an edit sent a new message: %+v", api.Messages())
	}
	if err := s.Edit(ctx, "1001", receipt, m); err != nil {
		t.Errorf("an edit that changes nothing: %v", err)
	}
	var se *alerts.SendError
	if err := s.Edit(ctx, "1001", "99", m); !errors.As(err, &se) || se.Reason != alerts.Rejected {
		t.Errorf("an edit of an unknown message: %v, want it rejected", err)
	}
}
