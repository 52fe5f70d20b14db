package feeds

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Discovered is a feed found for a URL.
type Discovered struct {
	URL   string
	Title string
	Items int
	// Via says how it was found: "the URL is a feed", "<link rel=alternate>
	// on the page", or "the common path /feed".
	Via string
	// TelegramChannel is the site's public channel, from the page's t.me
	// links (see TelegramChannel), or "".
	TelegramChannel string
}

// feedTypes are the link types that announce a feed.
var feedTypes = map[string]bool{
	"application/rss+xml": true, "application/atom+xml": true, "application/feed+json": true,
	"application/json": true, "application/rdf+xml": true, "text/xml": true, "application/xml": true,
}

// commonPaths are tried when a page announces no feed.
var commonPaths = []string{"/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/feed/", "/rss/"}

// Discover finds the feed for pageURL: the URL itself when it is a feed,
// else the first working feed its HTML announces with <link
// rel="alternate">, else the first working common feed path. The page's
// Telegram channel is returned too, even with the error of a page that
// has no working feed.
func Discover(ctx context.Context, f *Fetcher, pageURL string) (Discovered, error) {
	resp, err := f.Fetch(ctx, pageURL, Validators{})
	if err != nil {
		return Discovered{}, fmt.Errorf("fetch %s: %w", pageURL, err)
	}
	base := pageURL
	if resp.MovedTo != "" {
		base = resp.MovedTo
	}
	if feed, err := Parse(resp.Body, resp.ContentType); err == nil {
		return Discovered{URL: base, Title: feed.Title, Items: len(feed.Items), Via: "the URL is a feed"}, nil
	}
	channel := TelegramChannel(resp.Body)
	var tried []string
	for _, link := range alternateLinks(resp.Body, base) {
		if d, err := tryFeed(ctx, f, pageURL, link); err == nil {
			d.Via, d.TelegramChannel = "<link rel=alternate> on the page", channel
			return d, nil
		}
		tried = append(tried, link)
	}
	for _, p := range commonPaths {
		link := resolve(base, p)
		if d, err := tryFeed(ctx, f, pageURL, link); err == nil {
			d.Via, d.TelegramChannel = "the common path "+p, channel
			return d, nil
		}
		tried = append(tried, link)
	}
	return Discovered{TelegramChannel: channel}, fmt.Errorf("%s is not a feed and announces none that works (tried %s)", pageURL, strings.Join(tried, ", "))
}

// tryFeed fetches a link found on the page at pageURL: like a redirect, it
// may reach private addresses only when the page is on one.
func tryFeed(ctx context.Context, f *Fetcher, pageURL, link string) (Discovered, error) {
	resp, err := f.fetch(ctx, pageURL, link, Validators{})
	if err != nil {
		return Discovered{}, err
	}
	defer resp.Release()
	feed, err := Parse(resp.Body, resp.ContentType)
	if err != nil {
		return Discovered{}, err
	}
	if resp.MovedTo != "" {
		link = resp.MovedTo
	}
	return Discovered{URL: link, Title: feed.Title, Items: len(feed.Items)}, nil
}

// alternateLinks returns the absolute hrefs of the feed links in an HTML
// page's <link rel="alternate" type="…"> elements, in page order.
func alternateLinks(page []byte, base string) []string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var links []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links // io.EOF or a malformed page: what was found so far
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.DataAtom == atom.Body {
			return links // feed links live in the head
		}
		if tok.DataAtom != atom.Link {
			continue
		}
		var rel, typ, href string
		for _, a := range tok.Attr {
			switch strings.ToLower(a.Key) {
			case "rel":
				rel = strings.ToLower(a.Val)
			case "type":
				typ = strings.ToLower(strings.TrimSpace(a.Val))
			case "href":
				href = strings.TrimSpace(a.Val)
			}
		}
		if href != "" && strings.Contains(" "+rel+" ", " alternate ") && feedTypes[typ] {
			links = append(links, resolve(base, href))
		}
	}
}
