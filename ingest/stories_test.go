package ingest

import (
	"context"
	"fmt"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/stories"
)

// report is an item of a story told by an outlet.
func report(key, feed, title, lead string, at time.Time) NewItem {
	it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/" + feed, FeedName: feed, Title: title,
		Link: "https://" + feed + ".example/" + key, Summary: lead, Published: at, FirstSeen: at}
	it.CanonicalLink = it.Link // as feeds.Normalise makes it of such a link
	return NewItem{Item: it, Fingerprint: stories.Of(title, lead)}
}

func alertTo(dest string, realert int) Delivery {
	return Delivery{Destination: dest, Topics: []DeliveryTopic{{ID: "iskp", RealertAfter: realert}},
		Build: func(topics []string, s Story) ([]byte, error) {
			return []byte(strings.Join(topics, ",") + "|" + string(rune('0'+s.Sources))), nil
		}}
}

var (
	gknb  = []string{storypairs.BishkekArrest[0].Title, storypairs.BishkekArrest[0].Lead}
	gknb2 = []string{storypairs.BishkekArrest[1].Title, storypairs.BishkekArrest[1].Lead}
	gknb3 = []string{"Вербовщика ИГИЛ задержали в Бишкеке",
		"ГКНБ: в Бишкеке задержан вербовщик, привлекавший молодежь в ИГИЛ через Telegram."}
	other = []string{"В Алматы открылся новый торговый центр",
		"В Алматы открылся крупнейший в городе торговый центр с кинотеатром и катком."}
)

func TestStoriesOneAlertPerSubscriberTopicAndStory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s := openAt(t, path)
	a := report("a", "24kg", gknb[0], gknb[1], t0)
	a.Deliveries = []Delivery{alertTo("telegram:1", 0), alertTo("telegram:2", 1)}
	ra, err := s.Add(ctx, a)
	if err != nil || !ra.New || ra.Story.Joined() || ra.Queued != 2 {
		t.Fatalf("first report: %+v, %v", ra, err)
	}
	b := report("b", "kaktus", gknb2[0], gknb2[1], t0.Add(2*time.Hour))
	b.Deliveries = []Delivery{alertTo("telegram:1", 0), alertTo("telegram:2", 1)}
	rb, err := s.Add(ctx, b)
	if err != nil || !rb.New || !rb.Story.Joined() || rb.Story.ID != ra.Story.ID || rb.Story.Sources != 2 {
		t.Fatalf("second outlet: %+v, %v; want it to join story %d", rb, err, ra.Story.ID)
	}
	// Chat 1 was alerted about this story already; chat 2 asked again every new source.
	if rb.Queued != 1 {
		t.Errorf("second report queued %d alerts; want 1 (the re-alert)", rb.Queued)
	}
	due, _ := s.DueDeliveries(ctx, t0.Add(3*time.Hour), 0, 10)
	if len(due) != 3 || due[2].Destination != "telegram:2" || string(due[2].Payload) != "iskp|2" {
		t.Errorf("outbox = %+v", due)
	}
	// An unrelated item is a story of its own.
	c := report("c", "24kg", other[0], other[1], t0.Add(3*time.Hour))
	if rc, _ := s.Add(ctx, c); rc.Story.Joined() {
		t.Error("an unrelated item joined the story")
	}
	s.Close()

	// After a restart, a third report still joins the story.
	s = openAt(t, path)
	defer s.Close()
	d := report("d", "akipress", gknb3[0], gknb3[1], t0.Add(5*time.Hour))
	d.Deliveries = []Delivery{alertTo("telegram:1", 0)}
	rd, err := s.Add(ctx, d)
	if err != nil || rd.Story.ID != ra.Story.ID || rd.Story.Sources != 3 || rd.Queued != 0 {
		t.Errorf("third report after a restart: %+v, %v", rd, err)
	}
	// The same story three days later is a new story: outside the window.
	late := report("e", "akipress", gknb[0], gknb[1]+" Позже.", t0.Add(72*time.Hour))
	if re, _ := s.Add(ctx, late); re.Story.Joined() {
		t.Error("a report outside the 48h window joined the story")
	}
}

