package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/stories"
)

// DefaultStoryWindow is how far apart in time two reports of one story may be.
const DefaultStoryWindow = 48 * time.Hour

// DefaultCloseWithin is how close in time two outlets' dated reports of
// one act in one place are one story (Policy.CloseWithin): a news day.
const DefaultCloseWithin = 24 * time.Hour

// Meaning tells how close texts are in meaning (package semantic's
// Encoder): Knows says which texts it can judge, Embed gives a unit vector.
type Meaning interface {
	Knows(text string) bool
	Embed(text string) []float32
}

// Options are how a Recorder places items in stories (the config's
// stories section). The zero Options join by words alone, within
// DefaultStoryWindow, from stories.DefaultThreshold, without follow-ups.
type Options struct {
	Window    time.Duration
	Threshold float64
	// FollowUps: a report near a told story, or joined to it short of
	// SureFrom, is sent as a quiet follow-up of its alert (docs/stories.md).
	FollowUps bool
	SureFrom  float64
	// Meaning, with MeaningAt above 0, joins candidates that share too few
	// words when their embeddings' cosine reaches MeaningAt.
	Meaning   Meaning
	MeaningAt float64
	// CrossFrom is the evidence's score (stories.CrossScore) from which a
	// report joins a story told in another language; 0: stories.CrossFrom,
	// below 0: off.
	CrossFrom float64
	// CloseWithin is Policy.CloseWithin; 0: DefaultCloseWithin, below 0:
	// off.
	CloseWithin time.Duration
}

// Recorder records newly polled items: known → placed in a story → the
// deliveries decided → recorded, each item in the store's one write
// transaction, so that two feeds polled at once never both see a story as
// new. Embeddings are made before the transaction opens.
type Recorder struct {
	st     *store.Store
	opt    Options
	policy Policy
}

// NewRecorder returns a recorder that writes to st.
func NewRecorder(st *store.Store, opt Options) *Recorder {
	if opt.Window <= 0 {
		opt.Window = DefaultStoryWindow
	}
	if opt.Threshold <= 0 {
		opt.Threshold = stories.DefaultThreshold
	}
	if opt.Meaning == nil || opt.MeaningAt <= 0 {
		opt.Meaning, opt.MeaningAt = nil, 0
	}
	if opt.CrossFrom == 0 {
		opt.CrossFrom = stories.CrossFrom
	}
	if opt.CloseWithin == 0 {
		opt.CloseWithin = DefaultCloseWithin
	}
	policy := Policy{Threshold: opt.Threshold, NearFloor: stories.NearFloor, FollowUps: opt.FollowUps,
		SureFrom: opt.SureFrom, MeaningAt: opt.MeaningAt, CrossFrom: max(opt.CrossFrom, 0),
		CloseWithin: max(opt.CloseWithin, 0)}
	return &Recorder{st: st, opt: opt, policy: policy}
}

// KnownItems returns which of keys are already stored.
func (r *Recorder) KnownItems(ctx context.Context, keys []string) (map[string]bool, error) {
	return r.st.KnownItems(ctx, keys)
}

// Add records one new item as AddAll does.
func (r *Recorder) Add(ctx context.Context, n NewItem) (Added, error) {
	out, err := r.AddAll(ctx, []NewItem{n})
	if err != nil {
		return Added{}, err
	}
	return out[0], nil
}

