package telegrambot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/telegrambot"
)

// A winter and a summer day: offsets of zones with summer time differ.
var (
	winter = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	summer = time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC)
)

func TestFindZone(t *testing.T) {
	tests := []struct {
		say  string
		at   time.Time
		want telegrambot.Zone
	}{
		{"bishkek", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"Asia/Bishkek", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"asia/bishkek", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"ASIA/BISHKEK", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"Бишкек", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"ош", winter, telegrambot.Zone{Name: "Asia/Bishkek"}},
		{"Душанбе", winter, telegrambot.Zone{Name: "Asia/Dushanbe"}},
		{"Ташкент", winter, telegrambot.Zone{Name: "Asia/Tashkent"}},
		{"Алма-Ата", winter, telegrambot.Zone{Name: "Asia/Almaty"}},
		{"Самарканд", winter, telegrambot.Zone{Name: "Asia/Samarkand"}},
		{"ho chi minh", winter, telegrambot.Zone{Name: "Asia/Ho_Chi_Minh"}},
		{"new york", winter, telegrambot.Zone{Name: "America/New_York"}},
		{"Kiev", winter, telegrambot.Zone{Name: "Europe/Kyiv"}},
		{"Ашхабад", winter, telegrambot.Zone{Name: "Asia/Ashgabat"}},
		{"+6", winter, telegrambot.Zone{Name: "Asia/Bishkek", Offset: true, Also: []string{"Asia/Omsk", "Asia/Urumqi"}}},
		{"UTC+5", winter, telegrambot.Zone{Name: "Asia/Almaty", Offset: true,
			Also: []string{"Asia/Tashkent", "Asia/Dushanbe", "Asia/Ashgabat", "Asia/Yekaterinburg", "Asia/Karachi"}}},
		{"utc+3", winter, telegrambot.Zone{Name: "Europe/Moscow", Offset: true, Also: []string{"Europe/Istanbul"}}},
		{"GMT+4:30", winter, telegrambot.Zone{Name: "Asia/Kabul", Offset: true}},
		{"+05:30", winter, telegrambot.Zone{Name: "Asia/Kolkata", Offset: true}},
		{"+2", summer, telegrambot.Zone{Name: "Europe/Berlin", Offset: true}},
		{"+2", winter, telegrambot.Zone{Name: "Etc/GMT-2", Offset: true, Fixed: true}},
		{"-3", winter, telegrambot.Zone{Name: "Etc/GMT+3", Offset: true, Fixed: true}},
		{"UTC", winter, telegrambot.Zone{Name: "UTC"}},
		{"gmt+0", summer, telegrambot.Zone{Name: "UTC"}},
		{"+5:45", winter, telegrambot.Zone{Name: "Asia/Kathmandu", Offset: true}},
	}
	for _, tt := range tests {
		got, sugg := telegrambot.FindZone(tt.say, tt.at)
		if got.Name != tt.want.Name || got.Offset != tt.want.Offset || got.Fixed != tt.want.Fixed || !slices.Equal(got.Also, tt.want.Also) {
			t.Errorf("FindZone(%q) = %+v (suggestions %v), want %+v", tt.say, got, sugg, tt.want)
		}
	}
}

func TestZoneSuggestions(t *testing.T) {
	tests := []struct {
		say   string
		first string // "" for no suggestion
	}{
		{"bishkeck", "Asia/Bishkek"},
		{"Asia/Bishkec", "Asia/Bishkek"},
		{"Бишкике", "Asia/Bishkek"},
		{"tashkend", "Asia/Tashkent"},
		{"Душамбе", "Asia/Dushanbe"},
		{"Mars/Olympus", ""},
		{"+25", ""},
		{"qwertyuiop", ""},
	}
	for _, tt := range tests {
		z, sugg := telegrambot.FindZone(tt.say, winter)
		if z.Name != "" {
			t.Errorf("FindZone(%q) found %s; want suggestions", tt.say, z.Name)
		}
		if len(sugg) > 3 || tt.first == "" && len(sugg) > 0 || tt.first != "" && (len(sugg) == 0 || sugg[0] != tt.first) {
			t.Errorf("FindZone(%q) suggests %v, want %q first", tt.say, sugg, tt.first)
		}
	}
}

// TestTimezoneCommand: through the bot, a city in Russian, an offset (the
// region's zone, the others as buttons), a typo answered with buttons a
// press accepts, and /timezone alone showing the zone.
func TestTimezoneCommand(t *testing.T) {
	h := newHarness(t, options{now: in2026})
	if got := h.say(alice, "/timezone", 1)[0]; !strings.Contains(got, "Time zone: Asia/Almaty (UTC+") || !strings.Contains(got, "Send a city or an offset") {
		t.Errorf("/timezone: %s", got)
	}
	if got := h.say(alice, "/timezone Бишкек", 1)[0]; !strings.HasPrefix(got, "Time zone: Asia/Bishkek (UTC+6, now ") {
		t.Errorf("/timezone Бишкек: %s", got)
	}
	if got := h.say(alice, "/timezone asia/tashkent", 1)[0]; !strings.HasPrefix(got, "Time zone: Asia/Tashkent (UTC+5") {
		t.Errorf("/timezone asia/tashkent: %s", got)
	}
	before := len(h.api.MessagesTo("1001"))
	if got := h.say(alice, "/timezone UTC+6", 1)[0]; !strings.Contains(got, "Time zone: Asia/Bishkek") || !strings.Contains(got, "the region's zone at UTC+6") {
		t.Errorf("/timezone UTC+6: %s", got)
	}
	if m := h.api.MessagesTo("1001")[before].ReplyMarkup; !strings.Contains(m, `"callback_data":"tz:Asia/Omsk"`) {
		t.Errorf("offset buttons: %s", m)
	}
	before = len(h.api.MessagesTo("1001"))
	if got := h.say(alice, "/timezone bishkeck", 1)[0]; !strings.Contains(got, "Unknown time zone “bishkeck”. Did you mean one of these?") {
		t.Errorf("/timezone bishkeck: %s", got)
	}
	if m := h.api.MessagesTo("1001")[before].ReplyMarkup; !strings.Contains(m, `{"text":"Bishkek (UTC+6)","callback_data":"tz:Asia/Bishkek"}`) {
		t.Fatalf("suggestion buttons: %s", m)
	}
	h.say(alice, "/timezone Ташкент", 1)
	before = len(h.api.MessagesTo("1001"))
	h.api.PressButton(alice, "tz:Asia/Bishkek")
	if got := h.replies(alice, before, 1)[0]; !strings.HasPrefix(got, "Time zone: Asia/Bishkek") {
		t.Errorf("press: %s", got)
	}
	if sub, _ := h.st.Subscriber(context.Background(), "telegram:1001"); sub.TimeZone != "Asia/Bishkek" {
		t.Errorf("stored zone %q", sub.TimeZone)
	}
	if got := h.say(alice, "/timezone +2:15", 1)[0]; !strings.Contains(got, "Unknown time zone “+2:15”") {
		t.Errorf("an offset no zone has: %s", got)
	}
	ru := telegramtest.Chat{ID: 1401, User: 1401, Lang: "ru"}
	if got := h.say(ru, "/timezone +6", 1)[0]; !strings.Contains(got, "Часовой пояс: Asia/Bishkek (UTC+6, сейчас там") {
		t.Errorf("Russian: %s", got)
	}
}

// in2026 is a clock at a fixed day of 2026, for what a zone's offset says.
func in2026() time.Time { return time.Date(2026, 11, 27, 6, 4, 0, 0, time.UTC) }
