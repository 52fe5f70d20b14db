package ingest

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

// embeddings are the embeddings made before a write transaction, packed,
// by item key: those of the new items that have candidates worth asking by
// meaning, and of those candidates that have none stored yet. Making one
// takes tens of milliseconds; the transaction holds every other feed.
type embeddings map[string][]byte

// embed makes the embeddings the batch will need, as far as the stored
// items and the batch's earlier items tell: those of the items that have
// candidates worth asking, and of those candidates that have none stored
// (a report stored meanwhile by another feed is compared by its words
// alone).
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
	var others []string
	err := r.st.ReadWordWeights(ctx, func(df *stories.DocFreq) { texts, others = r.worthEmbedding(items, cands, df) })
	if err != nil {
		return nil, err
	}
	if len(others) > 0 {
		stored, err := r.st.Unembedded(ctx, others)
		if err != nil {
			return nil, err
		}
		for key, t := range stored {
			texts[key] = stories.Text(t[0], t[1])
		}
	}
	out := make(embeddings, len(texts))
	for key, text := range texts {
		if r.opt.Meaning.Knows(text) {
			out[key] = semantic.Encode(r.opt.Meaning.Embed(text))
		}
	}
	return out, nil
}

// worthEmbedding returns, by key, the texts of the batch's items to embed
// — each that the encoder knows and whose candidates, scored with the word
// counts the transaction will have (the batch's earlier items counted),
// include some worth asking — and of the batch's items among those
// candidates; and the keys of the stored ones among them.
func (r *Recorder) worthEmbedding(items []NewItem, cands [][]store.Candidate, df *stories.DocFreq) (map[string]string, []string) {
	w := &stories.Plus{Base: df}
	inBatch := make(map[string]string, len(items))
	texts := map[string]string{}
	stored := map[string]bool{}
	for i, n := range items {
		text := stories.Text(n.Item.Title, n.Item.Summary)
		worth := WorthAsking(score(cands[i], n, w, r.policy.CloseWithin), r.policy)
		if len(worth) > 0 && r.opt.Meaning.Knows(text) {
			texts[n.Item.Key] = text
			for _, j := range worth {
				key := cands[i][j].Key
				if t, ok := inBatch[key]; ok {
					texts[key] = t
				} else {
					stored[key] = true
				}
			}
		}
		inBatch[n.Item.Key] = text
		if len(n.Fingerprint.Words) > 0 {
			w.More.Add(n.Fingerprint.Words) // as the transaction will count it
		}
	}
	return texts, slices.Sorted(maps.Keys(stored))
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
			FeedURL: e.Item.FeedURL, Link: linkOf(e.Item)})
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
	keys := make([]string, len(worth))
	for n, i := range worth {
		keys[n] = cands[i].Key
	}
	kept, err := tx.Meanings(keys)
	if err != nil {
		return nil, err
	}
	// Stored embeddings are packed; the new one is compared as it will be
	// stored, so that a join does not depend on which of two came first.
	v := semantic.Decode(mine)
	for _, i := range worth {
		theirs, ok := kept[cands[i].Key]
		if !ok {
			if theirs, ok = made[cands[i].Key]; !ok {
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
