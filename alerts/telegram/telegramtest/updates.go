package telegramtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Chat is who a fake update comes from.
type Chat struct {
	ID    int64
	Type  string // private (default), group, supergroup or channel
	Title string
	// User is the sender's user id (none in a channel).
	User int64
	// Lang is the sender's language_code, as their Telegram is set ("" for none).
	Lang string
	// Thread is the forum topic the message is written in (0 for none):
	// it carries message_thread_id and is_topic_message, as Telegram's do.
	Thread int
}

// SendCommand queues a message from chat, as getUpdates will return it;
// text starting with "/" is marked as a command, as Telegram does.
func (s *Server) SendCommand(c Chat, text string) {
	msg := map[string]any{"message_id": 1, "date": time.Now().Unix(), "chat": chatJSON(c), "text": text}
	inTopic(msg, c)
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": utf16Len(cmd)}}
	}
	key := "message"
	if c.Type == "channel" {
		key = "channel_post"
	} else {
		msg["from"] = userJSON(c)
	}
	s.addUpdate(map[string]any{key: msg})
}

// PressButton queues a press of an inline button with data under a message
// of the bot in chat.
func (s *Server) PressButton(c Chat, data string) { s.PressButtonOn(c, 1, data) }

// PressButtonOn queues a press of an inline button with data under the
// bot's message with id message in chat.
func (s *Server) PressButtonOn(c Chat, message int, data string) {
	msg := map[string]any{"message_id": message, "date": time.Now().Unix(), "chat": chatJSON(c)}
	inTopic(msg, c)
	s.addUpdate(map[string]any{"callback_query": map[string]any{
		"id":      "cb" + data,
		"from":    userJSON(c),
		"message": msg,
		"data":    data,
	}})
}

// inTopic marks msg as written in c's forum topic, if it names one.
func inTopic(msg map[string]any, c Chat) {
	if c.Thread != 0 {
		msg["message_thread_id"], msg["is_topic_message"] = c.Thread, true
	}
}

func userJSON(c Chat) map[string]any {
	u := map[string]any{"id": c.User, "is_bot": false, "first_name": "Test"}
	if c.Lang != "" {
		u["language_code"] = c.Lang
	}
	return u
}

// RemoveBot queues the update Telegram sends when the bot is removed from
// chat (status "kicked").
func (s *Server) RemoveBot(c Chat) {
	s.addUpdate(map[string]any{"my_chat_member": map[string]any{
		"chat": chatJSON(c), "from": map[string]any{"id": c.User, "is_bot": false, "first_name": "Test"},
		"date":            time.Now().Unix(),
		"old_chat_member": map[string]any{"status": "member", "user": map[string]any{"id": 42, "is_bot": true, "first_name": "newsalert"}},
		"new_chat_member": map[string]any{"status": "kicked", "user": map[string]any{"id": 42, "is_bot": true, "first_name": "newsalert"}},
	}})
}

func chatJSON(c Chat) map[string]any {
	typ := c.Type
	if typ == "" {
		typ = "private"
	}
	out := map[string]any{"id": c.ID, "type": typ}
	if c.Title != "" {
		out["title"] = c.Title
	} else {
		out["first_name"] = "Test"
	}
	return out
}

func (s *Server) addUpdate(u map[string]any) {
	s.mu.Lock()
	u["update_id"] = s.nextID
	s.nextID++
	b, _ := json.Marshal(u)
	s.updates = append(s.updates, b)
	s.mu.Unlock()
	select {
	case s.updated <- struct{}{}:
	default:
	}
}

// PendingUpdates is how many updates the bot has not confirmed yet (by
// asking for a later offset).
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// getUpdates confirms the updates before offset and returns the rest,
// waiting up to timeout seconds for one to come.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request) {
	offset := atoi(r.Form.Get("offset"))
	deadline := time.After(time.Duration(atoi(r.Form.Get("timeout"))) * time.Second)
	for {
		s.mu.Lock()
		kept := s.updates[:0]
		for _, u := range s.updates {
			var head struct {
				ID int `json:"update_id"`
			}
			json.Unmarshal(u, &head)
			if head.ID >= offset {
				kept = append(kept, u)
			}
		}
		s.updates = kept
		out := append([]json.RawMessage(nil), kept...)
		s.mu.Unlock()
		if len(out) > 0 {
			b, _ := json.Marshal(map[string]any{"ok": true, "result": out})
			reply(w, http.StatusOK, string(b))
			return
		}
		select {
		case <-s.updated:
		case <-deadline:
			reply(w, http.StatusOK, `{"ok":true,"result":[]}`)
			return
		case <-r.Context().Done():
			return
		}
	}
}
