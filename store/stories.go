package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
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

// assignStory finds the item's story, or starts one.
func (s *Store) assignStory(ctx context.Context, tx *sql.Tx, it feeds.Item, fp stories.Fingerprint) (foundStory, error) {
	var found foundStory
	if len(fp.Bands) > 0 {
		var err error
		if found, err = s.findStory(ctx, tx, it, fp); err != nil || found.story.Joined() {
			return found, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO stories (first_item, created_at) VALUES (?, ?)`,
		it.Key, millis(it.FirstSeen))
	if err != nil {
		return foundStory{}, err
	}
	id, err := res.LastInsertId()
	found.story = Story{ID: id, Sources: 1}
	return found, err
}

// foundStory is the story an item was placed in (an earlier one if it
// joined one), whether it joined it by meaning, the item's embedding,
// packed, if placing it made it, and — with follow-ups on — the story of
// the nearest candidate when it joined none, and whether the join was
// unsure (see SetSureJoins).
type foundStory struct {
	story     Story
	byMeaning bool
	meaning   []byte
	near      int64
	unsure    bool
	// score is the words' score with the story joined (by meaning, the
	// cosine), or with the near story.
	score float64
}

// joinedBy is how the item joined its story: "words", "meaning", or "".
func (f foundStory) joinedBy() string {
	switch {
	case f.byMeaning:
		return "meaning"
	case f.story.Joined():
		return "words"
	}
	return ""
}

// findStory looks for an earlier report of the same story: the items that
// share an LSH band with this one within the window, scored by their
// words and, when those do not decide, by their meaning (which makes the
// item's embedding, returned packed); ingest.Place decides.
func (s *Store) findStory(ctx context.Context, tx *sql.Tx, it feeds.Item, fp stories.Fingerprint) (foundStory, error) {
	keys, err := s.candidates(ctx, tx, it, fp)
	if err != nil || len(keys) == 0 {
		return foundStory{}, err
	}
	found, err := fingerprints(ctx, tx, keys)
	if err != nil {
		return foundStory{}, err
	}
	cands := make([]ingest.Candidate, 0, len(keys))
	candKeys := make([]string, 0, len(keys))
	for _, key := range keys { // in candidates' order: of equal scores, the first wins
		if c, ok := found[key]; ok {
			score, ok := stories.Match(fp, c.fp, s.df)
			cands = append(cands, ingest.Candidate{Story: c.story, Comparable: ok, Score: score})
			candKeys = append(candKeys, key)
		}
	}
	policy := s.placePolicy()
	placed := ingest.Place(cands, policy)
	var out foundStory
	if placed.Story == 0 && s.meaning != nil {
		if out.meaning, err = s.askMeaning(ctx, tx, it, cands, candKeys, ingest.WorthAsking(cands, policy)); err != nil {
			return foundStory{}, err
		}
		placed = ingest.Place(cands, policy)
	}
	out.byMeaning, out.unsure, out.near, out.score = placed.ByMeaning, placed.Unsure, placed.Near, placed.Score
	if placed.Story == 0 {
		return out, nil
	}
	var sources int
	err = tx.QueryRowContext(ctx, `UPDATE stories SET sources = sources + 1 WHERE id = ? RETURNING sources`, placed.Story).Scan(&sources)
	out.story = Story{ID: placed.Story, Sources: sources}
	return out, err
}

// placePolicy is the store's clustering settings as ingest reads them.
func (s *Store) placePolicy() ingest.Policy {
	p := ingest.Policy{Threshold: s.threshold, NearFloor: stories.NearFloor, FollowUps: s.followUps, SureFrom: s.sureFrom}
	if s.meaning != nil {
		p.MeaningAt = s.meaningAt
	}
	return p
}

// storedFingerprint is a candidate's story and fingerprint.
type storedFingerprint struct {
	story int64
	fp    stories.Fingerprint
}

// fingerprints reads the candidates' stories and fingerprints in one
// query, by item key, decoded; items stored without a fingerprint, or with one
// that cannot be read, are left out.
func fingerprints(ctx context.Context, tx *sql.Tx, keys []string) (map[string]storedFingerprint, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, story_id, fingerprint FROM items
		WHERE fingerprint IS NOT NULL AND key IN `+placeholders(len(keys)), anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]storedFingerprint, len(keys))
	for rows.Next() {
		var key string
		var story int64
		var blob []byte
		if err := rows.Scan(&key, &story, &blob); err != nil {
			return nil, err
		}
		if fp, err := stories.Decode(blob); err == nil { // one that cannot be read is no candidate
			out[key] = storedFingerprint{story, fp}
		}
	}
	return out, rows.Err()
}

