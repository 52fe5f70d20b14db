package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/store"
	"github.com/newsalert/newsalert/text"
)

// storyView is one story of `newsalert stories`: its reports in the
// order seen, and the first reports of other stories that were near it.
type storyView struct {
	ID      int64        `json:"id"`
	Reports []reportView `json:"reports"`
	Related []reportView `json:"related,omitempty"`
}

// reportView is one report of a story, and how it came into it.
type reportView struct {
	Key       string    `json:"key"`
	Feed      string    `json:"feed"`
	Title     string    `json:"title"`
	Link      string    `json:"link,omitempty"`
	Published time.Time `json:"published,omitzero"`
	FirstSeen time.Time `json:"first_seen"`
	// How is "first", "words", "meaning", "languages" (joined by them:
	// a report in another language, by its evidence), "close in time"
	// (another outlet's report of its act and place, dated close to it)
	// or, for a related report, "near".
	How    string  `json:"how"`
	Score  float64 `json:"score,omitempty"`
	Unsure bool    `json:"unsure,omitempty"`
}

func runStories(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("stories", `Print the stories of the items first seen in the last --since: each
story's reports in the order recorded, and how each joined it — by its
words' score, by meaning, or unsure (short of stories.sure_from: a
follow-up to chats already alerted) — then the reports of other stories
that were near it (follow-ups to chats alerted about this one). Stories of
one report with none near are left out unless --all. Use it to see what
the clustering did before changing stories.threshold or stories.sure_from.`, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	since := fs.Duration("since", 48*time.Hour, "items first seen within this `duration`")
	topic := fs.String("topic", "", "only stories with an item that matched this topic `id`")
	all := fs.Bool("all", false, "also stories of one report with none near")
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	_, st, err := loadStore(ctx, *configPath, env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	items, err := st.StoryItems(ctx, env.now().Add(-*since), *topic)
	if err != nil {
		return err
	}
	views := storyViews(items, *all)
	if *asJSON {
		return printJSON(env.stdout, views)
	}
	printStories(env.stdout, views)
	return nil
}

// storyViews groups items by story, in the order their stories were first
// seen, and lists each report that started a story near another under
// that one too, as related. Stories of one report with none near are left
// out unless all.
func storyViews(items []store.StoryItem, all bool) []storyView {
	var views []storyView
	at := map[int64]int{}
	for _, it := range items {
		i, ok := at[it.StoryID]
		if !ok {
			i = len(views)
			at[it.StoryID] = i
			views = append(views, storyView{ID: it.StoryID})
		}
		r := reportView{Key: it.Key, Feed: it.Feed, Title: it.Title, Link: it.Link, Published: it.Published,
			FirstSeen: it.FirstSeen, How: it.JoinedBy, Score: it.Score, Unsure: it.Unsure}
		if r.How != "" {
			views[i].Reports = append(views[i].Reports, r)
			continue
		}
		// A story's first report; its score, if any, is with the story it
		// was near, under which it is listed too.
		r.How, r.Score = "first", 0
		views[i].Reports = append(views[i].Reports, r)
		if j, ok := at[it.NearStory]; ok {
			r.How, r.Score = "near", it.Score
			views[j].Related = append(views[j].Related, r)
		}
	}
	kept := views[:0]
	for _, v := range views {
		if all || len(v.Reports) > 1 || len(v.Related) > 0 {
			kept = append(kept, v)
		}
	}
	return kept
}

func printStories(w io.Writer, views []storyView) {
	if len(views) == 0 {
		fmt.Fprintln(w, "no stories of several reports in that time (--all lists every story)")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, v := range views {
		fmt.Fprintf(tw, "story %d: %s, %d related\n", v.ID, reports(len(v.Reports)), len(v.Related))
		for _, r := range slices.Concat(v.Reports, v.Related) {
			when := r.Published
			if when.IsZero() {
				when = r.FirstSeen
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", when.Format("2006-01-02 15:04"), feedLabel(r.Feed),
				text.Truncate(r.Title, 70), joinedHow(r))
		}
	}
	tw.Flush()
}

func reports(n int) string {
	if n == 1 {
		return "1 report"
	}
	return fmt.Sprintf("%d reports", n)
}

// feedLabel is a feed's name cut to fit a column; a feed without a name
// goes by its URL, whose end (the site and path) tells feeds apart.
func feedLabel(name string) string {
	const width = 28
	name = strings.TrimPrefix(strings.TrimPrefix(name, "https://"), "http://")
	if r := []rune(name); len(r) > width {
		return "…" + string(r[len(r)-width+1:])
	}
	return name
}

// joinedHow says how a report came into the story it is listed under.
func joinedHow(r reportView) string {
	switch r.How {
	case "first":
		return "first report"
	case "near":
		return fmt.Sprintf("related: near, %.2f (a story of its own; a follow-up to chats alerted about this one)", r.Score)
	}
	how := fmt.Sprintf("joined by %s, %.2f", r.How, r.Score)
	switch r.How {
	case "languages":
		how = fmt.Sprintf("joined across languages by its places, numbers, names and concepts, %.2f", r.Score)
	case "close in time":
		how = "joined: its act and place, told by another outlet close in time"
	}
	if r.Unsure {
		how += ", unsure (a follow-up to chats already alerted)"
	}
	return how
}
