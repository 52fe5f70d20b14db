package telegrambot_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/telegram"
	"github.com/newsalert/newsalert/alerts/telegram/telegramtest"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/internal/testlog"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
	"github.com/newsalert/newsalert/telegrambot"
)

const token = "4242:BOT-SECRET-token"

// harness runs the bot, the dispatcher and a digest scheduler against a
// fake Bot API and a store on disk, as the daemon does.
type harness struct {
	t        *testing.T
	api      *telegramtest.Server
	st       *store.Store
	audience *alerts.Audience
	digests  *alerts.DigestScheduler
	matcher  *rules.Matcher // the shipped rules, read once
	bot      *telegrambot.Bot
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	logs     *testlog.Buffer
}

type options struct {
	allowed    []int64
	admins     []int64
	configured []alerts.Configured
	followUps  string // the deployment's stories.follow_ups
	language   string // the deployment's telegram.language
	// now is the bot's clock (default clock.Wall): a zone's offset
	// depends on the date (Almaty left UTC+6 for UTC+5 in 2024).
	now func() time.Time
}

func (o options) clock() func() time.Time {
	if o.now != nil {
		return o.now
	}
	return clock.Wall
}

func newHarness(t *testing.T, o options) *harness {
	t.Helper()
	h := &harness{t: t, api: telegramtest.NewServer(token), st: storetest.Open(t, clock.Wall), logs: &testlog.Buffer{}}
	t.Cleanup(h.api.Close)
	h.start(o)
	return h
}

