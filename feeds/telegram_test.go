package feeds_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/feeds/tgchannel"
)

// fakeChannel serves a channel's preview as t.me/s does: the newest 20
// posts up to ?before=, oldest first, with the "more" cursor.
type fakeChannel struct {
	mu       sync.Mutex
	name     string
	posts    map[int64]string // id → text
	edited   map[int64]bool
	requests []string
	at       []time.Time
	now      func() time.Time // when a request arrives
}

func (c *fakeChannel) add(from, to int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := from; id <= to; id++ {
		c.posts[id] = fmt.Sprintf("Сообщение номер %d о событиях в регионе", id)
	}
}

func (c *fakeChannel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests = append(c.requests, r.URL.RequestURI())
	c.at = append(c.at, c.now())
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	var ids []int64
	for id := range c.posts {
		if before == 0 || id < before {
			ids = append(ids, id)
		}
	}
	sortIDs(ids)
	if len(ids) > 20 {
		ids = ids[len(ids)-20:]
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, channelPage(c.name, ids, c.posts, c.edited))
}

func sortIDs(ids []int64) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

// channelPage renders posts in the markup of tgchannel/testdata/kaktus_media.html.
func channelPage(channel string, ids []int64, texts map[int64]string, edited map[int64]bool) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main class="tgme_main"><section class="tgme_channel_history js-message_history">`)
	fmt.Fprintf(&b, `<div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">%s</span></div></div>`, channel)
	if len(ids) > 0 {
		fmt.Fprintf(&b, `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/%s?before=%d" class="tme_messages_more js-messages_more" data-before="%d"></a></div>`, channel, ids[0], ids[0])
	}
	for _, id := range ids {
		mark := ""
		if edited[id] {
			mark = `<span class="tgme_widget_message_edited">edited</span> `
		}
		date := time.Date(2026, 12, 4, 6, 0, 0, 0, time.UTC).Add(time.Duration(id) * time.Minute).Format(time.RFC3339)
		fmt.Fprintf(&b, `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="%s/%d"><div class="tgme_widget_message_bubble">`+
			`<div class="tgme_widget_message_text js-message_text" dir="auto">%s</div>`+
			`<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_meta">%s<a class="tgme_widget_message_date" href="https://t.me/%s/%d"><time datetime="%s" class="time">x</time></a></span></div></div>`+
			`</div></div></div>`, channel, id, texts[id], mark, channel, id, date)
	}
	b.WriteString(`</section></main></body></html>`)
	return b.String()
}

func newFakeChannel(t *testing.T, name string) (*fakeChannel, *httptest.Server) {
	c := &fakeChannel{name: name, posts: map[int64]string{}, edited: map[int64]bool{}, now: clock.Wall}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return c, srv
}

func channelSource(srv *httptest.Server, name string) feeds.Source {
	return feeds.Source{URL: srv.URL + "/s/" + name, Kind: feeds.KindTelegram, Channel: name}
}

