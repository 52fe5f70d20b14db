package alerts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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
	// Lang is the reader's language (i18n), which renderers write in.
	Lang string
	// Destination is the reader's ("email:a@example.org", "telegram:42"),
	// for what a renderer makes per reader (an unsubscribe link).
	Destination string
	// Following names every topic the reader follows, for the footer.
	Following []string
	// Schedule is when the reader's digests come, for the footer.
	Schedule DigestSchedule
	// SourcesInTrouble names the sources that failed or fell silent, for
	// the footer: a reader should know what the digest may lack.
	SourcesInTrouble []string
}

// DigestSchedule is when a reader's digests come: a cron spec of the
// config file, or else a daily time in the digest's zone.
type DigestSchedule struct {
	Spec, DailyAt string
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
	// Named are the regions the story's first report names itself (its
	// countries, shown before its feed's tags: see PlaceIDs).
	Named []string
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
	// Tags name the later sections that matched the story too: it is
	// listed under the first only, with the others as tags.
	Tags []string
}

// Outlets is how many outlets reported the entry's story in the period.
func (e DigestEntry) Outlets() int { return 1 + len(e.Also) }

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

// Zone is the reader's time zone: Location, or UTC when unset.
func (d Digest) Zone() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

// BuildDigest groups matches by topic, in the order of topics, and within
// a topic by story: the first report is the entry, later ones are listed
// under it as "also reported by" — as related if they joined it unsure —
// and reports near it (with their stories) as related. Matches of topics
// no longer in the rules are listed under their id at the end. A story
// is listed once, under its first topic (see listOnce), and each topic's
// stories come in the order of EntryOrder.
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
			Feed: m.Item.FeedName, Summary: m.Item.Summary, Published: published, Why: m.Why, Regions: m.Regions, Named: m.Named, Earlier: m.Earlier}
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
	listOnce(&d)
	kept := d.Topics[:0]
	for _, t := range d.Topics {
		if len(t.Entries) > 0 {
			slices.SortStableFunc(t.Entries, EntryOrder)
			kept = append(kept, t)
		}
	}
	d.Topics = kept
	return d
}

// EntryOrder orders a topic's stories: the most reported first (more
// outlets), then the newest, then by item key so that the order is the
// same at every run.
func EntryOrder(a, b DigestEntry) int {
	return cmp.Or(cmp.Compare(b.Outlets(), a.Outlets()), b.Published.Compare(a.Published), strings.Compare(a.ItemKey, b.ItemKey))
}

// Top is the digest's top story, the first of all by EntryOrder; false
// when the digest is empty.
func (d Digest) Top() (DigestEntry, bool) {
	var top DigestEntry
	found := false
	for _, t := range d.Topics {
		for _, e := range t.Entries {
			if !found || EntryOrder(e, top) < 0 {
				top, found = e, true
			}
		}
	}
	return top, found
}

// listOnce lists each story once, under the first section that has it,
// as immediate alerts name all of a story's topics in one message: the
// later sections that have it become its tags, and their reports of it,
// reasons and regions join its entry there.
func listOnce(d *Digest) {
	type place struct{ topic, entry int }
	full := map[string]place{}
	for ti := range d.Topics {
		kept := d.Topics[ti].Entries[:0]
		for _, e := range d.Topics[ti].Entries {
			at, ok := full[e.storyKey()]
			if !ok {
				full[e.storyKey()] = place{ti, len(kept)}
				kept = append(kept, e)
				continue
			}
			f := &d.Topics[at.topic].Entries[at.entry]
			if !slices.Contains(f.Tags, d.Topics[ti].Name) {
				f.Tags = append(f.Tags, d.Topics[ti].Name)
			}
			if !e.Earlier.MatchedAt.IsZero() && (f.Earlier.MatchedAt.IsZero() || e.Earlier.MatchedAt.Before(f.Earlier.MatchedAt)) {
				f.Earlier = e.Earlier
			}
			f.Why = appendMissing(f.Why, e.Why...)
			f.Regions = appendMissing(f.Regions, e.Regions...)
			f.Also = addSources(f.Also, f.Link, DigestSource{Feed: e.Feed, Title: e.Title, Link: e.Link})
			f.Also = addSources(f.Also, f.Link, e.Also...)
			f.Related = addSources(f.Related, f.Link, e.Related...)
		}
		d.Topics[ti].Entries = kept
	}
}

// appendMissing appends to list the strings it lacks.
func appendMissing(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
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

// nameTopics names d's topics, and the tags of its entries, in lang
// (rules.Topic.NameIn); a topic no longer in topics keeps its id.
func (d *Digest) nameTopics(topics []*rules.Topic, lang string) {
	renamed := map[string]string{}
	for i, dt := range d.Topics {
		for _, t := range topics {
			if t.ID == dt.ID {
				renamed[dt.Name] = t.NameIn(lang)
				d.Topics[i].Name = t.NameIn(lang)
			}
		}
	}
	for _, dt := range d.Topics {
		for j := range dt.Entries {
			for k, tag := range dt.Entries[j].Tags {
				if n, ok := renamed[tag]; ok {
					dt.Entries[j].Tags[k] = n
				}
			}
		}
	}
}