func (h *harness) start(o options) {
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		h.t.Fatal(err)
	}
	h.matcher = m
	log := slog.New(slog.NewTextHandler(h.logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	sender := telegram.NewSender(token, telegram.Options{Endpoint: h.api.Endpoint(),
		Limits: telegram.Limits{PerChat: time.Millisecond, PerGroupPerMinute: 6000, PerSecond: 1000}})
	disp := alerts.NewDispatcher(h.st, map[string]alerts.Sender{"telegram": sender}, alerts.DispatcherOptions{Directory: h.st}, clock.Wall, log)
	h.audience = alerts.NewAudience(h.st, o.configured, clock.Wall)
	h.audience.SetDefaults(alerts.Defaults{TimeZone: "Asia/Almaty", DigestAt: "08:00", FollowUps: o.followUps, Language: o.language})
	for _, c := range o.configured {
		h.st.AddSubscriber(ctx, c.Destination, c.Name, clock.Wall())
	}
	h.digests = alerts.NewDigestScheduler(h.st, h.audience, map[string]alerts.DigestRenderer{"telegram": telegram.RenderDigest},
		m.Topics, clock.Wall, log)
	allowed := func(id int64) bool { return len(o.allowed) == 0 || slices.Contains(o.allowed, id) }
	isAdmin := func(id int64) bool { return slices.Contains(o.admins, id) }
	h.bot = telegrambot.New(token, h.st, h.audience, h.digests, func() *rules.Matcher { return m },
		telegrambot.Options{Endpoint: h.api.Endpoint(), Allowed: allowed, IsAdmin: isAdmin,
			Kick: disp.Kick, PollTimeout: time.Second, Language: o.language,
			Status: func(context.Context, string) (string, error) { return "Feeds: 3 — 3 ok\nOutbox: 0 pending", nil }},
		o.clock(), log)
	h.wg.Go(func() { disp.Run(ctx, 50*time.Millisecond) })
	h.wg.Go(func() { h.bot.Run(ctx) })
	h.t.Cleanup(h.stop)
}

func (h *harness) stop() {
	h.cancel()
	h.wg.Wait()
}

// say sends a command from chat and returns the text of the replies that
// arrive (want of them), as the chat sees them.
func (h *harness) say(chat telegramtest.Chat, text string, want int) []string {
	h.t.Helper()
	before := len(h.api.MessagesTo(id(chat)))
	h.api.SendCommand(chat, text)
	return h.replies(chat, before, want)
}

func (h *harness) replies(chat telegramtest.Chat, before, want int) []string {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(h.api.MessagesTo(id(chat))) < before+want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	msgs := h.api.MessagesTo(id(chat))[before:]
	if len(msgs) < want {
		h.t.Fatalf("%d replies, want %d; logs:\n%s", len(msgs), want, h.logs.String())
	}
	var out []string
	for _, m := range msgs {
		shown := m.Text
		if m.ParseMode == "HTML" {
			var err error
			if shown, err = telegramtest.ParseHTML(m.Text); err != nil {
				h.t.Fatalf("reply HTML does not parse: %v\n%s", err, m.Text)
			}
		}
		out = append(out, shown)
	}
	return out
}

// quiet waits a little and reports whether chat got nothing more.
func (h *harness) quiet(chat telegramtest.Chat, before int) bool {
	time.Sleep(300 * time.Millisecond)
	return len(h.api.MessagesTo(id(chat))) == before
}

func id(c telegramtest.Chat) string {
	b, _ := json.Marshal(c.ID)
	return string(b)
}

var alice = telegramtest.Chat{ID: 1001, User: 1001}

func TestSubscribeListUnsubscribe(t *testing.T) {
	h := newHarness(t, options{})
	start := h.say(alice, "/start", 1)[0]
	if !strings.Contains(start, "/subscribe topic… | all — follow topics") || strings.Contains(start, "/status") {
		t.Errorf("/start:\n%s", start)
	}
	// Telegram's menu (setMyCommands, sent before the first poll) lists
	// every command but the admins'.
	var menu []struct{ Command, Description string }
	if err := json.Unmarshal([]byte(h.api.Commands()), &menu); err != nil {
		t.Fatalf("setMyCommands: %v (%q)", err, h.api.Commands())
	}
	var names []string
	for _, c := range menu {
		names = append(names, c.Command)
	}
	if len(names) != 14 || !slices.Contains(names, "followups") || slices.Contains(names, "status") {
		t.Errorf("menu = %v; want the 14 commands but status", names)
	}
	if got := h.say(alice, "/subscribe iskp, terrorism", 1)[0]; !strings.Contains(got, "Subscribed to Islamic State of Khorasan (ISKP) (iskp), Terrorism (terrorism).") {
		t.Errorf("/subscribe: %s", got)
	}
	got := h.say(alice, "/list", 1)[0]
	if !strings.Contains(got, "This chat follows: iskp, terrorism.") || !strings.Contains(got, "Mode: immediate") ||
		!strings.Contains(got, "08:00 (Asia/Almaty)") {
		t.Errorf("/list:\n%s", got)
	}
	sub, err := h.st.Subscriber(context.Background(), "telegram:1001")
	if err != nil || len(sub.Topics) != 2 {
		t.Fatalf("stored: %+v, %v", sub, err)
	}
	if got := h.say(alice, "/unsubscribe terrorism", 1)[0]; !strings.Contains(got, "Unsubscribed from Terrorism (terrorism).") {
		t.Errorf("/unsubscribe: %s", got)
	}
	if got := h.say(alice, "/unsubscribe all", 1)[0]; !strings.Contains(got, "Unsubscribed from Islamic State of Khorasan (ISKP) (iskp).") {
		t.Errorf("/unsubscribe all: %s", got)
	}
	imm, _ := h.audience.Immediate(context.Background())
	if len(imm) != 0 {
		t.Errorf("after unsubscribing: immediate subscribers %+v", imm)
	}
}

func TestMistakesGetSuggestions(t *testing.T) {
	h := newHarness(t, options{})
	tests := []struct{ say, want string }{
		{"/subscrbe iskp", "Unknown command /subscrbe. Did you mean /subscribe? /help lists the commands."},
		{"/frobnicate", "Unknown command /frobnicate. /help lists the commands."},
		{"/subscribe isk", "Unknown topic “isk”. Did you mean one of these?"},
		{"/subscribe", "Which topics?"},
		{"/mode loud", "Use /mode immediate, /mode digest or /mode both."},
		{"/schedule 25:00", "“25:00” is not a time of day: use HH:MM"},
		{"/timezone Mars/Olympus", "Unknown time zone “Mars/Olympus”. Send a city"},
		{"/mute forever", "Cannot mute for “forever”"},
		{"/mute 90d", "Cannot mute for “90d”"},
		{"/followups loud", "Use /followups quiet, /followups thread, /followups off or /followups default."},
		{"/status", "/status is for the bot's administrators."},
		{"hello", "I answer commands only."},
	}
	for _, tt := range tests {
		if got := h.say(alice, tt.say, 1)[0]; !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.say, got, tt.want)
		}
	}
	if s := h.bot.Stats(); s.Unknown != 2 || s.Refused != 1 {
		t.Errorf("stats = %+v; want 2 unknown commands and 1 refused", s)
	}
}

