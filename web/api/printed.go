package api

import "github.com/koers-nl/koers"

// PrintedTable is an indicator table's printed layout: the columns, row
// numbering, rows, legend and cards the municipality chose. Values of
// whole-year realised and budgeted columns are the indicators' own
// (Page.indicators); the rows give the others.
type PrintedTable struct {
	RowHeader string          `json:"row_header"`
	Numbering string          `json:"numbering"` // goal, code or none
	Columns   []PrintedColumn `json:"columns"`
	Rows      []PrintedRow    `json:"rows"`
	Legend    []LegendEntry   `json:"legend"`
	Cards     bool            `json:"cards"`
}

// PrintedColumn is one value column as printed.
type PrintedColumn struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Group     string `json:"group,omitempty"`
	Kind      string `json:"kind"`
	Year      int    `json:"year,omitempty"`
	Period    string `json:"period,omitempty"`
	Amendment int    `json:"amendment,omitempty"`
	Stored    bool   `json:"stored"` // its values are the indicators' own
}

// PrintedRow is how one indicator is printed.
type PrintedRow struct {
	Indicator string         `json:"indicator"`
	Code      string         `json:"code,omitempty"`
	Unit      string         `json:"unit,omitempty"`
	Decimals  *int           `json:"decimals,omitempty"`
	Note      string         `json:"note,omitempty"`
	Values    []PrintedValue `json:"values"`
}

// PrintedValue is a value a row gives: a number or a missing notation.
type PrintedValue struct {
	Column  string   `json:"column"`
	Number  *float64 `json:"number,omitempty"`
	Missing string   `json:"missing,omitempty"`
}

// LegendEntry explains a sign of the table.
type LegendEntry struct {
	Sign string `json:"sign"`
	Text string `json:"text"`
}

func printed(t *koers.PrintedTable) *PrintedTable {
	if t == nil {
		return nil
	}
	out := &PrintedTable{RowHeader: t.RowHeader, Numbering: string(t.Numbering), Cards: t.Cards,
		Columns: []PrintedColumn{}, Rows: []PrintedRow{}, Legend: []LegendEntry{}}
	if out.RowHeader == "" {
		out.RowHeader = "Omschrijving"
	}
	if out.Numbering == "" {
		out.Numbering = "goal"
	}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, PrintedColumn{Key: c.Key, Label: c.Label, Group: c.Group, Kind: string(c.Kind),
			Year: c.Year, Period: c.Period, Amendment: c.Amendment, Stored: c.Stored()})
	}
	for _, r := range t.Rows {
		row := PrintedRow{Indicator: r.Indicator, Code: r.Code, Unit: r.Unit, Decimals: r.Decimals, Note: r.Note, Values: []PrintedValue{}}
		for _, v := range r.Values {
			row.Values = append(row.Values, PrintedValue{Column: v.Column, Number: v.Number, Missing: string(v.Missing)})
		}
		out.Rows = append(out.Rows, row)
	}
	for _, l := range t.Legend {
		out.Legend = append(out.Legend, LegendEntry(l))
	}
	return out
}
