package ingest

import (
	"context"
	"github.com/newsalert/newsalert/store"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/stories"
)

// TestStoryItems: the items of a time, with how each came into its story —
// the second report of the Bishkek arrest joined by words (unsure, its
// score short of sure), or, with a threshold too high to join, near the
// first's story — all of them, or those of the stories of a topic (the
// first report's) and near them.
func TestStoryItems(t *testing.T) {
	ctx := context.Background()
	for _, threshold := range []float64{0, 0.99} {
		s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
		s.setClustering(0, threshold)
		s.setFollowUps(true)
		s.setSureJoins(0.99)
		first := report("a", "24kg", gknb[0], gknb[1], t0)
		first.Matches = []store.Match{{Topic: "iskp"}} // b and c match no topic
		added, err := s.AddAll(ctx, []NewItem{first, report("b", "kaktus", gknb2[0], gknb2[1], t0.Add(2*time.Hour)),
			report("c", "24kg", other[0], other[1], t0.Add(3*time.Hour))})
		if err != nil {
			t.Fatal(err)
		}
		ra, rb := added[0], added[1]
		since := t0.Add(-time.Hour)
		all, err := s.StoryItems(ctx, since, "")
		if err != nil || len(all) != 3 || all[0].Key != "a" || all[1].Key != "b" || all[2].Key != "c" {
			t.Fatalf("threshold %v: all items %+v, %v; want a, b, c", threshold, all, err)
		}
		a, b := all[0], all[1]
		if a.JoinedBy != "" || a.Score != 0 || a.StoryID != ra.Story.ID || b.StoryID != rb.Story.ID {
			t.Errorf("threshold %v: first report %+v", threshold, a)
		}
		joined := threshold == 0
		if want := map[bool]string{true: "words"}[joined]; b.JoinedBy != want || b.Unsure != joined || b.Score < stories.NearFloor ||
			(b.NearStory == ra.Story.ID) == joined {
			t.Errorf("threshold %v: second report %+v; joined by %q, unsure %v, near the first's story %v", threshold, b, want, joined, !joined)
		}
		mine, err := s.StoryItems(ctx, since, "iskp")
		if err != nil || len(mine) != 2 || mine[0].Key != "a" || mine[1].Key != "b" {
			t.Errorf("threshold %v: items of topic iskp %+v, %v; want a and b", threshold, mine, err)
		}
		s.Close()
	}
}
