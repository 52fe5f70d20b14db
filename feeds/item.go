package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Source is one feed to poll, as configured.
type Source struct {
	URL  string
	Name string
	// Regions tag every item of the feed (a Bishkek outlet is about Kyrgyzstan).
	Regions []string
	// Interval between polls; zero means the scheduler's default.
	Interval time.Duration
	// Schedule is a cron spec that replaces Interval when set.
	Schedule string
}

// Label is the name to show for the feed: its Name, or its URL.
func (s Source) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.URL
}

// Item is one normalised feed entry.
type Item struct {
	// Key identifies the item across polls: derived from the feed URL and
	// the GUID, else the link, else the title.
	Key      string
	FeedURL  string
	FeedName string
	GUID     string
	Title    string
	// Link is the item's URL as published, resolved against the feed's URL.
	Link string
	// Summary is a short plain-text lead for display.
	Summary string
	// Text is all the item's plain text (description and content), for
	// matching. It is not stored.
	Text string
	// Published is zero when the feed gives no usable date.
	Published time.Time
	FirstSeen time.Time
}

const summaryRunes = 400

// matchRunes bounds the text that rules see: the lead of a story says what
// it is about, while a passing mention deep in a 5,000-word feature (a
// magazine piece that names Afghanistan once) is noise.
const matchRunes = 2000

// minPlausibleDate guards against placeholder dates: scraped feeds publish
// 1 January 1970 for every item.
var minPlausibleDate = time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)

// Normalise turns a parsed feed into items, skipping entries with nothing
// to show (no title, link or text).
func Normalise(feed *gofeed.Feed, src Source, now time.Time) []Item {
	base := src.URL
	if feed.Link != "" {
		base = resolve(src.URL, feed.Link)
	}
	sharedLinks := linksSharedByDifferentTitles(feed.Items)
	items := make([]Item, 0, len(feed.Items))
	for _, fi := range feed.Items {
		it := normaliseItem(fi, src, base, now)
		if it.Title == "" && it.Link == "" && it.Text == "" {
			continue
		}
		it.Key = itemKey(src.URL, it, sharedLinks[fi.Link])
		items = append(items, it)
	}
	return items
}

func normaliseItem(fi *gofeed.Item, src Source, base string, now time.Time) Item {
	desc := HTMLToText(fi.Description)
	content := HTMLToText(fi.Content)
	text := desc
	if content != "" && content != desc {
		text = strings.TrimSpace(desc + "\n" + content)
	}
	text = Truncate(text, matchRunes)
	lead := desc
	if lead == "" {
		lead = content
	}
	title := HTMLToText(fi.Title)
	if title == "" {
		title = Truncate(lead, 80)
	}
	link := strings.TrimSpace(fi.Link)
	if link != "" {
		link = resolve(base, link)
	}
	return Item{
		FeedURL:   src.URL,
		FeedName:  src.Label(),
		GUID:      strings.TrimSpace(fi.GUID),
		Title:     title,
		Link:      link,
		Summary:   Truncate(lead, summaryRunes),
		Text:      text,
		Published: published(fi),
		FirstSeen: now,
	}
}

func published(fi *gofeed.Item) time.Time {
	for _, t := range []*time.Time{fi.PublishedParsed, fi.UpdatedParsed} {
		if t != nil && t.After(minPlausibleDate) {
			return t.UTC()
		}
	}
	return time.Time{}
}

// linksSharedByDifferentTitles finds links that several different items
// use (a scraped feed that links every item to the home page). Such a link
// does not identify an item, so the key then takes the title too.
func linksSharedByDifferentTitles(items []*gofeed.Item) map[string]bool {
	titles := map[string]string{}
	shared := map[string]bool{}
	for _, it := range items {
		if it.Link == "" {
			continue
		}
		if t, ok := titles[it.Link]; ok && t != it.Title {
			shared[it.Link] = true
		}
		titles[it.Link] = it.Title
	}
	return shared
}

func itemKey(feedURL string, it Item, linkShared bool) string {
	var id string
	switch {
	case it.GUID != "":
		id = "guid\x00" + it.GUID
	case it.Link != "" && !linkShared:
		id = "link\x00" + it.Link
	default:
		id = "title\x00" + it.Link + "\x00" + it.Title
	}
	sum := sha256.Sum256([]byte(feedURL + "\x00" + id))
	return hex.EncodeToString(sum[:16])
}

// resolve makes ref absolute against base; an unparsable ref is kept as is.
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}
