package main

import (
	"testing"

	"github.com/newsalert/newsalert/config"
)

// TestForumTopicIsADestination: a configured chat that names a thread is
// the destination "telegram:<chat>:<thread>", which the sender posts into
// that topic (alerts/telegram TestAlertGoesToItsForumTopic).
func TestForumTopicIsADestination(t *testing.T) {
	cfg, err := config.Parse("newsalert.yaml", []byte("telegram:\n  chats:\n    - id: \"-100123\"\n      thread: 42\n    - id: \"-100777\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := configuredOf(cfg)
	if len(got) != 2 || got[0].Destination != "telegram:-100123:42" || got[1].Destination != "telegram:-100777" {
		t.Errorf("destinations: %+v", got)
	}
}
