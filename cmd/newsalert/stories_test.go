package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsalert/newsalert/stories"
)

// TestStoriesShowsHowReportsJoined records five real English news feeds
// (those of stories/testdata/stream.json) with poll --once --deliver, then
// lists their stories: each story's first report comes first, every other
// report says how it joined — by words, unsure when its score is short of
// stories.sure_from (or its outlet told the story in another report) — and
// reports near a story are listed under
// it as related; the text output says the same.
func TestStoriesShowsHowReportsJoined(t *testing.T) {
	path := streamFeedsConfig(t, "stories:\n  sure_from: 0.2\n")
	if code, _, stderr := runMain(t, context.Background(), "poll", "--once", "--deliver", "--config", path); code != 0 {
		t.Fatalf("poll: exit %d\n%s", code, stderr)
	}
	code, out, stderr := runMain(t, context.Background(), "stories", "--json", "--config", path)
	if code != 0 {
		t.Fatalf("stories: exit %d\n%s", code, stderr)
	}
	var views []storyView
	if err := json.Unmarshal([]byte(out), &views); err != nil {
		t.Fatal(err)
	}
	hows := map[string]int{}
	for _, v := range views {
		for i, r := range v.Reports {
			if (i == 0) != (r.How == "first") || r.How == "first" && (r.Score != 0 || r.Unsure) {
				t.Errorf("story %d: report %d %q is %q", v.ID, i, r.Title, r.How)
			}
			if r.How == "words" && !r.Unsure && r.Score < stories.SureFrom || r.How == "words" && r.Score < stories.DefaultThreshold {
				t.Errorf("story %d: %q joined by words at %.3f, unsure %v", v.ID, r.Title, r.Score, r.Unsure)
			}
			hows[r.How]++
			if r.Unsure {
				hows["unsure"]++
			}
		}
		for _, r := range v.Related {
			if r.How != "near" || r.Score < stories.NearFloor || r.Score >= stories.DefaultThreshold {
				t.Errorf("story %d: related %q is %q at %.3f", v.ID, r.Title, r.How, r.Score)
			}
			hows["related"]++
		}
	}
	t.Logf("%d stories listed: %v", len(views), hows)
	if hows["words"] == 0 || hows["unsure"] == 0 || hows["related"] == 0 {
		t.Errorf("want joins by words, unsure ones and related reports: %v", hows)
	}
	_, none, _ := runMain(t, context.Background(), "stories", "--topic", "no-such-topic", "--config", path)
	if !strings.Contains(none, "no stories of several reports") {
		t.Errorf("stories of a topic nothing matched: %q", none)
	}
	_, text, _ := runMain(t, context.Background(), "stories", "--config", path)
	for _, want := range []string{"first report", "joined by words, 0.", ", unsure (a follow-up to chats already alerted)", "related: near, 0."} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
}