func TestTelegramPostsBecomeItems(t *testing.T) {
	page, err := os.ReadFile("tgchannel/testdata/kaktus_media.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPollerAt(t, st, feeds.PollerOptions{}, afterTheFixtures)
	src := channelSource(srv, "kaktus_media")
	res := p.Poll(context.Background(), src)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if len(res.Items) != 4 {
		t.Fatalf("%d items, want 4 (service and text-less posts skipped)", len(res.Items))
	}
	first := res.Items[0]
	if first.Title != "В Бишкеке задержали членов ячейки ИГИЛ." || first.Link != "https://t.me/kaktus_media/52001" {
		t.Errorf("title %q link %q", first.Title, first.Link)
	}
	if first.CanonicalLink != "https://kaktus.media/doc/520001_v_bishkeke_zaderjali.html" {
		t.Errorf("canonical %q, want the article without utm", first.CanonicalLink)
	}
	if !first.Published.Equal(time.Date(2026, 12, 4, 8, 15, 2, 0, time.UTC)) || first.DateEstimated {
		t.Errorf("published %v estimated %v", first.Published, first.DateEstimated)
	}
	if fw := res.Items[1]; !strings.Contains(fw.Summary, "↪ ГКНБ КР") || fw.CanonicalLink != "" {
		t.Errorf("forwarded post summary %q canonical %q", fw.Summary, fw.CanonicalLink)
	}
	if album := res.Items[2]; album.Title != "Фоторепортаж: учения спецназа в Ошской области" {
		t.Errorf("album title %q", album.Title)
	}
	if got := state(t, st, src.URL).LastPostID; got != 52007 {
		t.Errorf("LastPostID %d, want 52007", got)
	}
	keys := map[string]bool{}
	for _, it := range res.Items {
		keys[it.Key] = true
	}
	if len(keys) != 4 {
		t.Errorf("keys not distinct: %v", keys)
	}
}

func TestTelegramPagesBackWhenManyPostsAppeared(t *testing.T) {
	ch, srv := newFakeChannel(t, "busy_channel")
	ch.add(1, 20)
	st := openStore(t)
	// The gate waits on the poller's clock; this one moves only when the
	// poller sleeps, so arrivals are exact.
	clk := clocktest.New(clock.Wall())
	ch.now = clk.Now
	gap := time.Second
	p := newPollerAt(t, st, feeds.PollerOptions{TelegramGap: gap, Sleep: clk.Sleep}, clk.Now)
	src := channelSource(srv, "busy_channel")
	ctx := context.Background()
	if res := p.Poll(ctx, src); res.Err != nil || len(res.Items) != 20 {
		t.Fatalf("first poll: %v, %d items", res.Err, len(res.Items))
	}
	ch.add(21, 65) // 45 new posts: more than two pages
	ch.requests, ch.at = nil, nil
	res := p.Poll(ctx, src)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if want := []string{"/s/busy_channel", "/s/busy_channel?before=46", "/s/busy_channel?before=26"}; fmt.Sprint(ch.requests) != fmt.Sprint(want) {
		t.Errorf("requests %v, want %v", ch.requests, want)
	}
	seen := map[string]bool{}
	ids := map[string]bool{}
	for _, it := range res.Items {
		if seen[it.Key] {
			t.Errorf("item %s twice", it.Link)
		}
		seen[it.Key] = true
		ids[it.Link] = true
	}
	for id := 21; id <= 65; id++ {
		if !ids[fmt.Sprintf("https://t.me/busy_channel/%d", id)] {
			t.Errorf("post %d lost", id)
		}
	}
	for i := 1; i < len(ch.at); i++ {
		if d := ch.at[i].Sub(ch.at[i-1]); d != gap {
			t.Errorf("requests %d and %d %v apart, want %v", i-1, i, d, gap)
		}
	}
	if got := state(t, st, src.URL).LastPostID; got != 65 {
		t.Errorf("LastPostID %d, want 65", got)
	}
}

func TestTelegramPagingStopsAtLimit(t *testing.T) {
	ch, srv := newFakeChannel(t, "flood_channel")
	ch.add(1, 5)
	p := newPoller(t, openStore(t), feeds.PollerOptions{TelegramGap: -1, TelegramPages: 2})
	src := channelSource(srv, "flood_channel")
	p.Poll(context.Background(), src)
	ch.add(6, 200)
	ch.requests = nil
	if res := p.Poll(context.Background(), src); res.Err != nil || len(res.Items) != 40 {
		t.Fatalf("%v, %d items, want 40 (two pages)", res.Err, len(res.Items))
	}
	if len(ch.requests) != 2 {
		t.Errorf("requests %v, want 2", ch.requests)
	}
}

func TestTelegramEditedPostIsOneItem(t *testing.T) {
	ch, srv := newFakeChannel(t, "edits_channel")
	ch.posts[7] = "Взрыв в Душанбе. Подробности позже"
	p := newPoller(t, openStore(t), feeds.PollerOptions{TelegramGap: -1})
	src := channelSource(srv, "edits_channel")
	before := p.Poll(context.Background(), src)
	ch.posts[7] = "Взрыв в Душанбе: трое пострадавших. Подробности позже"
	ch.edited[7] = true
	after := p.Poll(context.Background(), src)
	if before.Err != nil || after.Err != nil || len(before.Items) != 1 || len(after.Items) != 1 {
		t.Fatalf("polls: %v %v", before, after)
	}
	if before.Items[0].Key != after.Items[0].Key {
		t.Errorf("edited post has a new key")
	}
	if after.Items[0].Title == before.Items[0].Title {
		t.Errorf("edited title not read: %q", after.Items[0].Title)
	}
}

func TestTelegramChannelStates(t *testing.T) {
	disabled, _ := os.ReadFile("tgchannel/testdata/preview_disabled.html")
	missing, _ := os.ReadFile("tgchannel/testdata/no_such_channel.html")
	mux := http.NewServeMux()
	// t.me/s/<channel> redirects to t.me/<channel> for both
	mux.Handle("/s/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/s"), http.StatusFound)
	}))
	mux.HandleFunc("/closed_channel", func(w http.ResponseWriter, r *http.Request) { w.Write(disabled) })
	mux.HandleFunc("/no_such_channel_x", func(w http.ResponseWriter, r *http.Request) { w.Write(missing) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{TelegramGap: -1})
	for _, tc := range []struct{ channel, reason string }{
		{"closed_channel", tgchannel.ReasonPreviewDisabled},
		{"no_such_channel_x", tgchannel.ReasonNoSuchChannel},
	} {
		src := channelSource(srv, tc.channel)
		res := p.Poll(context.Background(), src)
		var ce *tgchannel.Error
		if !errors.As(res.Err, &ce) || ce.Reason != tc.reason {
			t.Errorf("%s: err %v, want %q", tc.channel, res.Err, tc.reason)
		}
		if s := state(t, st, src.URL); !strings.Contains(s.LastError, tc.reason) || s.ConsecutiveErrors != 1 {
			t.Errorf("%s: state error %q (%d)", tc.channel, s.LastError, s.ConsecutiveErrors)
		}
	}
}