func TestSettingsAreStored(t *testing.T) {
	h := newHarness(t, options{})
	h.say(alice, "/subscribe all", 1)
	for _, c := range []struct{ say, want string }{
		{"/followups", "Follow-ups: quiet (the default) — a report that may tell a story this chat was alerted about comes as a reply to that alert, without a sound."},
		{"/followups thread", "Follow-ups: thread — a report that may tell a story this chat was alerted about comes as a reply to that alert, with a sound."},
		{"/mode both", "Mode: both — alerts and a daily digest."},
		{"/schedule 7:30", "The daily digest comes at 07:30 (Asia/Almaty)."},
		{"/timezone Asia/Bishkek", "Time zone: Asia/Bishkek"},
		{"/mute 2h", "Muted until"},
	} {
		if got := h.say(alice, c.say, 1)[0]; !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.say, got, c.want)
		}
	}
	sub, _ := h.st.Subscriber(context.Background(), "telegram:1001")
	if sub.Mode != "both" || sub.DigestAt != "07:30" || sub.TimeZone != "Asia/Bishkek" || sub.FollowUps != "thread" ||
		sub.MutedUntil.Sub(clock.Wall()) < time.Hour || sub.MutedUntil.Sub(clock.Wall()) > 2*time.Hour {
		t.Errorf("stored settings %+v", sub)
	}
	// A muted chat gets no immediate alert.
	if imm, _ := h.audience.Immediate(context.Background()); len(imm) != 0 {
		t.Errorf("muted chat among immediate subscribers: %+v", imm)
	}
	h.say(alice, "/unmute", 1)
	if imm, _ := h.audience.Immediate(context.Background()); len(imm) != 1 || imm[0].TimeZone != "Asia/Bishkek" || imm[0].FollowUps != "thread" {
		t.Errorf("unmuted: %+v", imm)
	}
	if got := h.say(alice, "/list", 1)[0]; !strings.Contains(got, "Follow-ups: thread — ") {
		t.Errorf("/list lacks the follow-ups: %s", got)
	}
	if got := h.say(alice, "/followups default", 1)[0]; !strings.Contains(got, "Follow-ups: quiet (the default)") {
		t.Errorf("/followups default: %s", got)
	}
	h.say(alice, "/mode digest", 1)
	if imm, _ := h.audience.Immediate(context.Background()); len(imm) != 0 {
		t.Errorf("digest mode among immediate subscribers: %+v", imm)
	}
}

// TestFollowUpsOffForTheDeployment: with stories.follow_ups off, /followups
// says so and changes nothing.
func TestFollowUpsOffForTheDeployment(t *testing.T) {
	h := newHarness(t, options{followUps: ingest.FollowUpsOff})
	h.say(alice, "/subscribe iskp", 1)
	if got := h.say(alice, "/followups quiet", 1)[0]; !strings.Contains(got, "Follow-ups are off for this newsalert (stories.follow_ups: off)") {
		t.Errorf("/followups quiet: %s", got)
	}
	if imm, _ := h.audience.Immediate(context.Background()); len(imm) != 1 || imm[0].FollowUps != ingest.FollowUpsOff {
		t.Errorf("immediate subscribers %+v; want follow-ups off", imm)
	}
	if sub, err := h.st.Subscriber(context.Background(), "telegram:1001"); err != nil || sub.FollowUps != "" {
		t.Errorf("stored follow-ups %q, %v; want the chat's choice left unset", sub.FollowUps, err)
	}
}

func TestAccessControl(t *testing.T) {
	h := newHarness(t, options{allowed: []int64{1001, -500}, admins: []int64{1001}})
	stranger := telegramtest.Chat{ID: 2002, User: 2002}
	if got := h.say(stranger, "/subscribe iskp", 1)[0]; !strings.Contains(got, "Ask them to add this chat (id 2002) to telegram.allowed_chats") {
		t.Errorf("stranger: %s", got)
	}
	if _, err := h.st.Subscriber(context.Background(), "telegram:2002"); err == nil {
		t.Error("a refused chat was recorded")
	}
	if got := h.say(alice, "/status", 1)[0]; !strings.Contains(got, "Feeds: 3 — 3 ok") {
		t.Errorf("admin /status: %s", got)
	}
	// In a group, a member who is not an admin cannot see the status.
	group := telegramtest.Chat{ID: -500, Type: "group", Title: "Analysts", User: 3003}
	if got := h.say(group, "/status@newsalert_bot", 1)[0]; !strings.Contains(got, "for the bot's administrators") {
		t.Errorf("group member /status: %s", got)
	}
}

