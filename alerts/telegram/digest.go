package telegram

import (
	"fmt"
	"strings"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/i18n"
)

// maxAlso caps the "also reported by" links of one story.
const maxAlso = 8

// block is a self-contained piece of a digest: its HTML closes every tag
// it opens, so a message may end after any block.
type block struct {
	html, plain string
	topic       int // index of the topic section it belongs to; -1 for the header and footer
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
			head = heading(d, d.Topics[b.topic], false)
		}
		if size+length(head.html)+length(b.html) > MaxMessage {
			continued := b.topic >= 0 && b.topic == current
			flush()
			if continued {
				head = heading(d, d.Topics[b.topic], true)
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
func heading(d alerts.Digest, t alerts.DigestTopic, continued bool) block {
	title := fmt.Sprintf("%s (%d)", clip(alerts.Clean(t.Name), 200), len(t.Entries))
	if continued {
		title += " " + d.Printer().T("digest.continued")
	}
	return block{html: "\n<b>" + esc(title) + "</b>\n", plain: "\n" + title + "\n"}
}

// digestTitleRunes caps a title in a digest: two or three lines on a phone.
const digestTitleRunes = 140

// digestBlocks returns the header, one block per story and the footer.
func digestBlocks(d alerts.Digest) (blocks []block) {
	p := d.Printer()
	title := p.T("digest.title") + " · " + d.Local(d.Until) + " (" + alerts.ZoneCity(d.Zone(), d.Lang) + ")"
	sub := p.N("digest.stories", d.Count()) + " " + p.T("digest.since", d.Local(d.Since))
	if d.Count() == 0 {
		sub = p.T("digest.empty")
	}
	blocks = append(blocks, block{html: "📰 <b>" + esc(title) + "</b>\n" + esc(sub) + "\n", plain: "📰 " + title + "\n" + sub + "\n", topic: -1})
	for ti, t := range d.Topics {
		for _, e := range t.Entries {
			blocks = append(blocks, entryBlock(d, e, ti))
		}
	}
	return append(blocks, footerBlock(d))
}

// footerBlock names the reader's topics and schedule, and the commands
// that change them.
func footerBlock(d alerts.Digest) block {
	p := d.Printer()
	topics := p.T("digest.footer.topics.all")
	if len(d.Following) > 0 {
		topics = clip(alerts.Clean(strings.Join(d.Following, ", ")), 600)
	}
	about := p.T("digest.footer.topics", topics)
	if when := d.ScheduleText(); when != "" {
		about += "\n" + p.T("digest.footer.schedule", when)
	}
	manage := p.T("digest.footer.manage.telegram")
	return block{html: "\n<i>" + esc(about) + "</i>\n" + esc(manage) + "\n", plain: "\n" + about + "\n" + manage + "\n", topic: -1}
}

// digestLeadRunes is a story's lead in a digest: shorter than an alert's,
// for a digest has many.
const digestLeadRunes = 200

func entryBlock(d alerts.Digest, e alerts.DigestEntry, topic int) block {
	p := d.Printer()
	var h, pl strings.Builder
	th, tp := linked(clip(alerts.Clean(e.Title), digestTitleRunes), e.Link, "\n  ")
	fmt.Fprintf(&h, "• %s", th)
	fmt.Fprintf(&pl, "• %s", tp)
	meta := d.EntryMeta(e, clip(alerts.Clean(e.Feed), 100))
	fmt.Fprintf(&h, "\n  <i>%s</i>\n", esc(meta))
	fmt.Fprintf(&pl, "\n  %s\n", meta)
	if cont := d.Continues(e); cont != "" {
		line(&h, &pl, clip(cont, 200))
	}
	if lead := alerts.Lead(e.Summary, e.Title, digestLeadRunes); lead != "" {
		line(&h, &pl, lead)
	}
	var why []string
	if w := alerts.WhyWords(e.Why); len(w) > 0 {
		why = append(why, p.T("digest.why")+" "+clip(strings.Join(w, ", "), 200))
	}
	if len(e.Tags) > 0 {
		why = append(why, p.T("digest.tags")+" "+clip(alerts.Clean(strings.Join(e.Tags, " · ")), 300))
	}
	if len(why) > 0 {
		line(&h, &pl, strings.Join(why, " · "))
	}
	sources(&h, &pl, p, p.T("digest.also"), e.Also, func(s alerts.DigestSource) (string, string) {
		return linked(clip(alerts.Clean(s.Feed), 60), s.Link, " ")
	})
	sources(&h, &pl, p, p.T("digest.related"), e.Related, func(s alerts.DigestSource) (string, string) {
		sh, sp := linked(clip(alerts.Clean(s.Title), 120), s.Link, " ")
		feed := " (" + clip(alerts.Clean(s.Feed), 60) + ")"
		return sh + esc(feed), sp + feed
	})
	return block{html: h.String(), plain: pl.String(), topic: topic}
}

// line writes an indented line of text under an entry.
func line(h, p *strings.Builder, text string) {
	fmt.Fprintf(h, "  %s\n", esc(text))
	fmt.Fprintf(p, "  %s\n", text)
}

// sources writes a line listing a story's other reports, each as show
// renders it, at most maxAlso of them.
func sources(h, p *strings.Builder, pr i18n.Printer, label string, list []alerts.DigestSource, show func(alerts.DigestSource) (string, string)) {
	if len(list) == 0 {
		return
	}
	var hs, ps []string
	for i, s := range list {
		if i == maxAlso {
			more := pr.N("digest.also.more", len(list)-maxAlso)
			hs, ps = append(hs, esc(more)), append(ps, more)
			break
		}
		sh, sp := show(s)
		hs, ps = append(hs, sh), append(ps, sp)
	}
	fmt.Fprintf(h, "  %s %s\n", esc(label), strings.Join(hs, ", "))
	fmt.Fprintf(p, "  %s %s\n", label, strings.Join(ps, ", "))
}
