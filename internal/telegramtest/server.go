// Package telegramtest is a fake Telegram Bot API server for tests: it
// speaks getMe and sendMessage and answers the error replies Telegram
// sends (429 with retry_after, 403, 400, 502) for chats set up to fail.
package telegramtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Message is one sendMessage call the server accepted.
type Message struct {
	ChatID, Text, ParseMode, DisablePreview string
}

// Server is a fake Bot API for one bot token.
type Server struct {
	*httptest.Server
	token string

	mu       sync.Mutex
	messages []Message
	failures map[string]string // chat id → canned reply name
	arrived  chan struct{}
}

// Canned failure replies for FailChat.
const (
	TooManyRequests = "429" // retry_after 17
	Forbidden       = "403" // bot was blocked by the user
	BadRequest      = "400" // chat not found
	BadGateway      = "502" // an HTML error page
)

// NewServer starts a fake Bot API that accepts token.
func NewServer(token string) *Server {
	s := &Server{token: token, failures: map[string]string{}, arrived: make(chan struct{}, 1000)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Endpoint is the API endpoint to give NewBotAPIWithAPIEndpoint.
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// FailChat makes every sendMessage to chat fail with reply (TooManyRequests…).
func (s *Server) FailChat(chat, reply string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[chat] = reply
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// WaitMessages waits until n messages were accepted or timeout passes, and
// returns those accepted.
func (s *Server) WaitMessages(n int, timeout time.Duration) []Message {
	deadline := time.After(timeout)
	for len(s.Messages()) < n {
		select {
		case <-s.arrived:
		case <-deadline:
			return s.Messages()
		}
	}
	return s.Messages()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+s.token+"/")
	if !ok {
		reply(w, http.StatusUnauthorized, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		return
	}
	r.ParseForm()
	switch method {
	case "getMe":
		reply(w, http.StatusOK, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"newsalert","username":"newsalert_bot"}}`)
	case "sendMessage":
		s.sendMessage(w, r)
	default:
		reply(w, http.StatusNotFound, `{"ok":false,"error_code":404,"description":"Not Found: method not found"}`)
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	chat := r.Form.Get("chat_id")
	s.mu.Lock()
	failure := s.failures[chat]
	s.mu.Unlock()
	switch failure {
	case TooManyRequests:
		reply(w, http.StatusTooManyRequests, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}`)
		return
	case Forbidden:
		reply(w, http.StatusForbidden, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
		return
	case BadRequest:
		reply(w, http.StatusBadRequest, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`)
		return
	case BadGateway:
		w.Header().Set("Content-Type", "text/html")
		reply(w, http.StatusBadGateway, `<html><body>502 Bad Gateway</body></html>`)
		return
	}
	s.mu.Lock()
	s.messages = append(s.messages, Message{ChatID: chat, Text: r.Form.Get("text"),
		ParseMode: r.Form.Get("parse_mode"), DisablePreview: r.Form.Get("disable_web_page_preview")})
	s.mu.Unlock()
	s.arrived <- struct{}{}
	reply(w, http.StatusOK, fmt.Sprintf(`{"ok":true,"result":{"message_id":1,"date":%d,"chat":{"id":1,"type":"private"}}}`, time.Now().Unix()))
}

func reply(w http.ResponseWriter, status int, body string) {
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}
