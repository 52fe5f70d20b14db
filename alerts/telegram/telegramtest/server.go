// Package telegramtest is a fake Telegram Bot API server for tests. It
// speaks the methods newsalert uses (getMe, getUpdates, sendMessage,
// editMessageText, editMessageReplyMarkup, setMyCommands, answerCallbackQuery, getChatMember),
// checks message HTML the way
// Telegram does, can enforce Telegram's flood limits, and answers the
// error replies Telegram sends (429 with retry_after, 403, 400, migrate,
// 502) for chats set up to fail.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Message is one sendMessage call the server accepted.
type Message struct {
	ChatID, Text, ParseMode, DisablePreview string
	// DisableNotification is "true" for a message sent without a sound.
	DisableNotification string
	// ReplyTo is the message_id it replies to ("" for none), and
	// AllowWithoutReply "true" when it may be sent should that be gone.
	ReplyTo, AllowWithoutReply string
	// ID is the message_id the server gave it (1, 2, … in arrival order).
	ID int
	// ReplyMarkup is the inline keyboard, as sent (JSON).
	ReplyMarkup string
	// Thread is the forum topic's message_thread_id ("" for none).
	Thread string
	At     time.Time
}

// Edit is one editMessageText or editMessageReplyMarkup call the server
// accepted.
type Edit struct {
	ChatID, Text, ParseMode string
	MessageID               int
	// ReplyMarkup is the inline keyboard the message has after the edit
	// (JSON; "" for none).
	ReplyMarkup string
	// MarkupOnly is set for editMessageReplyMarkup (Text is then the
	// message's unchanged text).
	MarkupOnly bool
}

// Server is a fake Bot API for one bot token.
type Server struct {
	*httptest.Server
	token string

	mu        sync.Mutex
	messages  []Message
	edits     []Edit
	failures  map[string]failure // chat id → canned reply
	updates   []json.RawMessage
	nextID    int
	answers   map[string]string // answered callback queries: their answers, by id
	commands  map[string]string // the last setMyCommands by language_code
	admins    map[string]bool   // "chat/user" of group administrators
	limits    bool
	tooMany   int
	sendTimes []time.Time            // every accepted send, for the global limit
	chatTimes map[string][]time.Time // accepted sends by chat
	arrived   chan struct{}
	updated   chan struct{}
}

type failure struct {
	reply string
	times int // how many more sends fail; <0 for always
}

// Canned failure replies for FailChat.
const (
	TooManyRequests = "429"     // retry_after 17
	Forbidden       = "403"     // bot was blocked by the user
	BadRequest      = "400"     // chat not found
	Migrated        = "migrate" // group upgraded to a supergroup: migrate_to_chat_id -100<id>
	BadGateway      = "502"     // an HTML error page
)

// NewServer starts a fake Bot API that accepts token.
func NewServer(token string) *Server {
	s := &Server{token: token, failures: map[string]failure{}, chatTimes: map[string][]time.Time{},
		arrived: make(chan struct{}, 100000), updated: make(chan struct{}, 1), nextID: 1}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Endpoint is the API endpoint to give NewBotAPIWithAPIEndpoint.
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// FailChat makes every sendMessage to chat fail with reply (TooManyRequests…).
func (s *Server) FailChat(chat, reply string) { s.FailChatTimes(chat, reply, -1) }

// FailChatTimes makes the next n sendMessage calls to chat fail with reply.
func (s *Server) FailChatTimes(chat, reply string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[chat] = failure{reply: reply, times: n}
}

// SetGroupAdmin makes user an administrator of the group chat.
func (s *Server) SetGroupAdmin(chat, user int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admins == nil {
		s.admins = map[string]bool{}
	}
	s.admins[fmt.Sprint(chat, "/", user)] = true
}

// EnforceLimits makes the server answer 429 to messages beyond Telegram's
// limits: one a second to a chat, 20 a minute to a group, 30 a second in
// all.
func (s *Server) EnforceLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = true
}

// TooMany is how many 429 answers the limits caused.
func (s *Server) TooMany() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// MessagesTo returns the messages accepted for chat.
func (s *Server) MessagesTo(chat string) []Message {
	var out []Message
	for _, m := range s.Messages() {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
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

// CallbackAnswers returns the texts the callback queries were answered
// with, by id.
func (s *Server) CallbackAnswers() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.answers)
}

