package telegram

import (
	"encoding/json"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// A forum topic is addressed as "<chat>:<thread>" (telegram:-100123:42):
// the supergroup's id and the topic's message_thread_id.

// SplitThread splits chat into the chat and its topic's thread id (0 for
// a chat that names none).
func SplitThread(chat string) (string, int) {
	i := strings.LastIndexByte(chat, ':')
	if i < 0 {
		return chat, 0
	}
	thread, err := strconv.Atoi(chat[i+1:])
	if err != nil || thread <= 0 {
		return chat, 0
	}
	return chat[:i], thread
}

// JoinThread is chat's topic thread as a destination chat (chat itself
// for thread 0).
func JoinThread(chat string, thread int) string {
	if thread == 0 {
		return chat
	}
	return chat + ":" + strconv.Itoa(thread)
}

// sendMessage posts msg, into thread when it is not 0. go-telegram-bot-api
// v5.5.1 knows no message_thread_id, and its Chattable's parameters are
// unexported, so a message to a topic goes through MakeRequest with
// MessageConfig's parameters plus the thread's.
func sendMessage(bot *tgbotapi.BotAPI, msg tgbotapi.MessageConfig, thread int) (tgbotapi.Message, error) {
	if thread == 0 {
		return bot.Send(msg)
	}
	p, err := messageParams(msg)
	if err != nil {
		return tgbotapi.Message{}, err
	}
	p.AddNonZero("message_thread_id", thread)
	resp, err := bot.MakeRequest("sendMessage", p)
	if err != nil {
		return tgbotapi.Message{}, err
	}
	var sent tgbotapi.Message
	err = json.Unmarshal(resp.Result, &sent)
	return sent, err
}

// messageParams are the parameters the library sends for msg (BaseChat's
// and MessageConfig's params()).
func messageParams(msg tgbotapi.MessageConfig) (tgbotapi.Params, error) {
	p := tgbotapi.Params{}
	if err := p.AddFirstValid("chat_id", msg.ChatID, msg.ChannelUsername); err != nil {
		return nil, err
	}
	p.AddNonZero("reply_to_message_id", msg.ReplyToMessageID)
	p.AddBool("disable_notification", msg.DisableNotification)
	p.AddBool("allow_sending_without_reply", msg.AllowSendingWithoutReply)
	if err := p.AddInterface("reply_markup", msg.ReplyMarkup); err != nil {
		return nil, err
	}
	p.AddNonEmpty("text", msg.Text)
	p.AddBool("disable_web_page_preview", msg.DisableWebPagePreview)
	p.AddNonEmpty("parse_mode", msg.ParseMode)
	return p, p.AddInterface("entities", msg.Entities)
}
