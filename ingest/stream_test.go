package ingest

import (
	"testing"
	"time"

	"github.com/newsalert/newsalert/internal/storypairs"
)

// checkStream judges the clustering on a fully labelled stretch of real
// feeds: every pair of its reports published within the story window, and
// what a user would get — how many alerts each story of several reports
// gives (one is right), and how many alerts join reports of different
// stories. Unlike the hand-picked pairs, the stream holds the easy cases
// too, in their real proportion. Of a sealed stream only the totals are
// logged. It returns the counts over all pairs.
func checkStream(t *testing.T, name string, s storypairs.Stream, story map[string]int64) storypairs.Counts {
	items := s.Items
	for _, it := range items {
		if _, ok := story[it.Key]; !ok {
			t.Fatalf("%s: no recorded item for %q", name, it.Title)
		}
	}
	totalsOnly := storypairs.Sealed(name)
	window := time.Duration(s.WindowHours) * time.Hour
	var all, twoOutlets storypairs.Counts
	leftOut, leftOutJoined := 0, 0
	var retellings joinedOf
	for i, a := range items {
		for _, b := range items[i+1:] {
			if b.Published.Sub(a.Published) > window {
				break // oldest first
			}
			v := s.Judge(a, b)
			if v == storypairs.LeftOut {
				leftOut++
				if story[a.Key] == story[b.Key] {
					leftOutJoined++
				}
				continue
			}
			joined := story[a.Key] == story[b.Key]
			all.Add(joined, v == storypairs.Same)
			if a.Feed != b.Feed {
				twoOutlets.Add(joined, v == storypairs.Same)
			}
			if v == storypairs.Same && s.Kind(a, b) == storypairs.Retelling {
				retellings.add(joined)
			}
			if joined != (v == storypairs.Same) && !totalsOnly {
				t.Logf("%s: %s: %q ~ %q", name, storypairs.Mistake(joined), a.Title, b.Title)
			}
		}
	}
	t.Logf("%s: %d reports; all %d pairs within %s (%d same story): %s", name, len(items), all.Pairs(), window, all.Same(), all)
	t.Logf("%s: %d pairs of two outlets (%d same story): %s", name, twoOutlets.Pairs(), twoOutlets.Same(), twoOutlets)
	t.Logf("%s: of %d pairs that tell one news in other words (retellings), %d joined", name, retellings.all, retellings.joined)
	t.Logf("%s: of the %d pairs left out (related stories; an event and a feature it occasioned), %d joined", name, leftOut, leftOutJoined)
	alerts, wanted, mixed := userView(s, story)
	t.Logf("%s: stories of several reports: %d alerts where %d were wanted; %d stories in the store join reports of different labelled stories", name, alerts, wanted, mixed)
	if !totalsOnly {
		id, reports, alerts := largestStory(s, story)
		t.Logf("%s: its story of most reports, %s, was told %d times and alerted %d times", name, id, reports, alerts)
	}
	j := itemJoins(s, story)
	t.Logf("%s: reports that joined an earlier one's story: %d of the same story, %d an event and a feature it occasioned, %d of a related story, %d of a different story; reports of a story told before that did not join it: %d",
		name, j.right, j.angle, j.related, j.wrong, j.missed)
	return all
}

// joins counts, report by report in publication order, what joining did:
// a report that joined the story of an earlier one of the same labelled
// story saves a repeated alert (right); one that joined an event and a
// feature it occasioned (angle) is neither here nor there; one that joined
// a related story or a different one costs its own alert (related, wrong);
// one that joined nothing though its story was told before repeats an
// alert (missed).
type joins struct{ right, angle, related, wrong, missed int }

func (j *joins) add(o joins) {
	j.right, j.angle, j.related, j.wrong, j.missed = j.right+o.right, j.angle+o.angle, j.related+o.related, j.wrong+o.wrong, j.missed+o.missed
}