// Commands returns the commands the bot registered (setMyCommands) for
// every language, as JSON.
func (s *Server) Commands() string { return s.CommandsFor("") }

// CommandsFor returns the commands the bot registered for the users whose
// Telegram is set to lang (setMyCommands with language_code), as JSON.
func (s *Server) CommandsFor(lang string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[lang]
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
	case "getUpdates":
		s.getUpdates(w, r)
	case "sendMessage":
		s.sendMessage(w, r)
	case "editMessageText":
		s.editMessageText(w, r)
	case "editMessageReplyMarkup":
		s.editMessageReplyMarkup(w, r)
	case "setMyCommands":
		s.mu.Lock()
		if s.commands == nil {
			s.commands = map[string]string{}
		}
		s.commands[r.Form.Get("language_code")] = r.Form.Get("commands")
		s.mu.Unlock()
		reply(w, http.StatusOK, `{"ok":true,"result":true}`)
	case "getChatMember":
		s.mu.Lock()
		status := "member"
		if s.admins[r.Form.Get("chat_id")+"/"+r.Form.Get("user_id")] {
			status = "administrator"
		}
		s.mu.Unlock()
		reply(w, http.StatusOK, fmt.Sprintf(`{"ok":true,"result":{"status":%q,"user":{"id":%s,"is_bot":false,"first_name":"Test"}}}`,
			status, r.Form.Get("user_id")))
	case "answerCallbackQuery":
		s.mu.Lock()
		if s.answers == nil {
			s.answers = map[string]string{}
		}
		s.answers[r.Form.Get("callback_query_id")] = r.Form.Get("text")
		s.mu.Unlock()
		reply(w, http.StatusOK, `{"ok":true,"result":true}`)
	default:
		reply(w, http.StatusNotFound, `{"ok":false,"error_code":404,"description":"Not Found: method not found"}`)
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	chat := r.Form.Get("chat_id")
	text := r.Form.Get("text")
	if s.fail(w, chat) {
		return
	}
	if r.Form.Get("parse_mode") == "HTML" {
		plain, err := ParseHTML(text)
		if err != nil {
			replyError(w, http.StatusBadRequest, "Bad Request: can't parse entities: "+err.Error())
			return
		}
		text = plain
	}
	switch n := utf16Len(strings.TrimSpace(text)); {
	case n == 0:
		replyError(w, http.StatusBadRequest, "Bad Request: message text is empty")
		return
	case n > 4096:
		replyError(w, http.StatusBadRequest, "Bad Request: message is too long")
		return
	}
	now := time.Now()
	s.mu.Lock()
	if wait := s.overLimit(chat, now); wait > 0 {
		s.tooMany++
		s.mu.Unlock()
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprintf(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d","parameters":{"retry_after":%d}}`, wait, wait)
		return
	}
	s.sendTimes = append(s.sendTimes, now)
	s.chatTimes[chat] = append(s.chatTimes[chat], now)
	id := len(s.messages) + 1
	s.messages = append(s.messages, Message{ChatID: chat, Text: r.Form.Get("text"),
		ParseMode: r.Form.Get("parse_mode"), DisablePreview: r.Form.Get("disable_web_page_preview"),
		DisableNotification: r.Form.Get("disable_notification"),
		ReplyTo:             r.Form.Get("reply_to_message_id"), AllowWithoutReply: r.Form.Get("allow_sending_without_reply"),
		ReplyMarkup: r.Form.Get("reply_markup"), Thread: r.Form.Get("message_thread_id"), At: now, ID: id})
	s.mu.Unlock()
	s.arrived <- struct{}{}
	reply(w, http.StatusOK, fmt.Sprintf(`{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":1,"type":"private"}}}`,
		id, now.Unix()))
}

// editMessageText replaces the text (and the keyboard) of a message the
// bot sent, as Telegram does: a message it does not know, or a text and
// keyboard no different from the message's now, is refused.
func (s *Server) editMessageText(w http.ResponseWriter, r *http.Request) {
	if r.Form.Get("parse_mode") == "HTML" {
		if _, err := ParseHTML(r.Form.Get("text")); err != nil {
			replyError(w, http.StatusBadRequest, "Bad Request: can't parse entities: "+err.Error())
			return
		}
	}
	s.edit(w, r, false)
}

// editMessageReplyMarkup replaces the keyboard of a message the bot sent.
func (s *Server) editMessageReplyMarkup(w http.ResponseWriter, r *http.Request) { s.edit(w, r, true) }

func (s *Server) edit(w http.ResponseWriter, r *http.Request, markupOnly bool) {
	chat, text, markup := r.Form.Get("chat_id"), r.Form.Get("text"), r.Form.Get("reply_markup")
	id, _ := strconv.Atoi(r.Form.Get("message_id"))
	s.mu.Lock()
	current, currentMarkup, found := "", "", false
	for _, m := range s.messages {
		if m.ChatID == chat && m.ID == id {
			current, currentMarkup, found = m.Text, m.ReplyMarkup, true
		}
	}
	for _, e := range s.edits {
		if e.ChatID == chat && e.MessageID == id {
			current, currentMarkup = e.Text, e.ReplyMarkup
		}
	}
	if markupOnly {
		text = current
	}
	same := current == text && currentMarkup == markup
	if found && !same {
		s.edits = append(s.edits, Edit{ChatID: chat, MessageID: id, Text: text, ParseMode: r.Form.Get("parse_mode"),
			ReplyMarkup: markup, MarkupOnly: markupOnly})
	}
	s.mu.Unlock()
	switch {
	case !found:
		replyError(w, http.StatusBadRequest, "Bad Request: message to edit not found")
	case same:
		replyError(w, http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	default:
		s.arrived <- struct{}{}
		reply(w, http.StatusOK, fmt.Sprintf(`{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":1,"type":"private"},"text":"edited"}}`,
			id, time.Now().Unix()))
	}
}

// Edits returns the edits accepted so far.
func (s *Server) Edits() []Edit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Edit(nil), s.edits...)
}