func TestGroupsAndChannels(t *testing.T) {
	h := newHarness(t, options{})
	group := telegramtest.Chat{ID: -500, Type: "supergroup", Title: "Analysts", User: 3003}
	// A command for another bot, and an unknown command not addressed to
	// this one, are left alone.
	before := len(h.api.MessagesTo("-500"))
	h.api.SendCommand(group, "/subscribe@other_bot iskp")
	h.api.SendCommand(group, "/weather")
	if !h.quiet(group, before) {
		t.Errorf("answered a command meant for another bot: %+v", h.api.MessagesTo("-500"))
	}
	if _, err := h.st.Subscriber(context.Background(), "telegram:-500"); !errors.Is(err, store.ErrNoSubscriber) {
		t.Errorf("a group was recorded for another bot's commands: %v", err)
	}
	// A member may look, not change; the group's administrators may.
	if got := h.say(group, "/subscribe@NewsAlert_Bot iskp", 1)[0]; !strings.Contains(got, "Only this group's administrators") {
		t.Errorf("group member: %s", got)
	}
	if got := h.say(group, "/list@newsalert_bot", 1)[0]; !strings.Contains(got, "follows no topic") {
		t.Errorf("group member /list: %s", got)
	}
	h.api.SetGroupAdmin(-500, 3003)
	if got := h.say(group, "/subscribe@NewsAlert_Bot iskp", 1)[0]; !strings.Contains(got, "Subscribed to Islamic State of Khorasan (ISKP) (iskp)") {
		t.Errorf("group admin: %s", got)
	}
	sub, err := h.st.Subscriber(context.Background(), "telegram:-500")
	if err != nil || sub.Name != "Analysts" || sub.Kind != "supergroup" {
		t.Errorf("group recorded as %+v (%v)", sub, err)
	}
	channel := telegramtest.Chat{ID: -1009, Type: "channel", Title: "Alerts channel"}
	if got := h.say(channel, "/subscribe attacks", 1)[0]; !strings.Contains(got, "Subscribed to Attacks and explosions with victims (attacks)") {
		t.Errorf("channel: %s", got)
	}
}

// TestTopicsKeyboardEditedInPlace: a press on a /topics button changes
// the subscription, then that same message (its marks and keyboard), not
// a new one; the press is answered with what changed.
func TestTopicsKeyboardEditedInPlace(t *testing.T) {
	h := newHarness(t, options{})
	before := len(h.api.MessagesTo("1001"))
	got := h.say(alice, "/topics", 1)[0]
	if !strings.Contains(got, "• iskp — Islamic State of Khorasan (ISKP)") || !strings.Contains(got, "(digest only)") {
		t.Errorf("/topics:\n%s", got)
	}
	topics := h.api.MessagesTo("1001")[before]
	if !strings.Contains(topics.ReplyMarkup, `"callback_data":"tsub:iskp"`) {
		t.Fatalf("no subscribe buttons: %s", topics.ReplyMarkup)
	}
	press := func(data string) telegramtest.Edit {
		t.Helper()
		edits := len(h.api.Edits())
		h.api.PressButtonOn(alice, topics.ID, data)
		deadline := time.Now().Add(5 * time.Second)
		for len(h.api.Edits()) == edits && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if len(h.api.Edits()) == edits {
			t.Fatalf("%s: the /topics message was not edited; logs:\n%s", data, h.logs.String())
		}
		return h.api.Edits()[edits]
	}
	e := press("tsub:iskp")
	if e.MessageID != topics.ID || !strings.Contains(e.ReplyMarkup, `{"text":"✓ Islamic State of Khorasan (ISKP)","callback_data":"tunsub:iskp"}`) ||
		!strings.Contains(e.Text, "• <b>iskp</b> ✓ — Islamic State of Khorasan (ISKP)") {
		t.Errorf("edit after subscribing: %+v", e)
	}
	if sub, _ := h.st.Subscriber(context.Background(), "telegram:1001"); !slices.Equal(sub.TopicIDs(), []string{"iskp"}) {
		t.Errorf("stored topics %v", sub.TopicIDs())
	}
	answers := h.api.CallbackAnswers()
	if a := answers["cbtsub:iskp"]; !strings.HasPrefix(a, "Subscribed to Islamic State of Khorasan (ISKP) (iskp).") || len(answers) != 1 {
		t.Errorf("press answered %q (%d presses answered, want 1)", a, len(answers))
	}
	e = press("tunsub:iskp")
	if !strings.Contains(e.ReplyMarkup, `"callback_data":"tsub:iskp"`) || strings.Contains(e.Text, "iskp</b> ✓") {
		t.Errorf("edit after unsubscribing: %+v", e)
	}
	if !h.quiet(alice, before+1) {
		t.Errorf("a press sent a message: %+v", h.api.MessagesTo("1001")[before+1:])
	}
	// A /topics message Telegram no longer has: the answer comes as a message.
	h.api.PressButtonOn(alice, 999, "tsub:terrorism")
	if got := h.replies(alice, before+1, 1)[0]; !strings.Contains(got, "Subscribed to Terrorism (terrorism).") {
		t.Errorf("press on a lost message: %s", got)
	}
}

