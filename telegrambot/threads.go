package telegrambot

import (
	"context"
	"encoding/json"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/newsalert/newsalert/alerts/telegram"
)

// update is a Telegram update with what go-telegram-bot-api v5.5.1 does
// not read: the forum topic its message was written in (0 for none), so
// that the bot answers in that topic.
type update struct {
	tgbotapi.Update
	thread int
}

// topicOf is the part of an update that names its forum topic.
type topicOf struct {
	Message  *topicMessage `json:"message"`
	Callback *struct {
		Message *topicMessage `json:"message"`
	} `json:"callback_query"`
}

type topicMessage struct {
	Thread int  `json:"message_thread_id"`
	Topic  bool `json:"is_topic_message"` // in a forum topic, not a reply thread
}

func (m *topicMessage) thread() int {
	if m == nil || !m.Topic {
		return 0
	}
	return m.Thread
}

// getUpdates is the library's GetUpdates that also reads each update's
// forum topic.
func (b *Bot) getUpdates(cfg tgbotapi.UpdateConfig) ([]update, error) {
	resp, err := b.api.Request(cfg)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, fmt.Errorf("read updates: %w", err)
	}
	out := make([]update, 0, len(raws))
	for _, raw := range raws {
		var u update
		var t topicOf
		if err := json.Unmarshal(raw, &u.Update); err != nil {
			return nil, fmt.Errorf("read an update: %w", err)
		}
		if json.Unmarshal(raw, &t) == nil {
			u.thread = t.Message.thread()
			if t.Callback != nil {
				u.thread = t.Callback.Message.thread()
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// replyTo is where r's answer goes: its chat, in the topic it came from.
func (r *request) replyTo() string {
	return telegram.JoinThread(destination(r.chat.ID), r.thread)
}

// topicAsReader makes a topic that is a reader of its own (a configured
// chat that names it as thread) the one r's command reads and changes;
// other topics' commands are the group's.
func (b *Bot) topicAsReader(ctx context.Context, r *request) {
	if r.thread == 0 {
		return
	}
	if _, ok, err := b.audience.Reader(ctx, r.replyTo()); err == nil && ok {
		r.dest = r.replyTo()
	}
}
