package telegram

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/text"
)

// MaxMessage is Telegram's limit on a message's length, in UTF-16 code
// units of its text. Messages are kept within it counting the HTML
// source, which is never shorter than the text Telegram derives from it.
const MaxMessage = 4096

// Render returns a message as Telegram HTML and as plain text. Every piece
// of feed text is escaped, so a title with "<", "&" or a stray tag
// cannot break the message.
func Render(m alerts.Message) (htmlText, plain string) {
	if m.Text != nil {
		return m.Text.HTML, m.Text.Plain
	}
	return renderAlert(m.Alert, m.Location())
}

// titleRunes caps a title: a feed can put a whole article in it.
const titleRunes = 400

func renderAlert(a alerts.Alert, loc *time.Location) (string, string) {
	var h, p strings.Builder
	names := make([]string, len(a.Topics))
	for i, t := range a.Topics {
		names[i] = t.Name
	}
	topics := clip(strings.Join(names, " · "), 200)
	fmt.Fprintf(&h, "🔔 <b>%s</b>\n", esc(topics))
	fmt.Fprintf(&p, "🔔 %s\n", topics)
	th, tp := linked(clip(alerts.Clean(a.Title), titleRunes), a.Link, "\n")
	if alerts.WebLink(a.Link) == "" {
		th = "<b>" + th + "</b>"
	}
	fmt.Fprintf(&h, "%s\n", th)
	fmt.Fprintf(&p, "%s\n", tp)
	source := clip(alerts.Clean(a.Feed), 100)
	if t := a.Published; !t.IsZero() {
		source += " · " + t.In(loc).Format("2 Jan 15:04 MST")
	}
	if a.Sources > 1 {
		source += " · " + otherSources(a.Sources-1, a.Outlets, a.Feed)
	}
	fmt.Fprintf(&h, "<i>%s</i>\n", esc(source))
	fmt.Fprintf(&p, "%s\n", source)
	// The topics often share their regions and matched words: each is
	// shown once.
	var regions, places, why []string
	for _, t := range a.Topics {
		regions = appendNew(regions, t.Regions...)
		places = appendNew(places, t.Places...)
		why = appendNew(why, t.Why...)
	}
	if len(regions) > 0 {
		line := "📍 " + strings.Join(regions, ", ")
		if len(places) > 0 {
			line += " (" + alerts.Clean(strings.Join(places, ", ")) + ")"
		}
		line = clip(line, 400)
		fmt.Fprintf(&h, "%s\n", esc(line))
		fmt.Fprintf(&p, "%s\n", line)
	}
	line := clip("matched: "+alerts.Clean(strings.Join(why, ", ")), 600)
	fmt.Fprintf(&h, "%s\n", esc(line))
	fmt.Fprintf(&p, "%s\n", line)
	if f := a.FollowUp; f != nil {
		title := clip(alerts.Clean(f.Title), 200)
		fh, _ := linked(title, f.Link, "")
		label := "related to an earlier alert"
		if !f.At.IsZero() {
			label += " (" + f.At.In(loc).Format("2 Jan 15:04") + ")"
		}
		fmt.Fprintf(&h, "↪ <i>%s:</i> %s\n", esc(label), fh)
		fmt.Fprintf(&p, "↪ %s: %s\n", label, title)
	}
	return strings.TrimSuffix(h.String(), "\n"), strings.TrimSuffix(p.String(), "\n")
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

// shownOutlets caps the outlets an alert names.
const shownOutlets = 5

// otherSources says who else reported the story: the outlets by name
// where known (the alert's own aside), else how many.
func otherSources(n int, outlets []string, own string) string {
	var names []string
	for _, o := range outlets {
		if o != own {
			names = append(names, alerts.Clean(o))
		}
	}
	switch {
	case len(names) > shownOutlets:
		return fmt.Sprintf("also reported by %s and %d more", strings.Join(names[:shownOutlets], ", "), len(names)-shownOutlets)
	case len(names) > 0:
		return "also reported by " + strings.Join(names, ", ")
	case n == 1:
		return "also reported by 1 other source"
	}
	return fmt.Sprintf("also reported by %d other sources", n)
}

// linked renders text as a link to link if that is a safe one: in HTML an
// anchor, in plain text the words then sep and the address.
func linked(text, link, sep string) (htmlText, plain string) {
	if link = alerts.WebLink(link); link == "" {
		return esc(text), text
	}
	return fmt.Sprintf("<a href=\"%s\">%s</a>", esc(link), esc(text)), text + sep + link
}

// esc escapes text for Telegram HTML: <, >, &, and quotes inside
// attributes (Telegram accepts numeric entities).
func esc(s string) string { return html.EscapeString(s) }

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
