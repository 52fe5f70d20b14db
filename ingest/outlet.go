package ingest

import (
	"net/url"
	"strings"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/store"
)

// An outlet's second report of a story is often news of its own — a
// second arrest written to the first one's template, a later toll — not a
// retelling; its update of a report (an edited title, the same link) is
// known before it is placed. So a report joins a story its own outlet told
// in another report only short of sure: those told get it as a quiet
// follow-up (never silent), not swallowed by the story.

// ownStories are the stories of the candidates that n's outlet told in
// another report (another link).
func ownStories(n NewItem, cands []store.Candidate) map[int64]bool {
	var own map[int64]bool
	link := linkOf(n.Item)
	for _, c := range cands {
		if c.Link != link && sameOutlet(n.Item.FeedURL, link, c.FeedURL, c.Link) {
			if own == nil {
				own = map[int64]bool{}
			}
			own[c.Story] = true
		}
	}
	return own
}

// sameOutlet: two reports of one site (the host and port of their links,
// www. aside) or, where a link is missing, of one feed.
func sameOutlet(feedA, linkA, feedB, linkB string) bool {
	ha, hb := site(linkA), site(linkB)
	if ha == "" || hb == "" {
		return feedA == feedB
	}
	return ha == hb
}

func site(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
}

// linkOf is an item's canonical link, or its link.
func linkOf(it feeds.Item) string {
	if it.CanonicalLink != "" {
		return it.CanonicalLink
	}
	return it.Link
}
