package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
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

// maxBands is how many bands a fingerprint has at most.
const maxBands = stories.NumBands + stories.CrossBands

// Candidate is a stored item that may report the same story as a new one.
type Candidate struct {
	Key         string
	Story       int64
	Fingerprint stories.Fingerprint
	// FeedURL and Link (canonical where known) say which outlet told it.
	FeedURL, Link string
	// Published is when its outlet dated it, or the poll that found it
	// (feeds.Item.DatedByPoll); zero when neither did (it is then placed
	// by when it was first seen).
	Published time.Time
}

// Candidates returns the stored items within window of it (by storyTime)
// that share the most LSH bands of words with fp, most first, at most
// maxCandidates; then those that share the most bands of evidence
// (reports in other languages), at most maxCross more. Items stored
// without a fingerprint, or with one that cannot be read, are left out.
func (t *Tx) Candidates(it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	query := func(args ...any) (*sql.Rows, error) {
		return t.tx.StmtContext(t.ctx, t.s.candStmt).QueryContext(t.ctx, args...)
	}
	return findCandidates(query, it, fp, window)
}

// Candidates does what Tx.Candidates does on the readers' connection, for
// the work done before a write transaction opens (making embeddings); a
// transaction may find more.
func (s *Store) Candidates(ctx context.Context, it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	query := func(args ...any) (*sql.Rows, error) { return s.read.QueryContext(ctx, candidatesSQL, args...) }
	return findCandidates(query, it, fp, window)
}

// findCandidates runs candidatesSQL through query.
func findCandidates(query func(args ...any) (*sql.Rows, error), it feeds.Item, fp stories.Fingerprint, window time.Duration) ([]Candidate, error) {
	if len(fp.Bands) == 0 {
		return nil, nil
	}
	rows, err := query(bandArgs(it, fp, window)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		var blob []byte
		var published int64
		if err := rows.Scan(&c.Key, &c.Story, &blob, &c.FeedURL, &c.Link, &published); err != nil {
			return nil, err
		}
		if published > 0 {
			c.Published = fromMillis(published)
		}
		if c.Fingerprint, err = stories.Decode(blob); err == nil { // one that cannot be read is no candidate
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// candidatesSQL finds and reads the candidates in one statement: one
// bounded index range per band (the words' bands, then the evidence's, see
// stories.CrossBands), the items counted by the bands they share (in
// SQLite: a thousand index entries are not carried into Go one by one),
// the most shared read, most first; of equal counts the lesser key, so
// that the order does not depend on the plan. Its three parameters are the
// window's bounds and the bands as a JSON array: SQLite prepares a
// statement again whenever a value is bound to a parameter past the 31st,
// which for this one cost as much as running it.
var candidatesSQL = func() string {
	parts := make([]string, maxBands)
	for i := range parts {
		crossed, limit := min(i/stories.NumBands, 1), perBand
		if crossed == 1 {
			limit = perCrossBand
		}
		parts[i] = fmt.Sprintf(`SELECT item_key, %d FROM (SELECT item_key FROM story_bands
			WHERE band = json_extract(?3, '$[%d]') AND at BETWEEN ?1 AND ?2 ORDER BY at DESC LIMIT %d)`, crossed, i, limit)
	}
	return fmt.Sprintf(`WITH hits(item_key, crossed) AS (%s),
	words AS (SELECT item_key, count(*) AS n FROM hits WHERE crossed = 0
		GROUP BY item_key ORDER BY n DESC, item_key LIMIT %d),
	across AS (SELECT item_key, count(*) AS n FROM hits WHERE crossed = 1 AND item_key NOT IN (SELECT item_key FROM words)
		GROUP BY item_key ORDER BY n DESC, item_key LIMIT %d),
	chosen AS (SELECT item_key, 0 AS part, n FROM words UNION ALL SELECT item_key, 1, n FROM across)
	SELECT i.key, i.story_id, i.fingerprint, i.feed_url, CASE i.canonical_link WHEN '' THEN i.link ELSE i.canonical_link END,
		CASE WHEN i.date_estimated = 0 OR i.dated_by_poll = 1 THEN i.published ELSE 0 END
	FROM chosen JOIN items i ON i.key = chosen.item_key
	WHERE i.fingerprint IS NOT NULL
	ORDER BY chosen.part, chosen.n DESC, chosen.item_key`,
		strings.Join(parts, " UNION ALL "), maxCandidates, maxCross)
}()

// bandArgs are candidatesSQL's parameters for an item told at it.
func bandArgs(it feeds.Item, fp stories.Fingerprint, window time.Duration) []any {
	at := StoryTime(it)
	return []any{millis(at.Add(-window)), millis(at.Add(window)), bandsJSON(fp.Bands[:min(len(fp.Bands), maxBands)])}
}

// recordBands indexes the item by its fingerprint's LSH bands (given as
// one JSON array, so that the statement is prepared once: see
// candidatesSQL).
func (t *Tx) recordBands(it feeds.Item, fp stories.Fingerprint) error {
	if len(fp.Bands) == 0 {
		return nil
	}
	_, err := t.tx.StmtContext(t.ctx, t.s.bandsStmt).ExecContext(t.ctx, bandsJSON(fp.Bands), it.Key, millis(StoryTime(it)))
	return err
}

const recordBandsSQL = `INSERT INTO story_bands (band, item_key, at) SELECT value, ?2, ?3 FROM json_each(?1)`

// bandsJSON writes bands as a JSON array of integers.
func bandsJSON(bands []uint64) string {
	b := make([]byte, 0, 21*len(bands)+2)
	b = append(b, '[')
	for i, band := range bands {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(band), 10)
	}
	return string(append(b, ']'))
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
