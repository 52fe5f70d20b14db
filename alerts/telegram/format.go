package telegram

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf16"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/text"
)

// MaxMessage is Telegram's limit on a message's length, in UTF-16 code
// units of its text. Messages are kept within it counting the HTML
// source, which is never shorter than the text Telegram derives from it.
const MaxMessage = 4096

// Render returns a message as Telegram HTML and as plain text, in its
// reader's language. Every piece of feed text is escaped, so a title with
// "<", "&" or a stray tag cannot break the message.
func Render(m alerts.Message) (htmlText, plain string) {
	if m.Text != nil {
		return m.Text.HTML, m.Text.Plain
	}
	l := m.Alert.Lines(m.Lang, m.Location())
	htmlText, plain = renderAlert(l), l.Plain()
	if length(htmlText) > MaxMessage || length(plain) > MaxMessage {
		// Only feed text full of characters to escape gets here: the
		// lead goes first, then the markup.
		l.Lead = ""
		htmlText, plain = renderAlert(l), l.Plain()
	}
	if length(htmlText) > MaxMessage || length(plain) > MaxMessage {
		return "", clipUnits(plain, MaxMessage)
	}
	return htmlText, plain
}

// renderAlert lays an alert out as a wire alert: the headline, bold and
// linked; the outlet and local time; the lead; the countries; why.
func renderAlert(l alerts.AlertLines) string {
	var h strings.Builder
	th, _ := linked(l.Title, l.Link, "")
	fmt.Fprintf(&h, "<b>%s</b>\n", th)
	fmt.Fprintf(&h, "<i>%s</i>\n", esc(l.Source))
	if l.Lead != "" {
		fmt.Fprintf(&h, "%s\n", esc(l.Lead))
	}
	if l.Places != "" {
		fmt.Fprintf(&h, "📍 %s\n", esc(l.Places))
	}
	fmt.Fprintf(&h, "🏷 %s", esc(l.Why))
	if l.FollowUp != "" {
		fh, _ := linked(l.FollowUpTitle, l.FollowUpLink, "")
		fmt.Fprintf(&h, "\n↪ <i>%s:</i> %s", esc(l.FollowUp), fh)
	}
	return h.String()
}

// linked renders text as a link to link if that is a safe one: in HTML an
// anchor, in plain text the words then sep and the address.
func linked(text, link, sep string) (htmlText, plain string) {
	if link = alerts.WebLink(link); link == "" {
		return esc(text), text
	}
	return fmt.Sprintf("<a href=\"%s\">%s</a>", html.EscapeString(link), esc(text)), text + sep + link
}

// esc escapes text for Telegram HTML: <, > and &, the only characters
// its text must not hold; quotes stay quotes (an attribute's value is
// escaped with html.EscapeString, quotes too).
func esc(s string) string { return textEscaper.Replace(s) }

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// clip cuts s to about n runes, at a word, marking the cut.
func clip(s string, n int) string { return text.Truncate(s, n) }

// length is s's length as Telegram counts it: UTF-16 code units.
func length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Pack joins self-contained parts (each closes the tags it opens) into as
// few messages within MaxMessage as their order allows; a part too long
// alone is cut. Buttons go with the last message.
func Pack(parts []alerts.Text) []alerts.Text {
	var out []alerts.Text
	var cur alerts.Text
	var buttons [][]alerts.Button
	for _, p := range parts {
		buttons = append(buttons, p.Buttons...)
		if cur.HTML != "" && length(cur.HTML)+1+length(p.HTML) > MaxMessage {
			out = append(out, cur)
			cur = alerts.Text{}
		}
		if cur.HTML != "" {
			cur.HTML += "\n"
			cur.Plain += "\n"
		}
		cur.HTML += p.HTML
		cur.Plain += p.Plain
	}
	if cur.HTML != "" {
		out = append(out, cur)
	}
	for i := range out {
		if length(out[i].HTML) > MaxMessage {
			// Only a single huge part gets here: send its words plainly.
			out[i] = alerts.Text{Plain: clipUnits(out[i].Plain, MaxMessage)}
		}
	}
	if len(out) > 0 {
		out[len(out)-1].Buttons = buttons
	}
	return out
}

// clipUnits cuts s to at most n UTF-16 units.
func clipUnits(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n-1 {
			return s[:i] + "…"
		}
	}
	return s
}