// TestClusteringSettings: the story window and threshold set from the
// configuration (stories.window, stories.threshold) decide the joins.
func TestClusteringSettings(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		window    time.Duration
		threshold float64
		gap       time.Duration
		joined    bool
	}{
		{"defaults, 30 hours apart", 0, 0, 30 * time.Hour, true},
		{"a 24-hour window, 30 hours apart", 24 * time.Hour, 0, 30 * time.Hour, false},
		{"a 96-hour window, 72 hours apart", 96 * time.Hour, 0, 72 * time.Hour, true},
		{"a threshold of 0.99", 0, 0.99, time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
			defer s.Close()
			s.setClustering(tt.window, tt.threshold)
			s.Add(ctx, report("a", "24kg", gknb[0], gknb[1], t0))
			r, err := s.Add(ctx, report("b", "kaktus", gknb2[0], gknb2[1], t0.Add(tt.gap)))
			if err != nil || r.Story.Joined() != tt.joined {
				t.Errorf("second report: %+v, %v; want joined %v", r, err, tt.joined)
			}
		})
	}
}

func TestSameURLInTwoFeedsAndGUIDChange(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	first := report("k1", "feedA", "Title", "Lead text here", t0)
	first.Item.Link = "https://24.kg/news/1?utm_source=rss"
	first.Item.CanonicalLink = "https://24.kg/news/1" // as feeds.Normalise makes it
	if r, _ := s.Add(ctx, first); !r.New {
		t.Fatal("first item not added")
	}
	// The same page in another feed, under its own key and tracking parameters.
	second := report("k2", "feedB", "Title, as feed B has it", "Lead", t0.Add(time.Minute))
	second.Item.Link = "https://24.KG/news/1#comments"
	second.Item.CanonicalLink = "https://24.kg/news/1"
	if r, _ := s.Add(ctx, second); r.New {
		t.Error("the same URL in a second feed was added again")
	}
	// The first feed changes the item's GUID: a new key, the same link.
	regen := first
	regen.Item.Key = "k1-new-guid"
	if r, _ := s.Add(ctx, regen); r.New {
		t.Error("an item whose GUID changed was added again")
	}
	// An edited title under the same key is not new either.
	edited := first
	edited.Item.Title = "Title (updated)"
	if r, _ := s.Add(ctx, edited); r.New {
		t.Error("an edited item was added again")
	}
}

func TestPruneKeepsKeys(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	old := report("old", "feedA", "Old story about a flood", "A flood in the valley long ago", t0.Add(-60*24*time.Hour))
	recent := report("new", "feedA", "Recent story about a fire", "A fire in the city", t0)
	for _, n := range []NewItem{old, recent} {
		if _, err := s.Add(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-365 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)})
	if err != nil || st.Items != 1 {
		t.Fatalf("prune: %+v, %v", st, err)
	}
	if n := countRows(t, s, "items"); n != 1 {
		t.Errorf("%d items left; want 1", n)
	}
	known, _ := s.KnownItems(ctx, []string{"old", "new"})
	if !known["old"] || !known["new"] {
		t.Errorf("known after prune = %v; the pruned key must stay known", known)
	}
	// A late re-post of the pruned item, even under a new key, is not new.
	repost := old
	repost.Item.Key = "old-repost"
	repost.Item.FirstSeen = t0
	if r, _ := s.Add(ctx, repost); r.New {
		t.Error("a re-post of a pruned item was added again")
	}
	// Keys expire after their own retention.
	st, _ = s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-10 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)})
	if known, _ := s.KnownItems(ctx, []string{"old"}); known["old"] || st.SeenKeys != 1 {
		t.Errorf("expired key still known (%+v)", st)
	}
	if v := storetest.IntegrityCheck(t, s.path); v != "ok" {
		t.Errorf("integrity %s", v)
	}
}

