package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
)

// maxCandidates bounds the earlier items a new one is compared with: those
// that share the most LSH bands of words with it, the likeliest to be
// alike; maxCross those that share the bands of evidence (reports in
// other languages), besides.
const (
	maxCandidates = 30
	maxCross      = 10
)

// perBand bounds the items read for each LSH band: a band shared by many
// items (a common word's MinHash) says little, and reading it whole would
// make the cost grow with the number of items stored.
const perBand = 50

// perCrossBand bounds the items read for each band of evidence: a day's
// many reports of one place and one kind of event share them.
const perCrossBand = 20

// maxBands is how many bands a fingerprint has at most; noBand is no
// band's key (keys are positive).
const (
	maxBands = stories.NumBands + stories.CrossBands
	noBand   = int64(-1)
)

// Candidate is a stored item that may report the same story as a new one.
type Candidate struct {
	Key         string
	Story       int64
	Fingerprint stories.Fingerprint
	// FeedURL and Link (canonical where known) say which outlet told it.
	FeedURL, Link string
}

// Candidates returns the stored items within window of it (by storyTime)
// that share the most LSH bands with fp, most first, at most
// maxCandidates; items stored without a fingerprint, or with one that
// cannot be read, are left out.
func (t *Tx) Candidates(it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	byBands := func(args ...any) (*sql.Rows, error) {
		return t.tx.StmtContext(t.ctx, t.s.candStmt).QueryContext(t.ctx, args...)
	}
	return findCandidates(t.ctx, t.tx, byBands, it, fp, window)
}

// Candidates does what Tx.Candidates does on the readers' connection, for
// the work done before a write transaction opens (making embeddings); a
// transaction may find more.
func (s *Store) Candidates(ctx context.Context, it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	byBands := func(args ...any) (*sql.Rows, error) { return s.read.QueryContext(ctx, candidatesSQL, args...) }
	return findCandidates(ctx, s.read, byBands, it, fp, window)
}

// findCandidates reads the band index through byBands (candidatesSQL's
// arguments), then the most shared items through q.
func findCandidates(ctx context.Context, q querier, byBands func(args ...any) (*sql.Rows, error),
	it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	if len(fp.Bands) == 0 {
		return nil, nil
	}
	rows, err := byBands(bandArgs(it, fp, window)...)
	if err != nil {
		return nil, err
	}
	keys, err := mostShared(rows)
	if err != nil || len(keys) == 0 {
		return nil, err
	}
	return readCandidates(ctx, q, keys)
}

// candidatesSQL reads, in one statement, one bounded index range per band:
// the words' bands, then the evidence's (see stories.CrossBands).
var candidatesSQL = func() string {
	parts := make([]string, maxBands)
	for i := range parts {
		parts[i] = fmt.Sprintf(`SELECT *, %d FROM (SELECT item_key FROM story_bands WHERE band = ? AND at BETWEEN ? AND ? ORDER BY at DESC LIMIT ?)`,
			min(i/stories.NumBands, 1))
	}
	return strings.Join(parts, " UNION ALL ")
}()

func bandArgs(it feeds.Item, fp stories.Fingerprint, window time.Duration) []any {
	at := StoryTime(it)
	from, to := millis(at.Add(-window)), millis(at.Add(window))
	args := make([]any, 0, 4*maxBands)
	for i, b := range fp.Bands[:min(len(fp.Bands), maxBands)] {
		limit := perBand
		if i >= stories.NumBands {
			limit = perCrossBand
		}
		args = append(args, int64(b), from, to, limit)
	}
	for range maxBands - min(len(fp.Bands), maxBands) {
		args = append(args, noBand, from, to, 0) // a fingerprint without evidence
	}
	return args
}

// mostShared reads the item keys of the bands' rows and returns those
// that share the most of the words' bands, most first, at most
// maxCandidates; then those that share the most of the evidence's bands
// (reports in other languages), at most maxCross more.
func mostShared(rows *sql.Rows) ([]string, error) {
	shared := [2]map[string]int{{}, {}} // by words' bands, by evidence's
	for rows.Next() {
		var key string
		var cross int
		if err := rows.Scan(&key, &cross); err != nil {
			rows.Close()
			return nil, err
		}
		shared[cross][key]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := topShared(shared[0], maxCandidates, nil)
	return topShared(shared[1], maxCross, keys), nil
}

// topShared appends to keys those of shared not in it yet, most shared
// first, at most limit.
func topShared(shared map[string]int, limit int, keys []string) []string {
	var more []string
	for k := range shared {
		if !slices.Contains(keys, k) {
			more = append(more, k)
		}
	}
	sort.Slice(more, func(i, j int) bool {
		return shared[more[i]] > shared[more[j]] || shared[more[i]] == shared[more[j]] && more[i] < more[j]
	})
	return append(keys, more[:min(len(more), limit)]...)
}

// querier is a transaction or a connection pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readCandidates reads the items keys, in the order of keys.
func readCandidates(ctx context.Context, q querier, keys []string) ([]Candidate, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, story_id, fingerprint, feed_url,
		CASE canonical_link WHEN '' THEN link ELSE canonical_link END FROM items
		WHERE fingerprint IS NOT NULL AND key IN `+placeholders(len(keys)), anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := make(map[string]Candidate, len(keys))
	for rows.Next() {
		var c Candidate
		var blob []byte
		if err := rows.Scan(&c.Key, &c.Story, &blob, &c.FeedURL, &c.Link); err != nil {
			return nil, err
		}
		if c.Fingerprint, err = stories.Decode(blob); err == nil { // one that cannot be read is no candidate
			found[c.Key] = c
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(found))
	for _, k := range keys { // of equal scores, the first wins: keep the bands' order
		if c, ok := found[k]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// recordBands indexes the item by its fingerprint's LSH bands.
func (t *Tx) recordBands(it feeds.Item, fp stories.Fingerprint) error {
	if len(fp.Bands) == 0 {
		return nil
	}
	at := millis(StoryTime(it))
	args := make([]any, 0, 3*len(fp.Bands))
	for _, b := range fp.Bands {
		args = append(args, int64(b), it.Key, at)
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO story_bands (band, item_key, at) VALUES (?, ?, ?)`+
		strings.Repeat(", (?, ?, ?)", len(fp.Bands)-1), args...)
	return err
}

// StoryTime is the time that places an item in its story's window: its
// date, or when it was first seen if it had none of its own.
func StoryTime(it feeds.Item) time.Time {
	if it.DateEstimated || it.Published.IsZero() {
		return it.FirstSeen
	}
	return it.Published
}

// Meanings returns the stored embeddings, packed, of those of the items
// keys that have one.
func (t *Tx) Meanings(keys []string) (map[string][]byte, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT key, meaning FROM items
		WHERE meaning IS NOT NULL AND key IN `+placeholders(len(keys)), anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string][]byte, len(keys))
	for rows.Next() {
		var key string
		var blob []byte
		if err := rows.Scan(&key, &blob); err != nil {
			return nil, err
		}
		out[key] = blob
	}
	return out, rows.Err()
}

// Unembedded returns, by key, the title and lead of those of the stored
// items keys that have no embedding yet (on the readers' connection).
func (s *Store) Unembedded(ctx context.Context, keys []string) (map[string][2]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT key, title, summary FROM items
		WHERE meaning IS NULL AND key IN `+placeholders(len(keys)), anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string][2]string, len(keys))
	for rows.Next() {
		var key, title, summary string
		if err := rows.Scan(&key, &title, &summary); err != nil {
			return nil, err
		}
		out[key] = [2]string{title, summary}
	}
	return out, rows.Err()
}
