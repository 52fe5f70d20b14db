package alerts_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// churnFeeds are real feeds: with GUIDs (RSS 2), without (RDF), and
// scraped, where nothing but the title tells the items apart.
var churnFeeds = []string{
	"ru_lenta-ru_rss2.xml",
	"ru_tut-by_rss2_media-content_extracted.xml",
	"en_aljazeera_rss2_cdata.xml",
	"en_guardian_rss2_media.xml",
	"en_nyt-world_rss2_media-content.xml",
	"en_time-world_rss2_1mb.xml",
	"en_dw_rss1-rdf_noguid.xml",
	"ru_meduza_rss2_scraped_epoch-dates_same-link.xml", // no GUIDs, every link the home page
}

const churnRules = `
topics:
  - id: ru
    any: [Россия, Москва, Украина, Путин]
  - id: world
    any: [Trump, war, government, president, police]
`

// utmMark is the tracking query a feed adds to a link in some polls;
// mirrorMark ends the address of a copy of a report at another address.
const (
	utmMark    = "utm_source=newsalert-churn&utm_medium=rss"
	mirrorMark = "/churn-mirror"
)

var (
	itemRE     = regexp.MustCompile(`(?s)<item[ >].*?</item>`)
	guidRE     = regexp.MustCompile(`(?s)<guid[^>]*>(.*?)</guid>`)
	linkRE     = regexp.MustCompile(`(?s)<link>(.*?)</link>`)
	titleRE    = regexp.MustCompile(`(?s)</title>`)
	pubDateRE  = regexp.MustCompile(`<pubDate>(.*?)</pubDate>`)
	editMarkRE = regexp.MustCompile(` \(updated\)$`)
)

// churnFeed is one real feed as a publisher keeps changing it: its head,
// its items, and the body served now.
type churnFeed struct {
	name       string
	head, tail string
	items      []string
	rss2       bool

	mu   sync.Mutex
	body string
}

func (f *churnFeed) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, f.body)
}

func loadChurnFeed(t *testing.T, name string) *churnFeed {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	locs := itemRE.FindAllStringIndex(s, -1)
	f := &churnFeed{name: name, head: s[:locs[0][0]], tail: s[locs[len(locs)-1][1]:], rss2: strings.Contains(s, "<rss")}
	for _, l := range locs {
		f.items = append(f.items, s[l[0]:l[1]])
	}
	return f
}

// identity names an item by its link as first published, whatever a poll
// did to it since — or, where the link is the site's home page (a scraped
// feed), by its title as first published.
func identity(a alerts.Alert) string {
	link := strings.TrimSpace(strings.ReplaceAll(a.Link, "&amp;", "&"))
	link = strings.Replace(link, utmMark, "", 1)
	link = strings.Replace(link, mirrorMark, "", 1)
	link = strings.TrimRight(link, "?&")
	if u, err := url.Parse(link); err == nil && strings.Trim(u.Path, "/") == "" && u.RawQuery == "" {
		return link + " " + editMarkRE.ReplaceAllString(a.Title, "")
	}
	return link
}

// mutate is what a publisher may do to an item between polls without it
// becoming another item: give it a new GUID, drop its GUID, add tracking to
// its link, edit its title, or change its date.
//
// Its edits add words. An edit that changes a number in the title makes
// another story of it wherever the title is what names it — in a scraped
// feed, or when an aggregator re-posts it after a retention pass — since
// numbers tell stories and issues apart ("3 killed", "5 killed"; "issue 2")
// and losing an item would be worse than a repeat (see text.SameTitle).
func mutate(rng *rand.Rand, item string, round int) string {
	if rng.IntN(8) == 0 && guidRE.MatchString(item) {
		item = guidRE.ReplaceAllString(item, fmt.Sprintf(`<guid isPermaLink="false">churn-%d-${1}</guid>`, round))
	} else if rng.IntN(12) == 0 {
		item = guidRE.ReplaceAllString(item, "")
	}
	if rng.IntN(6) == 0 {
		item = linkRE.ReplaceAllStringFunc(item, func(l string) string {
			u := strings.TrimSpace(linkRE.FindStringSubmatch(l)[1])
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&amp;"
			}
			return "<link>" + u + sep + strings.ReplaceAll(utmMark, "&", "&amp;") + "</link>"
		})
	}
	if rng.IntN(6) == 0 {
		item = titleRE.ReplaceAllLiteralString(item, " (updated)</title>")
	}
	if rng.IntN(6) == 0 {
		item = pubDateRE.ReplaceAllStringFunc(item, func(d string) string {
			at, err := time.Parse(time.RFC1123Z, pubDateRE.FindStringSubmatch(d)[1])
			if err != nil {
				return d
			}
			return "<pubDate>" + at.Add(time.Duration(round)*time.Hour).Format(time.RFC1123Z) + "</pubDate>"
		})
	}
	return item
}

