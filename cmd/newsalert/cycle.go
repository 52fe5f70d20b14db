package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/newsalert/newsalert/alerts"
	"github.com/newsalert/newsalert/feeds"
)

// cycleReport sums up one poll of every feed.
type cycleReport struct {
	feeds, failed, notModified int
	stats                      alerts.Stats
	errors                     []string
}

// pollCycle polls every source once and runs each result through the
// pipeline as it arrives. A feed that fails is reported and the others
// carry on.
func pollCycle(ctx context.Context, p *feeds.Poller, pipe *alerts.Pipeline, srcs []feeds.Source) (cycleReport, error) {
	rep := cycleReport{feeds: len(srcs)}
	var firstErr error
	p.PollEach(ctx, srcs, func(res feeds.Result) error {
		if res.Err != nil {
			rep.failed++
			rep.errors = append(rep.errors, res.Err.Error())
			return nil
		}
		if res.NotModified {
			rep.notModified++
		}
		st, err := pipe.Process(ctx, res)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		rep.stats.Items += st.Items
		rep.stats.New += st.New
		rep.stats.Backlog += st.Backlog
		rep.stats.Joined += st.Joined
		rep.stats.ByMeaning += st.ByMeaning
		rep.stats.Matched += st.Matched
		rep.stats.Queued += st.Queued
		rep.stats.FollowUps += st.FollowUps
		rep.stats.Edits += st.Edits
		return err
	})
	sort.Strings(rep.errors)
	return rep, firstErr
}

func (r cycleReport) print(w io.Writer) {
	fmt.Fprintf(w, "feeds: %d polled, %d failed, %d unchanged; items: %d read, %d new, %d matched; alerts queued: %d\n",
		r.feeds, r.failed, r.notModified, r.stats.Items, r.stats.New, r.stats.Matched, r.stats.Queued)
	if r.stats.Joined > 0 {
		byMeaning := ""
		if r.stats.ByMeaning > 0 {
			byMeaning = fmt.Sprintf(" (%d of them by meaning)", r.stats.ByMeaning)
		}
		fmt.Fprintf(w, "  %d new items joined the story of an earlier report%s\n", r.stats.Joined, byMeaning)
	}
	if r.stats.FollowUps > 0 {
		fmt.Fprintf(w, "  alerts queued as follow-ups of an earlier alert: %d\n", r.stats.FollowUps)
	}
	if r.stats.Edits > 0 {
		fmt.Fprintf(w, "  alerts to be edited to show their story's new source: %d\n", r.stats.Edits)
	}
	if r.stats.Backlog > 0 {
		fmt.Fprintf(w, "  %d items of newly added feeds were older than the backlog window: recorded as seen, not alerted\n", r.stats.Backlog)
	}
	for _, e := range r.errors {
		fmt.Fprintf(w, "  failed: %s\n", alerts.Clean(e))
	}
}