// candidatesSQL reads, in one statement, one bounded index range per band.
var candidatesSQL = func() string {
	parts := make([]string, stories.NumBands)
	for i := range parts {
		parts[i] = `SELECT * FROM (SELECT item_key FROM story_bands WHERE band = ? AND at BETWEEN ? AND ? ORDER BY at DESC LIMIT ?)`
	}
	return strings.Join(parts, " UNION ALL ")
}()

// perBand bounds the items read for each LSH band: a band shared by many
// items (a common word's MinHash) says little, and reading it whole would
// make the cost grow with the number of items stored.
const perBand = 50

// candidates returns the items within the window that share the most LSH
// bands with fp, most first, at most maxCandidates.
func (s *Store) candidates(ctx context.Context, tx *sql.Tx, it feeds.Item, fp stories.Fingerprint) ([]string, error) {
	at := storyTime(it)
	from, to := millis(at.Add(-s.window)), millis(at.Add(s.window))
	args := make([]any, 0, 4*len(fp.Bands))
	for _, b := range fp.Bands {
		args = append(args, int64(b), from, to, perBand)
	}
	rows, err := tx.StmtContext(ctx, s.candStmt).QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	shared := map[string]int{}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return nil, err
		}
		shared[key]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(shared))
	for k := range shared {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return shared[keys[i]] > shared[keys[j]] || shared[keys[i]] == shared[keys[j]] && keys[i] < keys[j]
	})
	if len(keys) > maxCandidates {
		keys = keys[:maxCandidates]
	}
	return keys, nil
}

