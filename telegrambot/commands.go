package telegrambot

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/internal/yamlstrict"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// command describes one command for /help and Telegram's menu.
type command struct {
	name, args, summary string
	// admin commands are for the bot's administrators; changes alter
	// the chat's subscriptions or settings, which in a group only its
	// administrators may do.
	admin, changes bool
}

var commands = []command{
	{name: "start", summary: "what this bot does"},
	{name: "help", summary: "the commands"},
	{name: "topics", summary: "the topics you can follow"},
	{name: "subscribe", args: "topic… | all", summary: "follow topics", changes: true},
	{name: "unsubscribe", args: "topic… | all", summary: "stop following topics", changes: true},
	{name: "list", summary: "this chat's topics and settings"},
	{name: "mode", args: "immediate | digest | both", summary: "alerts at once, a daily digest, or both", changes: true},
	{name: "digest", summary: "a digest of the last 24 hours, now"},
	{name: "schedule", args: "HH:MM", summary: "the time of the daily digest", changes: true},
	{name: "timezone", args: "Area/City", summary: "the time zone of this chat, e.g. Asia/Almaty", changes: true},
	{name: "mute", args: "duration", summary: "no alerts for a while, e.g. /mute 8h", changes: true},
	{name: "unmute", summary: "alerts again", changes: true},
	{name: "status", summary: "feed health and delivery queue", admin: true},
}

func lookup(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

func commandNames() []string {
	out := make([]string, len(commands))
	for i, c := range commands {
		out[i] = c.name
	}
	return out
}

func (b *Bot) run(ctx context.Context, name string, r *request) ([]alerts.Text, error) {
	switch name {
	case "start", "help":
		return b.help(r), nil
	case "topics":
		return b.topics(r), nil
	case "subscribe":
		return b.subscribe(ctx, r)
	case "unsubscribe":
		return b.unsubscribe(ctx, r)
	case "list":
		return b.list(r), nil
	case "mode":
		return b.mode(ctx, r)
	case "digest":
		return b.digestNow(ctx, r)
	case "schedule":
		return b.schedule(ctx, r)
	case "timezone":
		return b.timezone(ctx, r)
	case "mute":
		return b.mute(ctx, r)
	case "unmute":
		return b.unmute(ctx, r)
	case "status":
		return b.status(ctx)
	}
	return nil, fmt.Errorf("command /%s has no handler", name)
}

func (b *Bot) help(r *request) []alerts.Text {
	var h, p strings.Builder
	intro := "newsalert watches regional news feeds and tells this chat when a story matches a topic it follows: " +
		"at once, in a daily digest, or both. Each story is reported once, however many outlets carry it."
	h.WriteString("👋 <b>newsalert</b>\n" + esc(intro) + "\n\n")
	p.WriteString("newsalert\n" + intro + "\n\n")
	for _, c := range commands {
		if c.admin && !b.opt.IsAdmin(r.user) {
			continue
		}
		usage := "/" + c.name
		if c.args != "" {
			usage += " " + c.args
		}
		fmt.Fprintf(&h, "%s — %s\n", esc(usage), esc(c.summary))
		fmt.Fprintf(&p, "%s — %s\n", usage, c.summary)
	}
	follow := b.followLine(r.reader)
	h.WriteString("\n" + esc(follow))
	p.WriteString("\n" + follow)
	return []alerts.Text{{HTML: h.String(), Plain: p.String()}}
}

func (b *Bot) followLine(rd alerts.Reader) string {
	ids := rd.AllTopicIDs()
	switch {
	case rd.AllTopics:
		return "This chat follows every topic."
	case len(ids) == 0:
		return "This chat follows no topic yet: /topics shows them."
	}
	return "This chat follows: " + strings.Join(ids, ", ") + "."
}

func (b *Bot) topics(r *request) []alerts.Text {
	ts := b.matcher().Topics()
	parts := []alerts.Text{{HTML: "<b>Topics</b> (✓ followed)", Plain: "Topics (✓ followed)"}}
	var row []alerts.Button
	var buttons [][]alerts.Button
	for _, t := range ts {
		mark, action, label := "", "sub:", "+ "+t.Name
		if r.reader.Wants(t.ID) {
			mark, action, label = " ✓", "unsub:", "✓ "+t.Name
		}
		line := fmt.Sprintf("• <b>%s</b>%s — %s", esc(t.ID), mark, esc(t.Name))
		plain := fmt.Sprintf("• %s%s — %s", t.ID, mark, t.Name)
		if t.Description != "" {
			line += ": " + esc(t.Description)
			plain += ": " + t.Description
		}
		if t.Delivery == rules.DeliverDigest {
			line += " <i>(digest only)</i>"
			plain += " (digest only)"
		}
		parts = append(parts, alerts.Text{HTML: line, Plain: plain})
		if len(buttons) < 25 {
			row = append(row, alerts.Button{Label: label, Data: action + t.ID})
			if len(row) == 2 {
				buttons, row = append(buttons, row), nil
			}
		}
	}
	if len(row) > 0 {
		buttons = append(buttons, row)
	}
	parts = append(parts, alerts.Text{HTML: "\n/subscribe <i>topic</i> follows one; the buttons do too.",
		Plain: "\n/subscribe topic follows one; the buttons do too.", Buttons: buttons})
	return parts
}

// resolveTopics maps arguments to topic ids ("all" to every topic); the
// unknown ones come back with a suggestion.
func (b *Bot) resolveTopics(args []string) (ids, unknown []string) {
	ts := b.matcher().Topics()
	var known []string
	for _, t := range ts {
		known = append(known, t.ID)
	}
	for _, a := range args {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "all" {
			return known, nil
		}
		i := slices.IndexFunc(ts, func(t *rules.Topic) bool { return t.ID == a || strings.EqualFold(t.Name, a) })
		if i < 0 {
			msg := fmt.Sprintf("Unknown topic %q", a)
			if s := yamlstrict.Suggest(a, known); s != "" {
				msg += fmt.Sprintf(" — did you mean %s?", s)
			}
			unknown = append(unknown, msg)
			continue
		}
		if !slices.Contains(ids, ts[i].ID) {
			ids = append(ids, ts[i].ID)
		}
	}
	return ids, unknown
}

func (b *Bot) subscribe(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return []alerts.Text{text("Which topics? For example: /subscribe iskp terrorism — or /subscribe all. /topics lists them.")}, nil
	}
	ids, unknown := b.resolveTopics(r.args)
	var out []string
	if len(ids) > 0 {
		added, err := b.store.Subscribe(ctx, r.dest, ids, b.now())
		if err != nil {
			return nil, err
		}
		switch {
		case len(added) > 0:
			out = append(out, "Subscribed to "+strings.Join(added, ", ")+
				". You will be alerted about items first seen from now on.")
		default:
			out = append(out, "This chat already follows "+strings.Join(ids, ", ")+".")
		}
		if r.reader.Mode == store.ModeDigest {
			out = append(out, "This chat is in digest mode: they will come in the daily digest (/mode both for alerts too).")
		}
	}
	out = append(out, unknown...)
	if len(unknown) > 0 {
		out = append(out, "/topics lists the topics.")
	}
	return []alerts.Text{text(strings.Join(out, "\n"))}, nil
}

