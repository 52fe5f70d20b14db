package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// openAt opens the store at path on a clock that stands at t0.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, atT0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func atT0() time.Time { return t0 }

// Delivery is, in these tests, a payload queued to a destination with
// an item.
type Delivery struct {
	Destination string
	Payload     []byte
}

// addItem records an item as the ingest step would, without its
// decisions — a story of its own, its matches, each delivery queued —
// unless it is known, and reports whether it was new.
func addItem(t *testing.T, s *Store, it feeds.Item, m []Match, d []Delivery) (bool, error) {
	t.Helper()
	var added bool
	err := s.Update(context.Background(), func(tx *Tx) error {
		if known, err := tx.Known(it); err != nil || known {
			return err
		}
		story, err := tx.StartStory(it)
		if err != nil {
			return err
		}
		if err := tx.Insert(NewItem{Item: it, Matches: m, Story: story}); err != nil {
			return err
		}
		for _, d := range d {
			if _, err := tx.Enqueue(d.Destination, it, d.Payload); err != nil {
				return err
			}
		}
		added = true
		return nil
	})
	return added, err
}

func item(key string) feeds.Item {
	return feeds.Item{Key: key, FeedURL: "http://127.0.0.1/f", FeedName: "F", Title: "Title " + key,
		Link: "http://127.0.0.1/" + key, Summary: "s", Published: t0.Add(-time.Hour), FirstSeen: t0}
}

func TestAddItemOnceAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	s := openAt(t, path)
	m := []Match{{Topic: "iskp", Why: []string{`"ISIS-K"`}, Regions: []string{"afghanistan"}}}
	d := []Delivery{{Destination: "telegram:1", Payload: []byte(`{"title":"a"}`)}}
	added, err := addItem(t, s, item("a"), m, d)
	if err != nil || !added {
		t.Fatalf("first add: %v, %v", added, err)
	}
	added, err = addItem(t, s, item("a"), m, d)
	if err != nil || added {
		t.Fatalf("second add: added=%v err=%v; want false, nil", added, err)
	}
	s.Close()

	s = openAt(t, path)
	defer s.Close()
	known, err := s.KnownItems(ctx, []string{"a", "b"})
	if err != nil || !known["a"] || known["b"] {
		t.Fatalf("known after reopen = %v, %v", known, err)
	}
	if added, _ := addItem(t, s, item("a"), m, d); added {
		t.Error("item added again after reopen")
	}
	due, err := s.DueDeliveries(ctx, t0, 0, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("due = %v, %v; want exactly one delivery", due, err)
	}
	if v, err := s.integrityCheck(ctx); err != nil || v != "ok" {
		t.Errorf("integrity = %q, %v", v, err)
	}
}

