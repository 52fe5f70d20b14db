package alerts_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/ingest"
	"github.com/newsalert/newsalert/rules"
)

// BenchmarkProcessNewItems measures recording new items (one SQLite
// transaction each) with the default rules and two subscribers; every
// fourth item matches.
func BenchmarkProcessNewItems(b *testing.B) {
	ctx := context.Background()
	st := openStore(b)
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	pipe := alerts.NewPipeline(ingest.NewRecorder(st, ingest.Options{}), m, alerts.PipelineOptions{Subscribers: []alerts.Subscriber{{Destination: "telegram:1"}, {Destination: "telegram:2", Topics: []string{"iskp"}}}}, quietLog())
	titles := []string{"ISIS-K cell detained in Dushanbe", "Weather in Bishkek", "Football in Tashkent", "Markets in Almaty"}
	const batch = 100
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		res := feeds.Result{Source: feeds.Source{URL: "http://127.0.0.1/bench"}}
		for range batch {
			n++
			res.Items = append(res.Items, feeds.Item{Key: fmt.Sprint("k", n), FeedURL: "http://127.0.0.1/bench",
				Title: titles[n%len(titles)], Text: "Security services said on Monday.", FirstSeen: clock.Wall()})
		}
		if _, err := pipe.Process(ctx, res); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/item")
}
