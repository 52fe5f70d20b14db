package telegrambot

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/text"
)

// command describes one command for /help and Telegram's menu, and what
// answers it. Its summary and arguments are the messages bot.cmd.<name>
// and bot.cmd.<name>.args.
type command struct {
	name string
	args bool
	// admin commands are for the bot's administrators; changes alter
	// the chat's subscriptions or settings, which in a group only its
	// administrators may do.
	admin, changes bool
	// hidden commands answer buttons only: not typed, not listed.
	hidden bool
	run    func(*Bot, context.Context, *request) ([]alerts.Text, error)
}

// commands is set in init: its handlers (help among them) read it, which a
// package variable's initializer may not.
var commands []command

func init() {
	commands = []command{
		{name: "start", run: (*Bot).help},
		{name: "help", run: (*Bot).help},
		{name: "topics", run: (*Bot).topics},
		{name: "subscribe", args: true, changes: true, run: (*Bot).subscribe},
		{name: "unsubscribe", args: true, changes: true, run: (*Bot).unsubscribe},
		{name: "list", run: (*Bot).list},
		{name: "mode", args: true, changes: true, run: (*Bot).mode},
		{name: "digest", run: (*Bot).digestNow},
		{name: "schedule", args: true, changes: true, run: (*Bot).schedule},
		{name: "timezone", args: true, changes: true, run: (*Bot).timezone},
		{name: "mute", args: true, changes: true, run: (*Bot).mute},
		{name: "unmute", changes: true, run: (*Bot).unmute},
		{name: "followups", args: true, changes: true, run: (*Bot).followUps},
		{name: "language", args: true, changes: true, run: (*Bot).language},
		{name: "status", admin: true, run: (*Bot).status},
		{name: "held", hidden: true, run: (*Bot).sendHeld},
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
	var out []string
	for _, c := range commands {
		if !c.hidden {
			out = append(out, c.name)
		}
	}
	return out
}

// usage is how the command is typed, with its arguments, in p's language.
func (c command) usage(p i18n.Printer) string {
	switch {
	case !c.args:
		return "/" + c.name
	case c.name == "language": // the languages of the catalog, whichever they are
		return "/language " + strings.Join(i18n.Builtin().Languages(), " | ")
	}
	return "/" + c.name + " " + p.T("bot.cmd."+c.name+".args")
}

func (b *Bot) help(_ context.Context, r *request) ([]alerts.Text, error) {
	var h, p strings.Builder
	intro := r.p.T("bot.help.intro")
	h.WriteString("👋 <b>newsalert</b>\n" + esc(intro) + "\n\n")
	p.WriteString("newsalert\n" + intro + "\n\n")
	for _, c := range commands {
		if c.admin && !b.opt.IsAdmin(r.user) || c.hidden {
			continue
		}
		line := c.usage(r.p) + " — " + r.p.T("bot.cmd."+c.name)
		h.WriteString(esc(line) + "\n")
		p.WriteString(line + "\n")
	}
	follow := b.followLine(r)
	h.WriteString("\n" + esc(follow))
	p.WriteString("\n" + follow)
	return []alerts.Text{{HTML: h.String(), Plain: p.String()}}, nil
}

func (b *Bot) followLine(r *request) string {
	ids := r.reader.AllTopicIDs()
	switch {
	case r.reader.AllTopics:
		return r.p.T("bot.follow.all")
	case len(ids) == 0:
		return r.p.T("bot.follow.none")
	}
	return r.p.T("bot.follow.some", strings.Join(ids, ", "))
}

func (b *Bot) topics(_ context.Context, r *request) ([]alerts.Text, error) {
	parts := []alerts.Text{{HTML: "<b>" + esc(r.p.T("bot.topics.title")) + "</b> " + esc(r.p.T("bot.topics.legend")),
		Plain: r.p.T("bot.topics.title") + " " + r.p.T("bot.topics.legend")}}
	for _, t := range b.matcher().Topics() {
		name, desc := topicName(t, r.p.Lang()), topicDescription(t, r.p.Lang())
		mark := ""
		if r.reader.Wants(t.ID) {
			mark = " ✓"
		}
		line := fmt.Sprintf("• <b>%s</b>%s — %s", esc(t.ID), mark, esc(name))
		plain := fmt.Sprintf("• %s%s — %s", t.ID, mark, name)
		if desc != "" {
			line += ": " + esc(desc)
			plain += ": " + desc
		}
		if t.Delivery == rules.DeliverDigest {
			line += " <i>" + esc(r.p.T("bot.topics.digest_only")) + "</i>"
			plain += " " + r.p.T("bot.topics.digest_only")
		}
		parts = append(parts, alerts.Text{HTML: line, Plain: plain})
	}
	hint := "\n" + r.p.T("bot.topics.hint")
	parts = append(parts, alerts.Text{HTML: esc(hint), Plain: hint, Buttons: b.topicButtons(r)})
	return parts, nil
}

// topicButtons are /topics' keyboard: a button per topic, two a row,
// marked ✓ and unsubscribing for a followed topic.
func (b *Bot) topicButtons(r *request) [][]alerts.Button {
	var row []alerts.Button
	var buttons [][]alerts.Button
	for _, t := range b.matcher().Topics() {
		action, label := "tsub:", "+ "+topicName(t, r.p.Lang())
		if r.reader.Wants(t.ID) {
			action, label = "tunsub:", "✓ "+topicName(t, r.p.Lang())
		}
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
	return buttons
}

// unknownTopic says that arg names no topic, with the closest topics as
// buttons that subscribe.
type unknownTopic struct {
	arg     string
	closest []*rules.Topic
}

// resolveTopics maps arguments to topic ids ("all" to every topic).
func (b *Bot) resolveTopics(r *request) (ids []string, unknown []unknownTopic) {
	ts := b.matcher().Topics()
	args := r.args
	// Several words may be one topic's name: /subscribe Islamic State.
	if len(args) > 1 && !strings.ContainsAny(r.raw, ",\"«“'") {
		if t, _ := FindTopic(ts, r.raw); t != nil {
			return []string{t.ID}, nil
		}
	}
	for _, a := range args {
		if strings.EqualFold(strings.TrimSpace(a), "all") {
			return rules.IDs(ts), nil
		}
		t, maybe := FindTopic(ts, a)
		if t == nil {
			if len(maybe) == 0 {
				maybe = ClosestTopics(ts, a, 3)
			}
			unknown = append(unknown, unknownTopic{arg: a, closest: maybe})
			continue
		}
		if !slices.Contains(ids, t.ID) {
			ids = append(ids, t.ID)
		}
	}
	return ids, unknown
}

// unknownReplies say what each unknown topic may have meant.
func (b *Bot) unknownReplies(r *request, unknown []unknownTopic) []alerts.Text {
	var out []alerts.Text
	for _, u := range unknown {
		if len(u.closest) == 0 {
			out = append(out, r.text("bot.topic.unknown", u.arg))
			continue
		}
		t := r.text("bot.topic.suggest", u.arg)
		for _, c := range u.closest {
			t.Buttons = append(t.Buttons, []alerts.Button{{Label: topicName(c, r.p.Lang()), Data: "sub:" + c.ID}})
		}
		out = append(out, t)
	}
	if len(unknown) > 0 {
		out = append(out, r.text("bot.topics.see"))
	}
	return out
}

func (b *Bot) subscribe(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return []alerts.Text{r.text("bot.subscribe.which")}, nil
	}
	ids, unknown := b.resolveTopics(r)
	var out []string
	if len(ids) > 0 {
		added, err := b.store.Subscribe(ctx, r.dest, ids, b.now())
		if err != nil {
			return nil, err
		}
		switch {
		case len(added) > 0:
			out = append(out, r.p.T("bot.subscribe.done", b.names(r, added)))
		default:
			out = append(out, r.p.T("bot.subscribe.already", b.names(r, ids)))
		}
		if r.reader.Mode == store.ModeDigest {
			out = append(out, r.p.T("bot.subscribe.digest_mode"))
		}
	}
	var parts []alerts.Text
	if len(out) > 0 {
		parts = append(parts, plainReply(strings.Join(out, "\n")))
	}
	return append(parts, b.unknownReplies(r, unknown)...), nil
}

// names says topics by their names in r's language.
func (b *Bot) names(r *request, ids []string) string {
	out := make([]string, len(ids))
	ts := b.matcher().Topics()
	for i, id := range ids {
		out[i] = id
		if j := slices.IndexFunc(ts, func(t *rules.Topic) bool { return t.ID == id }); j >= 0 {
			out[i] = topicName(ts[j], r.p.Lang()) + " (" + id + ")"
		}
	}
	return strings.Join(out, ", ")
}

func (b *Bot) unsubscribe(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return []alerts.Text{r.text("bot.unsubscribe.which")}, nil
	}
	var ids []string
	var unknown []unknownTopic
	all := slices.ContainsFunc(r.args, func(a string) bool { return strings.EqualFold(a, "all") })
	if !all {
		ids, unknown = b.resolveTopics(r)
		if len(ids) == 0 && len(unknown) > 0 {
			return b.unknownReplies(r, unknown), nil
		}
	}
	removed, err := b.store.Unsubscribe(ctx, r.dest, ids)
	if err != nil {
		return nil, err
	}
	var out []string
	if len(removed) > 0 {
		out = append(out, r.p.T("bot.unsubscribe.done", b.names(r, removed)))
	} else {
		out = append(out, r.p.T("bot.unsubscribe.nothing"))
	}
	var fixed []string
	for _, id := range r.reader.Configured {
		if all || slices.Contains(ids, id) {
			fixed = append(fixed, id)
		}
	}
	if len(fixed) > 0 || (all && r.reader.AllTopics) {
		out = append(out, r.p.T("bot.unsubscribe.configured", orAll(r.p, fixed)))
	}
	return []alerts.Text{plainReply(strings.Join(out, "\n"))}, nil
}