func (b *Bot) unsubscribe(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return []alerts.Text{text("Which topics? For example: /unsubscribe iskp — or /unsubscribe all.")}, nil
	}
	var ids, unknown []string
	all := slices.ContainsFunc(r.args, func(a string) bool { return strings.EqualFold(a, "all") })
	if !all {
		ids, unknown = b.resolveTopics(r.args)
		if len(ids) == 0 && len(unknown) > 0 {
			return []alerts.Text{text(strings.Join(unknown, "\n"))}, nil
		}
	}
	removed, err := b.store.Unsubscribe(ctx, r.dest, ids)
	if err != nil {
		return nil, err
	}
	var out []string
	if len(removed) > 0 {
		out = append(out, "Unsubscribed from "+strings.Join(removed, ", ")+".")
	} else {
		out = append(out, "Nothing to unsubscribe from.")
	}
	var fixed []string
	for _, id := range r.reader.Configured {
		if all || slices.Contains(ids, id) {
			fixed = append(fixed, id)
		}
	}
	if len(fixed) > 0 || (all && r.reader.AllTopics) {
		out = append(out, "The bot's config file subscribes this chat to "+orAll(fixed)+
			"; only its operator can change that.")
	}
	out = append(out, unknown...)
	return []alerts.Text{text(strings.Join(out, "\n"))}, nil
}

func orAll(ids []string) string {
	if len(ids) == 0 {
		return "every topic"
	}
	return strings.Join(ids, ", ")
}

func (b *Bot) list(r *request) []alerts.Text {
	rd := r.reader
	var lines []string
	lines = append(lines, b.followLine(rd))
	if len(rd.Configured) > 0 {
		lines = append(lines, "From the config file: "+strings.Join(rd.Configured, ", ")+".")
	}
	mode := orDefault(rd.Mode, store.ModeImmediate)
	lines = append(lines, "Mode: "+mode+" — "+modeMeaning[mode]+".")
	digest := fmt.Sprintf("Daily digest at %s (%s)", orDefault(rd.DigestAt, b.opt.DigestAt), orDefault(rd.TimeZone, b.opt.TimeZone))
	if mode == store.ModeImmediate {
		digest += ", for digest-only topics"
	}
	lines = append(lines, digest+".")
	if rd.Muted(b.now()) {
		lines = append(lines, "Muted until "+b.local(rd, rd.MutedUntil)+" (/unmute).")
	}
	return []alerts.Text{text(strings.Join(lines, "\n"))}
}