func TestRemovedFromChatDeactivates(t *testing.T) {
	h := newHarness(t, options{})
	group := telegramtest.Chat{ID: -777, Type: "group", Title: "G", User: 5}
	h.api.SetGroupAdmin(-777, 5)
	if got := h.say(group, "/subscribe iskp", 1)[0]; !strings.Contains(got, "Subscribed") {
		t.Fatalf("subscribe: %s", got)
	}
	h.api.RemoveBot(group)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if sub, _ := h.st.Subscriber(context.Background(), "telegram:-777"); !sub.Active {
			if sub.Reason != "bot kicked from the chat" {
				t.Errorf("reason = %q", sub.Reason)
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the chat is still active after the bot was removed")
}

// The update offset is stored: a restarted bot does not answer old
// commands again, and answers those sent while it was down.
func TestRestartAnswersEachCommandOnce(t *testing.T) {
	h := newHarness(t, options{})
	h.say(alice, "/subscribe iskp", 1)
	h.stop()
	h.api.SendCommand(alice, "/list")
	before := len(h.api.MessagesTo("1001"))
	h.start(options{})
	got := h.replies(alice, before, 1)
	if len(got) != 1 || !strings.Contains(got[0], "This chat follows: iskp.") {
		t.Errorf("after restart: %q", got)
	}
	if !h.quiet(alice, before+1) {
		t.Errorf("an old command was answered again: %d messages", len(h.api.MessagesTo("1001")))
	}
	if h.api.PendingUpdates() != 0 {
		t.Errorf("%d updates not confirmed", h.api.PendingUpdates())
	}
}

// A chat of the config file is subscribed without a command; its
// configured topics cannot be removed from the chat.
func TestConfiguredChat(t *testing.T) {
	h := newHarness(t, options{configured: []alerts.Configured{{Destination: "telegram:1001", Topics: []string{"iskp"}}}})
	got := h.say(alice, "/unsubscribe iskp", 1)[0]
	if !strings.Contains(got, "config file subscribes this chat to iskp") {
		t.Errorf("unsubscribe from a configured topic: %s", got)
	}
	h.say(alice, "/subscribe attacks", 1)
	if got := h.say(alice, "/list", 1)[0]; !strings.Contains(got, "follows: attacks, iskp.") || !strings.Contains(got, "From the config file: iskp.") {
		t.Errorf("/list: %s", got)
	}
}

func TestDigestCommand(t *testing.T) {
	h := newHarness(t, options{})
	h.say(alice, "/subscribe iskp", 1)
	if got := h.say(alice, "/digest", 1)[0]; !strings.Contains(got, "newsalert digest · ") || !strings.Contains(got, "Nothing new on your topics") {
		t.Errorf("empty /digest: %s", got)
	}
	it := feeds.Item{Key: "k1", FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "ИГИЛ <вербовщик> задержан & осуждён",
		Link: "https://24.kg/1", FirstSeen: clock.Wall()}
	if _, err := ingest.NewRecorder(h.st, ingest.Options{}).Add(context.Background(), ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
		t.Fatal(err)
	}
	got := h.say(alice, "/digest", 1)[0]
	if !strings.Contains(got, "1 story since") || !strings.Contains(got, "Islamic State of Khorasan (ISKP) (1)") ||
		!strings.Contains(got, "• ИГИЛ <вербовщик> задержан & осуждён\n  24.kg · ") {
		t.Errorf("/digest:\n%q\n%+v", got, h.api.MessagesTo("1001"))
	}
}
