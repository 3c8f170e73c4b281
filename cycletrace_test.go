package koers_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// cycleDoc is a document whose sub-programme 1C has the given goals,
// activities, indicators and deviations.
func cycleDoc(id int64, kind koers.DocumentKind, year, seq int, page *koers.Page) *koers.Document {
	title := map[koers.DocumentKind]string{koers.Begroting: "Begroting", koers.Bestuursrapportage: "Burap", koers.Jaarstukken: "Jaarstukken"}[kind]
	page.ID, page.Number, page.Kind = id*10, "1C", koers.SubProgramme
	return &koers.Document{ID: id, Kind: kind, Year: year, Sequence: seq, Title: fmt.Sprintf("%s %d", title, year),
		Pages: []*koers.Page{{ID: id*10 + 1, Number: "1", Kind: koers.Programme, Children: []*koers.Page{page}}}}
}

func goals(g ...string) []koers.SmartGoal {
	var out []koers.SmartGoal
	for i := 0; i < len(g); i += 2 {
		out = append(out, koers.SmartGoal{Number: g[i], Title: g[i+1]})
	}
	return out
}

// target is an indicator measuring goal 2 with targets per year.
func target(key, name string, years ...float64) *koers.Indicator {
	in := &koers.Indicator{Key: key, Number: "2", Name: name, Unit: koers.Count}
	for i := 0; i < len(years); i += 2 {
		in.Values = append(in.Values, koers.Value{Year: int(years[i]), Kind: koers.Budgeted, Number: num(years[i+1])})
	}
	return in
}

func deviations(scope koers.Scope, ref, status string) []koers.Block {
	return []koers.Block{{Type: koers.DeviationsBlock, Scope: scope, Deviations: []koers.Deviation{{Ref: ref, Status: status, Paragraphs: []string{"Toelichting."}}}}}
}

// traceLines is a trajectory as one line per step: document, wording,
// previous wording, targets, status, and the changes in Dutch.
func traceLines(t *koers.Trajectory) []string {
	var out []string
	for _, s := range t.Steps {
		var targets []string
		for _, in := range s.Indicators {
			for _, v := range in.Values {
				targets = append(targets, fmt.Sprintf("%s %d=%s", in.Key, v.Year, in.Display(v)))
			}
		}
		status := ""
		if s.Deviation != nil {
			status = s.Deviation.Status
		}
		var changes []string
		for _, c := range s.Changes {
			changes = append(changes, c.Sentence(koers.DefaultStatusLegend))
		}
		out = append(out, fmt.Sprintf("%s | %s | %s | %s | %s | %s", s.Document.Title, s.Title, s.Previous,
			strings.Join(targets, ","), status, strings.Join(changes, " ")))
	}
	return out
}

