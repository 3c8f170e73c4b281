package koers_test

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func TestActivityGridAndLabels(t *testing.T) {
	p := &koers.Page{
		SmartGoals: []koers.SmartGoal{{Number: "1", Title: "Doel een."}, {Number: "2", Title: "Doel twee."}},
		Activities: []koers.Activity{{Number: "1.1", Title: "A."}, {Number: "1.2", Title: "B."}, {Number: "2.1", Title: "C."}, {Number: "2.2", Title: "D."}, {Number: "2.3", Title: "E."}},
	}
	goals, rows := p.ActivityGrid()
	var read []string
	for _, row := range rows {
		for _, a := range row {
			if a == nil {
				read = append(read, "-")
			} else {
				read = append(read, a.Number)
			}
		}
	}
	if strings.Join(goals, ",") != "1,2" || strings.Join(read, " ") != "1.1 2.1 1.2 2.2 - 2.3" {
		t.Errorf("grid %v: %v", goals, read)
	}
	tests := [][2]string{
		{p.RefLabel(koers.ScopeSmartGoals, "2"), "2. Doel twee."},
		{p.RefLabel(koers.ScopeActivities, "2.2"), "2.2 D."},
		{p.RefLabel(koers.ScopeActivities, "9.9"), "9.9"},
		{p.ExplanationHeading(koers.GoalExplanationsBlock, koers.Explanation{Ref: "1"}), "1. Doel een"},
		{p.ExplanationHeading(koers.ActivityExplanationsBlock, koers.Explanation{Ref: "2.3"}), "2.3 E"},
		{p.ExplanationHeading(koers.ActivityExplanationsBlock, koers.Explanation{Ref: "2.3", Heading: "Anders"}), "2.3 Anders"},
	}
	for _, tt := range tests {
		if tt[0] != tt[1] {
			t.Errorf("got %q, want %q", tt[0], tt[1])
		}
	}
}