// TestPruneForgetsStoriesWithNothingLeft: a story none of whose items or
// keys is left is deleted, with the record of whom it was alerted to; a
// story whose pruned report's key is kept stays; and a new story never
// takes a forgotten one's id.
func TestPruneForgetsStoriesWithNothingLeft(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	count := func(table string) int { return countRows(t, s, table) }
	var ids []int64
	for i, text := range [][]string{gknb, other, {"Flood in the valley", "Water rose in the valley overnight."}} {
		r := report(fmt.Sprint("k", i), "feedA", text[0], text[1], t0.Add(time.Duration(i-90*24)*time.Hour))
		r.Matches = []store.Match{{Topic: "iskp"}}
		r.Deliveries = []Delivery{alertTo("tg:1", 0)}
		added, err := s.Add(ctx, r)
		if err != nil || !added.New {
			t.Fatalf("add %d: %+v, %v", i, added, err)
		}
		ids = append(ids, added.Story.ID)
		due, _ := s.DueDeliveries(ctx, t0.Add(time.Hour), 0, 10)
		for _, d := range due {
			s.MarkSent(ctx, d.ID, t0, "")
		}
	}
	// The first report's key is kept (it was seen lately); the others' too
	// old to keep.
	if _, err := s.sql().Exec(`UPDATE items SET first_seen = ? WHERE key = 'k0'`, t0.Add(-40*24*time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	st, err := s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-60 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)})
	if err != nil || st.Items != 3 || st.Stories != 1 {
		t.Fatalf("prune: %+v, %v; want 3 items and 1 story gone (the newest kept, the first's key kept)", st, err)
	}
	if count("stories") != 2 || count("story_alerts") != 2 || count("items") != 0 {
		t.Errorf("%d stories, %d story alerts, %d items left; want 2, 2, 0",
			count("stories"), count("story_alerts"), count("items"))
	}
	fresh := report("fresh", "feedB", "Fire in the city", "A fire broke out in the city centre.", t0)
	fresh.Matches = []store.Match{{Topic: "iskp"}}
	fresh.Deliveries = []Delivery{alertTo("tg:1", 0)}
	added, err := s.Add(ctx, fresh)
	if err != nil || added.Queued != 1 || added.Story.ID <= ids[2] {
		t.Errorf("a new story after the prune: %+v, %v; want an alert, and an id after %d", added, err, ids[2])
	}
	if v := storetest.IntegrityCheck(t, s.path); v != "ok" {
		t.Errorf("integrity %s", v)
	}
}

// TestWordWeightsSurvivePruneAndRestart: the word counts keep every item
// ever counted, so the number of items they are weighed against must too —
// after a prune and a restart as well. Otherwise a common word would count
// in more items than there are, and its weight log((N+1)/(df+1)) + 1 would
// fall below zero and, squared in Score, outweigh rare words.
func TestWordWeightsSurvivePruneAndRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s := openAt(t, path)
	for i := range 20 {
		n := report(fmt.Sprint("k", i), "feedA", fmt.Sprintf("Flood report number %d in the valley", i),
			"Water rose in the valley overnight", t0.Add(-60*24*time.Hour+time.Duration(i)*time.Minute))
		if _, err := s.Add(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-365 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)}); err != nil || st.Items != 20 {
		t.Fatalf("prune: %+v, %v", st, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	defer s.Close()
	if err := s.loadWeights(ctx); err != nil {
		t.Fatal(err)
	}
	if s.weights().Items != 20 {
		t.Errorf("after prune and restart: counts weighed against %d items; want 20", s.weights().Items)
	}
	for w, n := range s.weights().Count {
		if n > s.weights().Items || s.weights().Weight(w) < 1 {
			t.Fatalf("a word in %d of %d items weighs %.2f; want at least 1", n, s.weights().Items, s.weights().Weight(w))
		}
	}
}

// TestLateRepostElsewhereIsKnown: an aggregator re-posts a pruned report
// at its own address, title and lead unchanged, long after the story's
// window: the re-post is known, not a new story to alert about, even with
// its title edited. A report sharing only the title, or only the lead, is
// new.
func TestLateRepostElsewhereIsKnown(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	old := report("old", "feedA", gknb[0], gknb[1], t0.Add(-60*24*time.Hour))
	if _, err := s.Add(ctx, old); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-365 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)}); err != nil || st.Items != 1 {
		t.Fatalf("prune: %+v, %v", st, err)
	}
	for _, c := range []struct {
		name      string
		published time.Time
		title     string
		lead      string
		wantNew   bool
	}{
		{"under its first date", t0.Add(-60 * 24 * time.Hour), gknb[0], gknb[1], false},
		{"dated anew", t0, gknb[0], gknb[1], false},
		{"with spacing and case of its own", t0, "  " + strings.ToUpper(gknb[0]), gknb[1] + " ", false},
		{"with its title edited", t0, gknb[0] + " (обновлено)", gknb[1], false},
		{"the title over another lead", t0, gknb[0], gknb2[1], true},
		{"the lead under another title", t0, "В Оше прошел фестиваль народных ремесел", gknb[1], true},
		{"the lead under the title of another issue", t0, gknb[0] + ": выпуск 2", gknb[1], true}, // a newsletter's
	} {
		repost := report("aggregator-"+c.name, "aggregator", c.title, c.lead, c.published)
		repost.Item.FirstSeen = t0
		r, err := s.Add(ctx, repost)
		if err != nil {
			t.Fatal(err)
		}
		if r.New != c.wantNew {
			t.Errorf("a re-post %s: new = %v, want %v", c.name, r.New, c.wantNew)
		}
	}
}

