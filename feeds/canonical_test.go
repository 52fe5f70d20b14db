package feeds

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://News.TUT.by:443/world/666980.html?utm_campaign=news-feed&utm_medium=rss&utm_source=rss-news",
			"https://news.tut.by/world/666980.html"},
		{"http://example.org:80/a?b=2&a=1#comments", "http://example.org/a?a=1&b=2"},
		{"http://example.org:8080/a", "http://example.org:8080/a"},
		{"https://example.org/a?fbclid=x&gclid=y&yclid=z&mc_cid=w&id=7", "https://example.org/a?id=7"},
		{"https://example.org", "https://example.org/"},
		{"https://24.kg/obschestvo/1234_v_bishkeke/", "https://24.kg/obschestvo/1234_v_bishkeke/"},
		{"https://example.org/a?", "https://example.org/a"},
		{"//0? #0", "//0/"}, // found by FuzzCanonicalURL: "//0/? " was not stable
		{"not a url", "not a url"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := canonicalURL(tt.in); got != tt.want {
			t.Errorf("canonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