// AddAll records several new items in one transaction (a feed's new items
// at once): each unless it is known, in its story (an earlier report of
// the same story within the window, or a new one), with its matches, and
// its deliveries — each only for the topics its destination has not been
// told about for this story yet, or due again. All are recorded or none.
func (r *Recorder) AddAll(ctx context.Context, items []NewItem) ([]Added, error) {
	made, err := r.embed(ctx, items)
	if err != nil {
		return nil, err
	}
	out := make([]Added, len(items))
	err = r.st.Update(ctx, func(tx *store.Tx) error {
		for i, n := range items {
			a, err := r.add(tx, n, made)
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

func (r *Recorder) add(tx *store.Tx, n NewItem, made embeddings) (Added, error) {
	if known, err := tx.Known(n.Item); err != nil || known {
		return Added{}, err
	}
	pl, err := r.place(tx, n, made)
	if err != nil {
		return Added{}, err
	}
	rec := store.NewItem{Item: n.Item, Fingerprint: n.Fingerprint, Matches: n.Matches, Story: pl.story.ID,
		Meaning: pl.meaning, NearStory: pl.Near, UnsureJoin: pl.Unsure, JoinedBy: pl.joinedBy(), Score: pl.Score}
	if err := tx.Insert(rec); err != nil {
		return Added{}, err
	}
	if pl.story.Joined() {
		if pl.story.Outlets, err = tx.StoryOutlets(pl.story.ID); err != nil {
			return Added{}, err
		}
	}
	q, err := deliver(tx, n.Item, pl, n.Deliveries)
	if err != nil {
		return Added{}, err
	}
	return Added{New: true, Story: pl.story, ByMeaning: pl.ByMeaning, Queued: q.all, FollowUps: q.followUps,
		Edits: q.edits}, nil
}

// placed is the story an item went in, how, and its embedding if placing
// it needed one.
type placed struct {
	Placement
	story   Story
	meaning []byte
	news    bool // it adds a figure or a place to the report it joined short of sure or is near
}

func (p placed) joinedBy() string {
	switch {
	case p.ByMeaning:
		return "meaning"
	case p.Across:
		return "languages"
	case p.Close:
		return "close in time"
	case p.story.Joined():
		return "words"
	}
	return ""
}

// place puts the item in the story Place decides, asking the candidates'
// meaning when their words do not decide, and records the join or the
// new story.
func (r *Recorder) place(tx *store.Tx, n NewItem, made embeddings) (placed, error) {
	cands, err := tx.Candidates(n.Item, n.Fingerprint, r.opt.Window)
	if err != nil {
		return placed{}, err
	}
	scored := score(cands, n, tx.WordWeights(), r.policy.CloseWithin)
	var out placed
	out.Placement = Place(scored, r.policy)
	if out.Story == 0 && r.opt.Meaning != nil {
		if out.meaning, err = askMeaning(tx, n.Item.Key, cands, scored, WorthAsking(scored, r.policy), made); err != nil {
			return placed{}, err
		}
		out.Placement = Place(scored, r.policy)
	}
	if out.Unsure || out.Near != 0 {
		out.news = bringsNews(n.Fingerprint, cands, scored, out.Story+out.Near)
	}
	if out.Story == 0 {
		id, err := tx.StartStory(n.Item)
		out.story = Story{ID: id, Sources: 1}
		return out, err
	}
	sources, err := tx.JoinStory(out.Story)
	out.story = Story{ID: out.Story, Sources: sources}
	return out, err
}

// bringsNews reports whether fp adds a figure or a place to the report of
// story (the best-scoring candidate of it) that the item was placed beside.
func bringsNews(fp stories.Fingerprint, cands []store.Candidate, scored []Candidate, story int64) bool {
	best := -1
	for i, c := range scored {
		if c.Story == story && (best < 0 || c.Score > scored[best].Score) {
			best = i
		}
	}
	return best >= 0 && stories.BringsNews(fp, cands[best].Fingerprint)
}

// score compares the item's fingerprint with each candidate's: by words,
// or by evidence for one in another language; says which stories its
// outlet told in another report, and which candidates another outlet
// dated within closeWithin of it tell its act and place.
func score(cands []store.Candidate, n NewItem, w stories.Weights, closeWithin time.Duration) []Candidate {
	own := ownStories(n, cands)
	link := linkOf(n.Item)
	out := make([]Candidate, len(cands))
	for i, c := range cands {
		s, cross, apart := stories.Compare(n.Fingerprint, c.Fingerprint, w)
		out[i] = Candidate{Story: c.Story, Comparable: apart == "", Apart: apart, Score: s, Cross: cross, OwnOutlet: own[c.Story]}
		// The outlets last: reading two links' sites allocates.
		out[i].Close = datedWithin(n.Item, c.Published, closeWithin) && closeEnough(n.Fingerprint, c.Fingerprint, apart) &&
			!own[c.Story] && !sameOutlet(n.Item.FeedURL, link, c.FeedURL, c.Link)
	}
	return out
}

// datedWithin: the item and a candidate published at were both dated, by
// their outlets or by the poll that found them (feeds.Item.DatedByPoll),
// within d of each other (d above 0).
func datedWithin(it feeds.Item, at time.Time, d time.Duration) bool {
	dated := !it.DateEstimated || it.DatedByPoll
	return d > 0 && dated && !it.Published.IsZero() && !at.IsZero() && it.Published.Sub(at).Abs() <= d
}

// closeEnough: two reports dated close in time by two outlets are one
// story when they tell one act in one place (stories.Corroborates) and
// nothing sets them apart but too few shared words or details in common,
// or details crossed (apart is what stories.Compare said): crossed details
// are one outlet's template telling two events, while two outlets the
// same day tell one event each with what it knows (a count in one, the
// district in the other). Of counts that differ, only the toll of one
// act's victims, which rises through the day, may be one story
// (stories.SuccessiveTolls).
func closeEnough(a, b stories.Fingerprint, apart string) bool {
	switch apart {
	case "", stories.ApartNoDetail, stories.ApartDetails:
		return stories.Corroborates(a, b)
	case stories.ApartNumbers:
		return stories.SuccessiveTolls(a, b)
	}
	return false
}