var modeMeaning = map[string]string{
	store.ModeImmediate: "an alert as each story is found",
	store.ModeDigest:    "a daily digest only",
	store.ModeBoth:      "alerts and a daily digest",
}

func (b *Bot) settings(rd alerts.Reader) store.Settings {
	return store.Settings{Mode: orDefault(rd.Mode, store.ModeImmediate), DigestAt: rd.DigestAt,
		TimeZone: rd.TimeZone, MutedUntil: rd.MutedUntil}
}

func (b *Bot) mode(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 || modeMeaning[strings.ToLower(r.args[0])] == "" {
		return []alerts.Text{text("Use /mode immediate, /mode digest or /mode both.")}, nil
	}
	set := b.settings(r.reader)
	set.Mode = strings.ToLower(r.args[0])
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{text("Mode: " + set.Mode + " — " + modeMeaning[set.Mode] + ".")}, nil
}

func (b *Bot) digestNow(ctx context.Context, r *request) ([]alerts.Text, error) {
	n, err := b.digests.SendNow(ctx, r.reader, 24*time.Hour, fmt.Sprintf("digest-now:%d", r.update))
	if err != nil {
		return nil, err
	}
	if n > 0 {
		b.opt.Kick()
	}
	return nil, nil // the digest is the reply
}

func (b *Bot) schedule(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 {
		return []alerts.Text{text("Use /schedule HH:MM, e.g. /schedule 08:00.")}, nil
	}
	h, m, err := alerts.ParseClock(r.args[0])
	if err != nil {
		return []alerts.Text{text(err.Error() + ".")}, nil
	}
	set := b.settings(r.reader)
	set.DigestAt = fmt.Sprintf("%02d:%02d", h, m)
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{text(fmt.Sprintf("The daily digest comes at %s (%s).", set.DigestAt,
		orDefault(set.TimeZone, b.opt.TimeZone)))}, nil
}

func (b *Bot) timezone(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 {
		return []alerts.Text{text("Use /timezone Area/City, e.g. /timezone Asia/Almaty or /timezone Europe/Moscow.")}, nil
	}
	name := r.args[0]
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return []alerts.Text{text(fmt.Sprintf("Unknown time zone %q. Use a name from the IANA database, "+
			"e.g. Asia/Almaty, Asia/Bishkek, Asia/Tashkent, Asia/Dushanbe.", name))}, nil
	}
	set := b.settings(r.reader)
	set.TimeZone = loc.String()
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{text(fmt.Sprintf("Time zone: %s (now %s there).", set.TimeZone,
		b.now().In(loc).Format("15:04")))}, nil
}

// maxMute caps /mute: a chat muted for good should /unsubscribe.
const maxMute = 30 * 24 * time.Hour

func (b *Bot) mute(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 {
		return []alerts.Text{text("Use /mute with a duration, e.g. /mute 30m, /mute 8h or /mute 2d.")}, nil
	}
	d, err := parseDuration(r.args[0])
	if err != nil || d <= 0 || d > maxMute {
		return []alerts.Text{text(fmt.Sprintf("Cannot mute for %q: use a duration up to 30d, e.g. 30m, 8h or 2d.", r.args[0]))}, nil
	}
	set := b.settings(r.reader)
	set.MutedUntil = b.now().Add(d)
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{text("Muted until " + b.local(r.reader, set.MutedUntil) +
		". Stories found meanwhile are not alerted; /digest shows the last 24 hours.")}, nil
}

func (b *Bot) unmute(ctx context.Context, r *request) ([]alerts.Text, error) {
	set := b.settings(r.reader)
	set.MutedUntil = time.Time{}
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{text("Alerts are on again.")}, nil
}

func (b *Bot) status(ctx context.Context) ([]alerts.Text, error) {
	if b.opt.Status == nil {
		return []alerts.Text{text("No status is available.")}, nil
	}
	s, err := b.opt.Status(ctx)
	if err != nil {
		return nil, err
	}
	var parts []alerts.Text
	for _, line := range strings.Split(s, "\n") {
		parts = append(parts, text(line))
	}
	return parts, nil
}

// parseDuration reads Go durations, with d for days and w for weeks.
func parseDuration(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for unit, d := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, unit); ok {
			var k int
			if _, err := fmt.Sscanf(n, "%d", &k); err != nil || fmt.Sprint(k) != n {
				return 0, fmt.Errorf("duration %q", s)
			}
			return time.Duration(k) * d, nil
		}
	}
	return time.ParseDuration(s)
}

func (b *Bot) local(rd alerts.Reader, t time.Time) string {
	loc, err := time.LoadLocation(orDefault(rd.TimeZone, b.opt.TimeZone))
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2 Jan 15:04 MST")
}

func esc(s string) string { return html.EscapeString(s) }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
