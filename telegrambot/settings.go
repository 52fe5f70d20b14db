package telegrambot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/language"
	"github.com/newsalert/newsalert/store"
)

// The commands that set how a chat is told: mode, digest time, time zone,
// mute, follow-ups, language; and /status. Each shows the current value
// and the choices when given no argument.

var modes = []string{store.ModeImmediate, store.ModeDigest, store.ModeBoth}

// settingsOf are the settings a chat chose itself (not those the config
// file gives it), to be changed and saved.
func settingsOf(s store.Subscriber) store.Settings {
	return store.Settings{Mode: cmp.Or(s.Mode, store.ModeImmediate), DigestAt: s.DigestAt,
		TimeZone: s.TimeZone, MutedUntil: s.MutedUntil, FollowUps: s.FollowUps, Language: s.Language}
}

// save stores set as r's chat's settings, and keeps r up to date.
func (b *Bot) save(ctx context.Context, r *request, set store.Settings) error {
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return err
	}
	r.stored.Mode, r.stored.DigestAt, r.stored.TimeZone = set.Mode, set.DigestAt, set.TimeZone
	r.stored.MutedUntil, r.stored.FollowUps, r.stored.Language = set.MutedUntil, set.FollowUps, set.Language
	r.reader.Mode, r.reader.DigestAt, r.reader.TimeZone = set.Mode, set.DigestAt, set.TimeZone
	r.reader.MutedUntil, r.reader.FollowUps = set.MutedUntil, set.FollowUps
	if set.Language != "" {
		r.reader.Language = set.Language
	}
	return nil
}

// choices is a row of buttons, one per choice, the current one marked.
func choices(action, current string, values ...string) [][]alerts.Button {
	var row []alerts.Button
	for _, v := range values {
		label := v
		if v == current {
			label = "✓ " + v
		}
		row = append(row, alerts.Button{Label: label, Data: action + ":" + v})
	}
	return [][]alerts.Button{row}
}

func (b *Bot) modeLine(r *request) string {
	mode := cmp.Or(r.reader.Mode, store.ModeImmediate)
	return r.p.T("bot.mode.line", mode, r.p.T("bot.mode."+mode))
}

func (b *Bot) mode(ctx context.Context, r *request) ([]alerts.Text, error) {
	current := cmp.Or(r.reader.Mode, store.ModeImmediate)
	if len(r.args) == 0 {
		t := plainReply(b.modeLine(r) + "\n" + r.p.T("bot.choose"))
		t.Buttons = choices("mode", current, modes...)
		return []alerts.Text{t}, nil
	}
	choice := strings.ToLower(r.args[0])
	if len(r.args) != 1 || !slices.Contains(modes, choice) {
		t := r.text("bot.mode.usage")
		t.Buttons = choices("mode", current, modes...)
		return []alerts.Text{t}, nil
	}
	set := settingsOf(r.stored)
	set.Mode = choice
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply(b.modeLine(r))}, nil
}

var followUpsChoices = []string{ingest.FollowUpsQuiet, ingest.FollowUpsThread, ingest.FollowUpsOff, "default"}

// followUps shows or sets how the chat gets reports that may tell a story
// it was alerted about (see ingest.Options: FollowUps, SureFrom).
func (b *Bot) followUps(ctx context.Context, r *request) ([]alerts.Text, error) {
	rd := r.reader
	if rd.DefaultFollowUps() == ingest.FollowUpsOff {
		return []alerts.Text{r.text("bot.followups.deployment_off", r.p.T("bot.followups.off"))}, nil
	}
	current := cmp.Or(rd.FollowUps, "default")
	if len(r.args) == 0 {
		t := plainReply(b.followUpsLine(r) + "\n" + r.p.T("bot.choose"))
		t.Buttons = choices("fu", current, followUpsChoices...)
		return []alerts.Text{t}, nil
	}
	choice := strings.ToLower(r.args[0])
	if !slices.Contains(followUpsChoices, choice) || len(r.args) > 1 {
		t := r.text("bot.followups.usage")
		t.Buttons = choices("fu", current, followUpsChoices...)
		return []alerts.Text{t}, nil
	}
	set := settingsOf(r.stored)
	set.FollowUps = choice
	if choice == "default" {
		set.FollowUps = ""
	}
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply(b.followUpsLine(r))}, nil
}

// followUpsLine says how the reader gets follow-ups.
func (b *Bot) followUpsLine(r *request) string {
	mode := r.reader.FollowUpsMode()
	if r.reader.FollowUps == "" {
		return r.p.T("bot.followups.line_default", mode, r.p.T("bot.followups."+mode))
	}
	return r.p.T("bot.followups.line", mode, r.p.T("bot.followups."+mode))
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
	if len(r.args) == 0 {
		t := r.text("bot.schedule.line", r.reader.DigestTime(), r.reader.Zone())
		t.Plain += "\n" + r.p.T("bot.choose")
		t.HTML += "\n" + esc(r.p.T("bot.choose"))
		t.Buttons = choices("sched", r.reader.DigestTime(), "07:00", "08:00", "09:00", "18:00")
		return []alerts.Text{t}, nil
	}
	if len(r.args) != 1 {
		return []alerts.Text{r.text("bot.schedule.usage")}, nil
	}
	h, m, err := alerts.ParseClock(r.args[0])
	if err != nil {
		return []alerts.Text{r.text("bot.schedule.bad", r.args[0])}, nil
	}
	set := settingsOf(r.stored)
	set.DigestAt = fmt.Sprintf("%02d:%02d", h, m)
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	return []alerts.Text{r.text("bot.schedule.line", set.DigestAt, r.reader.Zone())}, nil
}