func orAll(p i18n.Printer, ids []string) string {
	if len(ids) == 0 {
		return p.T("bot.every_topic")
	}
	return strings.Join(ids, ", ")
}

func (b *Bot) list(_ context.Context, r *request) ([]alerts.Text, error) {
	rd := r.reader
	var lines []string
	lines = append(lines, b.followLine(r))
	if len(rd.Configured) > 0 {
		lines = append(lines, r.p.T("bot.list.configured", strings.Join(rd.Configured, ", ")))
	}
	lines = append(lines, b.modeLine(r))
	mode := cmp.Or(rd.Mode, store.ModeImmediate)
	key := "bot.list.digest"
	if mode == store.ModeImmediate {
		key = "bot.list.digest_topics"
	}
	lines = append(lines, r.p.T(key, rd.DigestTime(), rd.Zone()))
	if rd.Muted(b.now()) {
		lines = append(lines, r.p.T("bot.list.muted", b.local(r, rd.MutedUntil)))
	}
	lines = append(lines, b.followUpsLine(r))
	lines = append(lines, r.p.T("bot.language.line", languageName(r.p.Lang())))
	return []alerts.Text{plainReply(strings.Join(lines, "\n"))}, nil
}

func esc(s string) string { return html.EscapeString(s) }

// suggest is the closest of candidates to word, if it is near enough.
func suggest(word string, candidates []string) string { return text.Suggest(word, candidates) }
