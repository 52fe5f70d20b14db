package alerts

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/store/storetest"
)

// TestAlertsKeepTheirReadersLanguage: an immediate subscriber carries its
// reader's language; the alert queued for it, and the edit that shows its
// story grown, are in that language.
func TestAlertsKeepTheirReadersLanguage(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	a := NewAudience(st, []Configured{{Destination: "telegram:1", Language: "ru"}, {Destination: "telegram:2"}}, clk.Now)
	subs, err := a.Immediate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	for _, s := range subs {
		langs[s.Destination] = s.Lang
	}
	if langs["telegram:1"] != "ru" || langs["telegram:2"] != "en" {
		t.Fatalf("subscribers' languages = %v; want ru and en", langs)
	}
	told, err := Message{Alert: Alert{Title: "T", Feed: "Kaktus", Topics: []TopicHit{{Name: "A"}}}, Lang: "ru"}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	grown, err := subs[0].grow()(told, ingest.Story{Sources: 3})
	if err != nil {
		t.Fatal(err)
	}
	m, err := DecodeMessage(grown)
	if err != nil {
		t.Fatal(err)
	}
	if m.Lang != "ru" || !strings.Contains(m.PlainText(), "сообщают ещё 2 источника") {
		t.Errorf("the edit is in %q:\n%s", m.Lang, m.PlainText())
	}
}
