package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

// DefaultStoryWindow is how far apart in time two reports of one story may be.
const DefaultStoryWindow = 48 * time.Hour

// maxCandidates bounds the earlier items a new one is compared with: those
// that share the most LSH bands with it, the likeliest to be alike.
const maxCandidates = 30

// SetClustering sets the story window and the similarity threshold.
func (s *Store) SetClustering(window time.Duration, threshold float64) {
	if window > 0 {
		s.window = window
	}
	if threshold > 0 {
		s.threshold = threshold
	}
}

// NewItem is a newly polled item with what is to be recorded with it.
type NewItem struct {
	Item        feeds.Item
	Fingerprint stories.Fingerprint
	Matches     []Match
	Deliveries  []Delivery
}

// Story is what a delivery knows of the story its item belongs to.
type Story struct {
	ID int64
	// Sources is how many items report the story, this one included.
	Sources int
	// FollowUp, when not nil, is the alert the destination was sent about
	// a near story (see SetFollowUps) — the item is possibly the same story
	// told in other words — or about the story the item joined short of
	// sure (see SetSureJoins); the item is sent as a quiet follow-up of it.
	FollowUp *FollowUp
}

// Joined reports whether the item joined an earlier item's story.
func (s Story) Joined() bool { return s.Sources > 1 }

// Added says what Add did.
type Added struct {
	// New is false when the item was known already: by key, or by its
	// canonical link (the same page in another feed, or under a new GUID),
	// or as a late re-post of a pruned report (its title and lead).
	New   bool
	Story Story
	// ByMeaning is true when the item joined its story by meaning: it
	// shared too few words with it (see SetMeaning).
	ByMeaning bool
	Queued    int
	// FollowUps counts the deliveries of Queued sent as follow-ups of an
	// alert about a near story (see SetFollowUps), or of the alert about
	// the story it joined short of sure (see SetSureJoins).
	FollowUps int
}

// storyTime is the time that places an item in its story's window.
func storyTime(it feeds.Item) time.Time {
	if it.DateEstimated || it.Published.IsZero() {
		return it.FirstSeen
	}
	return it.Published
}

// Add records a newly seen item, all in one transaction: the item, its
// story (an earlier report of the same story within the window, or a new
// story), its matches, and its deliveries — each delivery only for the
// topics its destination has not been alerted about for this story yet
// (or that asked to be alerted again once the story gained enough sources).
func (s *Store) Add(ctx context.Context, n NewItem) (Added, error) {
	out, err := s.AddAll(ctx, []NewItem{n})
	if err != nil {
		return Added{}, err
	}
	return out[0], nil
}

// AddAll records several new items as Add does, in one transaction (a
// feed's new items at once: one commit instead of one per item). Either
// all are recorded or none.
func (s *Store) AddAll(ctx context.Context, items []NewItem) ([]Added, error) {
	if err := s.loadDocFreq(ctx); err != nil {
		return nil, err
	}
	out := make([]Added, len(items))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i, n := range items {
			a, err := s.add(ctx, tx, n)
			if err != nil {
				return fmt.Errorf("add item %s from %s: %w", n.Item.Key, n.Item.FeedURL, err)
			}
			out[i] = a
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) add(ctx context.Context, tx *sql.Tx, n NewItem) (Added, error) {
	it := n.Item
	if known, err := s.isKnown(ctx, tx, it); err != nil || known {
		return Added{}, err
	}
	placed, err := s.assignStory(ctx, tx, it, n.Fingerprint)
	if err != nil {
		return Added{}, err
	}
	story := placed.story
	if err := insertItem(ctx, tx, it, placed, n.Fingerprint); err != nil {
		return Added{}, err
	}
	if err := s.recordFingerprint(ctx, tx, it, n.Fingerprint); err != nil {
		return Added{}, err
	}
	if len(n.Fingerprint.Words) > 0 {
		if err := s.countWords(ctx, tx, n.Fingerprint.Words); err != nil {
			return Added{}, err
		}
	}
	if err := insertMatches(ctx, tx, it, n.Matches); err != nil {
		return Added{}, err
	}
	queued, err := queueDeliveries(ctx, tx, it, placed, n.Deliveries)
	if err != nil {
		return Added{}, err
	}
	return Added{New: true, Story: story, ByMeaning: placed.byMeaning, Queued: queued.all, FollowUps: queued.followUps}, nil
}

// knownSQL tells whether an item's key (?1) or canonical link (?2) was
// seen, and lists the titles of pruned reports that opened with its lead
// (?3; see repostOfPruned).
const knownSQL = `SELECT EXISTS (SELECT 1 FROM items WHERE key = ?1)
		OR EXISTS (SELECT 1 FROM seen_keys WHERE key = ?1)
		OR (?2 != '' AND (EXISTS (SELECT 1 FROM items WHERE canonical_link = ?2)
			OR EXISTS (SELECT 1 FROM seen_keys WHERE canonical_link = ?2))),
	(SELECT json_group_array(title) FROM seen_keys WHERE ?3 != '' AND lead_key = ?3)`

// isKnown reports whether the item's key, or its canonical link, was seen,
// or whether it re-posts a pruned report.
func (s *Store) isKnown(ctx context.Context, tx *sql.Tx, it feeds.Item) (bool, error) {
	var known bool
	var titles string
	err := tx.StmtContext(ctx, s.knownStmt).QueryRowContext(ctx, it.Key, it.CanonicalLink, leadKey(it.Summary)).Scan(&known, &titles)
	if err != nil || known {
		return known, err
	}
	return repostOfPruned(it.Title, titles)
}
