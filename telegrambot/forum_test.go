package telegrambot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
)

// TestCommandsInAForumTopic: a command written in a topic of a forum
// supergroup is answered in that topic (the fake Bot API checks the
// message_thread_id); one in the group's general chat carries none; what
// a topic's command changes is the group's.
func TestCommandsInAForumTopic(t *testing.T) {
	h := newHarness(t, options{})
	h.api.SetGroupAdmin(-100777, 3003)
	topic := telegramtest.Chat{ID: -100777, Type: "supergroup", Title: "Desk", User: 3003, Thread: 42}
	general := topic
	general.Thread = 0
	if got := h.say(topic, "/subscribe@newsalert_bot iskp", 1)[0]; !strings.Contains(got, "Subscribed to Islamic State of Khorasan (ISKP)") {
		t.Errorf("/subscribe in a topic: %s", got)
	}
	if got := h.say(general, "/list@newsalert_bot", 1)[0]; !strings.Contains(got, "iskp") {
		t.Errorf("/list in the general chat: %s", got)
	}
	msgs := h.api.MessagesTo("-100777")
	if len(msgs) != 2 || msgs[0].Thread != "42" || msgs[1].Thread != "" {
		t.Fatalf("replies' threads: %+v, want 42 then none", msgs)
	}
	if _, err := h.st.Subscriber(context.Background(), "telegram:-100777"); err != nil {
		t.Errorf("the group is not the subscriber: %v", err)
	}
}

// TestConfiguredTopicIsItsOwnReader: in a topic the config file names
// (telegram.chats[].thread), /list shows that topic's subscription, and
// is answered there; another topic of the group is the group's.
func TestConfiguredTopicIsItsOwnReader(t *testing.T) {
	h := newHarness(t, options{configured: []alerts.Configured{
		{Destination: "telegram:-100888:7", Name: "Desk", Topics: []string{"attacks"}}}})
	desk := telegramtest.Chat{ID: -100888, Type: "supergroup", Title: "Desk", User: 3003, Thread: 7}
	other := desk
	other.Thread = 9
	if got := h.say(desk, "/list@newsalert_bot", 1)[0]; !strings.Contains(got, "attacks") {
		t.Errorf("/list in the configured topic: %s", got)
	}
	if got := h.say(other, "/list@newsalert_bot", 1)[0]; !strings.Contains(got, "follows no topic") {
		t.Errorf("/list in another topic: %s", got)
	}
	msgs := h.api.MessagesTo("-100888")
	if len(msgs) != 2 || msgs[0].Thread != "7" || msgs[1].Thread != "9" {
		t.Fatalf("replies' threads: %+v, want 7 then 9", msgs)
	}
}
