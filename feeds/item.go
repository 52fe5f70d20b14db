package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/newsalert/newsalert/text"
)

// Kind is what a source is and how it is read.
type Kind string

// The kinds of source.
const (
	KindFeed     Kind = "feed"     // RSS, Atom or JSON Feed
	KindTelegram Kind = "telegram" // a public channel's t.me/s preview
	KindHTML     Kind = "html"     // a page read with CSS selectors
)

// Selectors read items from a page without a feed (KindHTML).
type Selectors struct {
	Item, Title, Link, Date, Summary string
	// DateLayout is a Go time layout; "" tries common ones.
	DateLayout string
}

// Source is one feed to poll, as configured.
type Source struct {
	// URL identifies the source; for a Telegram channel it is the
	// preview page, <base>/s/<channel>.
	URL  string
	Name string
	// Kind is how to read it; "" is a feed.
	Kind Kind
	// Channel is the Telegram channel's name (KindTelegram).
	Channel string
	Select  Selectors
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
	// Key identifies the item across polls (see itemKey).
	Key      string
	FeedURL  string
	FeedName string
	GUID     string
	Title    string
	// Link is the item's URL as published, resolved against the feed's
	// URL: what users click.
	Link string
	// CanonicalLink is Link without tracking parameters, fragment and
	// default port: what identifies the page.
	CanonicalLink string
	// Summary is a short plain-text lead for display.
	Summary string
	// Text is all the item's plain text (description and content), for
	// matching. It is not stored.
	Text string
	// Published is the item's date: published, else updated, else
	// first-seen. A date decades ago or in the future is replaced by
	// first-seen too, so that digests are not thrown by bad dates.
	Published time.Time
	// DateEstimated says that Published is first-seen, not the feed's date.
	DateEstimated bool
	// DatedByPoll says that Published, though first-seen, dates the item:
	// it came in a poll that followed its feed's previous successful one
	// within PollDatedGap, so it was published between the two. Not on a
	// feed's first poll, whose items may be of any age.
	DatedByPoll bool
	FirstSeen   time.Time
}

const summaryRunes = 400

// matchRunes bounds the text that rules see: the lead of a story says what
// it is about, while a passing mention deep in a 5,000-word feature (a
// magazine piece that names Afghanistan once) is noise.
const matchRunes = 2000

// Dates outside [now - maxDateAge, now + maxDateAhead] are not believed: scraped
// feeds publish 1 January 1970 for every item, and servers with a wrong
// clock or time zone date items hours ahead.
const (
	maxDateAge   = 20 * 365 * 24 * time.Hour
	maxDateAhead = 2 * time.Hour
)

// Normalise turns a parsed feed into items, skipping entries with nothing
// to show (no title, link or text).
func Normalise(feed *gofeed.Feed, src Source, now time.Time) []Item {
	base, _ := url.Parse(src.URL)
	if feed.Link != "" {
		if l, err := url.Parse(strings.TrimSpace(feed.Link)); err == nil && base != nil {
			base = base.ResolveReference(l)
		}
	}
	items := make([]Item, 0, len(feed.Items))
	for _, fi := range feed.Items {
		it := normaliseItem(fi, src, base, now)
		if it.Title == "" && it.Link == "" && it.Text == "" {
			continue
		}
		items = append(items, it)
	}
	assignKeys(items, src.URL)
	return items
}

func normaliseItem(fi *gofeed.Item, src Source, base *url.URL, now time.Time) Item {
	desc := htmlText(fi.Description, matchRunes)
	content := htmlText(fi.Content, matchRunes)
	body := desc
	if content != "" && content != desc {
		body = strings.TrimSpace(desc + "\n" + content)
	}
	body = text.Truncate(body, matchRunes)
	lead := desc
	if lead == "" {
		lead = content
	}
	title := HTMLToText(fi.Title)
	if title == "" {
		title = text.Truncate(lead, 80)
	}
	link, canonical := resolveLink(base, fi.Link)
	published, estimated := itemDate(fi, now)
	return Item{
		FeedURL:       src.URL,
		FeedName:      src.Label(),
		GUID:          strings.TrimSpace(fi.GUID),
		Title:         title,
		Link:          link,
		CanonicalLink: canonical,
		Summary:       text.Truncate(lead, summaryRunes),
		Text:          body,
		Published:     published,
		DateEstimated: estimated,
		FirstSeen:     now,
	}
}

