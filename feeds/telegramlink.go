package feeds

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// telegramHosts serve links to public Telegram channels.
var telegramHosts = map[string]bool{"t.me": true, "telegram.me": true, "telegram.dog": true}

// telegramName is a public username: 5 to 32 letters, digits or
// underscores, starting with a letter.
var telegramName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// telegramPaths are t.me paths that are not channels.
var telegramPaths = map[string]bool{"joinchat": true, "share": true, "addstickers": true, "addemoji": true,
	"addlist": true, "addtheme": true, "proxy": true, "socks": true, "iv": true, "login": true,
	"setlanguage": true, "boost": true, "contact": true, "confirmphone": true, "invoice": true}

// ChannelFromLink returns the channel a t.me link names ("kaktus_media"
// for https://t.me/kaktus_media or https://t.me/s/kaktus_media), or ""
// for anything else: an invite (joinchat, +…), a share link, a post
// (t.me/<name>/<id>) or a bot.
func ChannelFromLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !telegramHosts[strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))] {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 2 && parts[0] == "s" {
		parts = parts[1:]
	}
	if len(parts) != 1 || telegramPaths[strings.ToLower(parts[0])] || !telegramName.MatchString(parts[0]) ||
		strings.HasSuffix(strings.ToLower(parts[0]), "bot") {
		return ""
	}
	return parts[0]
}

// TelegramChannel finds the site's own channel among an HTML page's t.me
// links: the first in the page's header or footer (where sites put their
// own social links), else the one linked most often, else "".
func TelegramChannel(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	depth := 0 // inside <header>, <footer> or <nav>
	counts := map[string]int{}
	var order []string // channels in the order of their first link
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return mostLinked(counts, order)
		case html.EndTagToken:
			if n, _ := z.TagName(); chrome(atom.Lookup(n)) && depth > 0 {
				depth--
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		tok := z.Token()
		if chrome(tok.DataAtom) && tt == html.StartTagToken {
			depth++
			continue
		}
		if tok.DataAtom != atom.A {
			continue
		}
		for _, a := range tok.Attr {
			if strings.EqualFold(a.Key, "href") {
				if ch := ChannelFromLink(a.Val); ch != "" {
					if depth > 0 {
						return ch
					}
					if counts[strings.ToLower(ch)] == 0 {
						order = append(order, ch)
					}
					counts[strings.ToLower(ch)]++
				}
			}
		}
	}
}

func chrome(a atom.Atom) bool { return a == atom.Header || a == atom.Footer || a == atom.Nav }

// mostLinked returns the channel linked most often, the first on a tie.
func mostLinked(counts map[string]int, order []string) string {
	best, n := "", 0
	for _, ch := range order {
		if c := counts[strings.ToLower(ch)]; c > n {
			best, n = ch, c
		}
	}
	return best
}
