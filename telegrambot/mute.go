package telegrambot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/i18n"
)

// A mute holds a chat's alerts back: the stories stay in the store, and
// when the mute ends (/unmute, or its time is up) the chat is told how
// many there were and offered them as one digest (alerts.DigestScheduler
// Held). When the mute began is kept under mutedSinceKey + destination.

const mutedSinceKey = "telegram.muted_since:"

// maxMute caps /mute: a chat muted for good should /unsubscribe.
const maxMute = 30 * 24 * time.Hour

func (b *Bot) mute(ctx context.Context, r *request) ([]alerts.Text, error) {
	if len(r.args) == 0 {
		return b.showMute(r), nil
	}
	if len(r.args) != 1 {
		return []alerts.Text{r.text("bot.mute.usage")}, nil
	}
	d, err := parseDuration(r.args[0])
	if err != nil || d <= 0 || d > maxMute {
		return []alerts.Text{r.text("bot.mute.bad", r.args[0])}, nil
	}
	if !r.reader.Muted(b.now()) {
		// A new mute holds from now; a longer one keeps its start.
		if err := b.store.SetSetting(ctx, mutedSinceKey+r.dest, strconv.FormatInt(b.now().UnixMilli(), 10)); err != nil {
			return nil, err
		}
	}
	set := settingsOf(r.stored)
	set.MutedUntil = b.now().Add(d)
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	return []alerts.Text{r.text("bot.mute.done", b.local(r, set.MutedUntil))}, nil
}

func (b *Bot) showMute(r *request) []alerts.Text {
	if !r.reader.Muted(b.now()) {
		t := r.text("bot.mute.line")
		t.Buttons = choices("mute", "", "1h", "8h", "1d", "7d")
		return []alerts.Text{t}
	}
	t := r.text("bot.list.muted", b.local(r, r.reader.MutedUntil))
	t.Buttons = append(choices("mute", "", "1h", "8h", "1d", "7d"), []alerts.Button{{Label: "/unmute", Data: "unmute:"}})
	return []alerts.Text{t}
}

func (b *Bot) unmute(ctx context.Context, r *request) ([]alerts.Text, error) {
	now := b.now()
	until := now
	if !r.reader.MutedUntil.IsZero() && r.reader.MutedUntil.Before(now) {
		until = r.reader.MutedUntil // it had ended already
	}
	set := settingsOf(r.stored)
	set.MutedUntil = time.Time{}
	if err := b.save(ctx, r, set); err != nil {
		return nil, err
	}
	return b.muteEnded(ctx, r.reader, r.p, until)
}

// muteEnded clears rd's mute start and says what the mute held back up
// to until, with a button that sends it as a digest.
func (b *Bot) muteEnded(ctx context.Context, rd alerts.Reader, p i18n.Printer, until time.Time) ([]alerts.Text, error) {
	since, err := b.mutedSince(ctx, rd.Destination)
	if err != nil {
		return nil, err
	}
	if err := b.store.SetSetting(ctx, mutedSinceKey+rd.Destination, ""); err != nil {
		return nil, err
	}
	if since.IsZero() || !since.Before(until) {
		return []alerts.Text{plainReply(p.T("bot.unmute.done"))}, nil
	}
	d, err := b.digests.Held(ctx, rd, since, until)
	if err != nil {
		return nil, err
	}
	if d.Count() == 0 {
		return []alerts.Text{plainReply(p.T("bot.unmute.done") + " " + p.T("bot.unmute.none"))}, nil
	}
	t := plainReply(p.T("bot.unmute.done") + " " + p.N("bot.unmute.held", d.Count()))
	t.Buttons = [][]alerts.Button{{{Label: p.T("bot.unmute.send"),
		Data: fmt.Sprintf("held:%d-%d", since.UnixMilli(), until.UnixMilli())}}}
	return []alerts.Text{t}, nil
}

func (b *Bot) mutedSince(ctx context.Context, dest string) (time.Time, error) {
	v, err := b.store.Setting(ctx, mutedSinceKey+dest)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored %s%s %q: %w", mutedSinceKey, dest, v, err)
	}
	return time.UnixMilli(ms), nil
}

// sendHeld answers the button muteEnded offers: the digest of the period
// it names ("since-until", Unix milliseconds).
func (b *Bot) sendHeld(ctx context.Context, r *request) ([]alerts.Text, error) {
	from, to, _ := strings.Cut(r.raw, "-")
	since, err1 := strconv.ParseInt(from, 10, 64)
	until, err2 := strconv.ParseInt(to, 10, 64)
	if err1 != nil || err2 != nil || since >= until {
		return []alerts.Text{r.text("bot.button.stale")}, nil
	}
	n, err := b.digests.SendHeld(ctx, r.reader, time.UnixMilli(since), time.UnixMilli(until), "held:"+r.raw)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		b.opt.Kick()
	}
	return nil, nil // the digest is the reply
}

// NoticeMuteEnds tells each chat whose mute ran out, once, what it held
// back (as /unmute does). Run calls it every minute.
func (b *Bot) NoticeMuteEnds(ctx context.Context) error {
	readers, err := b.audience.Readers(ctx)
	if err != nil {
		return err
	}
	now := b.now()
	for _, rd := range readers {
		if !rd.Active || rd.MutedUntil.IsZero() || rd.Muted(now) || !strings.HasPrefix(rd.Destination, "telegram:") {
			continue
		}
		if since, err := b.mutedSince(ctx, rd.Destination); err != nil || since.IsZero() {
			continue
		}
		parts, err := b.muteEnded(ctx, rd, i18n.For(rd.Lang()), rd.MutedUntil)
		if err != nil {
			return err
		}
		b.queue(ctx, rd.Destination, "unmuted:"+strconv.FormatInt(rd.MutedUntil.UnixMilli(), 10), parts)
	}
	return nil
}
