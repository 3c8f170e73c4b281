package present

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func TestDeviationStatuses(t *testing.T) {
	b := koers.Block{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
		{Ref: "1", Status: "gereed"}, {Ref: "2"}, {Ref: "3", Status: "risico"}, {Ref: "4", Status: "weg"}}}
	marks, used := DeviationStatuses(koers.DefaultStatusLegend, b)
	gereed := &StatusMark{Key: "gereed", Symbol: "√", Label: "Gereed", Colour: "#1f5fa8"}
	risico := &StatusMark{Key: "risico", Symbol: "▲", Label: "Risico", Colour: "#a15c00"}
	weg := &StatusMark{Key: "weg", Symbol: "?", Label: "weg", Colour: "#595959"}
	if want := []*StatusMark{gereed, nil, risico, weg}; !reflect.DeepEqual(marks, want) {
		t.Errorf("marks = %+v", marks)
	}
	// The legend keeps its own order and shows only what the block uses.
	if want := []StatusMark{*risico, *gereed}; !reflect.DeepEqual(used, want) {
		t.Errorf("used = %+v", used)
	}
	if got := gereed.Text(); got != "√ Gereed" {
		t.Errorf("Text = %q", got)
	}
	if marks, used := DeviationStatuses(koers.DefaultStatusLegend, koers.Block{Deviations: []koers.Deviation{{Ref: "1"}}}); marks != nil || used != nil {
		t.Errorf("without statuses: %v, %v", marks, used)
	}
}
