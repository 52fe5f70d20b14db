package store

import (
	"context"
	"database/sql"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// Meaning tells how close texts are in meaning (package semantic's
// Encoder): Knows says which texts it can judge, Embed gives a unit vector.
type Meaning interface {
	Knows(text string) bool
	Embed(text string) []float32
}

// SetMeaning lets candidates that share too few words to be joined be
// joined by their meaning: those whose score reaches stories.NearFloor
// whose embeddings' cosine reaches threshold. A nil m or a threshold of 0
// turns it off.
func (s *Store) SetMeaning(m Meaning, threshold float64) {
	if m == nil || threshold <= 0 {
		s.meaning, s.meaningAt = nil, 0
		return
	}
	s.meaning, s.meaningAt = m, threshold
}

// closestInMeaning is the story of the candidate closest in meaning to the
// new item, of those worth asking (0 if none reaches the threshold), its
// cosine, and the new item's embedding, packed, if it was made. scores are the words'
// scores of the candidates that may be one story (stories.Match): those
// of stories.NearFloor and more are worth asking.
func (s *Store) closestInMeaning(ctx context.Context, tx *sql.Tx, it feeds.Item, keys []string, found map[string]storedFingerprint, scores map[string]float64) (int64, float64, []byte, error) {
	var worth []string
	for _, key := range keys {
		if score, ok := scores[key]; ok && score >= stories.NearFloor {
			worth = append(worth, key)
		}
	}
	text := stories.Text(it.Title, it.Summary)
	if len(worth) == 0 || !s.meaning.Knows(text) {
		return 0, 0, nil, nil
	}
	// Stored embeddings are packed; the new one is compared as it will be
	// stored, so that a join does not depend on which of two came first.
	packed := semantic.Encode(s.meaning.Embed(text))
	mine := semantic.Decode(packed)
	theirs, err := s.meanings(ctx, tx, worth)
	if err != nil {
		return 0, 0, nil, err
	}
	best, bestCos := int64(0), s.meaningAt
	for _, key := range worth { // in candidates' order: of equal closeness, the first wins
		v, ok := theirs[key]
		if !ok {
			continue
		}
		if c := semantic.Cosine(mine, v); c >= bestCos && (best == 0 || c > bestCos) {
			best, bestCos = found[key].story, c
		}
	}
	if best == 0 {
		bestCos = 0
	}
	return best, bestCos, packed, nil
}

// meanings returns the embeddings of the stored items keys, making (and
// keeping) those not made yet; items in a language the encoder does not
// know are left out.
func (s *Store) meanings(ctx context.Context, tx *sql.Tx, keys []string) (map[string][]float32, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, title, summary, meaning FROM items
		WHERE key IN `+placeholders(len(keys)), anys(keys)...)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]float32, len(keys))
	made := map[string][]byte{}
	for rows.Next() {
		var key, title, summary string
		var blob []byte
		if err := rows.Scan(&key, &title, &summary, &blob); err != nil {
			rows.Close()
			return nil, err
		}
		if len(blob) == 0 {
			text := stories.Text(title, summary)
			if !s.meaning.Knows(text) {
				continue
			}
			blob = semantic.Encode(s.meaning.Embed(text))
			made[key] = blob
		}
		out[key] = semantic.Decode(blob)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for key, blob := range made {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET meaning = ? WHERE key = ?`, blob, key); err != nil {
			return nil, err
		}
	}
	return out, nil
}
