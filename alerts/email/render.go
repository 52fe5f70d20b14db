// Package email renders digests as multipart e-mail (plain text and HTML)
// and sends them over SMTP.
package email

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/i18n"
	"github.com/newsalert/newsalert/text"
)

//go:embed templates
var templateFS embed.FS

var funcs = map[string]any{"join": strings.Join, "clean": alerts.Clean, "weblink": alerts.WebLink}

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("digest.html").Funcs(funcs).ParseFS(templateFS, "templates/digest.html"))
	textTmpl = texttemplate.Must(texttemplate.New("digest.txt").Funcs(funcs).ParseFS(templateFS, "templates/digest.txt"))
)

const (
	// snippetRunes is how much of an item's summary a digest shows.
	snippetRunes = 280
	// titleRunes is how much of a title a digest shows (two lines on a
	// desktop, four on a phone); subjectTitleRunes of the top story's in
	// the subject.
	titleRunes        = 140
	subjectTitleRunes = 90
	// maxSources caps the outlets listed under one story.
	maxSources = 8
	// htmlBudget is how much HTML the stories may take, counted as sent
	// (quoted-printable: a Cyrillic letter takes six bytes, not two):
	// Gmail cuts off a message whose HTML passes 102 KB, and who says
	// whether it counts it encoded or not. What does not fit is counted
	// instead (see fitEntries).
	htmlBudget = 80_000
)

// snippet is the start of a summary, cut at a word.
func snippet(s string) string {
	return text.Truncate(strings.Join(strings.Fields(alerts.Clean(s)), " "), snippetRunes)
}

// view is what the templates see.
type view struct {
	Lang, Subject, Preheader, Heading, Summary, Omitted string
	Sections                                            []section
	Footer                                              footer
}

// section is a topic's stories; in the HTML part, those that fit.
type section struct {
	Name    string
	Count   int
	Entries []entry
	HTML    []htmltemplate.HTML
	Shown   int    // entries the HTML part shows; the text part gives the others in short
	More    string // "and N more under this topic"
}

// entry is a story as both parts show it; labels are in the reader's language.
type entry struct {
	Title, Link, Meta, Continues, Lead, Tags, Why string
	Also, Related                                 []alerts.DigestSource
	AlsoMore                                      string
	L                                             labels
}

type labels struct{ Also, Related, Why, Tags string }

type footer struct {
	Topics, Schedule, Sources, Manage, Unsubscribe, UnsubscribeLabel string
}

// Rendered is a digest as subject, plain text and HTML, and the stable id
// of its Message-ID ("" for a new one).
type Rendered struct {
	Subject, Text, HTML, ID string
}

// Render renders d in its reader's language. unsubscribe is a URL or
// mailto: shown in the footer ("" for none). html/template escapes all
// feed text in the HTML part, and links that are not http(s) become
// "#ZgotmplZ". The HTML part lists the stories that fit in htmlBudget
// and counts the others; the plain-text part lists them all.
func Render(d alerts.Digest, unsubscribe string) (Rendered, error) {
	p := d.Printer()
	v := view{Lang: p.Lang(), Subject: Subject(d), Preheader: preheader(d), Summary: p.T("digest.empty"),
		Heading: p.T("digest.title") + " · " + d.Local(d.Until) + " (" + alerts.ZoneCity(d.Zone(), d.Lang) + ")", Footer: footerOf(d, unsubscribe)}
	if d.Count() > 0 {
		v.Summary = p.T("digest.period", d.Local(d.Since), d.Local(d.Until)) + " · " + p.N("digest.stories", d.Count())
	}
	sizes, err := v.addSections(d)
	if err != nil {
		return Rendered{}, err
	}
	v.keepWhatFits(p, fitEntries(sizes, htmlBudget))
	var h, t bytes.Buffer
	if err := htmlTmpl.Execute(&h, v); err != nil {
		return Rendered{}, fmt.Errorf("render digest HTML: %w", err)
	}
	if err := textTmpl.Execute(&t, v); err != nil {
		return Rendered{}, fmt.Errorf("render digest text: %w", err)
	}
	return Rendered{Subject: v.Subject, Text: t.String(), HTML: h.String()}, nil
}

// addSections renders each topic's stories, and returns their HTML's
// sizes as sent.
func (v *view) addSections(d alerts.Digest) ([][]int, error) {
	sizes := make([][]int, len(d.Topics))
	for i, t := range d.Topics {
		s := section{Name: t.Name, Count: len(t.Entries), Shown: len(t.Entries)}
		for _, e := range t.Entries {
			ev := entryOf(d, e)
			var b bytes.Buffer
			if err := htmlTmpl.ExecuteTemplate(&b, "entry", ev); err != nil {
				return nil, fmt.Errorf("render digest HTML: %w", err)
			}
			s.Entries = append(s.Entries, ev)
			s.HTML = append(s.HTML, htmltemplate.HTML(b.String())) // html/template's own escaped output
			sizes[i] = append(sizes[i], encodedSize(b.Bytes()))
		}
		v.Sections = append(v.Sections, s)
	}
	return sizes, nil
}