// insertItem records the item in the story it was placed in, with its
// fingerprint, its embedding if placing it made one, the story it was near
// if any, and whether it joined its story unsure.
func insertItem(ctx context.Context, tx *sql.Tx, it feeds.Item, placed foundStory, fp stories.Fingerprint) error {
	var blob []byte
	if len(fp.Words) > 0 {
		blob = fp.Encode()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO items (key, feed_url, feed_name, guid, title, link,
		canonical_link, summary, published, date_estimated, first_seen, story_id, fingerprint, meaning, near_story, unsure_join,
		joined_by, story_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.Key, it.FeedURL, it.FeedName, it.GUID, it.Title, it.Link, it.CanonicalLink, it.Summary,
		millis(it.Published), it.DateEstimated, millis(it.FirstSeen), placed.story.ID, blob, placed.meaning, placed.near, placed.unsure,
		placed.joinedBy(), placed.score)
	return err
}

func (s *Store) recordFingerprint(ctx context.Context, tx *sql.Tx, it feeds.Item, fp stories.Fingerprint) error {
	if len(fp.Bands) == 0 {
		return nil
	}
	at := millis(storyTime(it))
	args := make([]any, 0, 3*len(fp.Bands))
	for _, b := range fp.Bands {
		args = append(args, int64(b), it.Key, at)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO story_bands (band, item_key, at) VALUES (?, ?, ?)`+
		strings.Repeat(", (?, ?, ?)", len(fp.Bands)-1), args...)
	return err
}

// dfFlushEvery: the word counts are written to the store in batches; a
// crash loses at most this many items' counts, which only nudges weights.
const dfFlushEvery = 500

// countWords adds an item's words to the counts, and writes the counts
// changed since the last write every dfFlushEvery items.
func (s *Store) countWords(ctx context.Context, tx *sql.Tx, words []uint32) error {
	s.dfMu.Lock()
	defer s.dfMu.Unlock()
	s.df.Add(words)
	for _, w := range words {
		s.dfDirty[w] = true
	}
	s.dfPending++
	if s.dfPending < dfFlushEvery {
		return nil
	}
	return s.flushWordsLocked(ctx, tx)
}

func (s *Store) flushWordsLocked(ctx context.Context, tx *sql.Tx) error {
	if len(s.dfDirty) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO word_df (word, n) VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET n = excluded.n`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for w := range s.dfDirty {
		if _, err := stmt.ExecContext(ctx, int64(w), s.df.Count[w]); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, dfItemsSetting, strconv.Itoa(s.df.Items)); err != nil {
		return err
	}
	clear(s.dfDirty)
	s.dfPending = 0
	return nil
}

// flushWords writes the pending word counts (at Close).
func (s *Store) flushWords(ctx context.Context) error {
	if s.df == nil {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.dfMu.Lock()
		defer s.dfMu.Unlock()
		return s.flushWordsLocked(ctx, tx)
	})
}

// dfItemsSetting is the setting that keeps how many items the word counts
// count. Pruning deletes items but not their counts, so the number of
// items stored is not it.
const dfItemsSetting = "word_df_items"

// loadDocFreq reads the word counts once, for weighting story similarity.
func (s *Store) loadDocFreq(ctx context.Context) error {
	s.dfOnce.Do(func() {
		df := &stories.DocFreq{Count: map[uint32]int{}}
		s.dfDirty = map[uint32]bool{}
		// A store written before the total was kept: the items stored and
		// those pruned whose keys are kept come closest.
		if err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?),
			(SELECT count(*) FROM items WHERE fingerprint IS NOT NULL) + (SELECT count(*) FROM seen_keys))`,
			dfItemsSetting).Scan(&df.Items); err != nil {
			s.dfErr = err
			return
		}
		rows, err := s.db.QueryContext(ctx, `SELECT word, n FROM word_df`)
		if err != nil {
			s.dfErr = err
			return
		}
		defer rows.Close()
		for rows.Next() {
			var w int64
			var n int
			if err := rows.Scan(&w, &n); err != nil {
				s.dfErr = err
				return
			}
			df.Count[uint32(w)] = n
		}
		s.df, s.dfErr = df, rows.Err()
	})
	return s.dfErr
}

// queued counts the outbox entries an item queued, and of them the quiet
// follow-ups.
type queued struct{ all, followUps int }

// queueDeliveries writes the outbox entries of an item as ingest.Decide
// and ingest.Settle decide for each destination, recording the topics it
// is now told about.
func queueDeliveries(ctx context.Context, tx *sql.Tx, it feeds.Item, placed foundStory, ds []Delivery) (queued, error) {
	var q queued
	story := placed.story
	at := ingest.Story{Sources: story.Sources, Unsure: placed.unsure, Near: placed.near != 0}
	for _, d := range ds {
		states, err := topicStates(ctx, tx, d, story.ID)
		if err != nil {
			return q, err
		}
		decision := ingest.Decide(states, at, d.NoFollowUps)
		if err := markTold(ctx, tx, d.Destination, decision.Fresh, story); err != nil {
			return q, err
		}
		told := story
		switch decision.Action {
		case ingest.FollowUpOfStory:
			told.FollowUp, err = earlierAlert(ctx, tx, d.Destination, decision.Topics, story.ID)
		case ingest.FollowUpOfNear:
			told.FollowUp, err = earlierAlert(ctx, tx, d.Destination, decision.Topics, placed.near)
		}
		if err != nil {
			return q, err
		}
		if decision = ingest.Settle(decision, told.FollowUp != nil); decision.Action == ingest.Skip {
			continue
		}
		added, err := enqueueItem(ctx, tx, it, d, decision.Topics, told)
		if err != nil {
			return q, err
		}
		if added {
			q.all++
			if told.FollowUp != nil {
				q.followUps++
			}
		}
	}
	return q, nil
}

// enqueueItem writes one outbox entry, unless the destination has one for the
// item already.
func enqueueItem(ctx context.Context, tx *sql.Tx, it feeds.Item, d Delivery, topics []string, told Story) (bool, error) {
	payload := d.Payload
	if d.Build != nil {
		var err error
		if payload, err = d.Build(topics, told); err != nil {
			return false, err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (destination, item_key, payload, next_attempt,
		created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		d.Destination, it.Key, payload, millis(it.FirstSeen), millis(it.FirstSeen))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// topicStates reads whether d's destination was told about the story under
// each of d's topics, and with how many sources.
func topicStates(ctx context.Context, tx *sql.Tx, d Delivery, story int64) ([]ingest.TopicState, error) {
	out := make([]ingest.TopicState, len(d.Topics))
	for i, t := range d.Topics {
		out[i] = ingest.TopicState{ID: t.ID, RealertAfter: t.RealertAfter, Alerted: true}
		err := tx.QueryRowContext(ctx, `SELECT sources_at_alert FROM story_alerts
			WHERE destination = ? AND topic = ? AND story_id = ?`, d.Destination, t.ID, story).Scan(&out[i].SourcesAtAlert)
		if err == sql.ErrNoRows {
			out[i].Alerted, err = false, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// markTold records that dest is told about the story under topics.
func markTold(ctx context.Context, tx *sql.Tx, dest string, topics []string, story Story) error {
	for _, t := range topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_alerts (destination, topic, story_id, sources_at_alert)
			VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET sources_at_alert = excluded.sources_at_alert`,
			dest, t, story.ID, story.Sources); err != nil {
			return err
		}
	}
	return nil
}

