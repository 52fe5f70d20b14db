package ingest

import (
	"context"
	"time"

	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// embeddings are the embeddings made before a write transaction, packed,
// by item key: those of the new items whose candidates' words do not
// decide, and of those candidates that have none stored yet. Making one
// takes tens of milliseconds; the transaction holds every other feed.
type embeddings map[string][]byte

// embed makes the embeddings the batch will need, as far as the stored
// items and the batch's earlier items tell: those of the items that have
// candidates worth asking, and of those candidates (a report stored
// meanwhile by another feed is compared by its words alone).
func (r *Recorder) embed(ctx context.Context, items []NewItem) (embeddings, error) {
	if r.opt.Meaning == nil {
		return nil, nil
	}
	cands := make([][]store.Candidate, len(items))
	for i, n := range items {
		if len(n.Fingerprint.Bands) == 0 {
			continue
		}
		stored, err := r.st.Candidates(ctx, n.Item, n.Fingerprint, r.opt.Window)
		if err != nil {
			return nil, err
		}
		cands[i] = append(stored, batchCandidates(items[:i], n, r.opt.Window)...)
	}
	var texts map[string]string
	err := r.st.ReadWordWeights(ctx, func(df *stories.DocFreq) { texts = r.worthEmbedding(items, cands, df) })
	if err != nil {
		return nil, err
	}
	out := make(embeddings, len(texts))
	for key, text := range texts {
		out[key] = semantic.Encode(r.opt.Meaning.Embed(text))
	}
	return out, nil
}

// worthEmbedding lists, by item key, the texts to embed: each item's that
// has candidates worth asking (scored with the word counts the
// transaction will have, the batch's earlier items counted), and theirs
// that have no embedding stored. Texts the encoder does not know are
// left out.
func (r *Recorder) worthEmbedding(items []NewItem, cands [][]store.Candidate, df *stories.DocFreq) map[string]string {
	w := &stories.Plus{Base: df}
	texts := map[string]string{}
	for i, n := range items {
		worth := WorthAsking(score(cands[i], n.Fingerprint, w), r.policy)
		if text := stories.Text(n.Item.Title, n.Item.Summary); len(worth) > 0 && r.opt.Meaning.Knows(text) {
			texts[n.Item.Key] = text
			for _, j := range worth {
				c := cands[i][j]
				if t := stories.Text(c.Title, c.Summary); c.Meaning == nil && r.opt.Meaning.Knows(t) {
					texts[c.Key] = t
				}
			}
		}
		if len(n.Fingerprint.Words) > 0 {
			w.More.Add(n.Fingerprint.Words) // as the transaction will count it
		}
	}
	return texts
}

// batchCandidates are the earlier items of a batch that share an LSH band
// with n within window, as candidates; not yet in a story, each is given
// a story of its own below zero.
func batchCandidates(earlier []NewItem, n NewItem, window time.Duration) []store.Candidate {
	bands := map[uint64]bool{}
	for _, b := range n.Fingerprint.Bands {
		bands[b] = true
	}
	at := store.StoryTime(n.Item)
	var out []store.Candidate
	for j, e := range earlier {
		if d := store.StoryTime(e.Item).Sub(at).Abs(); d > window || !sharesBand(e.Fingerprint, bands) {
			continue
		}
		out = append(out, store.Candidate{Key: e.Item.Key, Story: int64(-1 - j), Fingerprint: e.Fingerprint,
			Title: e.Item.Title, Summary: e.Item.Summary})
	}
	return out
}

func sharesBand(fp stories.Fingerprint, bands map[uint64]bool) bool {
	for _, b := range fp.Bands {
		if bands[b] {
			return true
		}
	}
	return false
}

// askMeaning sets the cosines of the candidates worth asking (indices
// into cands and scored) from the embeddings stored or made before the
// transaction, keeps those made for candidates, and returns the new
// item's, packed, if one was made.
func askMeaning(tx *store.Tx, key string, cands []store.Candidate, scored []Candidate, worth []int, made embeddings) ([]byte, error) {
	mine, ok := made[key]
	if len(worth) == 0 || !ok {
		return nil, nil
	}
	// Stored embeddings are packed; the new one is compared as it will be
	// stored, so that a join does not depend on which of two came first.
	v := semantic.Decode(mine)
	for _, i := range worth {
		theirs := cands[i].Meaning
		if theirs == nil {
			if theirs = made[cands[i].Key]; theirs == nil {
				continue
			}
			if err := tx.SaveMeaning(cands[i].Key, theirs); err != nil {
				return nil, err
			}
		}
		scored[i].Cosine, scored[i].HasCosine = semantic.Cosine(v, semantic.Decode(theirs)), true
	}
	return mine, nil
}
