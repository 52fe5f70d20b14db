package telegram

import (
	"fmt"
	"strings"

	"github.com/newsalert/newsalert/alerts"
)

// maxAlso caps the "also reported by" links of one story.
const maxAlso = 8

// block is a self-contained piece of a digest: its HTML closes every tag
// it opens, so a message may end after any block.
type block struct {
	html, plain string
	topic       int // index of the topic section it belongs to; -1 for the header
}

// RenderDigest renders a digest as one or more messages, each within
// MaxMessage. Messages are split between stories, never inside one (nor
// inside a tag); a topic that continues in the next message has its
// heading repeated.
func RenderDigest(d alerts.Digest) []alerts.Text {
	blocks := digestBlocks(d)
	var out []alerts.Text
	var h, p strings.Builder
	size := 0     // length of h, as Telegram counts it
	current := -1 // topic whose heading the message under construction shows
	flush := func() {
		if h.Len() > 0 {
			out = append(out, alerts.Text{HTML: strings.TrimSpace(h.String()), Plain: strings.TrimSpace(p.String())})
		}
		h.Reset()
		p.Reset()
		size, current = 0, -1
	}
	for _, b := range blocks {
		var head block
		if b.topic >= 0 && b.topic != current {
			head = heading(d.Topics[b.topic], false)
		}
		if size+length(head.html)+length(b.html) > MaxMessage {
			continued := b.topic >= 0 && b.topic == current
			flush()
			if continued {
				head = heading(d.Topics[b.topic], true)
			}
		}
		h.WriteString(head.html + b.html)
		p.WriteString(head.plain + b.plain)
		size += length(head.html) + length(b.html)
		if b.topic >= 0 {
			current = b.topic
		}
	}
	flush()
	return out
}

// heading is a topic's heading in a digest, marked when the topic goes on
// from the message before.
func heading(t alerts.DigestTopic, continued bool) block {
	title := fmt.Sprintf("%s (%d)", clip(t.Name, 200), len(t.Entries))
	if continued {
		title += " (continued)"
	}
	return block{html: "\n<b>" + esc(title) + "</b>\n", plain: "\n" + title + "\n"}
}

// digestBlocks returns the header and one block per story.
func digestBlocks(d alerts.Digest) (blocks []block) {
	header := fmt.Sprintf("newsalert digest · %s\n%d %s since %s\n", d.Local(d.Until), d.Count(),
		plural(d.Count(), "story", "stories"), d.Local(d.Since))
	if len(d.Topics) == 0 {
		header += "Nothing matched your topics in this period.\n"
	}
	blocks = append(blocks, block{html: "📰 <b>" + esc(strings.TrimSuffix(header, "\n")) + "</b>\n", plain: "📰 " + header, topic: -1})
	for ti, t := range d.Topics {
		for _, e := range t.Entries {
			blocks = append(blocks, entryBlock(d, e, ti))
		}
	}
	return blocks
}

func entryBlock(d alerts.Digest, e alerts.DigestEntry, topic int) block {
	if e.ListedUnder != "" {
		return referenceBlock(e, topic)
	}
	var h, p strings.Builder
	th, tp := linked(clip(alerts.Clean(e.Title), titleRunes), e.Link, "\n  ")
	fmt.Fprintf(&h, "• %s", th)
	fmt.Fprintf(&p, "• %s", tp)
	meta := clip(alerts.Clean(e.Feed), 100)
	if !e.Published.IsZero() {
		meta += " · " + e.Published.In(d.Zone()).Format("2 Jan 15:04")
	}
	if len(e.Regions) > 0 {
		meta += " · " + strings.Join(e.Regions, ", ")
	}
	fmt.Fprintf(&h, " — <i>%s</i>\n", esc(meta))
	fmt.Fprintf(&p, "\n  %s\n", meta)
	if cont := d.Continues(e); cont != "" {
		line(&h, &p, clip(cont, 200))
	}
	if len(e.AlsoUnder) > 0 {
		line(&h, &p, "also under "+clip(alerts.Clean(strings.Join(e.AlsoUnder, ", ")), 300))
	}
	sources(&h, &p, "also reported by", e.Also, func(s alerts.DigestSource) (string, string) {
		return linked(clip(alerts.Clean(s.Feed), 60), s.Link, " ")
	})
	sources(&h, &p, "related:", e.Related, func(s alerts.DigestSource) (string, string) {
		sh, sp := linked(clip(alerts.Clean(s.Title), 120), s.Link, " ")
		feed := " (" + clip(alerts.Clean(s.Feed), 60) + ")"
		return sh + esc(feed), sp + feed
	})
	return block{html: h.String(), plain: p.String(), topic: topic}
}

// referenceBlock is one line pointing to a story listed in full under an
// earlier topic: its headline, linked, but not its link again in plain
// text.
func referenceBlock(e alerts.DigestEntry, topic int) block {
	title := clip(alerts.Clean(e.Title), titleRunes)
	th, _ := linked(title, e.Link, "")
	see := "listed under " + clip(alerts.Clean(e.ListedUnder), 200) + " above"
	return block{html: fmt.Sprintf("• %s — <i>%s</i>\n", th, esc(see)), plain: fmt.Sprintf("• %s\n  %s\n", title, see), topic: topic}
}

// line writes an indented line of text under an entry.
func line(h, p *strings.Builder, text string) {
	fmt.Fprintf(h, "  %s\n", esc(text))
	fmt.Fprintf(p, "  %s\n", text)
}

// sources writes a line listing a story's other reports, each as show
// renders it, at most maxAlso of them.
func sources(h, p *strings.Builder, label string, list []alerts.DigestSource, show func(alerts.DigestSource) (string, string)) {
	if len(list) == 0 {
		return
	}
	var hs, ps []string
	for i, s := range list {
		if i == maxAlso {
			more := fmt.Sprintf("and %d more", len(list)-maxAlso)
			hs, ps = append(hs, more), append(ps, more)
			break
		}
		sh, sp := show(s)
		hs, ps = append(hs, sh), append(ps, sp)
	}
	fmt.Fprintf(h, "  %s %s\n", label, strings.Join(hs, ", "))
	fmt.Fprintf(p, "  %s %s\n", label, strings.Join(ps, ", "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
