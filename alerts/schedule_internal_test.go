package alerts

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/internal/storypairs"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/store/storetest"
	"github.com/newsalert/newsalert/stories"
)

func TestDigestsComeOnTimeInTheChatsZoneAndOnce(t *testing.T) {
	ctx := context.Background()
	day := func(d, h, min int) time.Time { return time.Date(2026, 11, d, h, min, 0, 0, time.UTC) }
	clk := clocktest.New(day(26, 8, 0))
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	add := func(key, topic string, at time.Time) {
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "Title " + key,
			Link: "https://24.kg/" + key, FirstSeen: at}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: topic}}}); err != nil {
			t.Fatal(err)
		}
	}
	// Almaty is UTC+5: 08:00 there is 03:00 UTC.
	st.EnsureSubscriber(ctx, "tg:1", "Alice", "private", day(25, 12, 0))
	st.Subscribe(ctx, "tg:1", []string{"iskp"}, day(25, 12, 0))
	st.Subscribe(ctx, "tg:1", []string{"terrorism"}, day(26, 20, 0))
	st.SaveSettings(ctx, "tg:1", store.Settings{Mode: store.ModeDigest, TimeZone: "Asia/Almaty"})
	// Bob gets alerts at once: his digest holds only digest-only topics.
	st.EnsureSubscriber(ctx, "tg:2", "Bob", "private", day(25, 12, 0))
	st.Subscribe(ctx, "tg:2", []string{"iskp", "propaganda"}, day(25, 12, 0))

	add("a", "iskp", day(26, 9, 0))
	add("b", "terrorism", day(26, 10, 0)) // before Alice followed terrorism
	add("c", "terrorism", day(26, 21, 0))
	add("d", "attacks", day(26, 22, 0)) // nobody follows it
	add("e", "propaganda", day(26, 23, 0))

	var got []string
	render := func(d Digest) []Text {
		var b strings.Builder
		for _, tp := range d.Topics {
			for _, e := range tp.Entries {
				b.WriteString(tp.ID + ":" + strings.TrimPrefix(e.Title, "Title ") + " ")
			}
		}
		got = append(got, b.String())
		return []Text{{HTML: b.String(), Plain: b.String()}}
	}
	sched := NewDigestScheduler(st, NewAudience(st, nil, clk.Now), map[string]DigestRenderer{"tg": render},
		m.Topics, clk.Now, slog.New(slog.DiscardHandler))
	queueAt := func(now time.Time) int {
		clk.Set(now)
		n, err := sched.QueueDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// On the 26th, Alice's 08:00 (03:00 UTC) and Bob's 08:00 UTC come and
	// go with nothing to say; both periods end there.
	queueAt(day(26, 8, 0))
	got = nil
	if n := queueAt(day(27, 2, 59)); n != 0 {
		t.Errorf("07:59 in Almaty: %d messages queued", n)
	}
	if n := queueAt(day(27, 3, 0)); n != 1 || len(got) != 1 || got[0] != "iskp:a terrorism:c " {
		t.Errorf("08:00 in Almaty: %d queued, digest %q; want a and c (b came before the subscription, d is not followed)", n, got)
	}
	if n := queueAt(day(27, 3, 5)); n != 0 {
		t.Errorf("the digest was queued twice (%d)", n)
	}
	got = nil
	if n := queueAt(day(27, 8, 0)); n != 1 || len(got) != 1 || got[0] != "propaganda:e " {
		t.Errorf("Bob's 08:00 UTC: %d queued, %q; want the digest-only topic only", n, got)
	}
	due, _ := st.DueDeliveries(ctx, day(28, 0, 0), 0, 10)
	if len(due) != 2 || due[0].Destination != "tg:1" || due[1].Destination != "tg:2" {
		t.Errorf("outbox = %+v", due)
	}
	sub, _ := st.Subscriber(ctx, "tg:1")
	if !sub.LastDigest.Equal(day(27, 3, 0)) {
		t.Errorf("last digest = %v", sub.LastDigest)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string][2]int{"08:00": {8, 0}, "7:30": {7, 30}, " 23:59 ": {23, 59}} {
		h, m, err := ParseClock(in)
		if err != nil || h != want[0] || m != want[1] {
			t.Errorf("ParseClock(%q) = %d, %d, %v", in, h, m, err)
		}
	}
	for _, bad := range []string{"24:00", "8", "noon", "08:60"} {
		if _, _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

// Across the changes of daylight-saving time a digest comes once a day:
// none skipped when 02:30 does not exist, none twice when it exists twice.
func TestDigestScheduleAcrossDaylightSaving(t *testing.T) {
	s := &DigestScheduler{}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, start := range []time.Time{
		time.Date(2026, 3, 26, 12, 0, 0, 0, berlin),  // spring forward on 29 March, 02:00 → 03:00
		time.Date(2026, 10, 22, 12, 0, 0, 0, berlin), // fall back on 25 October, 03:00 → 02:00
	} {
		for _, spec := range []string{"CRON_TZ=Europe/Berlin 30 2 * * *", "CRON_TZ=Europe/Berlin 0 8 * * *"} {
			r := Reader{Subscriber: store.Subscriber{LastDigest: start}, Schedule: spec}
			days := map[string]int{}
			for range 6 {
				next, err := s.NextDigest(r)
				if err != nil {
					t.Fatal(err)
				}
				if !next.After(r.LastDigest) {
					t.Fatalf("%s: next %v not after %v", spec, next, r.LastDigest)
				}
				days[next.In(berlin).Format("2006-01-02")]++
				r.LastDigest = next
			}
			if len(days) != 6 {
				t.Errorf("%s from %s: digests on %v; want one on each of 6 days", spec, start.Format("2 Jan"), days)
			}
		}
	}
}

// A recipient with send_empty gets a digest when nothing matched; one
// without does not.
func TestSendEmpty(t *testing.T) {
	ctx := context.Background()
	created := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clk := clocktest.New(created.Add(20 * time.Hour)) // 08:00 the next day
	st := storetest.Open(t, clk.Now)
	m, _ := rules.Load("../rules.yaml")
	for _, d := range []string{"mail:quiet", "mail:always"} {
		st.AddSubscriber(ctx, d, d, created)
	}
	audience := NewAudience(st, []Configured{
		{Destination: "mail:quiet", DigestOnly: true, Schedule: "0 8 * * *"},
		{Destination: "mail:always", DigestOnly: true, Schedule: "0 8 * * *", SendEmpty: true}}, clk.Now)
	render := func(d Digest) []Text { return []Text{{Subject: "s", Plain: fmt.Sprint(d.Count(), " stories")}} }
	sched := NewDigestScheduler(st, audience, map[string]DigestRenderer{"mail": render}, m.Topics,
		clk.Now, slog.New(slog.DiscardHandler))
	if n, err := sched.QueueDue(ctx); err != nil || n != 1 {
		t.Fatalf("queued %d, %v; want the one empty digest", n, err)
	}
	due, _ := st.DueDeliveries(ctx, clk.Now(), 0, 10)
	if len(due) != 1 || due[0].Destination != "mail:always" {
		t.Errorf("outbox = %+v", due)
	}
}

// TestDigestSaysAStoryGoesOnFromTheLastDigest: a report that joins a
// story told in yesterday's digest is listed today as its continuation,
// naming yesterday's report; a story new today is not.
func TestDigestSaysAStoryGoesOnFromTheLastDigest(t *testing.T) {
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	clk := clocktest.New(day(25, 12))
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	add := func(key, title, lead string, at time.Time) {
		it := feeds.Item{Key: key, FeedURL: "http://127.0.0.1/" + key, FeedName: "feed-" + key, Title: title,
			Summary: lead, Link: "https://127.0.0.1/" + key, FirstSeen: at}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Fingerprint: stories.Of(title, lead),
			Matches: []store.Match{{Topic: "iskp"}}}); err != nil {
			t.Fatal(err)
		}
	}
	st.AddSubscriber(ctx, "mail:ann", "Ann", day(25, 12))
	audience := NewAudience(st, []Configured{{Destination: "mail:ann", DigestOnly: true, Schedule: "0 8 * * *"}}, clk.Now)
	var got []Digest
	render := func(d Digest) []Text { got = append(got, d); return []Text{{Subject: "s", Plain: "p"}} }
	sched := NewDigestScheduler(st, audience, map[string]DigestRenderer{"mail": render}, m.Topics, clk.Now, slog.New(slog.DiscardHandler))
	queueAt := func(now time.Time) {
		t.Helper()
		clk.Set(now)
		if n, err := sched.QueueDue(ctx); err != nil || n != 1 {
			t.Fatalf("%v: queued %d, %v", now, n, err)
		}
		// Delivered (the outbox's times are the clock's), so the next
		// digest starts where this one ended.
		due, _ := st.DueDeliveries(ctx, now, 0, 10)
		for _, d := range due {
			if err := st.MarkSent(ctx, d.ID, now, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	arrest := storypairs.BishkekArrest
	add("a", arrest[0].Title, arrest[0].Lead, day(26, 20))
	queueAt(day(27, 8))
	add("b", arrest[1].Title, arrest[1].Lead, day(27, 20))
	add("c", "ISIS recruiter sentenced in Tashkent", "A court in Tashkent sentenced an ISIS recruiter to nine years.", day(27, 21))
	queueAt(day(28, 8))
	if len(got) != 2 || len(got[1].Topics) != 1 || len(got[1].Topics[0].Entries) != 2 {
		t.Fatalf("digests = %+v", got)
	}
	today := got[1].Topics[0].Entries // newest first: c, then b
	if want := "continues a story of 26 Nov, 20:00: " + arrest[0].Title; today[1].ItemKey != "b" || got[1].Continues(today[1]) != want {
		t.Errorf("b: %q; want %q", got[1].Continues(today[1]), want)
	}
	if c := got[1].Continues(today[0]); today[0].ItemKey != "c" || c != "" || got[0].Continues(got[0].Topics[0].Entries[0]) != "" {
		t.Errorf("a story new in its digest says %q", c)
	}
}

// TestTopicsOf: which followed topics each kind of digest covers, for a
// reader in each mode, with one topic delivered at once and one by digest.
func TestTopicsOf(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	topics := []*rules.Topic{{ID: "now", Delivery: rules.DeliverImmediate}, {ID: "later", Delivery: rules.DeliverDigest},
		{ID: "unfollowed", Delivery: rules.DeliverImmediate}}
	s := NewDigestScheduler(nil, nil, nil, func() []*rules.Topic { return topics }, now, slog.New(slog.DiscardHandler))
	for _, tc := range []struct {
		mode  string
		which topicSet
		want  string
	}{
		{store.ModeImmediate, scheduledTopics, "later"},
		{store.ModeBoth, scheduledTopics, "now later"},
		{store.ModeDigest, scheduledTopics, "now later"},
		{store.ModeImmediate, alertedTopics, "now"},
		{store.ModeBoth, alertedTopics, "now"},
		{store.ModeDigest, alertedTopics, ""},
		{store.ModeImmediate, followedTopics, "now later"},
		{store.ModeDigest, followedTopics, "now later"},
	} {
		r := Reader{Subscriber: store.Subscriber{Mode: tc.mode}, Configured: []string{"now", "later"}}
		if got := strings.Join(rules.IDs(s.topicsOf(r, tc.which)), " "); got != tc.want {
			t.Errorf("mode %s, set %d: %q, want %q", tc.mode, tc.which, got, tc.want)
		}
	}
}

// TestSendNowAndSendHeld: /digest queues every topic the reader follows,
// what a mute held back only those alerted at once; a key queues once; a
// destination without a renderer is an error.
func TestSendNowAndSendHeld(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clk := clocktest.New(t0)
	st := storetest.Open(t, clk.Now)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st.EnsureSubscriber(ctx, "tg:2", "Bob", "private", t0.Add(-time.Hour))
	st.Subscribe(ctx, "tg:2", []string{"iskp", "propaganda"}, t0.Add(-time.Hour)) // propaganda comes by digest
	for _, k := range []string{"iskp", "propaganda"} {
		it := feeds.Item{Key: k, FeedURL: "http://127.0.0.1/f", FeedName: "24.kg", Title: "Title " + k,
			Link: "https://24.kg/" + k, FirstSeen: t0.Add(-30 * time.Minute)}
		if _, err := ingest.NewRecorder(st, ingest.Options{}).Add(ctx, ingest.NewItem{Item: it, Matches: []store.Match{{Topic: k}}}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	render := func(d Digest) []Text {
		var ids []string
		for _, tp := range d.Topics {
			if len(tp.Entries) > 0 {
				ids = append(ids, tp.ID)
			}
		}
		got = append(got, strings.Join(ids, " "))
		return []Text{{Plain: "p"}}
	}
	audience := NewAudience(st, nil, clk.Now)
	sched := NewDigestScheduler(st, audience, map[string]DigestRenderer{"tg": render}, m.Topics, clk.Now, slog.New(slog.DiscardHandler))
	r, ok, err := audience.Reader(ctx, "tg:2")
	if err != nil || !ok {
		t.Fatalf("Reader = %v, %v", ok, err)
	}
	if n, err := sched.SendNow(ctx, r, time.Hour, "now"); err != nil || n != 1 {
		t.Errorf("SendNow = %d, %v; want 1 message", n, err)
	}
	if n, err := sched.SendHeld(ctx, r, t0.Add(-time.Hour), t0, "held"); err != nil || n != 1 {
		t.Errorf("SendHeld = %d, %v; want 1 message", n, err)
	}
	if want := []string{"iskp propaganda", "iskp"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("digests rendered %q; want %q", got, want)
	}
	if n, err := sched.SendHeld(ctx, r, t0.Add(-time.Hour), t0, "held"); err != nil || n != 0 {
		t.Errorf("SendHeld again with its key = %d, %v; want nothing queued", n, err)
	}
	r.Destination = "fax:1"
	if _, err := sched.SendNow(ctx, r, time.Hour, "fax"); err == nil || !strings.Contains(err.Error(), "no digest renderer for fax:1") {
		t.Errorf("SendNow to a channel without a renderer: %v", err)
	}
}
