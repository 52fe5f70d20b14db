package telegrambot_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestSettingCommandsShowTheirValue: each setting command alone says the
// chat's value now and offers the choices as buttons; a press sets one.
func TestSettingCommandsShowTheirValue(t *testing.T) {
	h := newHarness(t, options{now: in2026})
	h.say(alice, "/subscribe iskp", 1)
	tests := []struct{ say, shows, button string }{
		{"/mode", "Mode: immediate — an alert as each story is found.", `{"text":"✓ immediate","callback_data":"mode:immediate"}`},
		{"/schedule", "The daily digest comes at 08:00 (Asia/Almaty).", `{"text":"✓ 08:00","callback_data":"sched:08:00"}`},
		{"/timezone", "Time zone: Asia/Almaty (UTC+5, now ", `"callback_data":"tz:Asia/Bishkek"`},
		{"/followups", "Follow-ups: quiet (the default)", `{"text":"✓ default","callback_data":"fu:default"}`},
		{"/language", "This chat's language: English.", `{"text":"✓ English","callback_data":"lang:en"}`},
		{"/mute", "Alerts are not muted.", `{"text":"8h","callback_data":"mute:8h"}`},
	}
	for _, tt := range tests {
		before := len(h.api.MessagesTo("1001"))
		if got := h.say(alice, tt.say, 1)[0]; !strings.Contains(got, tt.shows) {
			t.Errorf("%s: %q, want %q", tt.say, got, tt.shows)
		}
		if m := h.api.MessagesTo("1001")[before].ReplyMarkup; !strings.Contains(m, tt.button) {
			t.Errorf("%s buttons: %s, want %s", tt.say, m, tt.button)
		}
	}
	for _, press := range []struct{ data, says string }{
		{"mode:both", "Mode: both — alerts and a daily digest."},
		{"sched:07:00", "The daily digest comes at 07:00 (Asia/Almaty)."},
		{"fu:thread", "Follow-ups: thread"},
		{"mute:8h", "Muted until"},
	} {
		before := len(h.api.MessagesTo("1001"))
		h.api.PressButton(alice, press.data)
		if got := h.replies(alice, before, 1)[0]; !strings.Contains(got, press.says) {
			t.Errorf("press %s: %q, want %q", press.data, got, press.says)
		}
	}
	sub, _ := h.st.Subscriber(context.Background(), "telegram:1001")
	if sub.Mode != "both" || sub.DigestAt != "07:00" || sub.FollowUps != "thread" || sub.MutedUntil.Sub(in2026()) < 7*time.Hour {
		t.Errorf("stored %+v", sub)
	}
	// Muted: /mute says until when, and offers /unmute.
	before := len(h.api.MessagesTo("1001"))
	if got := h.say(alice, "/mute", 1)[0]; !strings.Contains(got, "Muted until") {
		t.Errorf("/mute while muted: %s", got)
	}
	if m := h.api.MessagesTo("1001")[before].ReplyMarkup; !strings.Contains(m, `"callback_data":"unmute:"`) {
		t.Errorf("/mute while muted offers no /unmute: %s", m)
	}
}
