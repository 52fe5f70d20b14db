package telegrambot

import (
	"strings"

	"github.com/newsalert/newsalert/rules"
)

// FindTopic is the topic s names, or nil.
func FindTopic(ts []*rules.Topic, s string) *rules.Topic {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, t := range ts {
		if t.ID == s || strings.EqualFold(t.Name, s) {
			return t
		}
	}
	return nil
}

// ClosestTopics are up to n topics whose ids are nearest to s.
func ClosestTopics(ts []*rules.Topic, s string, n int) []*rules.Topic {
	if id := suggest(strings.ToLower(s), topicIDs(ts)); id != "" {
		return []*rules.Topic{FindTopic(ts, id)}
	}
	return nil
}

func topicName(t *rules.Topic, lang string) string        { return t.Name }
func topicDescription(t *rules.Topic, lang string) string { return t.Description }
