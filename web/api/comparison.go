package api

import (
	"encoding/json"

	"github.com/koers-nl/koers"
)

// ComparisonTable is a comparison table ("Waar staat je gemeente?"): per
// indicator the municipality's figure and the comparison areas', each row
// with its own unit, period, source and target.
type ComparisonTable struct {
	Reference    string             `json:"reference,omitempty"` // YYYY-MM-DD
	Municipality string             `json:"municipality,omitempty"`
	Areas        []ComparisonArea   `json:"areas"`
	Rows         []ComparisonRow    `json:"rows"`
	Notations    []ComparisonNotion `json:"notations"`
}

// ComparisonArea is a comparison column.
type ComparisonArea struct {
	Name string `json:"name"`
	Code string `json:"code,omitempty"`
}

// ComparisonRow is one indicator of a comparison table.
type ComparisonRow struct {
	Name        string   `json:"name"`
	Unit        string   `json:"unit,omitempty"`
	Period      string   `json:"period"`
	PeriodLabel string   `json:"period_label"`
	Value       Figure   `json:"value"`
	Areas       []Figure `json:"areas"`
	Source      string   `json:"source,omitempty"`
	Target      string   `json:"target,omitempty"`
	Indicator   string   `json:"indicator,omitempty"`
}

// Figure is a cell: the exact number with its printed decimals, or null
// with the notation that stands in its place; Text is as shown.
type Figure struct {
	Value    json.RawMessage `json:"value"`
	Notation string          `json:"notation,omitempty"`
	Text     string          `json:"text"`
}

// ComparisonNotion explains a notation the table uses.
type ComparisonNotion struct {
	Notation string `json:"notation"`
	Meaning  string `json:"meaning"`
}

func comparison(t *koers.ComparisonTable) *ComparisonTable {
	if t == nil {
		return nil
	}
	out := &ComparisonTable{Reference: t.Reference, Municipality: t.Municipality, Areas: []ComparisonArea{},
		Rows: []ComparisonRow{}, Notations: []ComparisonNotion{}}
	for _, a := range t.Areas {
		out.Areas = append(out.Areas, ComparisonArea{Name: a.Name, Code: a.Code})
	}
	for _, r := range t.Rows {
		row := ComparisonRow{Name: r.Name, Unit: r.Unit, Period: r.Period, PeriodLabel: koers.ComparisonPeriodLabel(r.Period),
			Value: figure(r.Value), Areas: []Figure{}, Source: r.Source, Target: r.Target, Indicator: r.Indicator}
		for _, f := range r.Areas {
			row.Areas = append(row.Areas, figure(f))
		}
		out.Rows = append(out.Rows, row)
	}
	for _, n := range t.UsedNotations() {
		out.Notations = append(out.Notations, ComparisonNotion{Notation: string(n), Meaning: n.Meaning()})
	}
	return out
}

func figure(f koers.Figure) Figure {
	if f.Decimal != "" {
		return Figure{Value: json.RawMessage(f.Decimal), Text: f.String()}
	}
	return Figure{Value: json.RawMessage("null"), Notation: string(f.Notation), Text: f.String()}
}
