package alerts

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
)

// TestDigestIsBuiltForItsReader: the scheduler gives each digest its
// reader's language, destination, topics and schedule, so that renderers
// write it in that language and name them in the footer: a recipient of
// the config file in Russian on a cron schedule, a chat in English with
// its own daily time and zone.
func TestDigestIsBuiltForItsReader(t *testing.T) {
	ctx := context.Background()
	clk := clocktest.New(time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC))
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	it := feeds.Item{Key: "k", FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "ИГИЛ: задержан вербовщик", Link: "https://24.kg/1",
		FirstSeen: clk.Now().Add(-time.Hour)}
	if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
		t.Fatal(err)
	}
	st.AddSubscriber(ctx, "telegram:42", "Ann", clk.Now().Add(-48*time.Hour))
	st.Subscribe(ctx, "telegram:42", []string{"iskp", "islamic-state"}, clk.Now().Add(-48*time.Hour))
	st.SaveSettings(ctx, "telegram:42", store.Settings{Mode: store.ModeDigest, DigestAt: "07:30", TimeZone: "Asia/Bishkek", Language: "en"})
	audience := NewAudience(st, []Configured{{Destination: "email:ops@example.org", Topics: []string{"iskp"}, DigestOnly: true,
		Schedule: "CRON_TZ=Asia/Almaty 0 8 * * *", Language: "ru"}}, clk.Now)
	sched := NewDigestScheduler(st, audience, nil, m.Topics, clk.Now, slog.New(slog.DiscardHandler))
	sched.NameSourcesInTrouble(func() []string { return []string{"Kaktus"} }) // for the footer
	for _, tc := range []struct {
		dest, lang, following, schedule string
	}{
		{"email:ops@example.org", "ru", "Исламское государство — Хорасан (ИГ-Х)", "ежедневно в 08:00 (Алматы)"},
		{"telegram:42", "en", "Islamic State of Khorasan (ISKP), Islamic State in the region", "daily at 07:30 (Bishkek)"},
	} {
		r, ok, err := audience.Reader(ctx, tc.dest)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", tc.dest, ok, err)
		}
		d, err := sched.Digest(ctx, r, clk.Now().Add(-24*time.Hour), clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if d.Lang != tc.lang || d.Destination != tc.dest || strings.Join(d.Following, ", ") != tc.following ||
			d.ScheduleText() != tc.schedule || d.Count() != 1 || strings.Join(d.SourcesInTrouble, ",") != "Kaktus" {
			t.Errorf("%s: lang %q, destination %q, following %q, schedule %q, %d stories, sources in trouble %q; want %s, %q, %q, [Kaktus]",
				tc.dest, d.Lang, d.Destination, d.Following, d.ScheduleText(), d.Count(), d.SourcesInTrouble, tc.lang, tc.following, tc.schedule)
		}
		// The topics' sections are named in the reader's language too.
		if name := strings.Split(tc.following, ", ")[0]; len(d.Topics) == 0 || d.Topics[0].Name != name {
			t.Errorf("%s: first section %+v; want it named %q", tc.dest, d.Topics, name)
		}
	}
}