// counts are the joins as verdicts: a right join is a true one, one that
// cost an alert a false one, a report that joined nothing though its story
// was told before a missed one — so that precision is the share of joins
// to the right story, of those that were right or cost an alert, and
// recall the share of reports of a story told before that joined it.
func (j joins) counts() storypairs.Counts {
	return storypairs.Counts{TP: j.right, FP: j.related + j.wrong, FN: j.missed}
}

func itemJoins(s storypairs.Stream, story map[string]int64) joins {
	var j joins
	for i := range s.Items {
		switch joinOf(s, story, i) {
		case joinedRight:
			j.right++
		case joinedAngle:
			j.angle++
		case joinedRelated:
			j.related++
		case joinedWrong:
			j.wrong++
		case missedJoin:
			j.missed++
		}
	}
	return j
}

// joinKind is what joining did for one report (see joins).
type joinKind int

const (
	joinedNone joinKind = iota // a story's first report
	joinedRight
	joinedAngle
	joinedRelated
	joinedWrong
	missedJoin
)

// joinOf says what joining did for the i-th report of the stream.
func joinOf(s storypairs.Stream, story map[string]int64, i int) joinKind {
	b := s.Items[i]
	joined, toldBefore, angle := false, false, false
	verdicts := map[storypairs.Verdict]bool{}
	for _, a := range s.Items[:i] {
		v := s.Judge(a, b)
		if v == storypairs.Same {
			toldBefore = true
		}
		if story[a.Key] == story[b.Key] {
			joined = true
			verdicts[v] = true
			angle = angle || v == storypairs.LeftOut && a.Story == b.Story
		}
	}
	switch {
	case joined && verdicts[storypairs.Same]:
		return joinedRight
	case joined && angle:
		return joinedAngle
	case joined && verdicts[storypairs.LeftOut]:
		return joinedRelated
	case joined:
		return joinedWrong
	case toldBefore:
		return missedJoin
	}
	return joinedNone
}

// userView counts the alerts the labelled stories of several reports got
// (one per story the store made of them) and the store's stories that mix
// reports of labelled stories that are neither the same nor related.
func userView(s storypairs.Stream, story map[string]int64) (alerts, wanted, mixed int) {
	clusters := map[string]map[int64]bool{} // labelled story → store stories
	reports := map[string]int{}             // labelled story → its reports
	members := map[int64][]storypairs.StreamItem{}
	for _, it := range s.Items {
		id := story[it.Key]
		members[id] = append(members[id], it)
		if it.Story != "" && !it.Angle {
			if clusters[it.Story] == nil {
				clusters[it.Story] = map[int64]bool{}
			}
			clusters[it.Story][id] = true
			reports[it.Story]++
		}
	}
	for st, c := range clusters {
		if reports[st] > 1 {
			alerts += len(c)
			wanted++
		}
	}
	for _, ms := range members {
		if mixes(s, ms) {
			mixed++
		}
	}
	return alerts, wanted, mixed
}

// largestStory is the labelled story of most reports, their number, and
// the number of the store's stories (alerts) they are in.
func largestStory(s storypairs.Stream, story map[string]int64) (id string, reports, alerts int) {
	count := map[string]int{}
	for _, it := range s.Items {
		if it.Story != "" && !it.Angle {
			count[it.Story]++
		}
	}
	for st, n := range count {
		if n > reports || n == reports && st < id {
			id, reports = st, n
		}
	}
	seen := map[int64]bool{}
	for _, it := range s.Items {
		if it.Story == id && !it.Angle {
			seen[story[it.Key]] = true
		}
	}
	return id, reports, len(seen)
}

// mixes reports whether two of the reports are of different stories.
func mixes(s storypairs.Stream, ms []storypairs.StreamItem) bool {
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			if s.Judge(a, b) == storypairs.Different {
				return true
			}
		}
	}
	return false
}

// joinedOf counts pairs the store joined, of all.
type joinedOf struct{ joined, all int }

func (c *joinedOf) add(joined bool) {
	c.all++
	if joined {
		c.joined++
	}
}
