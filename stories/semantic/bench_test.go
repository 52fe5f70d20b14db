package semantic

import "testing"

// BenchmarkEmbed embeds a news item as the stories package gives it: a
// headline and the first 300 characters of its summary (63 word pieces).
func BenchmarkEmbed(b *testing.B) {
	e, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	text := "France assembles magistrate team to examine 'Epstein files'. French prosecutors have set up a team of magistrates to examine the documents released by the US Justice Department, after several French nationals were named in them, the Paris prosecutor's office said on Tuesday. The review could lead to investigations."
	b.ReportMetric(float64(len(e.vocab.tokenize(text))), "pieces")
	b.ReportAllocs()
	for b.Loop() {
		e.Embed(text)
	}
}

// BenchmarkLoad reads the embedded model: what a daemon with
// stories.meaning on pays once at start.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(modelFile); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatmul is the encoder's largest product (a news item's 63
// pieces through the second layer's feed-forward input, 512 × 1536), by
// gonum's Sgemm as the encoder does it, and by plain loops.
func BenchmarkMatmul(b *testing.B) {
	x, w, bias := newMatrix(63, 512), newMatrix(512, 1536), newMatrix(1, 1536)
	for i := range x.data {
		x.data[i] = float32(i%7) - 3
	}
	for i := range w.data {
		w.data[i] = float32(i%5) - 2
	}
	b.Run("gonum", func(b *testing.B) {
		for b.Loop() {
			matmul(x, w, bias)
		}
	})
	b.Run("loops", func(b *testing.B) {
		for b.Loop() {
			out := newMatrix(x.rows, w.cols)
			for t := range x.rows {
				o := out.row(t)
				copy(o, bias.data)
				for i, a := range x.row(t) {
					axpy(o, a, w.row(i))
				}
			}
		}
	})
}