// fail answers with chat's canned failure, if it has one.
func (s *Server) fail(w http.ResponseWriter, chat string) bool {
	s.mu.Lock()
	f, ok := s.failures[chat]
	if ok && f.times > 0 {
		f.times--
		if f.times == 0 {
			delete(s.failures, chat)
		} else {
			s.failures[chat] = f
		}
	}
	s.mu.Unlock()
	if !ok {
		return false
	}
	switch f.reply {
	case TooManyRequests:
		reply(w, http.StatusTooManyRequests, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}`)
	case Forbidden:
		replyError(w, http.StatusForbidden, "Forbidden: bot was blocked by the user")
	case BadRequest:
		replyError(w, http.StatusBadRequest, "Bad Request: chat not found")
	case Migrated:
		to := "-100" + strings.TrimPrefix(chat, "-")
		reply(w, http.StatusBadRequest, `{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":`+to+`}}`)
	case BadGateway:
		w.Header().Set("Content-Type", "text/html")
		reply(w, http.StatusBadGateway, `<html><body>502 Bad Gateway</body></html>`)
	}
	return true
}

// overLimit returns the seconds to wait if a message to chat at now breaks
// a limit, else 0. Called with s.mu held.
func (s *Server) overLimit(chat string, now time.Time) int {
	if !s.limits {
		return 0
	}
	times := s.chatTimes[chat]
	if n := len(times); n > 0 && now.Sub(times[n-1]) < time.Second {
		return 1
	}
	if strings.HasPrefix(chat, "-") || strings.HasPrefix(chat, "@") {
		if countSince(times, now.Add(-time.Minute)) >= 20 {
			return 3
		}
	}
	if countSince(s.sendTimes, now.Add(-time.Second)) >= 30 {
		return 1
	}
	return 0
}

func countSince(times []time.Time, since time.Time) int {
	n := 0
	for i := len(times) - 1; i >= 0 && times[i].After(since); i-- {
		n++
	}
	return n
}

func reply(w http.ResponseWriter, status int, body string) {
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

func replyError(w http.ResponseWriter, status int, description string) {
	b, _ := json.Marshal(map[string]any{"ok": false, "error_code": status, "description": description})
	reply(w, status, string(b))
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
