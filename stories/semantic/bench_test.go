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
