package ingest

import (
	"slices"
	"testing"
)

func TestDecide(t *testing.T) {
	never := TopicState{ID: "iskp"}
	told := TopicState{ID: "iskp", Alerted: true, SourcesAtAlert: 1}
	toldRealert := TopicState{ID: "iskp", Alerted: true, SourcesAtAlert: 2, RealertAfter: 3}
	other := TopicState{ID: "border"}
	tests := []struct {
		name        string
		topics      []TopicState
		story       Placed
		noFollowUps bool
		want        Action
		wantTopics  []string
		wantFresh   []string
		reason      string
	}{
		{"a new story", []TopicState{never}, Placed{Sources: 1}, false, Alert, []string{"iskp"}, []string{"iskp"}, ReasonNewTopics},
		{"a payload without topics", nil, Placed{Sources: 1}, false, Alert, nil, nil, ReasonNewTopics},
		{"a sure join, told", []TopicState{told}, Placed{Sources: 2}, false, GrowAlert, []string{"iskp"}, nil, ReasonGrows},
		{"a sure join, told under one topic of two", []TopicState{told, other}, Placed{Sources: 2}, false, Alert, []string{"border"}, []string{"border"}, ReasonNewTopics},
		{"an unsure join, told", []TopicState{told}, Placed{Sources: 2, Unsure: true}, false, FollowUpOfStory, []string{"iskp"}, nil, ReasonUnsureJoin},
		{"an unsure join, told, follow-ups off", []TopicState{told}, Placed{Sources: 2, Unsure: true}, true, Skip, nil, nil, ReasonToldAll},
		{"an unsure join, a topic not told", []TopicState{told, other}, Placed{Sources: 2, Unsure: true}, false, Alert, []string{"border"}, []string{"border"}, ReasonNewTopics},
		{"near a told story", []TopicState{never}, Placed{Sources: 1, Near: true}, false, FollowUpOfNear, []string{"iskp"}, []string{"iskp"}, ReasonNearStory},
		{"near a told story, follow-ups off", []TopicState{never}, Placed{Sources: 1, Near: true}, true, Alert, []string{"iskp"}, []string{"iskp"}, ReasonNewTopics},
		{"an unsure join, told, bringing a figure", []TopicState{told}, Placed{Sources: 2, Unsure: true, News: true}, false, Alert, []string{"iskp"}, []string{"iskp"}, ReasonBringsNews},
		{"an unsure join, told, bringing a place, follow-ups off", []TopicState{told}, Placed{Sources: 2, Unsure: true, News: true}, true, Alert, []string{"iskp"}, []string{"iskp"}, ReasonBringsNews},
		{"a sure join, told, bringing a figure", []TopicState{told}, Placed{Sources: 2, News: true}, false, GrowAlert, []string{"iskp"}, nil, ReasonGrows},
		{"near a told story, bringing a place", []TopicState{never}, Placed{Sources: 1, Near: true, News: true}, false, Alert, []string{"iskp"}, []string{"iskp"}, ReasonBringsNews},
		{"realert not due", []TopicState{toldRealert}, Placed{Sources: 4}, false, GrowAlert, []string{"iskp"}, nil, ReasonGrows},
		{"realert due", []TopicState{toldRealert}, Placed{Sources: 5}, false, Alert, []string{"iskp"}, []string{"iskp"}, ReasonNewTopics},
		{"realert off", []TopicState{told}, Placed{Sources: 50}, false, GrowAlert, []string{"iskp"}, nil, ReasonGrows},
		{"a sure join, told, follow-ups off", []TopicState{told}, Placed{Sources: 2}, true, GrowAlert, []string{"iskp"}, nil, ReasonGrows},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.topics, tt.story, tt.noFollowUps)
			if d.Action != tt.want || !slices.Equal(d.Topics, tt.wantTopics) || !slices.Equal(d.Fresh, tt.wantFresh) || d.Reason != tt.reason {
				t.Errorf("got %s %v fresh %v (%s), want %s %v fresh %v (%s)",
					d.Action, d.Topics, d.Fresh, d.Reason, tt.want, tt.wantTopics, tt.wantFresh, tt.reason)
			}
		})
	}
}

func TestSettle(t *testing.T) {
	follow := Decision{Action: FollowUpOfStory, Topics: []string{"iskp"}, Reason: ReasonUnsureJoin}
	near := Decision{Action: FollowUpOfNear, Topics: []string{"iskp"}, Fresh: []string{"iskp"}, Reason: ReasonNearStory}
	alert := Decision{Action: Alert, Topics: []string{"iskp"}, Fresh: []string{"iskp"}, Reason: ReasonNewTopics}
	tests := []struct {
		name   string
		d      Decision
		found  bool
		want   Action
		reason string
	}{
		{"an unsure join's alert found", follow, true, FollowUpOfStory, ReasonUnsureJoin},
		{"an unsure join's alert not sent", follow, false, Skip, ReasonNoEarlier},
		{"a near story's alert found", near, true, FollowUpOfNear, ReasonNearStory},
		{"no alert about the near story", near, false, Alert, ReasonNoEarlierNear},
		{"an alert stays", alert, false, Alert, ReasonNewTopics},
		{"the alert to edit found", Decision{Action: GrowAlert, Reason: ReasonGrows}, true, GrowAlert, ReasonGrows},
		{"the alert to edit not sent", Decision{Action: GrowAlert, Reason: ReasonGrows}, false, Skip, ReasonNoEarlierEdit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Settle(tt.d, tt.found)
			if got.Action != tt.want || got.Reason != tt.reason {
				t.Errorf("got %s (%s), want %s (%s)", got.Action, got.Reason, tt.want, tt.reason)
			}
			if tt.d.Action == FollowUpOfNear && got.Action == Alert && !slices.Equal(got.Fresh, tt.d.Fresh) {
				t.Errorf("a near follow-up turned alert records %v, want %v", got.Fresh, tt.d.Fresh)
			}
		})
	}
}

// TestForNearTopics: a follow-up of a near story stays one only when the
// destination was told about that story under each of the item's topics.
func TestForNearTopics(t *testing.T) {
	follow := Decision{Action: FollowUpOfNear, Topics: []string{"iskp", "border"}, Reason: ReasonNearStory}
	told := TopicState{ID: "iskp", Alerted: true}
	notTold := TopicState{ID: "border"}
	for _, tt := range []struct {
		name   string
		d      Decision
		near   []TopicState
		want   Action
		reason string
	}{
		{"told under every topic", follow, []TopicState{told, {ID: "border", Alerted: true}}, FollowUpOfNear, ReasonNearStory},
		{"a topic not told", follow, []TopicState{told, notTold}, Alert, ReasonNewTopicNear},
		{"not a follow-up of a near story", Decision{Action: Alert, Reason: ReasonNewTopics}, []TopicState{notTold}, Alert, ReasonNewTopics},
	} {
		got := ForNearTopics(tt.d, tt.near)
		if got.Action != tt.want || got.Reason != tt.reason {
			t.Errorf("%s: %v (%s), want %v (%s)", tt.name, got.Action, got.Reason, tt.want, tt.reason)
		}
	}
}
