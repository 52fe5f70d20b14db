package alerts_test

import (
	"slices"
	"strings"
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
	if len(got) != 2 || got[0] != "iskp" || got[1] != "removed" {
		t.Errorf("sections = %v; want iskp, removed (terrorism had only a, listed under iskp; empty topics left out)", got)
	}
	if d.Count() != 3 {
		t.Errorf("count = %d; want 3 distinct items", d.Count())
	}
	if a := d.Topics[0].Entries[0]; a.ItemKey != "a" || len(a.Tags) != 1 || a.Tags[0] != "Terrorism" {
		t.Errorf("a = %+v; want it tagged Terrorism", a)
	}
	if d.Topics[0].Entries[0].Published != t0 {
		t.Error("an item without a date should show its first-seen time")
	}
	if got := d.Local(t0); got != "27 Nov, 08:00" {
		t.Errorf("local time = %q", got)
	}
	if got := d.Local(t0.AddDate(-1, 0, 0)); got != "27 Nov 2025, 08:00" {
		t.Errorf("local time of another year = %q; want the year said", got)
	}
	d.Lang = "ru"
	if got := d.Local(time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC)); got != "1 января, 01:00" {
		t.Errorf("Russian local time = %q; want the zone's date, the digest's year unsaid", got)
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
// listed once, under the first, with the second as a tag; the second's
// reports of it, words and regions join the entry, and a section left
// with nothing is dropped.
func TestDigestListsAStoryOnceAcrossTopics(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	mk := func(key, topic string, story int64, regions ...string) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: "feed-" + key, Link: "https://x/" + key,
			FirstSeen: t0}, Topic: topic, StoryID: story, Why: []string{topic + "-word"}, Regions: regions}
	}
	topics := []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}, {ID: "border", Name: "Border"}}
	d := alerts.BuildDigest([]store.MatchedItem{
		mk("a", "iskp", 7, "KG"),
		mk("b", "terrorism", 7, "TJ"), // a later report of a's story, matched by the second topic only
		mk("c", "iskp", 7),
		mk("c", "terrorism", 7), // matched by both
		mk("d", "terrorism", 8),
		mk("a", "border", 7, "KG"), // the third topic has a's story alone
	}, topics, t0.Add(-24*time.Hour), t0, time.UTC)
	if len(d.Topics) != 2 || d.Count() != 2 || d.Topics[1].ID != "terrorism" {
		t.Fatalf("digest = %+v; want two sections (Border had only a's story), two stories", d)
	}
	full := d.Topics[0].Entries
	var also []string
	for _, s := range full[0].Also {
		also = append(also, s.Feed)
	}
	if len(full) != 1 || full[0].ItemKey != "a" || strings.Join(full[0].Tags, ",") != "Terrorism,Border" ||
		strings.Join(also, ",") != "feed-c,feed-b" || strings.Join(full[0].Why, ",") != "iskp-word,terrorism-word,border-word" ||
		strings.Join(full[0].Regions, ",") != "KG,TJ" {
		t.Errorf("ISKP = %+v (also %v); want a, tagged Terrorism and Border, also reported by feed-c and feed-b once each, with every topic's words and regions", full, also)
	}
	if refs := d.Topics[1].Entries; len(refs) != 1 || refs[0].ItemKey != "d" || len(refs[0].Tags) != 0 {
		t.Errorf("Terrorism = %+v; want d alone: a's story is not listed again", refs)
	}
}

// TestEntryOrder: within a topic the most reported story comes first,
// then the newest; the item key settles ties, so that every run agrees.
func TestEntryOrder(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	two := []alerts.DigestSource{{Feed: "x"}}
	three := []alerts.DigestSource{{Feed: "x"}, {Feed: "y"}}
	for _, tc := range []struct {
		name    string
		entries []alerts.DigestEntry
		want    string
	}{
		{"newest first", []alerts.DigestEntry{{ItemKey: "old", Published: t0}, {ItemKey: "new", Published: t0.Add(time.Hour)}}, "new old"},
		{"most outlets before newest", []alerts.DigestEntry{{ItemKey: "new", Published: t0.Add(time.Hour)}, {ItemKey: "wide", Published: t0, Also: two}}, "wide new"},
		{"three outlets before two", []alerts.DigestEntry{{ItemKey: "b", Published: t0, Also: two}, {ItemKey: "a", Published: t0.Add(-time.Hour), Also: three}}, "a b"},
		{"ties by key", []alerts.DigestEntry{{ItemKey: "b", Published: t0}, {ItemKey: "a", Published: t0}}, "a b"},
	} {
		slices.SortFunc(tc.entries, alerts.EntryOrder)
		var got []string
		for _, e := range tc.entries {
			got = append(got, e.ItemKey)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, got, tc.want)
		}
	}
	// BuildDigest sorts each section so, after adding up outlets; Top is the first of all.
	mk := func(key, topic string, story int64, at time.Time) store.MatchedItem {
		return store.MatchedItem{Item: feeds.Item{Key: key, Title: "T" + key, FeedName: "f-" + key, Link: "https://x/" + key, FirstSeen: at},
			Topic: topic, StoryID: story}
	}
	d := alerts.BuildDigest([]store.MatchedItem{
		mk("a", "iskp", 1, t0.Add(-3*time.Hour)), mk("b", "iskp", 2, t0.Add(-time.Hour)), mk("c", "iskp", 1, t0),
		mk("e", "terrorism", 3, t0), mk("f", "terrorism", 3, t0), mk("g", "terrorism", 3, t0),
	}, []*rules.Topic{{ID: "iskp", Name: "ISKP"}, {ID: "terrorism", Name: "Terrorism"}}, t0.Add(-24*time.Hour), t0, time.UTC)
	if got := d.Topics[0].Entries; got[0].ItemKey != "a" || got[1].ItemKey != "b" {
		t.Errorf("ISKP order %s, %s; want a (two outlets), then b", got[0].ItemKey, got[1].ItemKey)
	}
	if top, ok := d.Top(); !ok || top.ItemKey != "e" {
		t.Errorf("top story %q; want e, reported by three outlets", top.ItemKey)
	}
}

