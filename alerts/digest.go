package alerts

import (
	"fmt"
	"slices"
	"time"

	"github.com/newsalert/newsalert/rules"
	"github.com/newsalert/newsalert/store"
)

// Digest is the matches of a period grouped by topic, ready to render.
type Digest struct {
	Since, Until time.Time
	// Location is the reader's time zone, for showing times.
	Location *time.Location
	Topics   []DigestTopic
	// To is the destination it is for ("email:ann@example.org"): a
	// renderer makes the reader's own links with it.
	To string
}

// DigestTopic is one topic's section of a digest.
type DigestTopic struct {
	ID, Name string
	Entries  []DigestEntry
}

// DigestEntry is one story in a digest section: its first report, and
// the other outlets that reported it.
type DigestEntry struct {
	ItemKey                    string
	StoryID                    int64
	Title, Link, Feed, Summary string
	Published                  time.Time
	Why, Regions               []string
	// Also are the other reports of the story in the period.
	Also []DigestSource
	// Related are the reports in the period that joined no story but were
	// near this one (possibly the same story told in other words; see
	// ingest.Options.FollowUps), and the later reports of their stories; and the
	// reports that joined this story short of sure (possibly a different
	// story; see ingest.Options.SureFrom), listed with their headlines so that
	// a different story is not hidden behind an outlet's name.
	Related []DigestSource
	// Earlier is the story's first report that the topic matched before
	// the period, when the story goes on from an earlier one (a reader may
	// have had it in an earlier digest); zero otherwise.
	Earlier store.EarlierReport
	// AlsoUnder names the later sections that matched the story too and
	// refer to this entry instead of repeating it.
	AlsoUnder []string
	// ListedUnder, when set, makes the entry a reference: its story is
	// listed in full in the earlier section of that name, with this
	// section's other reports of it. A reference has the full entry's
	// headline and link, and its own Why (what this topic matched).
	ListedUnder string
}

// DigestSource is another outlet's report of a story.
type DigestSource struct {
	Feed, Title, Link string
}

// Count is the number of distinct stories in the digest; a story listed
// under two topics counts once.
func (d Digest) Count() int {
	seen := map[string]bool{}
	for _, t := range d.Topics {
		for _, e := range t.Entries {
			seen[e.storyKey()] = true
		}
	}
	return len(seen)
}

// topicStory is a story in a topic's section of a digest.
type topicStory struct {
	topic int
	story string
}

// nearEntry is the entry a report of story key is listed under as related:
// the one its story was listed under before, or that of the story it was
// near (or the entry that story was listed under).
func nearEntry(key topicStory, near int64, storyAt, relatedAt map[topicStory]int) (int, bool) {
	if j, ok := relatedAt[key]; ok {
		return j, true
	}
	if near == 0 {
		return 0, false
	}
	nearKey := topicStory{key.topic, fmt.Sprint("story:", near)}
	if j, ok := storyAt[nearKey]; ok {
		return j, true
	}
	j, ok := relatedAt[nearKey]
	return j, ok
}

func (e DigestEntry) storyKey() string {
	if e.StoryID != 0 {
		return fmt.Sprint("story:", e.StoryID)
	}
	return "item:" + e.ItemKey
}

// Local formats t in the digest's time zone; an unknown time is "".
func (d Digest) Local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(d.Zone()).Format("2 Jan 2006 15:04 MST")
}

// Zone is the reader's time zone: Location, or UTC when unset.
func (d Digest) Zone() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

// Continues is the line saying that e's story goes on from before the
// digest's period, naming its first report then; "" when it does not.
func (d Digest) Continues(e DigestEntry) string {
	if e.Earlier.MatchedAt.IsZero() {
		return ""
	}
	return fmt.Sprintf("continues a story of %s: %s", d.Local(e.Earlier.MatchedAt), Clean(e.Earlier.Title))
}