// PruneStats counts what Prune removed.
type PruneStats struct {
	Items, Bands, SeenKeys, Stories int64
}

// Prune deletes items first seen before itemsBefore (with their matches),
// keeping their keys, canonical links and lead keys until keysBefore so
// that a late re-post of an old item does not alert again; the story
// index entries of deleted items too old to be matched; and the stories,
// with the record of whom they were alerted to, of which neither an item
// nor a key is left. Items with deliveries still pending are kept.
func (s *Store) Prune(ctx context.Context, itemsBefore, keysBefore time.Time) (PruneStats, error) {
	var st PruneStats
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cut := millis(itemsBefore)
		keep := `AND key NOT IN (SELECT item_key FROM outbox WHERE status = 'pending')`
		if err := keepKeys(ctx, tx, `WHERE first_seen < ? `+keep, cut); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM items WHERE first_seen < ? `+keep, cut)
		if err != nil {
			return err
		}
		st.Items, _ = res.RowsAffected()
		// A stored item keeps its index entries, however old its date: a
		// report of long ago first seen lately can still be copied.
		res, err = tx.ExecContext(ctx, `DELETE FROM story_bands WHERE at < ?
			AND NOT EXISTS (SELECT 1 FROM items WHERE items.key = story_bands.item_key)`, millis(itemsBefore.Add(-s.window)))
		if err != nil {
			return err
		}
		st.Bands, _ = res.RowsAffected()
		res, err = tx.ExecContext(ctx, `DELETE FROM seen_keys WHERE first_seen < ?`, millis(keysBefore))
		if err != nil {
			return err
		}
		st.SeenKeys, _ = res.RowsAffected()
		if st.Stories, err = forgetStories(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM outbox WHERE status != 'pending' AND created_at < ?`, cut)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("prune: %w", err)
	}
	return st, nil
}

// forgetStories deletes the stories of which no item and no kept key is
// left, and the record of whom they were alerted to. The newest story is
// kept whatever it holds, so that a new story never takes the id of a
// forgotten one (SQLite gives a new row the largest id plus one).
func forgetStories(ctx context.Context, tx *sql.Tx) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id < (SELECT max(id) FROM stories)
		AND id NOT IN (SELECT story_id FROM items) AND id NOT IN (SELECT story_id FROM seen_keys)`)
	if err != nil {
		return 0, fmt.Errorf("forget stories: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_alerts WHERE story_id NOT IN (SELECT id FROM stories)`); err != nil {
		return n, fmt.Errorf("forget story alerts: %w", err)
	}
	return n, nil
}
