package telegrambot_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
)

// publish runs items through the pipeline as the daemon does: matched,
// recorded, and alerted to the audience's immediate subscribers.
func (h *harness) publish(titles ...string) alerts.Stats {
	h.t.Helper()
	// The harness's matcher: reading the rules here took longer than a
	// one-second mute under -race on a busy machine.
	pipe := alerts.NewPipeline(ingest.NewRecorder(h.st, ingest.Options{}), h.matcher, alerts.PipelineOptions{Audience: h.audience},
		slog.New(slog.NewTextHandler(h.logs, nil)))
	res := feeds.Result{Source: feeds.Source{URL: "http://127.0.0.1/feed", Name: "24.kg"}}
	for i, title := range titles {
		res.Items = append(res.Items, feeds.Item{Key: title, FeedURL: res.Source.URL, FeedName: "24.kg", Title: title,
			Link: "https://24.kg/" + string(rune('a'+i)), Published: clock.Wall(), FirstSeen: clock.Wall()})
	}
	st, err := pipe.Process(context.Background(), res)
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

// TestMuteHoldsAndUnmuteOffersADigest: while muted, the chat gets no
// alert; /unmute says how many stories were held and offers them; a
// press sends them as one digest.
func TestMuteHoldsAndUnmuteOffersADigest(t *testing.T) {
	h := newHarness(t, options{})
	h.say(alice, "/subscribe iskp", 1)
	if got := h.say(alice, "/mute 8h", 1)[0]; !strings.Contains(got, "Alerts found meanwhile are held") {
		t.Errorf("/mute: %s", got)
	}
	before := len(h.api.MessagesTo("1001"))
	st := h.publish("ISIS-K cell detained in Dushanbe", "Суд в Оше осудил вербовщика ISKP")
	if st.Matched != 2 || st.Queued != 0 {
		t.Errorf("while muted: %+v; want 2 matched, none queued", st)
	}
	if !h.quiet(alice, before) {
		t.Fatalf("a muted chat got %+v", h.api.MessagesTo("1001")[before:])
	}
	got := h.say(alice, "/unmute", 1)[0]
	if got != "Alerts are on again. While they were muted, 2 stories were held back." {
		t.Errorf("/unmute: %q", got)
	}
	offer := h.api.MessagesTo("1001")[before]
	if !strings.Contains(offer.ReplyMarkup, `"text":"Send them as a digest","callback_data":"held:`) {
		t.Fatalf("no digest button: %s", offer.ReplyMarkup)
	}
	data := offer.ReplyMarkup[strings.Index(offer.ReplyMarkup, "held:"):]
	data = data[:strings.IndexByte(data, '"')]
	before = len(h.api.MessagesTo("1001"))
	h.api.PressButton(alice, data)
	digest := h.replies(alice, before, 1)[0]
	if !strings.Contains(digest, "2 stories since") || !strings.Contains(digest, "ISIS-K cell detained in Dushanbe") ||
		!strings.Contains(digest, "Суд в Оше осудил вербовщика ISKP") {
		t.Errorf("held digest:\n%s", digest)
	}
	// Unmuted, alerts come again, at once.
	before = len(h.api.MessagesTo("1001"))
	if st := h.publish("ISKP claims attack in Kabul"); st.Queued != 1 {
		t.Errorf("after /unmute: %+v", st)
	}
	if got := h.replies(alice, before, 1)[0]; !strings.Contains(got, "ISKP claims attack in Kabul") {
		t.Errorf("alert after /unmute: %s", got)
	}
}

// TestMuteRunsOut: a mute that ends by itself tells the chat, once, in its
// language, what it held.
func TestMuteRunsOut(t *testing.T) {
	h := newHarness(t, options{})
	ru := alice
	ru.Lang = "ru"
	h.say(ru, "/subscribe iskp", 1)
	h.say(ru, "/mute 1s", 1)
	h.publish("ISIS-K cell detained in Dushanbe")
	time.Sleep(1100 * time.Millisecond)
	before := len(h.api.MessagesTo("1001"))
	for range 2 {
		if err := h.bot.NoticeMuteEnds(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got := h.replies(ru, before, 1)[0]
	if got != "Оповещения снова включены. Пока они были приостановлены, я придержал 1 новость." {
		t.Errorf("mute ran out: %q", got)
	}
	if !h.quiet(ru, before+1) {
		t.Errorf("told twice: %+v", h.api.MessagesTo("1001")[before:])
	}
	// Nothing held: said so, no button.
	h.say(ru, "/mute 1s", 1)
	time.Sleep(1100 * time.Millisecond)
	before = len(h.api.MessagesTo("1001"))
	h.bot.NoticeMuteEnds(context.Background())
	if got := h.replies(ru, before, 1)[0]; !strings.Contains(got, "по вашим темам ничего не нашлось") {
		t.Errorf("nothing held: %q", got)
	}
}
