package koers_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/markup"
)

// demoDocument loads a demo bundle as the domain's organisation and
// document.
func demoDocument(t testing.TB, name string) (*koers.Organisation, *koers.Document) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("demo", name))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return b.Domain()
}

// TestFormsRoundTripDemo formats every block of every page of the demo
// documents in its form and parses it back: the page must come back the
// same, and the document must still hold to the rules.
func TestFormsRoundTripDemo(t *testing.T) {
	names, _ := filepath.Glob("demo/*.json")
	if len(names) == 0 {
		t.Fatal("no demo documents")
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			org, doc := demoDocument(t, name)
			_, want := demoDocument(t, name)
			counts := map[koers.BlockType]int{}
			_ = doc.Walk(func(p *koers.Page) error {
				for i, b := range p.Blocks {
					counts[b.Type]++
					roundTripBlock(t, org, doc, p, i)
				}
				return nil
			})
			if !reflect.DeepEqual(doc, want) {
				t.Errorf("the document changed in the round trip")
			}
			if err := koers.ValidateDocument(org, doc); err != nil {
				t.Errorf("after the round trip: %v", err)
			}
			if counts[koers.TextBlock] == 0 || counts[koers.IndicatorTableBlock] == 0 || counts[koers.ComparisonTableBlock] == 0 {
				t.Logf("blocks: %v", counts)
			}
		})
	}
}

func roundTripBlock(t *testing.T, org *koers.Organisation, doc *koers.Document, p *koers.Page, i int) {
	b := p.Blocks[i]
	where := p.Path + " block " + string(b.Type)
	check := func(form string, got, want any, ps koers.Problems) {
		t.Helper()
		if ps != nil {
			t.Errorf("%s: problems %v\nform:\n%s", where, ps, form)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: round trip\ngot  %#v\nwant %#v\nform:\n%s", where, got, want, form)
		}
	}
	switch b.Type {
	case koers.TextBlock:
		form := markup.Format(b.Content)
		got, ps := markup.Parse(form)
		check(form, got, b.Content, ps)
	case koers.SmartGoalsBlock:
		form := koers.FormatSmartGoals(p.SmartGoals)
		got, ps := koers.ParseSmartGoals(p, form)
		check(form, got, p.SmartGoals, ps)
	case koers.ActivitiesBlock:
		form := koers.FormatActivities(p.Activities)
		got, ps := koers.ParseActivities(p, form)
		check(form, got, p.Activities, ps)
	case koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock:
		got, ps := koers.ParseExplanations(p, b.Type, koers.FormatExplanations(b))
		check("", got, b.Explanations, ps)
	case koers.DeviationsBlock:
		got, ps := koers.ParseDeviations(p, b.Scope, doc.Kind, org.StatusLegendOrDefault(), koers.FormatDeviations(b))
		check("", got, b.Deviations, ps)
	case koers.IndicatorTableBlock:
		form := koers.FormatIndicatorTable(p, b)
		change, ps := koers.ParseIndicatorTable(doc, p, i, form)
		if ps != nil {
			check(form, nil, nil, ps)
			return
		}
		before := *p
		after := *p
		after.Blocks = append([]koers.Block(nil), p.Blocks...)
		change.Apply(&after, i)
		check(form, &after, &before, nil)
		if b.Printed != nil {
			form := koers.FormatPrintedColumns(b.Printed)
			got, ps := koers.ParsePrintedColumns(b.Printed, form)
			check(form, got, b.Printed, ps)
		}
	case koers.FinanceTableBlock:
		form := koers.FormatFinanceTable(b.Finance)
		got, ps := koers.ParseFinanceTable(b.Finance, doc.Year, form)
		check(form, got, b.Finance, ps)
	case koers.ComparisonTableBlock:
		form := koers.FormatComparisonTable(b.Comparison)
		got, ps := koers.ParseComparisonTable(b.Comparison, form)
		check(form, got, b.Comparison, ps)
	case koers.GoalBlock:
		// its text is the form
	default:
		t.Errorf("%s: no form for this block type", where)
	}
}