// keepWhatFits keeps in the HTML part shown[i] stories of section i, and
// says how many it left out, under each topic and in all.
func (v *view) keepWhatFits(p i18n.Printer, shown []int) {
	omitted := 0
	for i, n := range shown {
		s := &v.Sections[i]
		if left := len(s.HTML) - n; left > 0 {
			s.HTML, s.Shown, s.More = s.HTML[:n], n, p.N("digest.omitted.topic", left)
			omitted += left
		}
	}
	if omitted > 0 {
		v.Omitted = p.N("digest.omitted", omitted)
	}
}

// fitEntries says how many stories of each topic the HTML part shows,
// given each story's size, so that they take at most budget bytes: the
// stories are taken by rank, the first of every topic, then the second of
// every topic, and so on, so that a long topic does not crowd out the
// ones after it. It stops at the first story that does not fit.
func fitEntries(sizes [][]int, budget int) []int {
	shown := make([]int, len(sizes))
	used := 0
	for rank := 0; ; rank++ {
		took := false
		for t, s := range sizes {
			if rank >= len(s) {
				continue
			}
			if used+s[rank] > budget {
				return shown
			}
			used += s[rank]
			shown[t]++
			took = true
		}
		if !took {
			return shown
		}
	}
}

// encodedSize is about how many bytes b takes in quoted-printable, as
// go-mail sends the HTML part: three for each byte past ASCII and each
// '=', one for others, and a soft line break every 73.
func encodedSize(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 || c == '=' {
			n += 3
		} else {
			n++
		}
	}
	return n + n/73*3
}

func entryOf(d alerts.Digest, e alerts.DigestEntry) entry {
	p := d.Printer()
	v := entry{Title: text.Truncate(alerts.Clean(e.Title), titleRunes), Link: e.Link, Meta: d.EntryMeta(e, alerts.Clean(e.Feed)),
		Continues: d.Continues(e), Lead: snippet(e.Summary), Tags: alerts.Clean(strings.Join(e.Tags, " · ")),
		Why: strings.Join(alerts.WhyWords(e.Why), ", "), Also: e.Also, Related: e.Related,
		L: labels{Also: p.T("digest.also"), Related: p.T("digest.related"), Why: p.T("digest.why"), Tags: p.T("digest.tags")}}
	if len(v.Also) > maxSources {
		v.Also, v.AlsoMore = v.Also[:maxSources], p.N("digest.also.more", len(e.Also)-maxSources)
	}
	if len(v.Related) > maxSources {
		v.Related = v.Related[:maxSources]
	}
	for i := range v.Related {
		v.Related[i].Title = text.Truncate(alerts.Clean(v.Related[i].Title), titleRunes)
	}
	return v
}

func footerOf(d alerts.Digest, unsubscribe string) footer {
	p := d.Printer()
	topics := p.T("digest.footer.topics.all")
	if len(d.Following) > 0 {
		topics = alerts.Clean(strings.Join(d.Following, ", "))
	}
	f := footer{Topics: p.T("digest.footer.topics", topics), Manage: p.T("digest.footer.manage.email"),
		Unsubscribe: unsubscribe, UnsubscribeLabel: p.T("digest.footer.unsubscribe")}
	if when := d.ScheduleText(); when != "" {
		f.Schedule = p.T("digest.footer.schedule", when)
	}
	if len(d.SourcesInTrouble) > 0 {
		f.Sources = p.T("digest.footer.sources", alerts.Clean(strings.Join(d.SourcesInTrouble, ", ")))
	}
	return f
}

// Subject names the top story and how many more there are ("Osh: two
// detained for extremist posts — and 11 more stories"), or says that
// nothing matched, with the day.
func Subject(d alerts.Digest) string {
	p := d.Printer()
	top, ok := d.Top()
	if !ok {
		return p.T("digest.subject.empty", dayOf(d, p))
	}
	subject := text.Truncate(strings.Join(strings.Fields(alerts.Clean(top.Title)), " "), subjectTitleRunes)
	if n := d.Count() - 1; n > 0 {
		subject += p.N("digest.subject.more", n)
	}
	return subject
}

// dayOf is the digest's last day ("27 Nov").
func dayOf(d alerts.Digest, p i18n.Printer) string {
	t := d.Until.In(d.Zone())
	return fmt.Sprintf("%d %s", t.Day(), p.T(fmt.Sprint("digest.month.", int(t.Month()))))
}

// preheader is the line a mail client shows after the subject: each
// topic with its count.
func preheader(d alerts.Digest) string {
	if d.Count() == 0 {
		return d.Printer().T("digest.empty")
	}
	parts := make([]string, len(d.Topics))
	for i, t := range d.Topics {
		parts[i] = fmt.Sprintf("%s: %d", alerts.Clean(t.Name), len(t.Entries))
	}
	return strings.Join(parts, " · ")
}
