package email

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/alerts/email/mailpittest"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// counts records what the endpoint observed.
type counts struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counts) observe(result, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[result+"/"+reason]++
}

func (c *counts) get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

type endpoint struct {
	srv    *httptest.Server
	st     *store.Store
	tokens *Tokens
	seen   *counts
}

func newEndpoint(t *testing.T) endpoint {
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	tokens := testTokens(t, testSecret)
	seen := &counts{m: map[string]int{}}
	langs := map[string]string{"anya@example.org": "ru"}
	h := UnsubscribeHandler(tokens, st, EndpointOptions{
		Lang:    func(_ context.Context, addr string) string { return langs[addr] },
		Observe: seen.observe,
	}, clk.Now, slog.New(slog.DiscardHandler))
	mux := http.NewServeMux()
	mux.Handle("/unsubscribe", h)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return endpoint{srv: srv, st: st, tokens: tokens, seen: seen}
}

func (e endpoint) link(token string) string {
	return e.srv.URL + "/unsubscribe?t=" + url.QueryEscape(token)
}

func (e endpoint) optedOut(t *testing.T, address string) bool {
	t.Helper()
	out, err := e.st.OptedOut(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, ok := out[address]
	return ok
}

// body reads a response: body(t)(http.Get(…)).
func body(t *testing.T) func(*http.Response, error) (int, string) {
	return func(resp *http.Response, err error) (int, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
}

// Opening the link (a person, or a link scanner) unsubscribes no one: it
// shows a page, in the recipient's language, with a button that posts.
func TestUnsubscribePageAsksFirst(t *testing.T) {
	e := newEndpoint(t)
	for _, tc := range []struct{ addr, want string }{
		{"ann@example.org", "Stop sending newsalert digests to ann@example.org?"},
		{"anya@example.org", "Больше не присылать дайджесты newsalert на адрес anya@example.org?"},
	} {
		status, page := body(t)(http.Get(e.link(e.tokens.Make(tc.addr))))
		if status != http.StatusOK || !strings.Contains(page, tc.want) || !strings.Contains(page, `<form method="post">`) {
			t.Errorf("%s: %d\n%s", tc.addr, status, page)
		}
		if e.optedOut(t, tc.addr) {
			t.Errorf("%s: opted out by a GET", tc.addr)
		}
	}
	if resp, err := http.Head(e.link(e.tokens.Make("ann@example.org"))); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD: %v, %v", resp, err)
	}
	if e.optedOut(t, "ann@example.org") {
		t.Error("opted out by a HEAD")
	}
	if n := e.seen.get("shown/"); n != 3 {
		t.Errorf("shown %d times; want 3", n)
	}
}

// A mail client's one-click POST (RFC 8058) and the page's button both
// record the opt-out and answer 200.
func TestUnsubscribePostRecordsTheOptOut(t *testing.T) {
	e := newEndpoint(t)
	oneClick := "ann@example.org"
	status, page := body(t)(http.Post(e.link(e.tokens.Make(oneClick)), "application/x-www-form-urlencoded",
		strings.NewReader("List-Unsubscribe=One-Click")))
	if status != http.StatusOK || !strings.Contains(page, "ann@example.org will get no more newsalert digests.") {
		t.Errorf("one-click: %d\n%s", status, page)
	}
	if !e.optedOut(t, oneClick) {
		t.Error("one-click: no opt-out recorded")
	}

	button := "anya@example.org"
	status, page = body(t)(http.PostForm(e.srv.URL+"/unsubscribe", url.Values{"t": {e.tokens.Make(button)}}))
	if status != http.StatusOK || !strings.Contains(page, "На адрес anya@example.org дайджесты newsalert больше приходить не будут.") {
		t.Errorf("button: %d\n%s", status, page)
	}
	if !e.optedOut(t, button) {
		t.Error("button: no opt-out recorded")
	}
	// Twice is fine: still unsubscribed.
	if status, _ := body(t)(http.PostForm(e.srv.URL+"/unsubscribe", url.Values{"t": {e.tokens.Make(button)}})); status != http.StatusOK {
		t.Errorf("again: %d", status)
	}
	if n := e.seen.get("unsubscribed/"); n != 3 {
		t.Errorf("unsubscribed %d times; want 3", n)
	}
}

// A token this server did not sign gets 400 and a page that names no one,
// counted by reason; nothing is recorded.
func TestUnsubscribeRefusesABadToken(t *testing.T) {
	e := newEndpoint(t)
	good := e.tokens.Make("ann@example.org")
	forged := testTokens(t, []byte("someone else's secret!")).Make("bob@example.org")
	for _, tc := range []struct{ name, token, reason string }{
		{"forged", forged, "signature"},
		{"tampered", good[:len(good)-3] + "AAA", "signature"},
		{"garbage", "<script>", "malformed"},
		{"none", "", "malformed"},
	} {
		for _, post := range []bool{false, true} {
			var resp *http.Response
			var err error
			if post {
				resp, err = http.Post(e.link(tc.token), "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
			} else {
				req, _ := http.NewRequest(http.MethodGet, e.link(tc.token), nil)
				req.Header.Set("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8")
				resp, err = http.DefaultClient.Do(req)
			}
			status, page := body(t)(resp, err)
			if status != http.StatusBadRequest || strings.Contains(page, "example.org") || strings.Contains(page, "<script>") {
				t.Errorf("%s (post %v): %d\n%s", tc.name, post, status, page)
			}
			if !post && !strings.Contains(page, "Эта ссылка для отписки недействительна") {
				t.Errorf("%s: not in the browser's language:\n%s", tc.name, page)
			}
		}
	}
	if e.optedOut(t, "bob@example.org") || e.optedOut(t, "ann@example.org") {
		t.Error("a bad token recorded an opt-out")
	}
	if s, m := e.seen.get("refused/signature"), e.seen.get("refused/malformed"); s != 4 || m != 4 {
		t.Errorf("refused: %d for the signature, %d malformed; want 4 each", s, m)
	}
	req, _ := http.NewRequest(http.MethodDelete, e.link(good), nil)
	if status, _ := body(t)(http.DefaultClient.Do(req)); status != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d", status)
	}
}

// A digest queued before its recipient unsubscribed is not sent: it fails
// as rejected, and the mailbox gets nothing; another recipient's goes out.
func TestQueuedDigestNotSentAfterUnsubscribing(t *testing.T) {
	mp := mailpittest.Get(t, mailpittest.Plain)
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	stamp := time.Now().UnixNano()
	left, stays := fmt.Sprintf("left-%d@example.org", stamp), fmt.Sprintf("stays-%d@example.org", stamp)
	for _, addr := range []string{left, stays} {
		payload, _ := alerts.Message{Text: &alerts.Text{Subject: "digest", Plain: "p", HTML: "<p>p</p>",
			ID: fmt.Sprint("optout-test.", addr)}}.Encode()
		if _, err := st.Enqueue(ctx, store.OutboxMessage{Destination: "email:" + addr, Key: "digest:1", Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.OptOut(ctx, strings.ToUpper(left), clk.Now()); err != nil {
		t.Fatal(err)
	}
	server := SMTP{Host: mp.Host, Port: mp.Port, TLS: "none", Timeout: 10 * time.Second}
	sender := NewSender(server, "alerts@example.org", Unsubscribe{}, clk.Now, slog.New(slog.DiscardHandler))
	sender.SkipOptedOut(st.IsOptedOut)
	disp := alerts.NewDispatcher(st, map[string]alerts.Sender{"email": sender}, alerts.DispatcherOptions{}, clk.Now, slog.New(slog.DiscardHandler))
	if _, err := disp.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if msgs, err := mp.WaitMessages(ctx, stays, 1, 5*time.Second); err != nil || len(msgs) != 1 {
		t.Errorf("%s got %d messages, %v; want 1", stays, len(msgs), err)
	}
	if msgs, _ := mp.MessagesTo(ctx, left); len(msgs) != 0 {
		t.Errorf("%s unsubscribed and got %d messages", left, len(msgs))
	}
	if ob, _ := st.OutboxStats(ctx); ob.Pending != 0 || ob.Failed != 1 {
		t.Errorf("outbox %+v; want the unsubscribed one failed, none pending", ob)
	}
}
