package feeds

import (
	"os"
	"testing"
)

// BenchmarkParseAndNormalise measures Parse (decoding, gofeed) plus
// normalisation of a real 200-item feed (Lenta.ru, 230 KB).
func BenchmarkParseAndNormalise(b *testing.B) {
	data, err := os.ReadFile("../testdata/feeds/ru_lenta-ru_rss2.xml")
	if err != nil {
		b.Fatal(err)
	}
	src := Source{URL: "http://127.0.0.1/lenta"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		feed, err := Parse(data, "application/rss+xml; charset=utf-8")
		if err != nil {
			b.Fatal(err)
		}
		if n := len(Normalise(feed, src, now)); n != 200 {
			b.Fatalf("%d items", n)
		}
	}
}
