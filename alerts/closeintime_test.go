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
// And one shootout on the Kyrgyz-Tajik border of 10 March 2022
// (unseen11.jsonl): Kazakhstan Today names the two countries, Kant.kg
// only by an adjective.
const (
	clashDated = `<item><title>Clash On Tajikistan–Afghanistan Border Leaves 3 Dead</title>
<link>https://www.afintl.com/en/202601302129</link><pubDate>Fri, 30 Jan 2026 09:40:00 +0000</pubDate>
<description>Tajik border guards clashed with a group of armed men along the border with Afghanistan, leaving three of the suspects dead, the state-run Khovar news agency reported.</description></item>`
	clashUndated = `<item><link>https://khyberchronicles.pk/?p=24013</link>
<description>Tajik border forces clashed with a group of armed men attempting to cross illegally from Afghanistan into Tajikistan, killing three of them during a prolonged exchange of fire along the sensitive frontier, according to official and regional sources.</description></item>`
	shootoutNamed = `<item><title>На кыргызско-таджикской границе произошла перестрелка</title>
<link>https://kt.kz/rus/world/na_kyrgyzsko-tadzhikskoy_granitse_proizoshla_perestrelka_1377930500.html</link><pubDate>Thu, 10 Mar 2022 08:20:00 +0000</pubDate>
<description>БИШКЕК. 10 МАРТА - На границе Таджикистана и Кыргызстана произошел инцидент с применением оружия. Об этом сообщили в Пограничной службе ГКНБ, передает KAZAKHSTAN TODAY.</description></item>`
	shootoutByAdjective = `<item><link>https://kant.kg/2022-03-10/na-granicze-proizoshla-perestrelka-pogranichnikov-kyrgyzstana-i-tadzhikistana</link>
<pubDate>Thu, 10 Mar 2022 09:05:00 +0000</pubDate>
<description>На кыргызско-таджикском участке госграницы произошел инцидент с применением оружия. Об этом сообщает Управление информации и коммуникаций Пограничной службы ГКНБ КР.</description></item>`
)

func rss(items string) []byte {
	return fmt.Appendf(nil, `<?xml version="1.0"?><rss version="2.0"><channel><title>outlet</title><link>https://example.org/</link>%s</channel></rss>`, items)
}

// twoOutlets serves report a from one loopback outlet and then report b
// from another through a pipeline of the shipped rules that alerts rec:1,
// on a clock that stands at at when b's outlet is polled with its report.
// Each outlet is first polled empty (b's gap before its second poll), as
// a daemon polls a feed before its news. It returns what the two reports'
// Process did.
func twoOutlets(t *testing.T, at time.Time, gap time.Duration, a, b string) (first, second alerts.Stats) {
	t.Helper()
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	clk := clocktest.New(at.Add(-gap))
	st := storetest.Open(t, clk.Now)
	feedA, feedB := &mutableFeed{body: rss("")}, &mutableFeed{body: rss("")}
	srvA, srvB := httptest.NewServer(feedA), httptest.NewServer(feedB)
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
	srcA, srcB := feeds.Source{URL: srvA.URL + "/rss", Name: "a"}, feeds.Source{URL: srvB.URL + "/rss", Name: "b"}
	poll(srcB) // the first polls: nothing yet
	clk.Add(gap - 10*time.Minute)
	poll(srcA)
	feedA.set(rss(a))
	feedB.set(rss(b))
	clk.Add(5 * time.Minute)
	first = poll(srcA)
	clk.Add(5 * time.Minute)
	second = poll(srcB)
	if first.New != 1 || first.Queued != 1 || second.New != 1 {
		t.Fatalf("first %+v, second %+v; want one new report each, the first alerted", first, second)
	}
	return first, second
}

// TestUndatedOutletJoinsTheStory: a report whose feed gives no date, found
// by a poll that followed its feed's previous one within
// feeds.PollDatedGap, is dated by that poll, so another outlet's dated
// report of the same clash and it are one story told close in time: one
// alert. Back after a longer gap, its date is unknown and it stays apart
// (two alerts), as it would on its feed's first poll.
func TestUndatedOutletJoinsTheStory(t *testing.T) {
	for _, tt := range []struct {
		name         string
		gap          time.Duration // between the undated feed's two polls
		story, alert int           // stories the clash makes, alerts sent
	}{
		{"its feed polled 25 minutes before", 25 * time.Minute, 1, 1},
		{"back after a longer gap", feeds.PollDatedGap + time.Hour, 2, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			first, second := twoOutlets(t, time.Date(2026, 1, 30, 10, 0, 0, 0, time.UTC), tt.gap, clashDated, clashUndated)
			if stories := 2 - second.Joined; stories != tt.story || first.Queued+second.Queued != tt.alert {
				t.Errorf("%d stories, %d alerts; want %d and %d", stories, first.Queued+second.Queued, tt.story, tt.alert)
			}
		})
	}
}

// TestReportPlacedByAdjectiveJoinsTheStory: Kant.kg's report says where
// only by an adjective ("кыргызско-таджикском участке"); the pipeline hands
// the stories the countries the rules read in it, so it and Kazakhstan
// Today's report of the same shootout, dated that morning, are one story
// told close in time: one alert.
func TestReportPlacedByAdjectiveJoinsTheStory(t *testing.T) {
	first, second := twoOutlets(t, time.Date(2022, 3, 10, 9, 10, 0, 0, time.UTC), 15*time.Minute, shootoutNamed, shootoutByAdjective)
	if second.Joined != 1 || first.Queued+second.Queued != 1 {
		t.Errorf("second %+v; want it joined to the first's story, one alert in all", second)
	}
}