// BuildDigest groups matches by topic, in the order of topics, and within
// a topic by story: the first report is the entry, later ones are listed
// under it as "also reported by" — as related if they joined it unsure —
// and reports near it (with their stories) as related. Matches of topics
// no longer in the rules are listed under their id at the end.
func BuildDigest(matches []store.MatchedItem, topics []*rules.Topic, since, until time.Time, loc *time.Location) Digest {
	d := Digest{Since: since, Until: until, Location: loc}
	index := map[string]int{}
	for _, t := range topics {
		index[t.ID] = len(d.Topics)
		d.Topics = append(d.Topics, DigestTopic{ID: t.ID, Name: t.Name})
	}
	storyAt := map[topicStory]int{}   // a story's entry in its topic's section
	relatedAt := map[topicStory]int{} // the entry a near story is listed under
	for _, m := range matches {
		i, ok := index[m.Topic]
		if !ok {
			i = len(d.Topics)
			index[m.Topic] = i
			d.Topics = append(d.Topics, DigestTopic{ID: m.Topic, Name: m.Topic})
		}
		published := m.Item.Published
		if published.IsZero() {
			published = m.Item.FirstSeen
		}
		e := DigestEntry{ItemKey: m.Item.Key, StoryID: m.StoryID, Title: m.Item.Title, Link: m.Item.Link,
			Feed: m.Item.FeedName, Summary: m.Item.Summary, Published: published, Why: m.Why, Regions: m.Regions, Earlier: m.Earlier}
		source := DigestSource{Feed: e.Feed, Title: e.Title, Link: e.Link}
		key := topicStory{i, e.storyKey()}
		if j, ok := storyAt[key]; ok {
			first := &d.Topics[i].Entries[j]
			if m.UnsureJoin {
				first.Related = append(first.Related, source)
			} else {
				first.Also = append(first.Also, source)
			}
			continue
		}
		if j, ok := nearEntry(key, m.NearStory, storyAt, relatedAt); ok {
			relatedAt[key] = j
			first := &d.Topics[i].Entries[j]
			first.Related = append(first.Related, source)
			continue
		}
		storyAt[key] = len(d.Topics[i].Entries)
		d.Topics[i].Entries = append(d.Topics[i].Entries, e)
	}
	kept := d.Topics[:0]
	for _, t := range d.Topics {
		if len(t.Entries) > 0 {
			kept = append(kept, t)
		}
	}
	d.Topics = kept
	listOnce(&d)
	return d
}

// listOnce lists each story in full once, under the first section that
// has it, as immediate alerts name all of a story's topics in one
// message: a later section keeps a one-line reference to it, and its
// reports there that the full entry lacks are added to that entry.
func listOnce(d *Digest) {
	type place struct{ topic, entry int }
	full := map[string]place{}
	for ti := range d.Topics {
		for ei := range d.Topics[ti].Entries {
			e := &d.Topics[ti].Entries[ei]
			at, ok := full[e.storyKey()]
			if !ok {
				full[e.storyKey()] = place{ti, ei}
				continue
			}
			f := &d.Topics[at.topic].Entries[at.entry]
			f.AlsoUnder = append(f.AlsoUnder, d.Topics[ti].Name)
			if !e.Earlier.MatchedAt.IsZero() && (f.Earlier.MatchedAt.IsZero() || e.Earlier.MatchedAt.Before(f.Earlier.MatchedAt)) {
				f.Earlier = e.Earlier
			}
			f.Also = addSources(f.Also, f.Link, DigestSource{Feed: e.Feed, Title: e.Title, Link: e.Link})
			f.Also = addSources(f.Also, f.Link, e.Also...)
			f.Related = addSources(f.Related, f.Link, e.Related...)
			*e = DigestEntry{ItemKey: f.ItemKey, StoryID: f.StoryID, Title: f.Title, Link: f.Link, Why: e.Why,
				ListedUnder: d.Topics[at.topic].Name}
		}
	}
}

// addSources appends to list the sources it lacks, but for the entry's own
// report (at link own).
func addSources(list []DigestSource, own string, more ...DigestSource) []DigestSource {
	for _, s := range more {
		if (s.Link != own || own == "") && !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}