// TestScheduleText: the footer's schedule in words, in the reader's
// language and zone.
func TestScheduleText(t *testing.T) {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	bishkek, _ := time.LoadLocation("Asia/Bishkek")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, tc := range []struct {
		lang string
		loc  *time.Location
		s    alerts.DigestSchedule
		want string
	}{
		{"en", almaty, alerts.DigestSchedule{DailyAt: "08:00"}, "daily at 08:00 (Almaty)"},
		{"ru", almaty, alerts.DigestSchedule{DailyAt: "08:00"}, "ежедневно в 08:00 (Алматы)"},
		{"ru", bishkek, alerts.DigestSchedule{Spec: "CRON_TZ=Asia/Bishkek 30 7 * * *"}, "ежедневно в 07:30 (Бишкек)"},
		{"en", bishkek, alerts.DigestSchedule{Spec: "CRON_TZ=Asia/Bishkek 0 9 * * 1-5"}, "on weekdays at 09:00 (Bishkek)"},
		{"ru", bishkek, alerts.DigestSchedule{Spec: "0 9 * * MON-FRI"}, "по будням в 09:00 (Бишкек)"},
		{"en", almaty, alerts.DigestSchedule{Spec: "CRON_TZ=Asia/Almaty */5 * * * *"}, "on the schedule */5 * * * * (Almaty)"},
		{"en", berlin, alerts.DigestSchedule{DailyAt: "18:30"}, "daily at 18:30 (Berlin)"},
		{"en", nil, alerts.DigestSchedule{DailyAt: "08:00"}, "daily at 08:00 (UTC)"},
		{"en", nil, alerts.DigestSchedule{}, ""},
		// Read by the parser that schedules digests: names in any case,
		// descriptors; anything but one time a day, every day or Monday
		// to Friday, is shown as written.
		{"en", almaty, alerts.DigestSchedule{Spec: "CRON_TZ=Asia/Almaty 5 18 * * mon-fri"}, "on weekdays at 18:05 (Almaty)"},
		{"en", almaty, alerts.DigestSchedule{Spec: "CRON_TZ=Asia/Almaty @daily"}, "daily at 00:00 (Almaty)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 8 * * 0-6"}, "daily at 08:00 (UTC)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 8,20 * * *"}, "on the schedule 0 8,20 * * * (UTC)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 8 * * 1-6"}, "on the schedule 0 8 * * 1-6 (UTC)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 8 1 * *"}, "on the schedule 0 8 1 * * (UTC)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 8 1-31 * 1-5"}, "on the schedule 0 8 1-31 * 1-5 (UTC)"}, // cron: any day
		{"en", nil, alerts.DigestSchedule{Spec: "0 8 * 1 *"}, "on the schedule 0 8 * 1 * (UTC)"},
		{"en", nil, alerts.DigestSchedule{Spec: "0 25 * * *"}, "on the schedule 0 25 * * * (UTC)"},
	} {
		d := alerts.Digest{Lang: tc.lang, Location: tc.loc, Schedule: tc.s}
		if got := d.ScheduleText(); got != tc.want {
			t.Errorf("%s %+v: %q, want %q", tc.lang, tc.s, got, tc.want)
		}
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
	if got, want := d.Continues(e[0]), "continues a story of 26 Nov, 02:00: first of a"; got != want {
		t.Errorf("a: %q; want %q (terrorism's earlier report, the first)", got, want)
	}
	if got := d.Continues(e[1]); got != "" {
		t.Errorf("b, a story new in the period: %q", got)
	}
}

// TestEntryMeta: the line under an entry's title, in the digest's zone
// and language; what is unknown is left out.
func TestEntryMeta(t *testing.T) {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	until := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	d := alerts.Digest{Lang: "ru", Location: almaty, Until: until}
	e := alerts.DigestEntry{Published: until.Add(-time.Hour), Named: []string{"KG"}, Regions: []string{"central-asia"}}
	if got, want := d.EntryMeta(e, "24.kg"), "24.kg · 27 ноября, 07:00 · Кыргызстан"; got != want {
		t.Errorf("EntryMeta = %q, want %q", got, want)
	}
	if got := d.EntryMeta(alerts.DigestEntry{}, "24.kg"); got != "24.kg" {
		t.Errorf("EntryMeta of an entry without date or places = %q, want the feed alone", got)
	}
}