func TestKnownItemsManyKeys(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	var keys []string
	for i := range 1200 {
		k := string(rune('a'+i%26)) + time.Duration(i).String()
		keys = append(keys, k)
		if i%2 == 0 {
			if _, err := addItem(t, s, item(k), nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	known, err := s.KnownItems(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 600 {
		t.Errorf("known = %d, want 600", len(known))
	}
}

func TestOutboxLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	d := []Delivery{{Destination: "telegram:1", Payload: []byte("1")}, {Destination: "telegram:2", Payload: []byte("2")}, {Destination: "console", Payload: []byte("3")}}
	if _, err := addItem(t, s, item("a"), nil, d); err != nil {
		t.Fatal(err)
	}
	due, _ := s.DueDeliveries(ctx, t0, 0, 10)
	if len(due) != 3 {
		t.Fatalf("due = %d, want 3", len(due))
	}
	if err := s.MarkSent(ctx, due[0].ID, t0, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRetry(ctx, due[1].ID, "HTTP 502", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, due[2].ID, "chat blocked the bot"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.DueDeliveries(ctx, t0, 0, 10); len(again) != 0 {
		t.Errorf("due right after = %d, want 0", len(again))
	}
	later, _ := s.DueDeliveries(ctx, t0.Add(time.Minute), 0, 10)
	if len(later) != 1 || later[0].Destination != "telegram:2" || later[0].Attempts != 1 {
		t.Errorf("due a minute later = %+v; want the retried one with 1 attempt", later)
	}
	st, err := s.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending != 1 || st.Sent != 1 || st.Failed != 1 || !st.OldestPending.Equal(t0) {
		t.Errorf("stats = %+v", st)
	}
}

func TestMatchesSince(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	for i, topic := range []string{"iskp", "terrorism", "iskp"} {
		it := item(string(rune('a' + i)))
		it.FirstSeen = t0.Add(time.Duration(i) * time.Hour)
		if _, err := addItem(t, s, it, []Match{{Topic: topic, Why: []string{"w"}, Regions: []string{"r", "n"}, Named: []string{"n"}}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.MatchesSince(ctx, time.Time{}, t0.Add(24*time.Hour), nil)
	if err != nil || len(all) != 3 {
		t.Fatalf("all = %d, %v", len(all), err)
	}
	iskp, _ := s.MatchesSince(ctx, t0, t0.Add(24*time.Hour), []string{"iskp"})
	if len(iskp) != 1 || iskp[0].Item.Key != "c" || iskp[0].Why[0] != "w" || iskp[0].Regions[0] != "r" ||
		len(iskp[0].Named) != 1 || iskp[0].Named[0] != "n" {
		t.Errorf("iskp since t0 = %+v; want only item c (since is exclusive)", iskp)
	}
	if !iskp[0].Item.Published.Equal(t0.Add(-time.Hour)) {
		t.Errorf("published = %v", iskp[0].Item.Published)
	}
}

func TestFeedStatesRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	none, err := s.FeedStates(ctx, []string{"http://x/"})
	if err != nil || len(none) != 0 {
		t.Fatalf("unknown feed state = %+v, %v", none, err)
	}
	want := feeds.State{URL: "http://x/", FetchURL: "https://x/moved", Validators: feeds.Validators{ETag: `"e"`, LastModified: "lm"},
		BodyHash: "abc", LastAttempt: t0, LastSuccess: t0.Add(-time.Hour), LastStatus: 500, LastError: "HTTP 500",
		ConsecutiveErrors: 3, TotalErrors: 7, ItemsLastPoll: 12, NextPoll: t0.Add(time.Hour), Disabled: "410 Gone", LastPostID: 52007}
	other := feeds.State{URL: "http://y/", LastStatus: 200}
	if err := s.SaveFeedStates(ctx, []feeds.State{want, other}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FeedStates(ctx, []string{"http://x/", "http://y/", "http://z/"})
	if got["http://x/"] != want || got["http://y/"] != other || len(got) != 2 {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	all, _ := s.AllFeedStates(ctx)
	if len(all) != 2 || all[0].URL != "http://x/" {
		t.Errorf("all = %+v", all)
	}
	if ok, err := s.ResetFeed(ctx, "http://x/"); !ok || err != nil {
		t.Fatalf("reset: %v %v", ok, err)
	}
	got, _ = s.FeedStates(ctx, []string{"http://x/"})
	if st := got["http://x/"]; st.Disabled != "" || st.ConsecutiveErrors != 0 || !st.NextPoll.IsZero() || st.TotalErrors != 7 || st.Validators.ETag != `"e"` {
		t.Errorf("after reset: %+v", st)
	}
}

// A digest counts as delivered once its last part is: until then the next
// digest still starts where the last delivered one ended.
func TestDigestDeliveredWithItsLastPart(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	created := t0.Add(-24 * time.Hour)
	until := t0
	s.AddSubscriber(ctx, "tg:1", "A", created)
	if _, err := s.Subscribers(ctx); err != nil { // cache the subscribers
		t.Fatal(err)
	}
	parts := []OutboxMessage{{Destination: "tg:1", Key: "d:1", Payload: []byte("{}"), PeriodEnd: until},
		{Destination: "tg:1", Key: "d:2", Payload: []byte("{}"), PeriodEnd: until}}
	if n, err := s.QueueDigest(ctx, "tg:1", time.Time{}, until, parts); n != 2 || err != nil {
		t.Fatalf("queued %d, %v", n, err)
	}
	due, _ := s.DueDeliveries(ctx, t0.Add(time.Minute), 0, 10)
	sentUntil := func() time.Time {
		subs, _ := s.Subscribers(ctx)
		return subs[0].DigestSentUntil
	}
	s.MarkSent(ctx, due[0].ID, t0, "")
	if got := sentUntil(); !got.IsZero() {
		t.Errorf("after the first part: sent until %v", got)
	}
	s.MarkSent(ctx, due[1].ID, t0, "")
	if got := sentUntil(); !got.Equal(until) {
		t.Errorf("after the last part: sent until %v, want %v", got, until)
	}
}
