package alerts_test

import (
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

func TestBuildDigestGroupsByTopicInRuleOrder(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, topic string) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FirstSeen: t0}, Topic: topic}
	}
	topics := []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}, {ID: "quiet", Name: "Quiet"}}
	d := alerts.BuildDigest([]store.MatchedItem{mk("a", "terrorism"), mk("b", "iskp"), mk("a", "iskp"), mk("c", "removed")},
		topics, t0.Add(-24*time.Hour), t0, time.FixedZone("ALMT", 5*3600))
	var got []string
	for _, tp := range d.Topics {
		got = append(got, tp.ID)
	}
	if len(got) != 3 || got[0] != "iskp" || got[1] != "terrorism" || got[2] != "removed" {
		t.Errorf("sections = %v; want iskp, terrorism, removed (empty topics left out)", got)
	}
	if d.Count() != 3 {
		t.Errorf("count = %d; want 3 distinct items", d.Count())
	}
	if d.Topics[0].Entries[0].Published != t0 {
		t.Error("an item without a date should show its first-seen time")
	}
	if got := d.Local(t0); got != "27 Nov 2026 08:00 ALMT" {
		t.Errorf("local time = %q", got)
	}
}

func TestDigestListsStoriesWithAlsoReportedBy(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, feed string, story int64) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: feed, Link: "https://" + feed + "/" + key,
			FirstSeen: t0}, Topic: "iskp", StoryID: story}
	}
	d := alerts.BuildDigest([]store.MatchedItem{mk("a", "24.kg", 7), mk("b", "kaktus.media", 7), mk("c", "akipress", 8), mk("d", "azattyk", 7)},
		[]*rules.Topic{{ID: "iskp", Name: "ISKP"}}, t0.Add(-24*time.Hour), t0, time.UTC)
	entries := d.Topics[0].Entries
	if len(entries) != 2 || d.Count() != 2 {
		t.Fatalf("entries = %+v; want two stories", entries)
	}
	if entries[0].Title != "Ta" || len(entries[0].Also) != 2 || entries[0].Also[0].Feed != "kaktus.media" ||
		entries[0].Also[1].Link != "https://azattyk/d" {
		t.Errorf("first story = %+v", entries[0])
	}
}
