package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
	"github.com/newsalert/newsalert/stories/semantic"
)

func TestScratchMeaningJoins(t *testing.T) {
	byFeed := storypairs.FeedItems(t)
	var all []feeds.Item
	for _, its := range byFeed {
		all = append(all, its...)
	}
	slices.SortStableFunc(all, func(a, b feeds.Item) int { return storyTime(a).Compare(storyTime(b)) })
	st := openAt(t, filepath.Join(t.TempDir(), "c.db"))
	enc, _ := semantic.Load()
	st.SetMeaning(enc, stories.DefaultMeaningThreshold)
	title := map[int64]string{}
	n := 0
	for _, it := range all {
		a, err := st.Add(context.Background(), NewItem{Item: it, Fingerprint: stories.Of(it.Title, it.Summary)})
		if err != nil {
			t.Fatal(err)
		}
		if !a.New {
			continue
		}
		if _, ok := title[a.Story.ID]; !ok {
			title[a.Story.ID] = it.FeedName + ": " + it.Title
		}
		if a.ByMeaning {
			n++
			t.Logf("%q\n      JOINED %q", it.FeedName+": "+it.Title, title[a.Story.ID])
		}
	}
	t.Logf("%d by meaning", n)
}
