package semantic

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/newsalert/newsalert/internal/storypairs"
)

// golden is what the model's own TensorFlow.js code (the npm package
// @energetic-ai/embeddings@0.2.0 with full-precision weights) gives for
// texts: their pieces and embeddings.
type golden struct {
	Text      string
	IDs       []int
	Embedding []float32
}

func loadGolden(t *testing.T) []golden {
	t.Helper()
	data, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []golden
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTokenizerMatchesTheOriginal(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range loadGolden(t) {
		if got := e.vocab.tokenize(g.Text); !slices.Equal(got, g.IDs) {
			t.Errorf("%.60q:\n got %v\nwant %v", g.Text, got, g.IDs)
		}
	}
}

func TestEmbeddingsMatchTheOriginal(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range loadGolden(t) {
		got := e.Embed(g.Text)
		if c := Cosine(got, g.Embedding); c < 0.995 {
			t.Errorf("%.60q: cosine with the original %.4f, want ≥ 0.995", g.Text, c)
		} else {
			t.Logf("%.40q: %.5f", g.Text, c)
		}
	}
}

func TestKnowsEnglishOnly(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Two arrested in Bishkek over ISIS propaganda. Police in the Kyrgyz capital detained two men on suspicion of sharing the group's videos.", true},
		{"Iran Holds Exercises in Strait of Hormuz After Trump Threatens Military Action", true},
		{"Mega-Deal: IBM übernimmt Red Hat. Der Softwarekonzern zahlt 34 Milliarden Dollar für den Linux-Spezialisten.", false},
		{"Tempestade Eleanor atinge França, Alemanha, Suíça e Reino Unido. A tempestade provocou cortes de energia.", false},
		{"Bugun Bobur Arenada: Andijon — Xorazm. Superliganing navbatdagi turida jamoamiz mehmonlarni qabul qiladi.", false},
		{"Стало известно о задержании бизнесмена Михаила Фридмана в Лондоне", false},
		{"Dall-E 2", false}, // too short to tell
	} {
		if got := e.Knows(c.text); got != c.want {
			t.Errorf("Knows(%.50q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestEncodeKeepsTheCosine(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a := e.Embed("France assembles magistrate team to examine 'Epstein files'")
	b := e.Embed("French Prosecutors to Investigate Diplomat as Part of Epstein Probe")
	want := Cosine(a, b)
	got := Cosine(Decode(Encode(a)), Decode(Encode(b)))
	if d := got - want; d > 0.002 || d < -0.002 {
		t.Errorf("cosine %.4f after Encode and Decode, %.4f before", got, want)
	}
	if n := len(Encode(a)); n != Dims {
		t.Errorf("Encode gives %d bytes, want %d", n, Dims)
	}
}

func TestDecodeRefusesBrokenFiles(t *testing.T) {
	for name, b := range map[string][]byte{
		"not a model": []byte("<html>not found</html>"),
		"cut short":   modelFile[:len(modelFile)/2],
		"empty":       nil,
	} {
		if _, err := decode(b); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// FuzzEmbed checks that any text gives a unit vector of Dims finite
// numbers, from pieces of the vocabulary.
func FuzzEmbed(f *testing.F) {
	for _, s := range []string{"", " ", "Hello world", "Стало известно", "🚀🚀 中文", "a\u00a0b  c", "▁▁", "::):-)"} {
		f.Add(s)
	}
	e, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, id := range e.vocab.tokenize(text) {
			if id < 0 || id >= len(e.vocab.pieces) || id > 0 && id < reservedVocab {
				t.Fatalf("piece id %d", id)
			}
		}
		v := e.Embed(text)
		var norm float64
		for _, x := range v {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("embedding has %v", x)
			}
			norm += float64(x) * float64(x)
		}
		if len(v) != Dims || math.Abs(norm-1) > 1e-3 {
			t.Fatalf("embedding of %d numbers, norm² %.4f", len(v), norm)
		}
	})
}

// TestKnowsTheFixtureFeeds counts the items of the real fixture feeds
// that Knows takes for English: nearly all of the English news feeds'
// (the rest are short), next to none of the German, Portuguese and Uzbek
// ones, and none in Cyrillic.
func TestKnowsTheFixtureFeeds(t *testing.T) {
	e, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	byFeed := storypairs.FeedItems(t)
	count := func(names ...string) (known, all int) {
		for _, n := range names {
			for _, it := range byFeed[n] {
				all++
				if e.Knows(it.Title + ". " + it.Summary) {
					known++
				}
			}
		}
		return known, all
	}
	en, enAll := count("en_aljazeera_rss2_cdata.xml", "en_bbc-news_rss2_media-thumbnail.xml", "en_dawn-world_rss2.xml",
		"en_dw_rss1-rdf_noguid.xml", "en_economist-asia_rss2_300items.xml", "en_guardian_rss2_media.xml",
		"en_nyt-world_rss2_media-content.xml", "en_time-world_rss2_1mb.xml")
	latin, latinAll := count("de_heise_rss090-rdf.xml", "pt_jn_rss2_iso-8859-1_noguid.xml", "uz_andijonfk_rss2_uzbek-latin.xml")
	ru, ruAll := count("ru_lenta-ru_rss2.xml", "ru_tut-by_rss2_media-content_extracted.xml", "ru_bbc-russian_rss2_scraped.xml")
	t.Logf("English news: %d of %d; German, Portuguese, Uzbek: %d of %d; Russian: %d of %d", en, enAll, latin, latinAll, ru, ruAll)
	if en*100 < enAll*95 || latin*100 > latinAll*5 || ru != 0 {
		t.Error("Knows takes too few English items, or too many others, for English")
	}
}
