package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/stories"
)

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
