// Package tgchannel reads the public web preview of a Telegram channel,
// https://t.me/s/<channel>: one page of posts, newest last, and the
// cursor to the page before it.
package tgchannel

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Post is one message of a channel.
type Post struct {
	Channel string
	ID      int64
	// HTML is the message text's markup; Text its plain text.
	HTML, Text string
	Date       time.Time
	// Links are the absolute http(s) links in the text, in order; Article
	// is the first that is not on t.me, or "".
	Links   []string
	Article string
	// ForwardedFrom names the channel or user the post was forwarded from.
	ForwardedFrom string
	Edited        bool
	// Media counts the photos and videos (an album has several).
	Media int
}

// Link is the post's own address.
func (p Post) Link() string { return fmt.Sprintf("https://t.me/%s/%d", p.Channel, p.ID) }

// Key identifies the post across polls and edits.
func (p Post) Key() string { return fmt.Sprintf("tg:%s/%d", strings.ToLower(p.Channel), p.ID) }

// Page is one preview page.
type Page struct {
	Posts []Post
	// Skipped counts posts left out, by reason ("service", "no text").
	Skipped map[string]int
	// Before is the "more" cursor: the id to ask ?before= for the older
	// page, or 0 when there is none.
	Before int64
}

// Oldest is the smallest post id on the page, or 0.
func (p Page) Oldest() int64 {
	var min int64
	for _, q := range p.Posts {
		if min == 0 || q.ID < min {
			min = q.ID
		}
	}
	return min
}

// Error reasons.
const (
	ReasonPreviewDisabled = "preview disabled"
	ReasonNoSuchChannel   = "no such channel"
)

// Error is a channel that cannot be read for a reason of its own, not a
// network fault: its preview is disabled, or it does not exist.
type Error struct {
	Channel string
	Reason  string
}

func (e *Error) Error() string { return fmt.Sprintf("telegram channel %s: %s", e.Channel, e.Reason) }

// Problem says what is wrong in plain words (for `newsalert sources probe`).
func (e *Error) Problem() string { return "Telegram channel " + e.Channel + ": " + e.Reason }

// Parse reads a preview page of channel.
func Parse(body []byte, channel string) (Page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return Page{}, fmt.Errorf("telegram channel %s: %w", channel, err)
	}
	page := Page{Skipped: map[string]int{}}
	wraps := doc.Find(".tgme_widget_message_wrap")
	if wraps.Length() == 0 && doc.Find(".tgme_channel_info").Length() == 0 {
		return page, pageError(doc, channel)
	}
	wraps.Each(func(_ int, w *goquery.Selection) {
		post, reason := parsePost(w)
		if reason != "" {
			page.Skipped[reason]++
			return
		}
		page.Posts = append(page.Posts, post)
	})
	if b, ok := doc.Find("a.tme_messages_more[data-before]").Attr("data-before"); ok {
		page.Before, _ = strconv.ParseInt(b, 10, 64)
	}
	return page, nil
}

// pageError tells a disabled preview (t.me/<channel>: a channel header,
// no messages) from a channel that does not exist (no title at all).
func pageError(doc *goquery.Document, channel string) error {
	if strings.TrimSpace(doc.Find(".tgme_page_title").Text()) != "" {
		return &Error{Channel: channel, Reason: ReasonPreviewDisabled}
	}
	return &Error{Channel: channel, Reason: ReasonNoSuchChannel}
}

func parsePost(w *goquery.Selection) (Post, string) {
	msg := w.Find(".tgme_widget_message").First()
	channel, id, ok := splitDataPost(msg.AttrOr("data-post", ""))
	if !ok {
		return Post{}, "no data-post"
	}
	if msg.HasClass("service_message") {
		return Post{}, "service"
	}
	p := Post{Channel: channel, ID: id}
	txt := msg.Find(".tgme_widget_message_text").First()
	p.HTML, _ = txt.Html()
	p.Text = plainText(txt)
	if p.Text == "" {
		// a media post's caption is its message text; none means nothing to read
		return Post{}, "no text"
	}
	if dt, ok := msg.Find(".tgme_widget_message_date time[datetime]").Attr("datetime"); ok {
		p.Date, _ = time.Parse(time.RFC3339, dt)
	}
	txt.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		l := absolute(a.AttrOr("href", ""))
		if l == "" {
			return
		}
		p.Links = append(p.Links, l)
		if p.Article == "" && !onTelegram(l) {
			p.Article = l
		}
	})
	p.ForwardedFrom = strings.TrimSpace(msg.Find(".tgme_widget_message_forwarded_from_name").First().Text())
	p.Edited = msg.Find(".tgme_widget_message_edited").Length() > 0
	p.Media = msg.Find(".tgme_widget_message_photo_wrap, .tgme_widget_message_video_player").Length()
	return p, ""
}

func splitDataPost(s string) (string, int64, bool) {
	ch, idStr, ok := strings.Cut(s, "/")
	id, err := strconv.ParseInt(idStr, 10, 64)
	return ch, id, ok && ch != "" && err == nil && id > 0
}

// plainText is the message's text with <br> as line breaks.
func plainText(s *goquery.Selection) string {
	c := s.Clone()
	c.Find("br").ReplaceWithHtml("\n")
	return strings.TrimSpace(c.Text())
}

func absolute(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func onTelegram(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return true
	}
	h := strings.ToLower(u.Hostname())
	return h == "t.me" || h == "telegram.me" || strings.HasSuffix(h, ".t.me")
}

var sentenceEnd = regexp.MustCompile(`[.!?…](\s|$)`)

// Title is the post's first line, or its first sentence when that is
// shorter, cut to max runes.
func Title(text string, max int) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if loc := sentenceEnd.FindStringIndex(line); loc != nil && loc[0] > 20 {
		line = line[:loc[0]+1]
	}
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > max {
		return strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return line
}

var channelName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// ChannelName reads a channel as configured: "kaktus_media",
// "@kaktus_media", "t.me/kaktus_media", "https://t.me/kaktus_media" or
// "https://t.me/s/kaktus_media".
func ChannelName(s string) (string, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "@")
	if strings.HasPrefix(s, "t.me/") || strings.HasPrefix(s, "telegram.me/") {
		s = "https://" + s
	}
	if strings.Contains(s, "/") {
		u, err := url.Parse(s)
		if err != nil || (u.Host != "t.me" && u.Host != "telegram.me") {
			return "", fmt.Errorf("%q is not a t.me link", s)
		}
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		if len(parts) > 0 && parts[0] == "s" {
			parts = parts[1:]
		}
		if len(parts) == 0 {
			return "", fmt.Errorf("%q names no channel", s)
		}
		s = parts[0]
	}
	if !channelName.MatchString(s) {
		return "", fmt.Errorf("%q is not a channel name (5–32 letters, digits, _)", s)
	}
	return s, nil
}