// timezoneChoices are the buttons /timezone shows: the region's zones.
var timezoneChoices = []string{"Asia/Almaty", "Asia/Bishkek", "Asia/Tashkent", "Asia/Dushanbe", "Asia/Ashgabat",
	"Asia/Kabul", "Europe/Moscow"}

// timezone shows or sets the chat's zone, by city, IANA name or offset.
func (b *Bot) timezone(ctx context.Context, r *request) ([]alerts.Text, error) {
	if r.raw == "" {
		t := plainReply(b.zoneLine(r, r.reader.Zone()) + "\n" + r.p.T("bot.timezone.hint"))
		t.Buttons = b.zoneButtons(r.reader.Zone(), timezoneChoices)
		return []alerts.Text{t}, nil
	}
	z, suggestions := FindZone(r.raw, b.now())
	if z.Name == "" {
		if len(suggestions) == 0 {
			return []alerts.Text{r.text("bot.timezone.unknown", r.raw)}, nil
		}
		t := r.text("bot.timezone.suggest", r.raw)
		t.Buttons = b.zoneButtons("", suggestions)
		return []alerts.Text{t}, nil
	}
	set := settingsOf(r.stored)
	set.TimeZone = z.Name
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	switch {
	case z.Fixed:
		return []alerts.Text{r.text("bot.timezone.fixed", formatOffset(offsetOf(z.Name, b.now())), z.Name)}, nil
	case z.Offset:
		t := plainReply(b.zoneLine(r, z.Name) + "\n" + r.p.T("bot.timezone.by_offset", formatOffset(offsetOf(z.Name, b.now()))))
		t.Buttons = b.zoneButtons(z.Name, append([]string{z.Name}, z.Also...))
		return []alerts.Text{t}, nil
	}
	return []alerts.Text{plainReply(b.zoneLine(r, z.Name))}, nil
}

// zoneLine says a zone, its offset and the time there now.
func (b *Bot) zoneLine(r *request, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	now := b.now().In(loc)
	return r.p.T("bot.timezone.line", zone, formatOffset(offsetOf(zone, b.now())), now.Format("15:04"))
}

// zoneButtons are a button per zone, two a row, labelled with its city and
// offset now.
func (b *Bot) zoneButtons(current string, zones []string) [][]alerts.Button {
	var rows [][]alerts.Button
	for i, z := range zones {
		label := strings.ReplaceAll(z[strings.LastIndexByte(z, '/')+1:], "_", " ") + " (" + formatOffset(offsetOf(z, b.now())) + ")"
		if z == current {
			label = "✓ " + label
		}
		if i%2 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], alerts.Button{Label: label, Data: "tz:" + z})
	}
	return rows
}

// language shows or sets the language the bot writes to the chat in.
func (b *Bot) language(ctx context.Context, r *request) ([]alerts.Text, error) {
	langs := i18n.Builtin().Languages()
	if len(r.args) == 0 {
		t := plainReply(r.p.T("bot.language.line", languageName(r.p.Lang())) + "\n" + r.p.T("bot.choose"))
		t.Buttons = languageButtons(r.p.Lang(), langs)
		return []alerts.Text{t}, nil
	}
	lang := pickLanguage(strings.Join(r.args, " "), langs)
	if lang == "" {
		t := r.text("bot.language.unknown", strings.Join(r.args, " "))
		t.Buttons = languageButtons(r.p.Lang(), langs)
		return []alerts.Text{t}, nil
	}
	set := settingsOf(r.stored)
	set.Language = lang
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	r.p = i18n.For(lang)
	return []alerts.Text{r.text("bot.language.done")}, nil
}

// languageName is a language's name in itself (language.name).
func languageName(lang string) string { return i18n.For(lang).T("language.name") }

func languageButtons(current string, langs []string) [][]alerts.Button {
	var row []alerts.Button
	for _, l := range langs {
		label := languageName(l)
		if l == current {
			label = "✓ " + label
		}
		row = append(row, alerts.Button{Label: label, Data: "lang:" + l})
	}
	return [][]alerts.Button{row}
}

// pickLanguage reads a language as a code ("ru", "ru-RU") or its name in
// itself or in English ("Русский", "russian"); "" when none is one. (Not
// x/text's display names: their tables cost the daemon megabytes.)
func pickLanguage(s string, langs []string) string {
	if l := i18n.Builtin().Pick(s); l != "" {
		return l
	}
	want := language.Phrase(s)
	for _, l := range langs {
		for _, name := range []string{languageName(l), i18n.For(l).T("bot.language.english_name")} {
			if language.Phrase(name) == want {
				return l
			}
		}
	}
	return ""
}

func (b *Bot) status(ctx context.Context, r *request) ([]alerts.Text, error) {
	if b.opt.Status == nil {
		return []alerts.Text{r.text("bot.status.none")}, nil
	}
	s, err := b.opt.Status(ctx, r.p.Lang())
	if err != nil {
		return nil, err
	}
	var parts []alerts.Text
	for _, line := range strings.Split(s, "\n") {
		parts = append(parts, plainReply(line))
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

// local is t in r's zone, as r's language writes it.
func (b *Bot) local(r *request, t time.Time) string {
	loc, err := time.LoadLocation(r.reader.Zone())
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format(r.p.T("bot.time.layout"))
}