func TestTelegramRetryAfterHonoured(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Retry-After", "600")
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{TelegramGap: -1})
	src := channelSource(srv, "rate_limited")
	start := clock.Wall() // the poller's clock
	res := p.Poll(context.Background(), src)
	var se *feeds.StatusError
	if !errors.As(res.Err, &se) || se.Code != http.StatusTooManyRequests || se.RetryAfter != 10*time.Minute {
		t.Fatalf("err %v, want a 429 with Retry-After 10m", res.Err)
	}
	if next := state(t, st, src.URL).NextPoll; next.Before(start.Add(10*time.Minute - time.Second)) {
		t.Errorf("next poll %v is before the server's Retry-After", next)
	}
	if hits != 1 {
		t.Errorf("%d requests, want 1", hits)
	}
}

func TestTelegramUserAgent(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		w.Write([]byte(channelPage("ua_channel", []int64{1}, map[int64]string{1: "Текст"}, nil)))
	}))
	t.Cleanup(srv.Close)
	p := newPoller(t, openStore(t), feeds.PollerOptions{TelegramGap: -1})
	if res := p.Poll(context.Background(), channelSource(srv, "ua_channel")); res.Err != nil {
		t.Fatal(res.Err)
	}
	if ua != "newsalert/test" {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestTelegramPostsNotRecordedAreReadAgain(t *testing.T) {
	ch, srv := newFakeChannel(t, "retry_channel")
	ch.add(1, 20)
	st := openStore(t)
	p := newPoller(t, st, feeds.PollerOptions{TelegramGap: -1})
	src := channelSource(srv, "retry_channel")
	ctx := context.Background()
	p.Poll(ctx, src)
	ch.add(21, 65)
	failed := p.PollThen(ctx, src, func(feeds.Result) error { return errors.New("store full") })
	if failed.Err != nil || len(failed.Items) < 45 {
		t.Fatalf("poll: %v, %d items", failed.Err, len(failed.Items))
	}
	if got := state(t, st, src.URL).LastPostID; got != 20 {
		t.Fatalf("LastPostID %d after a poll whose items were not recorded, want 20", got)
	}
	again := p.Poll(ctx, src)
	links := map[string]bool{}
	for _, it := range again.Items {
		links[it.Link] = true
	}
	for id := 21; id <= 65; id++ {
		if !links[fmt.Sprintf("https://t.me/retry_channel/%d", id)] {
			t.Errorf("post %d not read again", id)
		}
	}
}
