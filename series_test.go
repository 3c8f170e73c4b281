package koers_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestResolveOwnWords: every report is shown as its own document published
// it, in its unit and under its privacy threshold, and the series' current
// values keep every threshold of the documents they come from. A later
// document without a threshold once published the small counts an earlier
// one kept as "<10"; a later percentage showed an earlier count as "764,3%".
func TestResolveOwnWords(t *testing.T) {
	b22 := &koers.Document{ID: 1, Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022"}
	b23 := &koers.Document{ID: 2, Kind: koers.Begroting, Year: 2023, Title: "Begroting 2023"}
	b24 := &koers.Document{ID: 3, Kind: koers.Begroting, Year: 2024, Title: "Begroting 2024"}
	value := func(doc *koers.Document, year int, n float64) koers.Value {
		return koers.Value{Year: year, Kind: koers.Realised, Number: num(n), DocumentID: doc.ID}
	}
	mention := func(doc *koers.Document, unit koers.Unit, threshold int) koers.Mention {
		return koers.Mention{Document: doc, Page: &koers.Page{ID: doc.ID * 10},
			Indicator: &koers.Indicator{Key: "k", Name: "in " + doc.Title, Unit: unit, Threshold: threshold}}
	}
	tests := []struct {
		name      string
		mentions  []koers.Mention
		reports   []koers.Report
		threshold int      // the series' own
		current   []string // the current values as the series shows them
		shown     []string // every report: year, unit, display, public number, current
	}{
		{
			name:     "a later document without a threshold",
			mentions: []koers.Mention{mention(b23, koers.Count, 0), mention(b22, koers.Count, 10)},
			reports: []koers.Report{
				{Value: value(b22, 2019, 3), Document: b22}, {Value: value(b22, 2020, 4), Document: b22},
				{Value: value(b23, 2020, 5), Document: b23}, {Value: value(b23, 2021, 12), Document: b23},
			},
			threshold: 10,
			current:   []string{"<10", "<10", "12"},
			shown: []string{
				"2019 count <10 <nil> true",
				"2020 count 5 5 true",
				"2020 count <10 <nil> false",
				"2021 count 12 12 true",
			},
		},
		{
			name:     "a later percentage",
			mentions: []koers.Mention{mention(b23, koers.Percentage, 0), mention(b22, koers.Count, 0)},
			reports: []koers.Report{
				{Value: value(b22, 2020, 764.3), Document: b22}, {Value: value(b23, 2021, 10), Document: b23},
			},
			threshold: 0,
			current:   []string{"10%"},
			shown: []string{
				"2020 count 764,3 764.3 false",
				"2021 percentage 10% 10 true",
			},
		},
		{
			name: "a stricter later threshold keeps its own",
			mentions: []koers.Mention{mention(b24, koers.Count, 20), mention(b23, koers.Count, 0),
				mention(b22, koers.Count, 10)},
			reports: []koers.Report{
				{Value: value(b22, 2019, 15), Document: b22}, {Value: value(b23, 2020, 5), Document: b23},
				{Value: value(b24, 2021, 19), Document: b24},
			},
			threshold: 20,
			current:   []string{"<20", "<20", "<20"},
			shown: []string{
				"2019 count 15 15 true",
				"2020 count 5 5 true",
				"2021 count <20 <nil> true",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &koers.Series{Indicator: &koers.Indicator{Key: "k"}, Mentions: tt.mentions, Reports: tt.reports}
			s.Resolve()
			if s.Indicator.Threshold != tt.threshold {
				t.Errorf("series threshold = %d, want %d", s.Indicator.Threshold, tt.threshold)
			}
			var current []string
			for _, v := range s.Indicator.Values {
				current = append(current, s.Indicator.Display(v))
			}
			if !reflect.DeepEqual(current, tt.current) {
				t.Errorf("current values = %q, want %q", current, tt.current)
			}
			var shown []string
			for _, r := range s.Reports {
				n := "<nil>"
				if p := r.Public(s.Indicator); p != nil {
					n = fmt.Sprint(*p)
				}
				shown = append(shown, fmt.Sprintf("%d %s %s %s %v", r.Value.Year, r.Wording(s.Indicator).Unit, r.Display(s.Indicator), n, r.Current))
			}
			if !reflect.DeepEqual(shown, tt.shown) {
				t.Errorf("reports =\n%q\nwant\n%q", shown, tt.shown)
			}
		})
	}
}
