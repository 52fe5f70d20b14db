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

// TestDigestListsNearReportsAsRelated: a report that joined no story but
// was near one (with follow-ups on) is listed under that story's entry as
// related, and so are the later reports of its own story and of a story
// near it in turn; one near a story listed under another topic, or not
// in the digest, is an entry of its own.
func TestDigestListsNearReportsAsRelated(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, topic string, story, near int64) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: "feed-" + key, Link: "https://x/" + key,
			FirstSeen: t0}, Topic: topic, StoryID: story, NearStory: near}
	}
	d := alerts.BuildDigest([]store.MatchedItem{
		mk("a", "iskp", 7, 0),
		mk("b", "iskp", 8, 7),       // near a's story
		mk("c", "iskp", 8, 0),       // b's story told again
		mk("d", "iskp", 9, 8),       // near b's story, itself near a's
		mk("e", "terrorism", 10, 7), // near a story not in its section
		mk("f", "iskp", 11, 99),     // near a story not in the digest
	}, []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}}, t0.Add(-24*time.Hour), t0, time.UTC)
	iskp := d.Topics[0].Entries
	if len(iskp) != 2 || iskp[0].ItemKey != "a" || iskp[1].ItemKey != "f" {
		t.Fatalf("ISKP entries = %+v; want a (with its related reports) and f", iskp)
	}
	var related []string
	for _, r := range iskp[0].Related {
		related = append(related, r.Title)
	}
	if len(related) != 3 || related[0] != "Tb" || related[1] != "Tc" || related[2] != "Td" || len(iskp[0].Also) != 0 {
		t.Errorf("a's related reports = %v, also %+v; want Tb, Tc, Td and no other outlet of a's story", related, iskp[0].Also)
	}
	if len(d.Topics[1].Entries) != 1 || d.Topics[1].Entries[0].ItemKey != "e" || d.Count() != 3 {
		t.Errorf("terrorism = %+v, count %d; want e as an entry of its own, 3 stories", d.Topics[1].Entries, d.Count())
	}
}

// TestDigestListsUnsureJoinsAsRelated: a report that joined a story short
// of sure (possibly a different story) is listed under it as related, with
// its headline, not behind its outlet's name among "also reported by".
func TestDigestListsUnsureJoinsAsRelated(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key string, unsure bool) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: "feed-" + key, Link: "https://x/" + key,
			FirstSeen: t0}, Topic: "iskp", StoryID: 7, UnsureJoin: unsure}
	}
	d := alerts.BuildDigest([]store.MatchedItem{mk("a", false), mk("b", false), mk("c", true)},
		[]*rules.Topic{{ID: "iskp", Name: "ISKP"}}, t0.Add(-24*time.Hour), t0, time.UTC)
	e := d.Topics[0].Entries
	if len(e) != 1 || len(e[0].Also) != 1 || e[0].Also[0].Feed != "feed-b" || len(e[0].Related) != 1 || e[0].Related[0].Title != "Tc" {
		t.Errorf("entries = %+v; want a, with b also reporting it and c related", e)
	}
}

// TestDigestListsAStoryOnceAcrossTopics: a story matched by two topics is
// listed in full under the first (naming the other) and as a one-line
// reference under the second, whose reports of it join the full entry.
func TestDigestListsAStoryOnceAcrossTopics(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, topic string, story int64) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: "feed-" + key, Link: "https://x/" + key,
			FirstSeen: t0}, Topic: topic, StoryID: story, Why: []string{topic + "-word"}}
	}
	d := alerts.BuildDigest([]store.MatchedItem{
		mk("a", "iskp", 7),
		mk("b", "terrorism", 7), // a later report of a's story, matched by the second topic only
		mk("c", "iskp", 7),
		mk("c", "terrorism", 7), // matched by both
		mk("d", "terrorism", 8),
	}, []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}}, t0.Add(-24*time.Hour), t0, time.UTC)
	if len(d.Topics) != 2 || d.Count() != 2 {
		t.Fatalf("digest = %+v; want two sections, two stories", d)
	}
	full := d.Topics[0].Entries
	var also []string
	for _, s := range full[0].Also {
		also = append(also, s.Feed)
	}
	if len(full) != 1 || full[0].ItemKey != "a" || full[0].ListedUnder != "" ||
		len(full[0].AlsoUnder) != 1 || full[0].AlsoUnder[0] != "Terrorism" ||
		len(also) != 2 || also[0] != "feed-c" || also[1] != "feed-b" {
		t.Errorf("ISKP = %+v (also %v); want a in full, also under Terrorism, also reported by feed-c and feed-b once each", full, also)
	}
	refs := d.Topics[1].Entries
	if len(refs) != 2 || refs[0].ListedUnder != "ISKP" || refs[0].Title != "Ta" || refs[0].Link != "https://x/a" ||
		len(refs[0].Also) != 0 || refs[0].Why[0] != "terrorism-word" || refs[1].ListedUnder != "" || refs[1].ItemKey != "d" {
		t.Errorf("Terrorism = %+v; want a reference to a's entry (with its own reason), then d in full", refs)
	}
}

// TestDigestSaysAStoryContinues: an entry whose story a topic matched
// before the period names that earlier report, in its time zone; a story
// listed once for two topics names the earlier of their earlier reports.
func TestDigestSaysAStoryContinues(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, topic string, story int64, earlier time.Time) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, Link: "https://x/" + key, FirstSeen: t0},
			Topic: topic, StoryID: story, Earlier: store.EarlierReport{Title: "first of " + key, MatchedAt: earlier}}
	}
	d := alerts.BuildDigest([]store.MatchedItem{
		mk("a", "iskp", 7, t0.Add(-26*time.Hour)),
		mk("a", "terrorism", 7, t0.Add(-30*time.Hour)),
		mk("b", "iskp", 8, time.Time{}),
	}, []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}}, t0.Add(-24*time.Hour), t0,
		time.FixedZone("ALMT", 5*3600))
	e := d.Topics[0].Entries
	if len(e) != 2 {
		t.Fatalf("ISKP entries = %+v", e)
	}
	if got, want := d.Continues(e[0]), "continues a story of 26 Nov 2026 02:00 ALMT: first of a"; got != want {
		t.Errorf("a: %q; want %q (terrorism's earlier report, the first)", got, want)
	}
	if got := d.Continues(e[1]); got != "" {
		t.Errorf("b, a story new in the period: %q", got)
	}
}
