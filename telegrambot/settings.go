package telegrambot

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/store"
)

// The commands that set how a chat is told: mode, digest time, time zone,
// mute, follow-ups; and /status.

var modeMeaning = map[string]string{
	store.ModeImmediate: "an alert as each story is found",
	store.ModeDigest:    "a daily digest only",
	store.ModeBoth:      "alerts and a daily digest",
}

func (b *Bot) settings(rd alerts.Reader) store.Settings {
	return store.Settings{Mode: cmp.Or(rd.Mode, store.ModeImmediate), DigestAt: rd.DigestAt,
		TimeZone: rd.TimeZone, MutedUntil: rd.MutedUntil, FollowUps: rd.FollowUps}
}

func (b *Bot) mode(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 || modeMeaning[strings.ToLower(r.args[0])] == "" {
		return []alerts.Text{plainReply("Use /mode immediate, /mode digest or /mode both.")}, nil
	}
	set := b.settings(r.reader)
	set.Mode = strings.ToLower(r.args[0])
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply("Mode: " + set.Mode + " — " + modeMeaning[set.Mode] + ".")}, nil
}

// followUpReply is how a follow-up comes, with or without a sound.
const followUpReply = "a report that may tell a story this chat was alerted about comes as a reply to that alert, "

var followUpsMeaning = map[string]string{
	ingest.FollowUpsQuiet:  followUpReply + "without a sound",
	ingest.FollowUpsThread: followUpReply + "with a sound",
	ingest.FollowUpsOff: "a report near a story this chat was alerted about comes as an alert like any; " +
		"one the clustering joined to that story is not sent",
}

// followUps shows or sets how the chat gets reports that may tell a story
// it was alerted about (see ingest.Options: FollowUps, SureFrom).
func (b *Bot) followUps(ctx context.Context, r *request) ([]alerts.Text, error) {
	rd := r.reader
	if rd.DefaultFollowUps() == ingest.FollowUpsOff {
		return []alerts.Text{plainReply("Follow-ups are off for this newsalert (stories.follow_ups: off): " +
			followUpsMeaning[ingest.FollowUpsOff] + ".")}, nil
	}
	usage := "Use /followups quiet, /followups thread, /followups off or /followups default."
	if len(r.args) == 0 {
		return []alerts.Text{plainReply(b.followUpsLine(rd) + "\n" + usage)}, nil
	}
	choice := strings.ToLower(r.args[0])
	if followUpsMeaning[choice] == "" && choice != "default" || len(r.args) > 1 {
		return []alerts.Text{plainReply(usage)}, nil
	}
	set := b.settings(rd)
	set.FollowUps = choice
	if choice == "default" {
		set.FollowUps = ""
	}
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	rd.FollowUps = set.FollowUps
	return []alerts.Text{plainReply(b.followUpsLine(rd))}, nil
}

// followUpsLine says how the reader gets follow-ups.
func (b *Bot) followUpsLine(rd alerts.Reader) string {
	mode := rd.FollowUpsMode()
	line := "Follow-ups: " + mode
	if rd.FollowUps == "" {
		line += " (the default)"
	}
	return line + " — " + followUpsMeaning[mode] + "."
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
		return []alerts.Text{plainReply("Use /schedule HH:MM, e.g. /schedule 08:00.")}, nil
	}
	h, m, err := alerts.ParseClock(r.args[0])
	if err != nil {
		return []alerts.Text{plainReply(err.Error() + ".")}, nil
	}
	set := b.settings(r.reader)
	set.DigestAt = fmt.Sprintf("%02d:%02d", h, m)
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply(fmt.Sprintf("The daily digest comes at %s (%s).", set.DigestAt, r.reader.Zone()))}, nil
}

func (b *Bot) timezone(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 {
		return []alerts.Text{plainReply("Use /timezone Area/City, e.g. /timezone Asia/Almaty or /timezone Europe/Moscow.")}, nil
	}
	name := r.args[0]
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return []alerts.Text{plainReply(fmt.Sprintf("Unknown time zone %q. Use a name from the IANA database, "+
			"e.g. Asia/Almaty, Asia/Bishkek, Asia/Tashkent, Asia/Dushanbe.", name))}, nil
	}
	set := b.settings(r.reader)
	set.TimeZone = loc.String()
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply(fmt.Sprintf("Time zone: %s (now %s there).", set.TimeZone,
		b.now().In(loc).Format("15:04")))}, nil
}

// maxMute caps /mute: a chat muted for good should /unsubscribe.
const maxMute = 30 * 24 * time.Hour

func (b *Bot) mute(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) != 1 {
		return []alerts.Text{plainReply("Use /mute with a duration, e.g. /mute 30m, /mute 8h or /mute 2d.")}, nil
	}
	d, err := parseDuration(r.args[0])
	if err != nil || d <= 0 || d > maxMute {
		return []alerts.Text{plainReply(fmt.Sprintf("Cannot mute for %q: use a duration up to 30d, e.g. 30m, 8h or 2d.", r.args[0]))}, nil
	}
	set := b.settings(r.reader)
	set.MutedUntil = b.now().Add(d)
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply("Muted until " + b.local(r.reader, set.MutedUntil) +
		". Stories found meanwhile are not alerted; /digest shows the last 24 hours.")}, nil
}

func (b *Bot) unmute(ctx context.Context, r *request) ([]alerts.Text, error) {
	set := b.settings(r.reader)
	set.MutedUntil = time.Time{}
	if err := b.store.SaveSettings(ctx, r.dest, set); err != nil {
		return nil, err
	}
	return []alerts.Text{plainReply("Alerts are on again.")}, nil
}

func (b *Bot) status(ctx context.Context, _ *request) ([]alerts.Text, error) {
	if b.opt.Status == nil {
		return []alerts.Text{plainReply("No status is available.")}, nil
	}
	s, err := b.opt.Status(ctx)
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

func (b *Bot) local(rd alerts.Reader, t time.Time) string {
	loc, err := time.LoadLocation(rd.Zone())
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2 Jan 15:04 MST")
}
