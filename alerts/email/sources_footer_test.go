package email

import (
	"strings"
	"testing"
)

// TestDigestFooterNamesSourcesInTrouble: a reader learns from the footer
// which sources the digest may lack, in both parts and in Russian too;
// a digest with every source working says nothing of them.
func TestDigestFooterNamesSourcesInTrouble(t *testing.T) {
	d := hostileDigest()
	d.SourcesInTrouble = []string{"Kaktus <media>", "24.kg"}
	r, err := Render(d, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "Sources not working now: Kaktus <media>, 24.kg") {
		t.Errorf("text footer lacks the sources:\n%s", r.Text)
	}
	if !strings.Contains(r.HTML, "Sources not working now: Kaktus &lt;media&gt;, 24.kg") {
		t.Errorf("HTML footer lacks the sources (escaped):\n%s", r.HTML)
	}
	d.Lang = "ru"
	if r, err = Render(d, ""); err != nil || !strings.Contains(r.Text, "Источники, которые сейчас не работают: Kaktus <media>, 24.kg") {
		t.Errorf("Russian footer (%v):\n%s", err, r.Text)
	}
	d.SourcesInTrouble, d.Lang = nil, ""
	if r, err = Render(d, ""); err != nil || strings.Contains(r.Text, "Sources not working") {
		t.Errorf("footer names sources while all work (%v):\n%s", err, r.Text)
	}
}
