package ingest

import "testing"

func TestPlace(t *testing.T) {
	words := Policy{Threshold: 0.5, NearFloor: 0.2}
	followUps := Policy{Threshold: 0.5, NearFloor: 0.2, FollowUps: true, SureFrom: 0.7}
	meaning := Policy{Threshold: 0.5, NearFloor: 0.2, MeaningAt: 0.8}
	cand := func(story int64, score float64) Candidate {
		return Candidate{Story: story, Comparable: true, Score: score}
	}
	withCos := func(c Candidate, cos float64) Candidate { c.Cosine, c.HasCosine = cos, true; return c }
	close := Candidate{Story: 1, Apart: "no shared detail", Close: true}
	tests := []struct {
		name  string
		cands []Candidate
		p     Policy
		want  Placement
	}{
		{"no candidates", nil, words, Placement{Reason: PlacedNew}},
		{"the best score joins", []Candidate{cand(1, 0.6), cand(2, 0.9)}, words, Placement{Story: 2, Score: 0.9, Reason: PlacedByWords}},
		{"of equal scores the first", []Candidate{cand(1, 0.6), cand(2, 0.6)}, words, Placement{Story: 1, Score: 0.6, Reason: PlacedByWords}},
		{"below the threshold, a new story", []Candidate{cand(1, 0.4)}, words, Placement{Reason: PlacedNew}},
		{"not comparable, whatever the score", []Candidate{{Story: 1, Score: 0.95}}, words, Placement{Reason: PlacedNew}},
		{"near, with follow-ups", []Candidate{cand(1, 0.3), cand(2, 0.4)}, followUps, Placement{Near: 2, Score: 0.4, Reason: PlacedNear}},
		{"below the near floor", []Candidate{cand(1, 0.1)}, followUps, Placement{Reason: PlacedNew}},
		{"a join short of sure", []Candidate{cand(1, 0.6)}, followUps, Placement{Story: 1, Score: 0.6, Unsure: true, Reason: PlacedByWords}},
		{"a sure join", []Candidate{cand(1, 0.75)}, followUps, Placement{Story: 1, Score: 0.75, Reason: PlacedByWords}},
		{"joined by meaning", []Candidate{withCos(cand(1, 0.3), 0.7), withCos(cand(2, 0.25), 0.85)}, meaning, Placement{Story: 2, Score: 0.85, ByMeaning: true, Reason: PlacedByMeaning}},
		{"meaning not close enough", []Candidate{withCos(cand(1, 0.3), 0.79)}, meaning, Placement{Reason: PlacedNew}},
		{"meaning not asked below the near floor", []Candidate{withCos(cand(1, 0.1), 0.99)}, meaning, Placement{Reason: PlacedNew}},
		{"words before meaning", []Candidate{withCos(cand(1, 0.3), 0.99), cand(2, 0.55)}, meaning, Placement{Story: 2, Score: 0.55, Reason: PlacedByWords}},
		{"by meaning is never sure", []Candidate{withCos(cand(1, 0.3), 0.9)}, Policy{Threshold: 0.5, NearFloor: 0.2, MeaningAt: 0.8, FollowUps: true, SureFrom: 0.7},
			Placement{Story: 1, Score: 0.9, ByMeaning: true, Unsure: true, Reason: PlacedByMeaning}},
		{"close in time joins what its words do not", []Candidate{close}, words, Placement{Story: 1, Close: true, Reason: PlacedClose}},
		{"words before closeness", []Candidate{close, cand(2, 0.6)}, words, Placement{Story: 2, Score: 0.6, Reason: PlacedByWords}},
		{"closeness before a near story", []Candidate{cand(2, 0.3), close}, followUps, Placement{Story: 1, Close: true, Unsure: true, Reason: PlacedClose}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Place(tt.cands, tt.p); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWorthAsking(t *testing.T) {
	cands := []Candidate{{Story: 1, Comparable: true, Score: 0.3}, {Story: 2, Score: 0.9}, {Story: 3, Comparable: true, Score: 0.1}}
	if got := WorthAsking(cands, Policy{NearFloor: 0.2}); got != nil {
		t.Errorf("meaning off: %v, want none", got)
	}
	if got := WorthAsking(cands, Policy{NearFloor: 0.2, MeaningAt: 0.8}); len(got) != 1 || got[0] != 0 {
		t.Errorf("got %v, want [0]: comparable and at least the near floor", got)
	}
}
