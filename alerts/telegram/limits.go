package telegram

import (
	"context"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are Telegram's documented flood limits for bots. The sender
// keeps under them with a margin, so that Telegram never has to answer 429.
type Limits struct {
	// PerChat is the least time between two messages to one chat (1 s).
	PerChat time.Duration
	// PerGroupPerMinute is how many messages a group or channel may get in a
	// minute (20).
	PerGroupPerMinute int
	// PerSecond is how many messages the bot may send in a second, to all
	// chats together (30).
	PerSecond int
}

// DefaultLimits are Telegram's limits for a bot without paid broadcasts.
var DefaultLimits = Limits{PerChat: time.Second, PerGroupPerMinute: 20, PerSecond: 30}

// limiter spaces messages out: each is a token bucket of one, refilled a
// little slower than the limit allows, so that no sliding window of the
// limit's length ever holds more messages than it permits.
type limiter struct {
	perChat, perGroup rate.Limit
	global            *rate.Limiter

	mu     sync.Mutex
	chats  map[string]*rate.Limiter
	groups map[string]*rate.Limiter
}

func newLimiter(l Limits) *limiter {
	if l.PerChat <= 0 {
		l.PerChat = DefaultLimits.PerChat
	}
	if l.PerGroupPerMinute <= 0 {
		l.PerGroupPerMinute = DefaultLimits.PerGroupPerMinute
	}
	if l.PerSecond <= 0 {
		l.PerSecond = DefaultLimits.PerSecond
	}
	return &limiter{
		// A burst of one at rate r puts at most 1 + r·w messages in any
		// window w: 1 + 0.95·30 = 29 a second; 1 + 19 = 20 a minute.
		global:   rate.NewLimiter(rate.Limit(0.95*float64(l.PerSecond)), 1),
		perGroup: rate.Limit(float64(l.PerGroupPerMinute-1) / 60),
		perChat:  rate.Every(l.PerChat + l.PerChat/20),
		chats:    map[string]*rate.Limiter{},
		groups:   map[string]*rate.Limiter{},
	}
}

// wait blocks until a message may go to chat, or ctx ends.
func (l *limiter) wait(ctx context.Context, chat string) error {
	chatL, groupL := l.forChat(chat)
	if err := chatL.Wait(ctx); err != nil {
		return err
	}
	if groupL != nil {
		if err := groupL.Wait(ctx); err != nil {
			return err
		}
	}
	return l.global.Wait(ctx)
}

func (l *limiter) forChat(chat string) (chatL, groupL *rate.Limiter) {
	l.mu.Lock()
	defer l.mu.Unlock()
	chatL = l.chats[chat]
	if chatL == nil {
		chatL = rate.NewLimiter(l.perChat, 1)
		l.chats[chat] = chatL
	}
	if !isGroup(chat) {
		return chatL, nil
	}
	groupL = l.groups[chat]
	if groupL == nil {
		groupL = rate.NewLimiter(l.perGroup, 1)
		l.groups[chat] = groupL
	}
	return chatL, groupL
}

// isGroup: groups, supergroups and channels have negative ids (or are
// named @channel); private chats have positive ones.
func isGroup(chat string) bool {
	return strings.HasPrefix(chat, "-") || strings.HasPrefix(chat, "@")
}