// TestOldReportSeenLateKeepsItsStory: a report dated long ago but first
// seen now stays in the story index while it is stored, so that its copy
// at another address joins its story after a retention pass.
func TestOldReportSeenLateKeepsItsStory(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	first := report("first", "feedA", gknb[0], gknb[1], t0.Add(-60*24*time.Hour))
	first.Item.FirstSeen = t0
	if _, err := s.Add(ctx, first); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Prune(ctx, store.PruneBefore{Items: t0.Add(-30 * 24 * time.Hour), Keys: t0.Add(-365 * 24 * time.Hour), Bands: t0.Add(-30 * 24 * time.Hour).Add(-48 * time.Hour)}); err != nil || st.Items != 0 || st.Bands != 0 {
		t.Fatalf("prune: %+v, %v; want nothing pruned", st, err)
	}
	copied := report("copy", "feedB", gknb[0], gknb[1], t0.Add(-60*24*time.Hour))
	copied.Item.FirstSeen = t0.Add(time.Hour)
	r, err := s.Add(ctx, copied)
	if err != nil {
		t.Fatal(err)
	}
	if !r.New || !r.Story.Joined() {
		t.Errorf("the copy: %+v; want a new report joining the first one's story", r)
	}
}

// TestMatchesSinceNamesAStorysEarlierReport: a match whose story the same
// topic matched before the period carries that story's first such report;
// another topic, a story of its own, or a period that holds the first
// report, carries none.
func TestMatchesSinceNamesAStorysEarlierReport(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	add := func(r NewItem, topics ...string) {
		for _, topic := range topics {
			r.Matches = append(r.Matches, store.Match{Topic: topic})
		}
		if _, err := s.Add(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add(report("a", "24kg", gknb[0], gknb[1], t0), "iskp")
	add(report("b", "kaktus", gknb2[0], gknb2[1], t0.Add(time.Hour)), "iskp")
	add(report("c", "akipress", gknb3[0], gknb3[1], t0.Add(25*time.Hour)), "iskp", "terrorism")
	add(report("d", "vb", other[0], other[1], t0.Add(26*time.Hour)), "iskp")

	next, err := s.MatchesSince(ctx, t0.Add(24*time.Hour), t0.Add(48*time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.EarlierReport{}
	for _, m := range next {
		got[m.Item.Key+"/"+m.Topic] = m.Earlier
	}
	want := map[string]store.EarlierReport{
		"c/iskp":      {Title: gknb[0], MatchedAt: t0},
		"c/terrorism": {},
		"d/iskp":      {},
	}
	if len(got) != len(want) {
		t.Fatalf("matches of the second day = %v", got)
	}
	for k, w := range want {
		if g := got[k]; g.Title != w.Title || !g.MatchedAt.Equal(w.MatchedAt) {
			t.Errorf("%s: earlier report = %+v; want %+v", k, g, w)
		}
	}
	first, err := s.MatchesSince(ctx, t0.Add(-time.Hour), t0.Add(24*time.Hour), []string{"iskp"})
	if err != nil || len(first) != 2 || first[1].Earlier != (store.EarlierReport{}) {
		t.Errorf("first day = %+v, %v; want a and b, b with no earlier report (a is in the period)", first, err)
	}
}

// batkenArrest and karakolArrest are two arrests of one group's members,
// in two places, told alike (composed); batkenRetold is the first told
// by another outlet.
var (
	batkenArrest = []string{"Членов «Хизб ут-Тахрир» задержали в Баткенской области",
		"ГКНБ сообщил о задержании в Баткенской области членов запрещенной организации «Хизб ут-Тахрир», которые распространяли экстремистскую литературу и обсуждали в Telegram-каналах установление халифата."}
	karakolArrest = []string{"В Караколе задержали членов «Хизб ут-Тахрир»",
		"ГКНБ сообщил о задержании в Караколе членов запрещенной организации «Хизб ут-Тахрир», которые распространяли экстремистскую литературу и вербовали молодежь через Telegram-каналы."}
	batkenRetold = []string{"В Баткенской области выявлены и задержаны последователи «Хизб ут-Тахрир»",
		"В Баткенской области задержаны члены экстремистской организации «Хизб ут-Тахрир»: по данным ГКНБ, они обсуждали в закрытых Telegram-каналах установление халифата и распространяли запрещенную литературу."}
)

// Two arrests of one group's members in two places, reported the same
// hour in words alike, are two stories, each alerted — though they share
// the group's name, which lets other names off; a third outlet's report of
// the first joins it.
func TestArrestsInTwoPlacesAreTwoStories(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	var added []Added
	for i, r := range []NewItem{
		report("batken", "24kg", batkenArrest[0], batkenArrest[1], t0),
		report("karakol", "kaktus", karakolArrest[0], karakolArrest[1], t0.Add(time.Hour)),
		report("batken-retold", "vb", batkenRetold[0], batkenRetold[1], t0.Add(2*time.Hour)),
	} {
		r.Deliveries = []Delivery{alertTo("telegram:1", 0)}
		a, err := s.Add(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("report %d: story %d, joined %v, queued %d", i, a.Story.ID, a.Story.Joined(), a.Queued)
		added = append(added, a)
	}
	if added[1].Story.Joined() || added[1].Queued != 1 {
		t.Errorf("the arrest in Karakol joined story %d (queued %d); want a story of its own, alerted", added[1].Story.ID, added[1].Queued)
	}
	if added[2].Story.ID != added[0].Story.ID || added[2].Queued != 0 {
		t.Errorf("the retold arrest in Batken: story %d, queued %d; want story %d, nothing queued", added[2].Story.ID, added[2].Queued, added[0].Story.ID)
	}
}

// TestTwoFeedsAtOnceAlertOnce: two outlets' reports of one story recorded
// at the same moment, from two goroutines as two feeds polled at once
// would be, make one story and one alert: the decisions run inside the
// store's one write transaction at a time.
func TestTwoFeedsAtOnceAlertOnce(t *testing.T) {
	ctx := context.Background()
	for round := range 20 {
		s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
		var wg sync.WaitGroup
		added := make([]Added, 2)
		errs := make([]error, 2)
		for i, text := range [][]string{gknb, gknb2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := report(fmt.Sprint("k", i), fmt.Sprint("feed", i), text[0], text[1], t0)
				r.Deliveries = []Delivery{alertTo("telegram:1", 0)}
				added[i], errs[i] = s.Add(ctx, r)
			}()
		}
		wg.Wait()
		s.Close()
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if added[0].Story.ID != added[1].Story.ID || added[0].Queued+added[1].Queued != 1 {
			t.Fatalf("round %d: %+v; want one story and one alert", round, added)
		}
	}
}

// Reports of different incidents written to one wire template ("City:
// event") name their places in the dateline; each is a story of its own,
// in English and in Russian (issue 26: a Khorog shootout had joined one in
// Batken, an arrest in Samarkand one in Osh).
func TestIncidentsOfOneTemplateStayApart(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	for i, r := range [][2]string{
		{"Batken: border guards exchange fire with Tajik side, two wounded", "Two border guards were wounded in an exchange of fire on the Kyrgyz-Tajik border, the Border Service said."},
		{"Khorog: border guards exchange fire with Afghan side, two wounded", "Two border guards were wounded in an exchange of fire on the Tajik-Afghan border, the Border Troops said."},
		{"Osh: GKNB detains supporter of banned religious group", "The State Committee for National Security detained a supporter of a banned religious extremist group."},
		{"Samarkand: SGB detains supporter of banned religious group", "The State Security Service detained a supporter of a banned religious extremist group."},
		{"Bishkek: cell of banned group detained", "Security officers detained members of a cell of a banned extremist organisation, the GKNB said."},
		{"Termez: cell of banned group detained", "Security officers detained members of a cell of a banned extremist organisation, the SGB said."},
		{"Karakol: court sentences member of Hizb ut-Tahrir", "A court sentenced a member of the banned Hizb ut-Tahrir to five years in prison."},
		{"Andijan: court sentences member of Hizb ut-Tahrir", "A court sentenced a member of the banned Hizb ut-Tahrir to five years in prison."},
		{"Джалал-Абад: задержан вербовщик ИГИЛ", "Сотрудники ГКНБ задержали вербовщика международной террористической организации ИГИЛ."},
		{"Наманган: задержан вербовщик ИГИЛ", "Сотрудники СГБ задержали вербовщика международной террористической организации ИГИЛ."},
	} {
		it := report(fmt.Sprint("i", i), []string{"24kg", "akipress"}[i%2], r[0], r[1], t0.Add(time.Duration(i)*time.Hour))
		res, err := s.Add(ctx, it)
		if err != nil {
			t.Fatal(err)
		}
		if res.Story.Joined() {
			t.Errorf("%q joined story %d, want a story of its own", r[0], res.Story.ID)
		}
	}
}

// The wires' template told of district towns, two outlets by turns within
// the day: each town's report is a story of its own. Before the gazetteer
// kept the region's district towns (tools/gazetteer), Kerben, Vose or
// Kordai named no place, and their reports joined another town's.
func TestDistrictTownsOfOneTemplateStayApart(t *testing.T) {
	templates := []struct {
		towns       []string
		title, lead string
	}{
		{[]string{"Кербен", "Кочкор", "Ноокат", "Майлуу-Суу", "Восе", "Ванч", "Шаартуз", "Пенджикент", "Денау", "Хива",
			"Зарафшан", "Кордай", "Сарыагаш", "Жанаозен", "Шибирган", "Кант"},
			"%s: в перестрелке ранены двое пограничников", "Двое пограничников ранены в перестрелке. Инцидент произошел у города %s."},
		{[]string{"Kerben", "Kochkor", "Nookat", "Mailuu-Suu", "Vose", "Vanj", "Shahritus", "Panjakent", "Denau", "Khiva",
			"Zarafshan", "Kordai", "Saryagash", "Zhanaozen", "Sheberghan", "Toktogul"},
			"%s: court jails Hizb ut-Tahrir member for 5 years", "A court in %s sentenced a member of the banned Hizb ut-Tahrir to 5 years in prison."},
	}
	for _, tpl := range templates {
		s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
		for i, town := range tpl.towns {
			title := fmt.Sprintf(tpl.title, town)
			it := report(fmt.Sprint("i", i), []string{"24kg", "akipress"}[i%2], title, fmt.Sprintf(tpl.lead, town), t0.Add(time.Duration(i)*time.Minute))
			res, err := s.Add(context.Background(), it)
			if err != nil {
				t.Fatal(err)
			}
			if res.Story.Joined() {
				t.Errorf("%q joined story %d, want a story of its own", title, res.Story.ID)
			}
		}
		s.Close()
	}
}

// A report that joins a story a destination was alerted about is an edit
// of that alert, made from the alert's own payload and showing the
// story's outlets, where the channel can edit; elsewhere nothing.
func TestJoinGrowsTheToldAlert(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	grows := func(dest string) Delivery {
		d := alertTo(dest, 0)
		d.Grow = func(told []byte, st Story) ([]byte, error) {
			return []byte("edit of " + string(told) + " by " + strings.Join(st.Outlets, "+")), nil
		}
		return d
	}
	a := report("a", "24kg", gknb[0], gknb[1], t0)
	a.Deliveries = []Delivery{grows("telegram:1"), alertTo("mail:x", 0)}
	if ra, err := s.Add(ctx, a); err != nil || ra.Queued != 2 || ra.Edits != 0 {
		t.Fatalf("first report: %+v, %v", ra, err)
	}
	for i, outlet := range []string{"kaktus", "akipress"} {
		b := report(outlet, outlet, gknb2[0], gknb2[1], t0.Add(time.Duration(i+1)*time.Hour))
		b.Deliveries = []Delivery{grows("telegram:1"), alertTo("mail:x", 0)}
		rb, err := s.Add(ctx, b)
		if err != nil || !rb.Story.Joined() || rb.Queued != 0 || rb.Edits != 1 {
			t.Fatalf("report from %s: %+v, %v; want it joined and one edit", outlet, rb, err)
		}
	}
	due, err := s.DueDeliveries(ctx, t0.Add(4*time.Hour), 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range due {
		got = append(got, d.Destination+" "+string(d.Payload))
	}
	want := []string{"telegram:1 iskp|1", "mail:x iskp|1", "telegram:1 edit of iskp|1 by 24kg+kaktus",
		"telegram:1 edit of iskp|1 by 24kg+kaktus+akipress"}
	if !slices.Equal(got, want) {
		t.Errorf("outbox:\n%q\nwant\n%q", got, want)
	}
}

// An outlet's second report of a story (another link) joins it short of
// sure: a chat alerted about the story gets it as a quiet follow-up, for
// it may be a second event written to the first one's template; another
// outlet's report of it joins as sure.
func TestAnOutletsSecondReportJoinsUnsure(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	s.set(func(o *Options) { o.FollowUps = true })
	first := report("a", "24kg", gknb[0], gknb[1], t0)
	first.Deliveries = []Delivery{followUpTo("tg:1", "iskp")}
	if _, err := s.Add(ctx, first); err != nil {
		t.Fatal(err)
	}
	own := report("b", "24kg", gknb2[0], gknb2[1], t0.Add(time.Hour))
	own.Deliveries = []Delivery{followUpTo("tg:1", "iskp")}
	r, err := s.Add(ctx, own)
	if err != nil || !r.Story.Joined() || r.FollowUps != 1 {
		t.Errorf("the outlet's second report: %+v, %v; want it joined and sent as a follow-up", r, err)
	}
	other := report("c", "akipress", gknb3[0], gknb3[1], t0.Add(2*time.Hour))
	other.Deliveries = []Delivery{followUpTo("tg:1", "iskp")}
	r, err = s.Add(ctx, other)
	if err != nil || !r.Story.Joined() || r.Queued != 0 {
		t.Errorf("another outlet's report: %+v, %v; want it joined as sure, nothing sent", r, err)
	}
}

// One event reported in Russian and then in English is one story, joined
// by its evidence; a different event in the same place and language pair
// is not.
func TestOneEventInTwoLanguagesIsOneStory(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	withEvidence := func(n NewItem, lang string, concepts ...string) NewItem {
		n.Fingerprint = stories.OfReport(n.Item.Title, n.Item.Summary, lang, concepts, nil)
		return n
	}
	ru := withEvidence(report("ru", "24kg", "В Оше задержаны трое сторонников ИГИЛ",
		"Сотрудники ГКНБ задержали в Оше троих сторонников ИГИЛ.", t0), "ru", "detained", "islamic-state", "security-services")
	en := withEvidence(report("en", "akipress", "Three IS supporters detained in Osh",
		"GKNB officers detained three supporters of ISIS in Osh.", t0.Add(time.Hour)), "en", "detained", "islamic-state", "security-services")
	other := withEvidence(report("other", "timesca", "Two Hizb ut-Tahrir members detained in Osh",
		"GKNB officers detained two members of the banned Hizb ut-Tahrir in Osh.", t0.Add(2*time.Hour)), "en", "detained", "banned-groups", "security-services")
	first, err := s.Add(ctx, ru)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Add(ctx, en)
	if err != nil || second.Story.ID != first.Story.ID {
		t.Errorf("the English report: %+v, %v; want it in the Russian one's story %d", second, err, first.Story.ID)
	}
	third, err := s.Add(ctx, other)
	if err != nil || third.Story.Joined() {
		t.Errorf("another event in Osh: %+v, %v; want a story of its own", third, err)
	}
}
