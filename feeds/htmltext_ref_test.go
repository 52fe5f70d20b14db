package feeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokenizerText is the reference: text extraction with x/net/html's
// tokenizer, which follows the HTML5 tokenization rules.
func tokenizerText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var t textBuilder
	t.limit = -1
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if skip == 0 {
				t.WriteString(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tt := z.Token()
			name := tt.DataAtom.String()
			if tt.DataAtom == 0 {
				name = strings.ToLower(tt.Data)
			}
			switch {
			case rawText[name] && tt.Type == html.StartTagToken:
				skip++
			case rawText[name] && tt.Type == html.EndTagToken:
				skip = max(skip-1, 0)
			case !inline[name] && !rawText[name]:
				t.space()
			}
		}
	}
}

var _ = atom.A

// fixtureHTML returns every description and content of the real feeds.
func fixtureHTML(t testing.TB) []string {
	files, _ := filepath.Glob("../testdata/feeds/*")
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		feed, err := Parse(body, "")
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, it := range feed.Items {
			out = append(out, it.Title, it.Description, it.Content)
		}
	}
	return out
}

var trickyHTML = []string{
	"a < b and c > d", `<p class="x>y">text</p>`, "before<!-- a <b>comment</b> -->after", "<SCRIPT>x()</SCRIPT>y",
	"line<br/>break", "&amp;lt;p&amp;gt; double-escaped", "<a href=x>link</a>", "unclosed <b", "<style>p{}</style>shown",
	"<p>One<p>Two", "x<?php echo 1 ?>y", "<![CDATA[raw]]>z", "<div\nclass='a'>multi-line tag</div>", "3<4 and 5>4",
	"<img src=x onerror=alert(1)>after", "&nbsp;&#1058;&#x435;&copy;&unknown; &", "</p>closing first",
	"<scripty>not a script</scripty>", "<script>never closed",
}

func TestHTMLTextMatchesTokenizer(t *testing.T) {
	docs := append(fixtureHTML(t), trickyHTML...)
	differ := 0
	for _, d := range docs {
		if got, want := HTMLToText(d), tokenizerText(d); got != want {
			differ++
			if differ <= 3 {
				t.Errorf("differs from the tokenizer on %.200q:\n got %.300q\nwant %.300q", d, got, want)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d fixture texts differ", differ, len(docs))
	}
	t.Logf("%d fixture texts compared", len(docs))
}

func BenchmarkHTMLToText(b *testing.B) {
	docs := fixtureHTML(b)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.Run("scanner", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, d := range docs {
				HTMLToText(d)
			}
		}
	})
	b.Run("x-net-html-tokenizer", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, d := range docs {
				tokenizerText(d)
			}
		}
	})
}
