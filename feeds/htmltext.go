package feeds

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText turns an HTML fragment from a feed into plain text: tags
// dropped, entities decoded, script and style contents removed, block
// elements separated by spaces and all whitespace folded. Malformed HTML
// (unclosed tags, a stray "<") is read the way a browser would.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return foldSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // depth inside <script>/<style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return foldSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if z.Token().Type == html.StartTagToken {
					skip++
				}
			default:
				if !inline[atom.Lookup(name)] {
					b.WriteByte(' ')
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if skip > 0 {
					skip--
				}
			default:
				if !inline[atom.Lookup(name)] {
					b.WriteByte(' ')
				}
			}
		}
	}
}

// inline elements do not separate words: "<b>Bish</b>kek" is one word.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Em: true, atom.Font: true, atom.I: true, atom.Mark: true, atom.Q: true,
	atom.S: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true,
	atom.Sup: true, atom.U: true, atom.Wbr: true,
}

// foldSpace collapses every run of whitespace (including non-breaking
// spaces) into one space and trims the ends.
func foldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Truncate shortens s to at most n runes, cutting at a word boundary where
// it can and marking the cut with an ellipsis.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for i := n; i > n*3/4; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "…"
}
