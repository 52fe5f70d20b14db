package alerts

import (
	"context"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// TestReaderLanguage: a chat's own choice, else its config entry's, else
// the deployment's, else English.
func TestReaderLanguage(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	for _, d := range []string{"tg:chose", "tg:configured", "tg:default"} {
		st.AddSubscriber(ctx, d, d, clk.Now())
	}
	if err := st.SaveSettings(ctx, "tg:chose", store.Settings{Mode: store.ModeImmediate, Language: "en"}); err != nil {
		t.Fatal(err)
	}
	a := NewAudience(st, []Configured{
		{Destination: "tg:chose", Language: "ru"},
		{Destination: "tg:configured", Language: "ru"},
		{Destination: "mail:x", DigestOnly: true, Schedule: "0 8 * * *"}}, clk.Now)
	a.SetDefaults(Defaults{Language: "ru"})
	want := map[string]string{"tg:chose": "en", "tg:configured": "ru", "tg:default": "ru", "mail:x": "ru"}
	readers, err := a.Readers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readers {
		if r.Lang() != want[r.Destination] {
			t.Errorf("%s speaks %q, want %q", r.Destination, r.Lang(), want[r.Destination])
		}
	}
	if got := (Reader{}).Lang(); got != "en" {
		t.Errorf("a reader with nothing set speaks %q, want en", got)
	}
}
