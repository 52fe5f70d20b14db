package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestFollowUpsSetting: a chat's follow-ups setting is kept with its other
// settings, and moves with it when the chat gets a new id.
func TestFollowUpsSetting(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	if _, err := s.EnsureSubscriber(ctx, "telegram:-1", "analysts", "group", t0); err != nil {
		t.Fatal(err)
	}
	if sub, _ := s.Subscriber(ctx, "telegram:-1"); sub.FollowUps != "" {
		t.Errorf("a new chat's follow-ups: %q, want the default", sub.FollowUps)
	}
	if err := s.SaveSettings(ctx, "telegram:-1", Settings{Mode: ModeImmediate, FollowUps: "thread"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DestinationMoved(ctx, "telegram:-1", "telegram:-1001", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	sub, err := s.Subscriber(ctx, "telegram:-1001")
	if err != nil || sub.FollowUps != "thread" || sub.Mode != ModeImmediate {
		t.Errorf("moved chat: %+v, %v; want follow-ups thread", sub, err)
	}
}
