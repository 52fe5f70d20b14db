package feeds

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
)

// SelectorError is a selector of a page source that finds nothing.
type SelectorError struct {
	Field, Selector string
}

func (e *SelectorError) Error() string {
	return fmt.Sprintf("select %s %q finds nothing on the page", e.Field, e.Selector)
}

// parseHTMLPage reads the items of a page without a feed with CSS
// selectors; links stay relative here and are resolved by Normalise.
func parseHTMLPage(body []byte, contentType string, sel Selectors) (*gofeed.Feed, error) {
	utf, _, err := toUTF8(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf))
	if err != nil {
		return nil, err
	}
	found := doc.Find(sel.Item)
	if found.Length() == 0 {
		return nil, &SelectorError{Field: "item", Selector: sel.Item}
	}
	feed := &gofeed.Feed{}
	titled := false
	found.Each(func(_ int, s *goquery.Selection) {
		fi := pageItem(s, sel)
		titled = titled || fi.Title != ""
		feed.Items = append(feed.Items, fi)
	})
	if !titled {
		return nil, &SelectorError{Field: "title", Selector: sel.Title}
	}
	return feed, nil
}

func pageItem(s *goquery.Selection, sel Selectors) *gofeed.Item {
	title := s.Find(sel.Title).First()
	fi := &gofeed.Item{Title: html.EscapeString(strings.TrimSpace(title.Text())), Link: itemLink(s, title, sel.Link)}
	if sel.Summary != "" {
		fi.Description, _ = s.Find(sel.Summary).First().Html()
	}
	if sel.Date != "" {
		d := s.Find(sel.Date).First()
		if t, ok := parsePageDate(d.AttrOr("datetime", d.Text()), sel.DateLayout); ok {
			fi.PublishedParsed = &t
		}
	}
	return fi
}

// itemLink is the href of the link selector's element (or of the first
// link inside it); without a selector, the title's link, else the item's
// first link.
func itemLink(item, title *goquery.Selection, selector string) string {
	var candidates []*goquery.Selection
	if selector != "" {
		candidates = append(candidates, item.Find(selector).First())
	} else {
		candidates = append(candidates, title, title.Closest("a[href]"), item)
	}
	for _, c := range candidates {
		if href, ok := c.Attr("href"); ok {
			return href
		}
		if href, ok := c.Find("a[href]").First().Attr("href"); ok {
			return href
		}
	}
	return ""
}

// pageDateLayouts are the dates news sites of the region print.
var pageDateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"02.01.2006 15:04", "02.01.2006, 15:04", "15:04, 02.01.2006", "15:04 02.01.2006", "02.01.2006",
	time.RFC1123Z, time.RFC1123, "2 January 2006 15:04", "2 January 2006", "January 2, 2006",
}

// parsePageDate reads a date with layout, or with the common layouts when
// layout is empty; a date without a zone is taken as UTC.
func parsePageDate(s, layout string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	layouts := pageDateLayouts
	if layout != "" {
		layouts = []string{layout}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
