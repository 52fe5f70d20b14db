package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
)

const token = "123456:SECRET-token-value"

// botAPI is a fake Telegram Bot API speaking getMe and sendMessage, with
// scripted failures per chat id.
type botAPI struct {
	mu       sync.Mutex
	messages []map[string]string
}

func (b *botAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/bot"+token+"/") {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		return
	}
	r.ParseForm()
	method := strings.TrimPrefix(r.URL.Path, "/bot"+token+"/")
	switch method {
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"newsalert","username":"newsalert_bot"}}`)
	case "sendMessage":
		chat := r.Form.Get("chat_id")
		switch chat {
		case "429":
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}`)
		case "403":
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
		case "400":
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)
		case "502":
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, `<html><body>502 Bad Gateway</body></html>`)
		default:
			b.mu.Lock()
			b.messages = append(b.messages, map[string]string{"chat_id": chat, "text": r.Form.Get("text"),
				"parse_mode": r.Form.Get("parse_mode"), "disable_web_page_preview": r.Form.Get("disable_web_page_preview")})
			b.mu.Unlock()
			fmt.Fprintf(w, `{"ok":true,"result":{"message_id":1,"date":%d,"chat":{"id":%s,"type":"private"}}}`, time.Now().Unix(), chat)
		}
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"ok":false,"error_code":404,"description":"Not Found: method not found"}`)
	}
}

var alert = alerts.Alert{Title: "Задержаны <b>трое</b> & ещё", Link: "https://example.org/a?x=1&y=2", Feed: "24.kg",
	Topics: []alerts.TopicHit{{ID: "iskp", Name: "ISKP", Why: []string{`"ИГИЛ*" (ИГИЛ)`}}}}

func newTestSender(t *testing.T) (*Sender, *botAPI, *httptest.Server) {
	api := &botAPI{}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return NewSender(token, srv.URL+"/bot%s/%s", true), api, srv
}

func TestSendDeliversPlainText(t *testing.T) {
	s, api, _ := newTestSender(t)
	if err := s.Send(context.Background(), "1001", alert); err != nil {
		t.Fatal(err)
	}
	if len(api.messages) != 1 {
		t.Fatalf("messages = %d", len(api.messages))
	}
	m := api.messages[0]
	if m["chat_id"] != "1001" || m["text"] != alert.Text() || m["parse_mode"] != "" || m["disable_web_page_preview"] != "true" {
		t.Errorf("sent %+v", m)
	}
	if !strings.Contains(m["text"], "Задержаны <b>трое</b> & ещё") {
		t.Errorf("plain text should carry the title as is: %q", m["text"])
	}
}

func TestSendClassifiesBotAPIErrors(t *testing.T) {
	s, _, _ := newTestSender(t)
	tests := []struct {
		chat      string
		permanent bool
		retry     time.Duration // want a RetryAfterError of this length; 0 for none
	}{
		{"429", false, 17 * time.Second},
		{"403", true, 0},
		{"400", true, 0},
		{"502", false, 0},
	}
	for _, tt := range tests {
		err := s.Send(context.Background(), tt.chat, alert)
		if err == nil {
			t.Errorf("chat %s: no error", tt.chat)
			continue
		}
		var perm *alerts.PermanentError
		var later *alerts.RetryAfterError
		if got := errors.As(err, &perm); got != tt.permanent {
			t.Errorf("chat %s: permanent = %v, want %v (%v)", tt.chat, got, tt.permanent, err)
		}
		if tt.retry > 0 && (!errors.As(err, &later) || later.After != tt.retry) {
			t.Errorf("chat %s: err = %v, want retry after %v", tt.chat, err, tt.retry)
		}
		if !strings.Contains(err.Error(), "chat "+tt.chat) {
			t.Errorf("error does not name the chat: %v", err)
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("token leaked: %v", err)
		}
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	s, _, srv := newTestSender(t)
	srv.Close() // every request now fails with an error holding the URL
	err := s.Send(context.Background(), "1", alert)
	if err == nil {
		t.Fatal("no error with the server down")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("token leaked: %v", err)
	}
	var later *alerts.RetryAfterError
	if !errors.As(err, &later) {
		t.Errorf("a connect failure should be retried later, got %v", err)
	}
	// A wrong token is not the message's fault either: keep it for later.
	bad := NewSender("999:WRONG", "http://"+strings.TrimPrefix(srv.URL, "http://")+"/bot%s/%s", false)
	if err := bad.Send(context.Background(), "1", alert); err == nil || strings.Contains(err.Error(), "WRONG") {
		t.Errorf("wrong token: err = %v", err)
	}
}
