package telegram

import (
	"context"
	"testing"

	"github.com/newsalert/newsalert/alerts"
)

func TestSplitThread(t *testing.T) {
	for _, c := range []struct {
		in, chat string
		thread   int
	}{
		{"-100123", "-100123", 0},
		{"-100123:42", "-100123", 42},
		{"@channel", "@channel", 0},
		{"@channel:7", "@channel", 7},
		{"-100123:x", "-100123:x", 0},
		{"-100123:0", "-100123:0", 0},
	} {
		chat, thread := SplitThread(c.in)
		if chat != c.chat || thread != c.thread {
			t.Errorf("SplitThread(%q) = %q, %d; want %q, %d", c.in, chat, thread, c.chat, c.thread)
		}
		if c.thread != 0 && JoinThread(chat, thread) != c.in {
			t.Errorf("JoinThread(%q, %d) = %q", chat, thread, JoinThread(chat, thread))
		}
	}
}

// TestAlertGoesToItsForumTopic: an alert to a forum topic reaches the
// supergroup with the topic's message_thread_id, with everything else a
// message carries (HTML, quiet follow-up as a reply); one to the chat
// itself carries no thread.
func TestAlertGoesToItsForumTopic(t *testing.T) {
	s, api := newTestSender(t)
	ctx := context.Background()
	if err := s.Send(ctx, "-100123:42", alerts.Message{Alert: alert}); err != nil {
		t.Fatal(err)
	}
	quiet := alert
	quiet.FollowUp = &alerts.FollowUp{}
	if err := s.Send(ctx, "-100123:42", alerts.Message{Alert: quiet, ReplyTo: "1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(ctx, "-100123", alerts.Message{Alert: alert}); err != nil {
		t.Fatal(err)
	}
	msgs := api.MessagesTo("-100123")
	if len(msgs) != 3 {
		t.Fatalf("messages to the supergroup: %+v", msgs)
	}
	if m := msgs[0]; m.Thread != "42" || m.ParseMode != "HTML" || m.DisablePreview != "true" {
		t.Errorf("alert to the topic: %+v", m)
	}
	if m := msgs[1]; m.Thread != "42" || m.ReplyTo != "1" || m.DisableNotification != "true" {
		t.Errorf("follow-up in the topic: %+v", m)
	}
	if msgs[2].Thread != "" {
		t.Errorf("alert to the chat carries thread %q", msgs[2].Thread)
	}
}
