package store

import (
	"context"
	"database/sql"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
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

// askMeaning sets the cosines of the candidates worth asking (indices into
// cands, whose item keys are keys) and returns the new item's embedding,
// packed, if it was made.
func (s *Store) askMeaning(ctx context.Context, tx *sql.Tx, it feeds.Item, cands []ingest.Candidate, keys []string, worth []int) ([]byte, error) {
	text := stories.Text(it.Title, it.Summary)
	if len(worth) == 0 || !s.meaning.Knows(text) {
		return nil, nil
	}
	// Stored embeddings are packed; the new one is compared as it will be
	// stored, so that a join does not depend on which of two came first.
	packed := semantic.Encode(s.meaning.Embed(text))
	mine := semantic.Decode(packed)
	asked := make([]string, len(worth))
	for n, i := range worth {
		asked[n] = keys[i]
	}
	theirs, err := s.meanings(ctx, tx, asked)
	if err != nil {
		return nil, err
	}
	for _, i := range worth {
		if v, ok := theirs[keys[i]]; ok {
			cands[i].Cosine, cands[i].HasCosine = semantic.Cosine(mine, v), true
		}
	}
	return packed, nil
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