// itemDate returns the item's published date, else its updated date, else
// now (the first-seen time) with estimated set; a date too far in the past
// or future counts as none.
func itemDate(fi *gofeed.Item, now time.Time) (t time.Time, estimated bool) {
	for _, d := range []*time.Time{fi.PublishedParsed, fi.UpdatedParsed} {
		if d != nil && d.After(now.Add(-maxDateAge)) && d.Before(now.Add(maxDateAhead)) {
			return d.UTC(), false
		}
	}
	return now, true
}

// assignKeys gives each item its key. The rule, in order:
//
//  1. the GUID, within the feed, unless several items with different
//     titles share it (a GUID that is a bare copy of a shared link);
//  2. the canonical link, across feeds (the same page in two feeds is one
//     item), unless several items with different titles share it (scraped
//     feeds link every item to the home page) or it is a site's home page:
//     such a link identifies no item, and is not kept as its canonical link;
//  3. a hash of the title and the date, within the feed.
func assignKeys(items []Item, feedURL string) {
	guidShared := sharedByDifferentTitles(items, func(it Item) string { return it.GUID })
	linkShared := sharedByDifferentTitles(items, func(it Item) string { return it.CanonicalLink })
	for i := range items {
		it := &items[i]
		if linkShared[it.CanonicalLink] || isSiteRoot(it.CanonicalLink) {
			it.CanonicalLink = ""
		}
		switch {
		case it.GUID != "" && !guidShared[it.GUID]:
			it.Key = hashKey(feedURL, "guid", it.GUID)
		case it.CanonicalLink != "":
			it.Key = hashKey("", "link", it.CanonicalLink)
		default:
			date := ""
			if !it.DateEstimated {
				date = it.Published.Format(time.RFC3339)
			}
			it.Key = hashKey(feedURL, "title", it.Title+"\x00"+date)
		}
	}
}

// isSiteRoot reports whether a canonical link is a site's home page.
func isSiteRoot(link string) bool {
	u, err := url.Parse(link)
	return err == nil && u.Host != "" && (u.Path == "" || u.Path == "/") && u.RawQuery == ""
}

// sharedByDifferentTitles finds the values of field that several items
// with different titles share. Two titles that are one title and its edit
// (see text.SameTitle) are one item listed twice, once before and once
// after the edit: its GUID and link still identify it.
func sharedByDifferentTitles(items []Item, field func(Item) string) map[string]bool {
	titles := map[string]string{}
	shared := map[string]bool{}
	for _, it := range items {
		v := field(it)
		if v == "" {
			continue
		}
		if t, ok := titles[v]; ok && !text.SameTitle(t, it.Title) {
			shared[v] = true
		}
		titles[v] = it.Title
	}
	return shared
}

func hashKey(scope, kind, value string) string {
	sum := sha256.Sum256([]byte(scope + "\x00" + kind + "\x00" + value))
	return hex.EncodeToString(sum[:16])
}

// resolveLink makes an item's link absolute against base and returns it
// with its canonical form, parsing it once. An unparsable link is kept as is.
func resolveLink(base *url.URL, link string) (string, string) {
	link = strings.TrimSpace(link)
	if link == "" {
		return "", ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return link, link
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	abs := u.String()
	return abs, canonicalize(u, abs)
}

// resolve makes ref absolute against base; an unparsable ref is kept as is.
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	abs, _ := resolveLink(b, ref)
	return abs
}