func TestTrajectoryOf(t *testing.T) {
	b22 := func() *koers.Document {
		return cycleDoc(1, koers.Begroting, 2022, 0, &koers.Page{SmartGoals: goals("1", "Zelfstandig.", "2", "Kinderen groeien veilig op."),
			Indicators: []*koers.Indicator{target("meldingen", "Meldingen", 2022, 100, 2023, 90)}})
	}
	burap := func(status string) *koers.Document {
		return cycleDoc(2, koers.Bestuursrapportage, 2022, 1, &koers.Page{Blocks: deviations(koers.ScopeSmartGoals, "2", status)})
	}
	jaar := cycleDoc(3, koers.Jaarstukken, 2022, 0, &koers.Page{SmartGoals: goals("2", "Kinderen groeien veilig op."),
		Blocks: deviations(koers.ScopeSmartGoals, "2", "gereed")})
	b23 := func(title string, targets ...*koers.Indicator) *koers.Document {
		return cycleDoc(4, koers.Begroting, 2023, 0, &koers.Page{SmartGoals: goals("1", "Zelfstandig.", "2", title), Indicators: targets})
	}
	b24 := cycleDoc(5, koers.Begroting, 2024, 0, &koers.Page{SmartGoals: goals("1", "Zelfstandig.")})
	tests := []struct {
		name   string
		number string
		docs   []*koers.Document
		want   []string
	}{
		{
			name:   "through a year and into the next plan, in any order given",
			number: "2",
			docs:   []*koers.Document{b23("Meer kinderen groeien veilig op.", target("meldingen", "Meldingen", 2023, 80, 2024, 70)), jaar, burap("risico"), b22()},
			want: []string{
				"Begroting 2022 | Kinderen groeien veilig op. |  | meldingen 2022=100,meldingen 2023=90 |  | ",
				"Burap 2022 |  |  |  | risico | Status: risico.",
				// The next year's plan comes before this year's account, and
				// each compares with its own year.
				"Begroting 2023 | Meer kinderen groeien veilig op. | Kinderen groeien veilig op. | meldingen 2023=80,meldingen 2024=70 |  | " +
					"De formulering veranderde. De streefwaarde van Meldingen voor 2023 veranderde van 90 in 80.",
				"Jaarstukken 2022 | Kinderen groeien veilig op. | Kinderen groeien veilig op. |  | gereed | De status veranderde van risico in gereed.",
			},
		},
		{
			name:   "an indicator replaced, the goal dropped the year after",
			number: "2",
			docs:   []*koers.Document{b22(), b23("Kinderen groeien veilig op.", target("jeugdhulp", "Jeugdhulp", 2023, 5)), b24},
			want: []string{
				"Begroting 2022 | Kinderen groeien veilig op. |  | meldingen 2022=100,meldingen 2023=90 |  | ",
				"Begroting 2023 | Kinderen groeien veilig op. | Kinderen groeien veilig op. | jeugdhulp 2023=5 |  | " +
					"Nieuwe indicator: Jeugdhulp. Indicator Meldingen wordt niet meer vermeld.",
				"Begroting 2024 |  |  |  |  | Niet meer opgenomen.",
			},
		},
		{
			name:   "a goal added to a sub-programme that had plans before",
			number: "2",
			docs:   []*koers.Document{b24, cycleDoc(6, koers.Begroting, 2025, 0, &koers.Page{SmartGoals: goals("1", "Zelfstandig.", "2", "Nieuw doel.")})},
			want:   []string{"Begroting 2025 | Nieuw doel. |  |  |  | Nieuw opgenomen."},
		},
		{
			name:   "the same status twice is said once",
			number: "2",
			docs:   []*koers.Document{burap("risico"), cycleDoc(7, koers.Bestuursrapportage, 2022, 2, &koers.Page{Blocks: deviations(koers.ScopeSmartGoals, "2", "risico")})},
			want:   []string{"Burap 2022 |  |  |  | risico | Status: risico.", "Burap 2022 |  |  |  | risico | "},
		},
		{
			name:   "an activity's deviations are not the goal's",
			number: "2",
			docs:   []*koers.Document{cycleDoc(2, koers.Bestuursrapportage, 2022, 1, &koers.Page{Blocks: deviations(koers.ScopeActivities, "2", "achter")})},
			want:   nil,
		},
		{
			name:   "a bestuursrapportage lists only what it reports on: it drops nothing",
			number: "2",
			docs:   []*koers.Document{b22(), cycleDoc(2, koers.Bestuursrapportage, 2022, 1, &koers.Page{SmartGoals: goals("1", "Zelfstandig.")})},
			want:   []string{"Begroting 2022 | Kinderen groeien veilig op. |  | meldingen 2022=100,meldingen 2023=90 |  | "},
		},
		{
			name:   "an unknown goal",
			number: "9",
			docs:   []*koers.Document{b22(), b24},
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := koers.TrajectoryOf("1c", koers.ScopeSmartGoals, tt.number, tt.docs)
			if lines := traceLines(got); !reflect.DeepEqual(lines, tt.want) {
				t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestTrajectoryOfActivity(t *testing.T) {
	plan := cycleDoc(1, koers.Begroting, 2022, 0, &koers.Page{Activities: []koers.Activity{{Number: "2.2", Title: "We bieden jeugdhulp."}}})
	report := cycleDoc(2, koers.Jaarstukken, 2022, 0, &koers.Page{Activities: []koers.Activity{{Number: "2.2", Title: "We boden jeugdhulp."}},
		Blocks: append(deviations(koers.ScopeSmartGoals, "2.2", "risico"), deviations(koers.ScopeActivities, "2.2", "gereed")...)})
	got := traceLines(koers.TrajectoryOf("1C", koers.ScopeActivities, "2.2", []*koers.Document{plan, report}))
	want := []string{
		"Begroting 2022 | We bieden jeugdhulp. |  |  |  | ",
		"Jaarstukken 2022 | We boden jeugdhulp. | We bieden jeugdhulp. |  | gereed | De formulering veranderde. Status: gereed.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("steps:\n%s", strings.Join(got, "\n"))
	}
}

func TestMeasuredScope(t *testing.T) {
	for number, want := range map[string]koers.Scope{"2": koers.ScopeSmartGoals, "2.2": koers.ScopeActivities, "": koers.ScopeSmartGoals} {
		if got := koers.MeasuredScope(number); got != want {
			t.Errorf("MeasuredScope(%q) = %s", number, got)
		}
	}
}

// TestSeriesTrace: documents as columns in the cycle's order, each year's
// target and realised value as each document stated it, in its own unit,
// and the changes of name, unit and definition in the document that made
// them.
func TestSeriesTrace(t *testing.T) {
	b22 := &koers.Document{ID: 1, Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022"}
	j22 := &koers.Document{ID: 2, Kind: koers.Jaarstukken, Year: 2022, Title: "Jaarstukken 2022"}
	b23 := &koers.Document{ID: 3, Kind: koers.Begroting, Year: 2023, Title: "Begroting 2023"}
	mention := func(d *koers.Document, name string, unit koers.Unit, def string) koers.Mention {
		return koers.Mention{Document: d, Page: &koers.Page{ID: d.ID * 10, Number: "1C"},
			Indicator: &koers.Indicator{Key: "k", Number: "2", Name: name, Unit: unit, Definition: def}}
	}
	report := func(d *koers.Document, year int, kind koers.ValueKind, n float64) koers.Report {
		return koers.Report{Value: koers.Value{Year: year, Kind: kind, Number: num(n), DocumentID: d.ID}, Document: d}
	}
	s := &koers.Series{Indicator: &koers.Indicator{Key: "k"},
		Mentions: []koers.Mention{mention(b22, "Meldingen", koers.Count, ""), mention(b23, "Aantal meldingen", koers.Percentage, "Per 1.000"),
			mention(j22, "Meldingen", koers.Count, "")},
		Reports: []koers.Report{report(b23, 2023, koers.Budgeted, 8), report(b22, 2023, koers.Budgeted, 90), report(b22, 2022, koers.Budgeted, 100),
			report(j22, 2022, koers.Realised, 97), report(b23, 2022, koers.Realised, 9.7)}}
	s.Resolve()
	tr := s.Trace()
	var cols []string
	for _, c := range tr.Columns {
		var changes []string
		for _, ch := range c.Changes {
			changes = append(changes, ch.Sentence())
		}
		cols = append(cols, c.Document.Title+": "+c.Mention.Indicator.Name+" "+strings.Join(changes, " "))
	}
	wantCols := []string{
		"Begroting 2022: Meldingen ",
		"Begroting 2023: Aantal meldingen De naam veranderde van Meldingen in Aantal meldingen. " +
			"De eenheid veranderde van aantal in percentage. De telregel werd vastgelegd: Per 1.000",
		"Jaarstukken 2022: Meldingen ", // compared with its own year's begroting
	}
	if !reflect.DeepEqual(cols, wantCols) {
		t.Errorf("columns:\n%s", strings.Join(cols, "\n"))
	}
	var rows []string
	for _, y := range tr.Years {
		row := fmt.Sprint(y.Year)
		for _, c := range y.Cells {
			row += fmt.Sprintf(" | %s/%s", c.Target, c.Realised)
		}
		rows = append(rows, row)
	}
	wantRows := []string{"2022 | 100/ | /9,7% | /97", "2023 | 90/ | 8%/ | /"}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("rows:\n%s", strings.Join(rows, "\n"))
	}
}

// BenchmarkTrajectoryOf: a goal through twenty years of begrotingen,
// bestuursrapportages and jaarstukken.
func BenchmarkTrajectoryOf(b *testing.B) {
	var docs []*koers.Document
	for y := 0; y < 20; y++ {
		year := 2010 + y
		in := target("meldingen", "Meldingen", float64(year), float64(100-y), float64(year+1), float64(90-y))
		docs = append(docs,
			cycleDoc(int64(4*y+1), koers.Begroting, year, 0, &koers.Page{SmartGoals: goals("1", "Zelfstandig.", "2", fmt.Sprintf("Kinderen groeien veilig op (%d).", y%3)),
				Indicators: []*koers.Indicator{in}}),
			cycleDoc(int64(4*y+2), koers.Bestuursrapportage, year, 1, &koers.Page{Blocks: deviations(koers.ScopeSmartGoals, "2", "risico")}),
			cycleDoc(int64(4*y+3), koers.Bestuursrapportage, year, 2, &koers.Page{Blocks: deviations(koers.ScopeSmartGoals, "2", "achter")}),
			cycleDoc(int64(4*y+4), koers.Jaarstukken, year, 0, &koers.Page{SmartGoals: goals("2", "Kinderen groeien veilig op."), Blocks: deviations(koers.ScopeSmartGoals, "2", "gereed")}))
	}
	b.ReportAllocs()
	for b.Loop() {
		if t := koers.TrajectoryOf("1c", koers.ScopeSmartGoals, "2", docs); len(t.Steps) != 80 {
			b.Fatalf("%d steps", len(t.Steps))
		}
	}
}