// publish sets the feed's body for one round: a shuffled, changed subset
// of its items, and a few items copied from another feed (the same page
// in two feeds).
func (f *churnFeed) publish(rng *rand.Rand, round int, borrowed []string) {
	var items []string
	now := map[string]string{} // an item the feed lists twice is the same twice
	for _, it := range f.items {
		if _, ok := now[it]; !ok && rng.IntN(5) != 0 { // a fifth drop out of the feed this round, and may come back
			now[it] = mutate(rng, it, round)
		}
		if m, ok := now[it]; ok {
			items = append(items, m)
		}
	}
	items = append(items, borrowed...)
	rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body = f.head + strings.Join(items, "\n") + f.tail
}

// copies returns n of the feed's items as another feed carries them,
// without their GUID: the same page, or the same report copied to an
// aggregator's own address.
func (f *churnFeed) copies(rng *rand.Rand, n int) []string {
	var out []string
	for range n {
		it := guidRE.ReplaceAllString(f.items[rng.IntN(len(f.items))], "")
		if rng.IntN(2) == 0 {
			it = linkRE.ReplaceAllString(it, "<link>${1}"+mirrorMark+"</link>")
		}
		out = append(out, it)
	}
	return out
}

// TestNothingTwiceUnderFeedChurn polls eight real feeds for ten rounds
// while their publishers churn them as real ones do — items re-ordered,
// dropped and back, GUIDs changed or removed, tracking added to links,
// titles edited, dates changed, items copied into another feed at the same
// address or an aggregator's own — with a restart before every round and
// a retention pass that prunes every item (keeping keys) every third
// round; the feeds of a round are polled and recorded at once, as the
// daemon's scheduler may. Each item reaches each subscriber at most once,
// as an alert or a follow-up.
func TestNothingTwiceUnderFeedChurn(t *testing.T) {
	if testing.Short() {
		t.Skip("ten rounds over eight real feeds")
	}
	seed := uint64(time.Now().UnixNano())      // a random seed, not a date
	if s := os.Getenv("CHURN_SEED"); s != "" { // to replay a failure's feeds
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (CHURN_SEED=%[1]d replays the feeds of this run)", seed)
	rng := rand.New(rand.NewPCG(seed, 5))
	var fs []*churnFeed
	var sources []feeds.Source
	mux := http.NewServeMux()
	for _, name := range churnFeeds {
		f := loadChurnFeed(t, name)
		fs = append(fs, f)
		mux.Handle("/"+name, f)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, f := range fs {
		sources = append(sources, feeds.Source{URL: srv.URL + "/" + f.name, Name: f.name})
	}
	m, err := rules.Parse("churn.yaml", []byte(churnRules))
	if err != nil {
		t.Fatal(err)
	}
	c := &cycle{t: t, path: filepath.Join(t.TempDir(), "newsalert.db"), srcs: sources, rules: m, rec: &recorder{}, parallel: true,
		subs: []alerts.Subscriber{
			{Destination: "rec:all"},
			{Destination: "rec:ru", Topics: []string{"ru"}},
			{Destination: "rec:threads", FollowUps: "thread"},
		}}
	first := map[string]string{} // address + identity → the first message about it
	total := 0
	for round := range 10 {
		for i, f := range fs {
			var borrowed []string
			if from := fs[(i+1)%len(fs)]; f.rss2 && from.rss2 {
				borrowed = from.copies(rng, 3)
			}
			f.publish(rng, round, borrowed)
		}
		c.after = nil
		if round%3 == 2 {
			c.after = pruneAll(t)
		}
		_, got := c.run()
		for _, s := range got {
			k := s.address + " " + identity(s.alert)
			total++
			if f, ok := first[k]; ok {
				t.Errorf("round %d: %s got %q again (%s; first %s)", round, s.address, s.alert.Title, s.alert.Link, f)
				continue
			}
			first[k] = fmt.Sprintf("round %d %q %s", round, s.alert.Title, s.alert.Link)
		}
	}
	t.Logf("%d messages to 3 subscribers about %d items", total, len(first))
	if total < 100 {
		t.Errorf("only %d messages: the churn did not exercise the pipeline", total)
	}
}

// pruneAll is a retention pass that removes every item but keeps its keys.
func pruneAll(t *testing.T) func(*store.Store) {
	return func(st *store.Store) {
		now := clock.Wall()
		if _, err := st.Prune(context.Background(), store.PruneBefore{Items: now.Add(time.Hour), Keys: now.Add(-24 * time.Hour), Bands: now.Add(time.Hour).Add(-48 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
}
