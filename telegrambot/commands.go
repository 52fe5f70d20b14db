package telegrambot

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/text"
)

// command describes one command for /help and Telegram's menu, and what
// answers it.
type command struct {
	name, args, summary string
	// admin commands are for the bot's administrators; changes alter
	// the chat's subscriptions or settings, which in a group only its
	// administrators may do.
	admin, changes bool
	run            func(*Bot, context.Context, *request) ([]alerts.Text, error)
}

// commands is set in init: its handlers (help among them) read it, which a
// package variable's initializer may not.
var commands []command

func init() {
	commands = []command{
		{name: "start", summary: "what this bot does", run: (*Bot).help},
		{name: "help", summary: "the commands", run: (*Bot).help},
		{name: "topics", summary: "the topics you can follow", run: (*Bot).topics},
		{name: "subscribe", args: "topic… | all", summary: "follow topics", changes: true, run: (*Bot).subscribe},
		{name: "unsubscribe", args: "topic… | all", summary: "stop following topics", changes: true, run: (*Bot).unsubscribe},
		{name: "list", summary: "this chat's topics and settings", run: (*Bot).list},
		{name: "mode", args: "immediate | digest | both", summary: "alerts at once, a daily digest, or both", changes: true, run: (*Bot).mode},
		{name: "digest", summary: "a digest of the last 24 hours, now", run: (*Bot).digestNow},
		{name: "schedule", args: "HH:MM", summary: "the time of the daily digest", changes: true, run: (*Bot).schedule},
		{name: "timezone", args: "Area/City", summary: "the time zone of this chat, e.g. Asia/Almaty", changes: true, run: (*Bot).timezone},
		{name: "mute", args: "duration", summary: "no alerts for a while, e.g. /mute 8h", changes: true, run: (*Bot).mute},
		{name: "unmute", summary: "alerts again", changes: true, run: (*Bot).unmute},
		{name: "followups", args: "quiet | thread | off | default", summary: "how reports that may tell a story already alerted come", changes: true, run: (*Bot).followUps},
		{name: "status", summary: "feed health and delivery queue", admin: true, run: (*Bot).status},
	}
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

func (b *Bot) help(_ context.Context, r *request) ([]alerts.Text, error) {
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
	return []alerts.Text{{HTML: h.String(), Plain: p.String()}}, nil
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

func (b *Bot) topics(_ context.Context, r *request) ([]alerts.Text, error) {
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
	return parts, nil
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
			if s := text.Suggest(a, known); s != "" {
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
		return []alerts.Text{plainReply("Which topics? For example: /subscribe iskp terrorism — or /subscribe all. /topics lists them.")}, nil
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
	return []alerts.Text{plainReply(strings.Join(out, "\n"))}, nil
}

func (b *Bot) unsubscribe(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return []alerts.Text{plainReply("Which topics? For example: /unsubscribe iskp — or /unsubscribe all.")}, nil
	}
	var ids, unknown []string
	all := slices.ContainsFunc(r.args, func(a string) bool { return strings.EqualFold(a, "all") })
	if !all {
		ids, unknown = b.resolveTopics(r.args)
		if len(ids) == 0 && len(unknown) > 0 {
			return []alerts.Text{plainReply(strings.Join(unknown, "\n"))}, nil
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
	return []alerts.Text{plainReply(strings.Join(out, "\n"))}, nil
}

func orAll(ids []string) string {
	if len(ids) == 0 {
		return "every topic"
	}
	return strings.Join(ids, ", ")
}

func (b *Bot) list(_ context.Context, r *request) ([]alerts.Text, error) {
	rd := r.reader
	var lines []string
	lines = append(lines, b.followLine(rd))
	if len(rd.Configured) > 0 {
		lines = append(lines, "From the config file: "+strings.Join(rd.Configured, ", ")+".")
	}
	mode := cmp.Or(rd.Mode, store.ModeImmediate)
	lines = append(lines, "Mode: "+mode+" — "+modeMeaning[mode]+".")
	digest := fmt.Sprintf("Daily digest at %s (%s)", rd.DigestTime(), rd.Zone())
	if mode == store.ModeImmediate {
		digest += ", for digest-only topics"
	}
	lines = append(lines, digest+".")
	if rd.Muted(b.now()) {
		lines = append(lines, "Muted until "+b.local(rd, rd.MutedUntil)+" (/unmute).")
	}
	lines = append(lines, b.followUpsLine(rd))
	return []alerts.Text{plainReply(strings.Join(lines, "\n"))}, nil
}

func esc(s string) string { return html.EscapeString(s) }
