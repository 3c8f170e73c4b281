package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestFreeNumberingAndStatuses: a jaarstukken page numbered the way some
// municipalities do, with its own legend, statuses and a sub-heading, is
// valid, and its activities find their goals.
func TestFreeNumberingAndStatuses(t *testing.T) {
	o, d := validOrg(), validDoc()
	o.StatusLegend = koers.StatusLegend{{Key: "groen", Label: "Loopt volgens plan", Symbol: "+", Colour: "#2e7d32"},
		{Key: "rood", Label: "Loopt niet volgens plan", Symbol: "−", Colour: "#c62828"}}
	d.Kind, d.Sequence, d.Slug = koers.Jaarstukken, 0, "jaarstukken-2020"
	p := sub(d)
	p.SmartGoals = []koers.SmartGoal{{Number: "I.a", Title: "Zelfstandig."}, {Number: "I.d", Title: "Gezond."}}
	p.Activities = []koers.Activity{{Number: "I.d.1 (MD10, IBK BE28)", Title: "Jeugdhulp."}, {Number: "I.a.1", Title: "Wmo."}}
	p.Blocks = []koers.Block{
		{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{{Type: koers.SubHeading, Text: "Wmo"}, {Type: koers.Paragraph, Text: "Tekst."}}},
		{Type: koers.SmartGoalsBlock}, {Type: koers.ActivitiesBlock},
		{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
			{Ref: "I.a", Status: "groen", Paragraphs: []string{"Gaat goed."}}, {Ref: "I.d", Paragraphs: []string{"Geen status."}}}},
		{Type: koers.DeviationsBlock, Scope: koers.ScopeActivities, Deviations: []koers.Deviation{
			{Ref: "I.d.1 (MD10, IBK BE28)", Status: "rood", Paragraphs: []string{"Wachtlijst."}}}},
	}
	if err := koers.ValidateDocument(o, d); err != nil {
		t.Fatal(err)
	}
	goals, rows := p.ActivityGrid()
	if !reflect.DeepEqual(goals, []string{"I.d", "I.a"}) || len(rows) != 1 {
		t.Errorf("ActivityGrid = %v, %d rows", goals, len(rows))
	}
	if got := p.Statuses(koers.ScopeSmartGoals); !reflect.DeepEqual(got, map[string]string{"I.a": "groen"}) {
		t.Errorf("Statuses(goals) = %v", got)
	}
	if got := p.Statuses(koers.ScopeActivities); !reflect.DeepEqual(got, map[string]string{"I.d.1 (MD10, IBK BE28)": "rood"}) {
		t.Errorf("Statuses(activities) = %v", got)
	}
	if got := o.StatusLegendOrDefault().Used(map[string]bool{"rood": true}); !reflect.DeepEqual(got, o.StatusLegend[1:]) {
		t.Errorf("Used = %v", got)
	}
	// Document.Validate alone knows no legend: it checks only the kind.
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

func TestActivityGoal(t *testing.T) {
	for _, tt := range []struct{ number, goal string }{
		{"1.1", "1"}, {"12.3", "12"}, {"I.a", "I"}, {"I.d.1", "I.d"}, {"I.d.1 (MD10, IBK BE28)", "I.d"},
		{"2", ""}, {".1", ""}, {"(MD10, IBK BE28)", ""},
	} {
		if got := (koers.Activity{Number: tt.number}).Goal(); got != tt.goal {
			t.Errorf("Goal(%q) = %q, want %q", tt.number, got, tt.goal)
		}
	}
}

// TestDefaultStatusLegend: the default legend passes the organisation's own
// rules, so that every colour has the contrast WCAG 1.4.11 asks for.
func TestDefaultStatusLegend(t *testing.T) {
	o := validOrg()
	if got := o.StatusLegendOrDefault(); !reflect.DeepEqual(got, koers.DefaultStatusLegend) {
		t.Fatalf("StatusLegendOrDefault = %v", got)
	}
	o.StatusLegend = koers.DefaultStatusLegend
	if err := o.Validate(); err != nil {
		t.Error(err)
	}
	for _, e := range koers.DefaultStatusLegend {
		if c := koers.Contrast(e.Colour, "#ffffff"); c < 4.5 {
			t.Errorf("%s: contrast %.1f", e.Key, c)
		}
	}
}
