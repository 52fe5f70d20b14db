package alerts

import (
	"fmt"
	"testing"

	"github.com/newsalert/newsalert/feeds"
	"github.com/newsalert/newsalert/rules"
)

// BenchmarkDeliveries builds the deliveries of one item that matched four
// topics of the default rules for 1,000 subscribers who follow everything.
func BenchmarkDeliveries(b *testing.B) {
	m, err := rules.Load("../rules.yaml")
	if err != nil {
		b.Fatal(err)
	}
	it := feeds.Item{Key: "k", Title: "ISIS-K claims responsibility for attack in Kabul that killed 12",
		Summary: "Islamic State Khorasan said its fighters carried out the bombing near the border with Tajikistan."}
	ms := m.Match(rules.Item{Title: it.Title, Text: it.Summary})
	if len(ms) == 0 {
		b.Fatal("the item matches no topic")
	}
	subs := make([]Subscriber, 1000)
	for i := range subs {
		subs[i] = Subscriber{Destination: fmt.Sprint("telegram:", i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if got := deliveries(subs, it, ms); len(got) != len(subs) {
			b.Fatalf("%d deliveries", len(got))
		}
	}
}
