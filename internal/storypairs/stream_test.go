package storypairs

import (
	"slices"
	"testing"
)

func TestJudge(t *testing.T) {
	s := Stream{Stories: []StreamStory{
		{ID: "talks"},
		{ID: "drills", Related: []string{"talks"}},
	}}
	report := func(story string) StreamItem { return StreamItem{Story: story} }
	angle := func(story string) StreamItem { return StreamItem{Story: story, Angle: true} }
	tests := []struct {
		name string
		a, b StreamItem
		want Verdict
	}{
		{"two reports of one story", report("talks"), report("talks"), Same},
		{"a report and an angle of one story", report("talks"), angle("talks"), LeftOut},
		{"two angles of one story", angle("talks"), angle("talks"), LeftOut},
		{"related stories, listed one way", report("talks"), report("drills"), LeftOut},
		{"related stories, the other way", report("drills"), report("talks"), LeftOut},
		{"a listed story and a report of its own", report("talks"), report(""), Different},
		{"two reports of their own", report(""), report(""), Different},
		{"an angle and another story", angle("talks"), report("other"), Different},
	}
	for _, tt := range tests {
		if got := s.Judge(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Judge = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestLoadStreamLabelsEveryListedReport(t *testing.T) {
	for _, name := range Streams {
		s := LoadStream(t, name)
		items := s.Items
		listed := 0
		for _, st := range s.Stories {
			listed += len(st.Reports) + len(st.Angles)
		}
		labelled := 0
		keys := map[string]bool{}
		for i, it := range items {
			if keys[it.Key] {
				t.Errorf("%s: %q is in the stream twice", name, it.Title)
			}
			keys[it.Key] = true
			if it.Story != "" {
				labelled++
			}
			if i > 0 && it.Published.Before(items[i-1].Published) {
				t.Fatalf("%s: reports not in publication order at %q", name, it.Title)
			}
			if it.Published.Before(s.From) || !s.To.IsZero() && !it.Published.Before(s.To) {
				t.Errorf("%s: %q published %s, outside the stream", name, it.Title, it.Published)
			}
		}
		if labelled != listed || len(items) < 190 {
			t.Errorf("%s: %d reports, %d labelled, %d listed", name, len(items), labelled, listed)
		}
	}
}

func TestKind(t *testing.T) {
	var s Stream
	report := func(news string) StreamItem { return StreamItem{Story: "talks", News: news} }
	tests := []struct {
		name string
		a, b StreamItem
		want string
	}{
		{"one news told twice", report("agreed"), report("agreed"), Retelling},
		{"two news of one story", report("agreed"), report("reaction"), Development},
		{"a report no other tells", report(""), report(""), Development},
		{"one tagged, one not", report("agreed"), report(""), Development},
	}
	for _, tt := range tests {
		if got := s.Kind(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Kind = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Every pair of one story has a kind, and no pair of two stories has one:
// checked here pair by pair, not only by Load's refusal of such a file.
func TestEveryPairOfOneStoryHasAKind(t *testing.T) {
	for _, set := range Sets {
		kinds := map[string]int{}
		for i, p := range Load(t, set) {
			if p.Same != slices.Contains(Kinds, p.Kind) {
				t.Errorf("%s: pair %d (%q): same %v, kind %q", set, i, p.A.Title, p.Same, p.Kind)
			}
			kinds[p.Kind]++
		}
		if kinds[""] == 0 || kinds[Retelling]+kinds[Development]+kinds[Feature] == 0 {
			t.Errorf("%s: kinds %v", set, kinds)
		}
	}
}
