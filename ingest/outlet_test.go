package ingest

import "testing"

func TestSameOutlet(t *testing.T) {
	for _, c := range []struct {
		feedA, linkA, feedB, linkB string
		want                       bool
	}{
		{"f1", "https://24.kg/a", "f2", "https://24.kg/b", true},
		{"f1", "https://www.24.kg/a", "f2", "https://24.kg/b", true},
		{"f1", "https://24.kg/a", "f1", "https://kaktus.media/b", false}, // an aggregator's feed
		{"f1", "http://127.0.0.1:8001/a", "f2", "http://127.0.0.1:8002/b", false},
		{"f1", "", "f1", "https://24.kg/b", true},
		{"f1", "", "f2", "", false},
	} {
		if got := sameOutlet(c.feedA, c.linkA, c.feedB, c.linkB); got != c.want {
			t.Errorf("sameOutlet(%q %q, %q %q) = %v, want %v", c.feedA, c.linkA, c.feedB, c.linkB, got, c.want)
		}
	}
}
