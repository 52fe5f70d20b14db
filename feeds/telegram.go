package feeds

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/url"
	"path"
	"slices"
	"strconv"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsalert/newsalert/feeds/tgchannel"
)

// Defaults for reading Telegram channels.
const (
	DefaultTelegramGap   = time.Second
	DefaultTelegramPages = 10
	telegramTitleRunes   = 140
)

// telegramReader reads a channel's public preview, paging back with
// ?before= until it reaches the newest post of the last poll, so that a
// busy channel loses nothing between polls.
type telegramReader struct {
	fetcher  *Fetcher
	gate     *hostGate
	maxPages int
	log      *slog.Logger
}

func (r *telegramReader) read(ctx context.Context, src Source, st *State) (*Response, Result) {
	var (
		first *Response
		posts = map[int64]tgchannel.Post{}
		skip  = map[string]int{}
		page  = st.Target()
	)
	st.postIDBefore = st.LastPostID
	for n := 0; n < r.maxPages; n++ {
		resp, hash, pg, err := r.page(ctx, src, page)
		if n == 0 {
			first = resp
			st.LastStatus = 0
			if resp != nil {
				st.LastStatus = resp.StatusCode
			}
		}
		if err != nil {
			return first, Result{Source: src, Err: fmt.Errorf("feed %s: %w", src.URL, err)}
		}
		if n == 0 && hash == st.BodyHash {
			return first, Result{Source: src, NotModified: true}
		}
		if n == 0 {
			st.BodyHash = hash
		}
		for _, p := range pg.Posts {
			posts[p.ID] = p
		}
		for k, v := range pg.Skipped {
			skip[k] += v
		}
		before := nextPage(pg, st.LastPostID)
		if before == 0 {
			break
		}
		if n == r.maxPages-1 {
			r.log.Warn("telegram channel: more new posts than the page limit; older ones not read",
				"feed", src.Label(), "pages", r.maxPages, "last_seen", st.LastPostID)
			break
		}
		page = withBefore(st.Target(), before)
	}
	if len(skip) > 0 {
		r.log.Debug("telegram channel: posts skipped", "feed", src.Label(), "reasons", skip)
	}
	items := postItems(posts, src, st.LastAttempt)
	for id := range posts {
		st.LastPostID = max(st.LastPostID, id)
	}
	st.ItemsLastPoll = len(items)
	return first, Result{Source: src, Items: items}
}

// page fetches and parses one preview page, politely, and fingerprints it.
func (r *telegramReader) page(ctx context.Context, src Source, target string) (*Response, string, tgchannel.Page, error) {
	if err := r.gate.wait(ctx, target); err != nil {
		return nil, "", tgchannel.Page{}, err
	}
	resp, err := r.fetcher.fetch(ctx, src.URL, target, Validators{})
	if err != nil {
		return resp, "", tgchannel.Page{}, fmt.Errorf("fetch: %w", err)
	}
	defer resp.Release()
	hash := bodyHash(resp.Body)
	body, _, err := toUTF8(resp.Body, resp.ContentType)
	if err != nil {
		return resp, hash, tgchannel.Page{}, fmt.Errorf("decode: %w", err)
	}
	pg, err := tgchannel.Parse(body, channelOf(src))
	return resp, hash, pg, err
}

// channelOf is the source's channel name: as configured, else the last
// part of its URL.
func channelOf(src Source) string {
	if src.Channel != "" {
		return src.Channel
	}
	u, err := url.Parse(src.URL)
	if err != nil {
		return src.URL
	}
	return path.Base(u.Path)
}

// nextPage is the id to page back from, or 0 when the page reaches the
// last poll's newest post (or is the first poll, whose backlog is one page).
func nextPage(pg tgchannel.Page, lastSeen int64) int64 {
	oldest := pg.Oldest()
	if lastSeen == 0 || oldest == 0 || oldest <= lastSeen+1 {
		return 0
	}
	if pg.Before > 0 && pg.Before < oldest {
		return pg.Before
	}
	return oldest
}

func withBefore(target string, before int64) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	q := u.Query()
	q.Set("before", strconv.FormatInt(before, 10))
	u.RawQuery = q.Encode()
	return u.String()
}

// postItems normalises posts as feed items, oldest first: the key is the
// post (channel and id, so an edit is the same item), the link the post,
// and the canonical link the first article it links to, so that the
// outlet's own feed item and its post are one item.
func postItems(posts map[int64]tgchannel.Post, src Source, now time.Time) []Item {
	ids := make([]int64, 0, len(posts))
	for id := range posts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	feed := &gofeed.Feed{}
	articles := map[string]string{} // post key → the article it links to
	for _, id := range ids {
		p := posts[id]
		articles[p.Key()] = p.Article
		fi := &gofeed.Item{GUID: p.Key(), Link: p.Link(), Description: p.HTML,
			Title: html.EscapeString(tgchannel.Title(p.Text, telegramTitleRunes))}
		if p.ForwardedFrom != "" {
			fi.Description = "↪ " + html.EscapeString(p.ForwardedFrom) + "<br>" + p.HTML
		}
		if !p.Date.IsZero() {
			d := p.Date
			fi.PublishedParsed = &d
		}
		feed.Items = append(feed.Items, fi)
	}
	items := Normalise(feed, src, now)
	for i := range items {
		items[i].CanonicalLink = ""
		if a := articles[items[i].GUID]; a != "" {
			if c := canonicalURL(a); !isSiteRoot(c) {
				items[i].CanonicalLink = c
			}
		}
	}
	return items
}
