package feeds

import "testing"

// TestHostOf: the poller's per-host slots and the Telegram gate key on
// the same host: a URL's host with its port, the target itself when it is
// not a URL.
func TestHostOf(t *testing.T) {
	for target, want := range map[string]string{
		"https://t.me/s/kaktus_media?before=100": "t.me",
		"http://127.0.0.1:8080/feed.xml":         "127.0.0.1:8080",
		"https://24.kg/rss/":                     "24.kg",
		"::not a url":                            "::not a url",
	} {
		if got := hostOf(target); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", target, got, want)
		}
	}
}
