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
	"github.com/newsalert/newsalert/text"
)

//go:embed templates
var templateFS embed.FS

var funcs = map[string]any{"join": strings.Join, "clean": alerts.Clean, "snippet": snippet, "weblink": alerts.WebLink}

// snippetRunes is how much of an item's summary a digest shows.
const snippetRunes = 280

// snippet is the start of a summary, cut at a word.
func snippet(s string) string {
	return text.Truncate(strings.Join(strings.Fields(alerts.Clean(s)), " "), snippetRunes)
}

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("digest.html").Funcs(funcs).ParseFS(templateFS, "templates/digest.html"))
	textTmpl = texttemplate.Must(texttemplate.New("digest.txt").Funcs(funcs).ParseFS(templateFS, "templates/digest.txt"))
)

// view is what the templates see.
type view struct {
	Subject, Period, Summary, Unsubscribe string
	Digest                                alerts.Digest
}

// Rendered is a digest as subject, plain text and HTML, and the stable id
// of its Message-ID ("" for a new one).
type Rendered struct {
	Subject, Text, HTML, ID string
}

// Render renders d. unsubscribe is a URL or mailto: shown in the footer
// ("" for none). html/template escapes all feed text in the HTML part, and
// links that are not http(s) become "#ZgotmplZ".
func Render(d alerts.Digest, unsubscribe string) (Rendered, error) {
	v := view{
		Subject:     Subject(d),
		Period:      fmt.Sprintf("%s – %s", d.Local(d.Since), d.Local(d.Until)),
		Summary:     summary(d),
		Unsubscribe: unsubscribe,
		Digest:      d,
	}
	var h, t bytes.Buffer
	if err := htmlTmpl.Execute(&h, v); err != nil {
		return Rendered{}, fmt.Errorf("render digest HTML: %w", err)
	}
	if err := textTmpl.Execute(&t, v); err != nil {
		return Rendered{}, fmt.Errorf("render digest text: %w", err)
	}
	return Rendered{Subject: v.Subject, Text: t.String(), HTML: h.String()}, nil
}

// Subject names the digest's day and size.
func Subject(d alerts.Digest) string {
	n := d.Count()
	noun := "stories"
	if n == 1 {
		noun = "story"
	}
	return fmt.Sprintf("newsalert digest %s: %d %s", d.Until.In(d.Zone()).Format("2 Jan 2006"), n, noun)
}

func summary(d alerts.Digest) string {
	if d.Count() == 0 {
		return "Nothing matched your topics in this period."
	}
	parts := make([]string, len(d.Topics))
	for i, t := range d.Topics {
		parts[i] = fmt.Sprintf("%s: %d", t.Name, len(t.Entries))
	}
	return strings.Join(parts, " · ")
}
