package rules

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/newsalert/newsalert/language"
)

// TestWordCacheChangesNothing matches the dev set's items of the six
// languages, interleaved so that one word meets items of several, through
// one scan whose cache the earlier items filled and through a scan with an
// empty cache each time: every item must read alike both ways (what it
// matched and why, its language, concepts and regions).
func TestWordCacheChangesNothing(t *testing.T) {
	m, err := Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var byLang [][]labelled
	for _, l := range regionalLanguages {
		byLang = append(byLang, readLabelled(t, "dev", l))
	}
	warm, cold := m.getScan(), m.getScan()
	checked, perLang := 0, 0
	for i := 0; ; i++ {
		more := false
		for _, items := range byLang {
			if i >= len(items) {
				continue
			}
			more = true
			it := items[i].item()
			want := readWith(m, cold, it, true)
			if got := readWith(m, warm, it, false); got != want {
				t.Fatalf("%s read with the words of earlier items cached:\n%s\nwith none:\n%s", items[i].id, got, want)
			}
			// The cache is used: every word the item holds is in it now
			// (unless it started afresh while reading it).
			for k := range warm.text.spans {
				if len(warm.words.any)+len(warm.text.spans) >= maxCachedWords {
					break
				}
				if _, ok := warm.words.lookup(warm.text.word(k), warm.text.language); !ok {
					t.Fatalf("%s: %q was walked and not cached", items[i].id, warm.text.word(k))
				}
			}
			checked++
		}
		if !more {
			break
		}
	}
	for _, c := range warm.words.any {
		if c.perLang {
			perLang++
		}
	}
	t.Logf("%d items, %d words cached, %d of them by language", checked, len(warm.words.any), perLang)
	if perLang == 0 {
		t.Error("no word was cached by language: the test does not reach the case it guards")
	}
}

// readWith matches and reads it with scan s, its word cache emptied first
// when cold, and prints what came of it.
func readWith(m *Matcher, s *scan, it Item, cold bool) string {
	if cold {
		s.words = wordCache{}
	}
	s.begin()
	s.read(it)
	m.findTerms(s)
	matches := m.matchScanned(s, it)
	read := m.reading(s)
	out := fmt.Sprintf("language %s, concepts %v, regions %v\n", read.Language, read.Concepts, read.Regions)
	for _, mt := range matches {
		out += fmt.Sprintf("%s: %+v %v %v\n", mt.Topic.ID, mt.Why, mt.Places, mt.Regions)
	}
	return out
}

func TestWordCacheStartsAfreshWhenFull(t *testing.T) {
	var c wordCache
	lang := func() language.Lang { return language.Kyrgyz }
	for i := range maxCachedWords {
		c.ids = append(c.ids, int32(i))
		c.store(fmt.Appendf(nil, "w%d", i), len(c.ids)-1, i%2 == 0, lang)
	}
	if ids, ok := c.lookup([]byte("w7"), lang); !ok || !reflect.DeepEqual(ids, []int32{7}) {
		t.Fatalf("w7: %v %v, want [7]", ids, ok)
	}
	c.ids = append(c.ids, -5, 9)
	got := c.store([]byte("next"), len(c.ids)-2, false, lang)
	if !reflect.DeepEqual(got, []int32{-5, 9}) || len(c.any) != 1 || len(c.ids) != 2 {
		t.Fatalf("full cache: stored %v, %d words and %d ids kept; want [-5 9], 1 and 2", got, len(c.any), len(c.ids))
	}
	if _, ok := c.lookup([]byte("w7"), lang); ok {
		t.Error("a word of the full cache is still found")
	}
}

// TestScanOfSeenWordsAllocatesNothing: once a scan's cache holds an
// item's words, matching an item that matches nothing allocates nothing.
func TestScanOfSeenWordsAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's sync.Pool drops scans at random")
	}
	m, err := Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []Item{
		{Title: "Central bank keeps its rate as inflation slows", Text: "The board met in Tashkent on Thursday and left the refinancing rate at 14 percent."},
		{Title: "Бишкекте жаңы мектеп ачылды", Text: "Шаардын мэри мектептин ачылышына катышты."},
	} {
		if got := m.Match(it); len(got) != 0 {
			t.Fatalf("%q matched %d topics; the test wants an item that matches nothing", it.Title, len(got))
		}
		if n := testing.AllocsPerRun(50, func() { m.Match(it) }); n != 0 {
			t.Errorf("%q: %.1f allocations a scan, want none", it.Title, n)
		}
	}
}
