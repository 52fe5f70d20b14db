package store

import (
	"context"
	"fmt"
	"time"
)

// StoryItem is a stored item and how it came into its story, for
// inspecting the clustering (`newsalert stories`).
type StoryItem struct {
	Key, Feed, Title, Link string
	// Published is when the item says it was published (zero if it does
	// not); FirstSeen when it was first polled.
	Published, FirstSeen time.Time
	StoryID              int64
	// JoinedBy is how the item joined its story: "words", "meaning",
	// "languages" or "close in time"; "" for the story's first report.
	JoinedBy string
	// Score is the words' score with the story joined (by meaning, the
	// cosine); for a first report near another story, the words' score
	// with that one.
	Score float64
	// Unsure is true when the item joined its story short of sure, with
	// follow-ups on (see ingest.Options.SureFrom).
	Unsure bool
	// NearStory is the story a first report was near, with follow-ups on.
	NearStory int64
}

// StoryItems returns the items first seen after since, in the order they
// were recorded (and placed in their stories), with how each came into
// its story: all of them, or — when topic is not "" — those of the stories
// with an item that matched topic, and those near such stories.
func (s *Store) StoryItems(ctx context.Context, since time.Time, topic string) ([]StoryItem, error) {
	rows, err := s.db.QueryContext(ctx, `WITH wanted AS (
			SELECT DISTINCT i.story_id FROM items i JOIN matches m ON m.item_key = i.key
			WHERE ?2 != '' AND m.topic = ?2 AND i.first_seen > ?1)
		SELECT key, feed_name, title, link, published, first_seen, story_id, joined_by, story_score, unsure_join, near_story
		FROM items WHERE first_seen > ?1
			AND (?2 = '' OR story_id IN (SELECT story_id FROM wanted) OR near_story IN (SELECT story_id FROM wanted))
		ORDER BY rowid`, millis(since), topic)
	if err != nil {
		return nil, fmt.Errorf("story items since %s: %w", since.Format(time.RFC3339), err)
	}
	defer rows.Close()
	var out []StoryItem
	for rows.Next() {
		var it StoryItem
		var published, seen int64
		if err := rows.Scan(&it.Key, &it.Feed, &it.Title, &it.Link, &published, &seen, &it.StoryID, &it.JoinedBy,
			&it.Score, &it.Unsure, &it.NearStory); err != nil {
			return nil, fmt.Errorf("story items: %w", err)
		}
		it.Published, it.FirstSeen = fromMillis(published), fromMillis(seen)
		out = append(out, it)
	}
	return out, rows.Err()
}
