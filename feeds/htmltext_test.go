package feeds

import "testing"

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<b>Bish</b>kek", "Bishkek"},
		{"Tom &amp; Jerry &lt;3 &#1058;&#x435;&#1089;&#1090;", "Tom & Jerry <3 Тест"},
		{"<script>alert('x')</script>Safe<style>p{}</style> text", "Safe text"},
		{"Unclosed <p>paragraph <a href='x'>link", "Unclosed paragraph link"},
		{"A stray < sign and a <p>", "A stray < sign and a"},
		{"line<br/>break", "line break"},
		{"non\u00a0breaking\u00a0space", "non breaking space"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := HTMLToText(tt.in); got != tt.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
