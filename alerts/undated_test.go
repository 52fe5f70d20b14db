package alerts_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock/clocktest"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store/storetest"
)

// One clash on the Tajik-Afghan border of 29 January 2026 as two outlets
// told it (ingest/testdata/regional-pairs/holdout.jsonl): Afghanistan
// International's feed dates its report, Khyber Chronicles' gives none.
const (
	clashDated = `<item><title>Clash On Tajikistan–Afghanistan Border Leaves 3 Dead</title>
<link>https://www.afintl.com/en/202601302129</link><pubDate>Fri, 30 Jan 2026 09:40:00 +0000</pubDate>
<description>Tajik border guards clashed with a group of armed men along the border with Afghanistan, leaving three of the suspects dead, the state-run Khovar news agency reported.</description></item>`
	clashUndated = `<item><link>https://khyberchronicles.pk/?p=24013</link>
<description>Tajik border forces clashed with a group of armed men attempting to cross illegally from Afghanistan into Tajikistan, killing three of them during a prolonged exchange of fire along the sensitive frontier, according to official and regional sources.</description></item>`
)

func rss(items string) []byte {
	return fmt.Appendf(nil, `<?xml version="1.0"?><rss version="2.0"><channel><title>outlet</title><link>https://example.org/</link>%s</channel></rss>`, items)
}

// TestUndatedOutletJoinsTheStory: a report whose feed gives no date, found
// by a poll that followed its feed's previous one within
// feeds.PollDatedGap, is dated by that poll, so another outlet's dated
// report of the same clash and it are one story told close in time: one
// alert. Back after a longer gap, its date is unknown and it stays apart
// (two alerts), as it would on its feed's first poll.
func TestUndatedOutletJoinsTheStory(t *testing.T) {
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name         string
		gap          time.Duration // between the undated feed's two polls
		story, alert int           // stories the clash makes, alerts sent
	}{
		{"polled fifteen minutes before", 15 * time.Minute, 1, 1},
		{"back after a longer gap", feeds.PollDatedGap + time.Hour, 2, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			clk := clocktest.New(time.Date(2026, 1, 30, 10, 0, 0, 0, time.UTC).Add(-tt.gap))
			st := storetest.Open(t, clk.Now)
			dated, undated := &mutableFeed{body: rss("")}, &mutableFeed{body: rss("")}
			srvA, srvB := httptest.NewServer(dated), httptest.NewServer(undated)
			defer srvA.Close()
			defer srvB.Close()
			poller := feeds.NewPoller(feeds.NewFetcher("newsalert-test", 5*time.Second, 0, 2, clk.Now), st, feeds.PollerOptions{Workers: 2}, clk.Now, quietLog())
			pipe := alerts.NewPipeline(ingest.NewRecorder(st, ingest.Options{}), m,
				alerts.PipelineOptions{Subscribers: []alerts.Subscriber{{Destination: "rec:1"}}, Backlog: 24 * time.Hour}, quietLog())
			poll := func(src feeds.Source) alerts.Stats {
				res := poller.Poll(ctx, src)
				if res.Err != nil {
					t.Fatal(res.Err)
				}
				stats, err := pipe.Process(ctx, res)
				if err != nil {
					t.Fatal(err)
				}
				return stats
			}
			a, b := feeds.Source{URL: srvA.URL + "/rss", Name: "Afghanistan International"}, feeds.Source{URL: srvB.URL + "/rss", Name: "Khyber Chronicles"}
			poll(b) // the first polls: nothing yet
			clk.Add(tt.gap)
			poll(a)
			dated.set(rss(clashDated))
			undated.set(rss(clashUndated))
			clk.Add(5 * time.Minute)
			first := poll(a)
			clk.Add(5 * time.Minute)
			second := poll(b)
			if first.New != 1 || first.Queued != 1 || second.New != 1 {
				t.Fatalf("first %+v, second %+v; want one new report each, the first alerted", first, second)
			}
			if stories := 2 - second.Joined; stories != tt.story || first.Queued+second.Queued != tt.alert {
				t.Errorf("%d stories, %d alerts; want %d and %d", stories, first.Queued+second.Queued, tt.story, tt.alert)
			}
		})
	}
}
