package ingest

import "time"

// Candidate is an earlier report within the story window that a new item
// may join, as the store read and scored it.
type Candidate struct {
	Story int64
	// Comparable is false when the two cannot be one story whatever their
	// score, and Apart says why (stories.Apart: other script, conflicting
	// places or numbers; ApartOutlet).
	Comparable bool
	Apart      string
	Score      float64 // by their words (stories.Score), or by their evidence when Cross
	// Cross: the two are in two languages (stories.Compare).
	Cross bool
	// Close: both were dated by their outlets within Policy.CloseWithin,
	// by two outlets, and they tell one act in one place with nothing
	// that sets them apart but too few shared words or details
	// (stories.Corroborates).
	Close bool
	// OwnOutlet: the item's outlet told the candidate's story in another
	// report; a join to it is unsure (outlet.go).
	OwnOutlet bool
	// Cosine is their closeness in meaning, when HasCosine (asked only of
	// those WorthAsking).
	Cosine    float64
	HasCosine bool
}

// Policy is how stories are joined (the stories section of the config).
type Policy struct {
	Threshold float64 // a words' score from which two reports are one story
	NearFloor float64 // a score from which they may be: asked by meaning, or followed up
	MeaningAt float64 // a cosine from which a candidate worth asking joins; 0: off
	FollowUps bool    // a report near a told story is its quiet follow-up
	SureFrom  float64 // with FollowUps, a join scoring less is unsure
	CrossFrom float64 // an evidence's score from which a report in another language joins; 0: off
	// CloseWithin: reports of two outlets dated this close that tell one
	// act in one place are one story (Candidate.Close); 0: off.
	CloseWithin time.Duration
}

// Placement is the story an item goes in, and why.
type Placement struct {
	Story     int64 // the story joined; 0: a new one
	ByMeaning bool
	Across    bool // joined a report in another language
	Close     bool // joined as told close in time by another outlet (Candidate.Close)
	Unsure    bool
	Near      int64   // with no join and FollowUps, the nearest story; else 0
	Score     float64 // the words' score of the join or the near story; a cosine by meaning
	Reason    string
}

// Reasons a placement gives.
const (
	PlacedByWords   = "shares enough words with an earlier report"
	PlacedByMeaning = "close in meaning to an earlier report"
	PlacedNear      = "near an earlier report, not enough to join"
	PlacedNew       = "no earlier report close enough"
	PlacedAcross    = "tells what an earlier report in another language tells"
	PlacedClose     = "tells the act and place of a report another outlet dated close to it"
)

// Place decides the story of a new item from its candidates, in the
// store's order (of equal scores, the first wins).
func Place(cands []Candidate, p Policy) Placement {
	best, near := -1, -1
	cross, close := -1, -1
	for i, c := range cands {
		if c.Close && (close < 0 || c.Score > cands[close].Score) {
			close = i
		}
		if !c.Comparable {
			continue
		}
		if c.Cross {
			if p.CrossFrom > 0 && c.Score >= p.CrossFrom && (cross < 0 || c.Score > cands[cross].Score) {
				cross = i
			}
			continue
		}
		if c.Score >= p.NearFloor && (near < 0 || c.Score > cands[near].Score) {
			near = i
		}
		if c.Score >= p.Threshold && (best < 0 || c.Score > cands[best].Score) {
			best = i
		}
	}
	if best >= 0 {
		c := cands[best]
		return Placement{Story: c.Story, Score: c.Score, Unsure: p.FollowUps && (c.Score < p.SureFrom || c.OwnOutlet), Reason: PlacedByWords}
	}
	if m := closestInMeaning(cands, p); m >= 0 {
		return Placement{Story: cands[m].Story, Score: cands[m].Cosine, ByMeaning: true,
			Unsure: p.FollowUps && (p.SureFrom > 0 || cands[m].OwnOutlet), Reason: PlacedByMeaning}
	}
	if cross >= 0 {
		c := cands[cross]
		return Placement{Story: c.Story, Score: c.Score, Across: true, Unsure: p.FollowUps && (p.SureFrom > 0 || c.OwnOutlet), Reason: PlacedAcross}
	}
	if close >= 0 {
		// Joined on less than its words or evidence: with follow-ups on, those
		// alerted about the story get it quietly (or as an alert if it brings
		// news), never nothing.
		c := cands[close]
		return Placement{Story: c.Story, Score: c.Score, Close: true, Unsure: p.FollowUps, Reason: PlacedClose}
	}
	if near >= 0 && p.FollowUps {
		return Placement{Near: cands[near].Story, Score: cands[near].Score, Reason: PlacedNear}
	}
	return Placement{Reason: PlacedNew}
}

// WorthAsking lists the candidates whose meaning decides, when their words
// do not: with meaning on, those comparable and at least NearFloor.
func WorthAsking(cands []Candidate, p Policy) []int {
	if p.MeaningAt <= 0 {
		return nil
	}
	var out []int
	for i, c := range cands {
		if c.Comparable && !c.Cross && c.Score >= p.NearFloor {
			out = append(out, i)
		}
	}
	return out
}

// closestInMeaning is the candidate worth asking whose cosine is highest
// and at least MeaningAt, or -1.
func closestInMeaning(cands []Candidate, p Policy) int {
	best := -1
	for _, i := range WorthAsking(cands, p) {
		c := cands[i]
		if c.HasCosine && c.Cosine >= p.MeaningAt && (best < 0 || c.Cosine > cands[best].Cosine) {
			best = i
		}
	}
	return best
}
