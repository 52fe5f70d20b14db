package storypairs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsalert/newsalert/feeds"
)

// Stream is a stretch of real feeds in which every report is labelled:
// the reports of each listed story tell one news event, and every report
// not listed is a story of its own (stories/testdata/stream.json).
type Stream struct {
	Feeds []string
	// From and To bound the reports' publication times (To is left out;
	// zero, no bound).
	From, To    time.Time
	WindowHours int `json:"window_hours"`
	Stories     []StreamStory
	// Items are the stream's reports, oldest first, labelled (read from
	// the feeds by LoadStream).
	Items []StreamItem `json:"-"`
}

// StreamStory is one news event of a Stream: its Reports, and its Angles —
// features and analyses occasioned by it, whose pairing with its reports is
// too ambiguous to judge. Related names stories whose pairs are left out
// for the same reason.
type StreamStory struct {
	ID              string
	Reports, Angles []Report
	Related         []string
}

// Verdict is what a labelled stream says of a pair of its reports.
type Verdict int

// The verdicts.
const (
	// Different stories.
	Different Verdict = iota
	// Same story.
	Same
	// LeftOut: an angle and a report of one story, or two related stories.
	LeftOut
)

// StreamItem is a report of a stream with its label.
type StreamItem struct {
	feeds.Item
	Feed  string
	Story string // "" for a report of its own
	Angle bool
	News  string // the news it tells, if another report of its story tells it too
}

// Streams are the labelled streams, in the order they were made;
// "stream2" is kept out of every choice (see Sealed); "stream3" is one
// Russian outlet, Lenta.ru.
var Streams = []string{"stream", "stream2", "stream3"}

// LoadStream reads stories/testdata/<name>.json, and the items of its
// feeds published within its bounds.
func LoadStream(tb testing.TB, name string) Stream {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(root(), "stories", "testdata", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var s Stream
	if err := json.Unmarshal(data, &s); err != nil {
		tb.Fatalf("%s.json: %v", name, err)
	}
	byFeed := FeedItems(tb)
	type label struct {
		story, news string
		angle       bool
	}
	labels := map[string]label{} // by item key
	for _, st := range s.Stories {
		checkNews(tb, name, st)
		for i, r := range append(append([]Report{}, st.Reports...), st.Angles...) {
			it := Find(tb, byFeed, r)
			if prev, ok := labels[it.Key]; ok {
				tb.Fatalf("%s.json: %q is in %s and %s", name, r.Title, prev.story, st.ID)
			}
			labels[it.Key] = label{st.ID, r.News, i >= len(st.Reports)}
		}
	}
	seen := map[string]bool{}
	for _, f := range s.Feeds {
		for _, it := range byFeed[f] {
			if it.Published.Before(s.From) || !s.To.IsZero() && !it.Published.Before(s.To) {
				continue
			}
			if seen[it.Key] {
				continue // an item repeated in its feed is one report, as the store sees it
			}
			seen[it.Key] = true
			l := labels[it.Key]
			delete(labels, it.Key)
			s.Items = append(s.Items, StreamItem{Item: it, Feed: f, Story: l.story, Angle: l.angle, News: l.news})
		}
	}
	if len(labels) > 0 {
		tb.Fatalf("%s.json: %d labelled reports are outside the stream", name, len(labels))
	}
	slices.SortStableFunc(s.Items, func(a, b StreamItem) int { return a.Published.Compare(b.Published) })
	return s
}

// checkNews fails the test if a story's news tag is on one report only: a
// retelling is two reports at least.
func checkNews(tb testing.TB, name string, st StreamStory) {
	tb.Helper()
	count := map[string]int{}
	for _, r := range st.Reports {
		if r.News != "" {
			count[r.News]++
		}
	}
	for news, n := range count {
		if n < 2 {
			tb.Fatalf("%s.json: story %s: news %q is on one report only", name, st.ID, news)
		}
	}
}

// Judge says whether two reports of the stream tell the same story.
func (s Stream) Judge(a, b StreamItem) Verdict {
	switch {
	case a.Story == "" || b.Story == "":
		return Different
	case a.Story == b.Story && (a.Angle || b.Angle):
		return LeftOut
	case a.Story == b.Story:
		return Same
	case s.related(a.Story, b.Story) || s.related(b.Story, a.Story):
		return LeftOut
	}
	return Different
}

// Kind says how two reports the stream judges Same are one story:
// Retelling if they tell one news, Development otherwise (a stream's
// features are its angles, left out).
func (s Stream) Kind(a, b StreamItem) string {
	if a.News != "" && a.News == b.News {
		return Retelling
	}
	return Development
}

func (s Stream) related(a, b string) bool {
	for _, st := range s.Stories {
		if st.ID == a && slices.Contains(st.Related, b) {
			return true
		}
	}
	return false
}
