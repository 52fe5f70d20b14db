package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// Match is one topic an item matched, as stored.
type Match struct {
	Topic   string
	Why     []string
	Regions []string
	// Named are the regions the item's own words name (rules.Match.Named).
	Named []string
}

// KnownItems returns which of keys are already stored.
func (s *Store) KnownItems(ctx context.Context, keys []string) (map[string]bool, error) {
	known := make(map[string]bool, len(keys))
	err := inChunks(keys, func(part []any) error {
		in := placeholders(len(part))
		rows, err := s.db.QueryContext(ctx, "SELECT key FROM items WHERE key IN "+in+
			" UNION SELECT key FROM seen_keys WHERE key IN "+in, append(part, part...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return err
			}
			known[k] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("known items: %w", err)
	}
	return known, nil
}

func insertMatches(ctx context.Context, tx *sql.Tx, it feeds.Item, matches []Match) error {
	for _, m := range matches {
		why, _ := json.Marshal(m.Why)
		regions, _ := json.Marshal(m.Regions)
		named, _ := json.Marshal(m.Named)
		if _, err := tx.ExecContext(ctx, `INSERT INTO matches (item_key, topic, why, regions, named,
			matched_at) VALUES (?, ?, ?, ?, ?, ?)`, it.Key, m.Topic, why, regions, named, millis(it.FirstSeen)); err != nil {
			return err
		}
	}
	return nil
}

// MatchedItem is a stored item with one topic it matched.
type MatchedItem struct {
	Item    feeds.Item
	StoryID int64
	// NearStory is the story the item was near when it joined none, with
	// follow-ups on (see ingest.Options.FollowUps); 0 otherwise.
	NearStory int64
	// UnsureJoin is true when the item joined its story by a score short
	// of sure, with follow-ups on (see ingest.Options.SureFrom).
	UnsureJoin bool
	Topic      string
	Why        []string
	Regions    []string
	Named      []string // see Match.Named
	MatchedAt  time.Time
	// Earlier is the first report of the item's story that the same topic
	// matched before the period asked for (zero when none): the story goes
	// on from an earlier digest.
	Earlier EarlierReport
}

// EarlierReport is a story's report matched before a period.
type EarlierReport struct {
	Title     string
	MatchedAt time.Time
}

// MatchesSince returns the matches recorded after since (exclusive) and up
// to until (inclusive) for the given topics (all topics when topics is
// empty), oldest first.
func (s *Store) MatchesSince(ctx context.Context, since, until time.Time, topics []string) ([]MatchedItem, error) {
	period := "m.matched_at > ?1 AND m.matched_at <= ?2"
	args := []any{millis(since), millis(until)}
	if len(topics) > 0 {
		period += " AND m.topic IN " + placeholders(len(topics))
		args = append(args, anys(topics)...)
	}
	// earlier holds, per story and topic of the period, the first report
	// matched before it (SQLite returns the title of the row min picks).
	q := `WITH period AS (SELECT * FROM matches m WHERE ` + period + `),
		earlier AS (SELECT e.story_id, m.topic, e.title, min(m.matched_at) AS matched_at
			FROM matches m JOIN items e ON e.key = m.item_key
			WHERE m.matched_at <= ?1 AND e.story_id != 0 AND e.story_id IN
				(SELECT i.story_id FROM period p JOIN items i ON i.key = p.item_key)
			GROUP BY e.story_id, m.topic)
		SELECT i.key, i.feed_url, i.feed_name, i.guid, i.title, i.link, i.canonical_link, i.summary,
		i.published, i.date_estimated, i.first_seen, i.story_id, i.near_story, i.unsure_join, m.topic, m.why, m.regions, m.named, m.matched_at,
		coalesce(ea.title, ''), coalesce(ea.matched_at, 0)
		FROM period m JOIN items i ON i.key = m.item_key
		LEFT JOIN earlier ea ON ea.story_id = i.story_id AND ea.topic = m.topic
		ORDER BY m.matched_at, i.key, m.topic`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("matches since %s: %w", since.Format(time.RFC3339), err)
	}
	defer rows.Close()
	var out []MatchedItem
	for rows.Next() {
		var (
			mi                                MatchedItem
			published, seen, matched, earlier int64
			why, regions, named               []byte
		)
		it := &mi.Item
		if err := rows.Scan(&it.Key, &it.FeedURL, &it.FeedName, &it.GUID, &it.Title, &it.Link,
			&it.CanonicalLink, &it.Summary, &published, &it.DateEstimated, &seen, &mi.StoryID, &mi.NearStory, &mi.UnsureJoin, &mi.Topic, &why,
			&regions, &named, &matched, &mi.Earlier.Title, &earlier); err != nil {
			return nil, fmt.Errorf("matches since: %w", err)
		}
		it.Published, it.FirstSeen, mi.MatchedAt = fromMillis(published), fromMillis(seen), fromMillis(matched)
		mi.Earlier.MatchedAt = fromMillis(earlier)
		if err := json.Unmarshal(why, &mi.Why); err != nil {
			return nil, fmt.Errorf("matches since: item %s: why: %w", it.Key, err)
		}
		if err := json.Unmarshal(regions, &mi.Regions); err != nil {
			return nil, fmt.Errorf("matches since: item %s: regions: %w", it.Key, err)
		}
		if err := json.Unmarshal(named, &mi.Named); err != nil {
			return nil, fmt.Errorf("matches since: item %s: named: %w", it.Key, err)
		}
		out = append(out, mi)
	}
	return out, rows.Err()
}

// ItemsSince returns the items first seen after since, oldest first, with
// the text that was stored (title and summary).
func (s *Store) ItemsSince(ctx context.Context, since time.Time) ([]feeds.Item, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, feed_url, feed_name, guid, title, link, canonical_link,
		summary, published, date_estimated, first_seen FROM items WHERE first_seen > ? ORDER BY first_seen, key`,
		millis(since))
	if err != nil {
		return nil, fmt.Errorf("items since %s: %w", since.Format(time.RFC3339), err)
	}
	defer rows.Close()
	var out []feeds.Item
	for rows.Next() {
		var it feeds.Item
		var published, seen int64
		if err := rows.Scan(&it.Key, &it.FeedURL, &it.FeedName, &it.GUID, &it.Title, &it.Link, &it.CanonicalLink,
			&it.Summary, &published, &it.DateEstimated, &seen); err != nil {
			return nil, fmt.Errorf("items since: %w", err)
		}
		it.Published, it.FirstSeen = fromMillis(published), fromMillis(seen)
		out = append(out, it)
	}
	return out, rows.Err()
}
