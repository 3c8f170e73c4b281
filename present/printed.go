package present

import (
	"strings"

	"github.com/koers-nl/koers"
)

// PrintedTable is an indicator table laid out as the municipality prints
// it: its own columns, under a second header row where columns are
// grouped, a unit column when rows name their unit, notes per row, a
// legend and definition cards.
type PrintedTable struct {
	Caption   string
	RowHeader string
	Unit      bool          // some row names its unit: an "Eenheid" column
	Groups    []HeaderGroup // the top header row; nil when no column is grouped
	Columns   []string      // the labels of the value columns
	Headers   []string      // the labels with their group, for one header row or a cell's own label
	Rows      []PrintedRow
	Notes     []RowNote
	Legend    []koers.LegendEntry
	Cards     []Card
}

// HeaderGroup is a cell of the top header row: a group's label over Span
// columns, or one ungrouped column (Label "") spanning both rows.
type HeaderGroup struct {
	Label  string
	Span   int
	Column int // the first column it covers
}

// PrintedRow is one indicator's row.
type PrintedRow struct {
	Key      string
	Label    string // the code or number, then the name
	Unit     string
	Note     string // the marker of its note, when it has one
	Footnote *koers.Footnote
	Cells    []string
}

// RowNote is a toelichting per regel, with the row it explains.
type RowNote struct {
	Key    string
	Marker string
	Label  string
	Text   string
}

// Card is an indicator's definition, shown when the author asks for it.
type Card struct {
	Key        string
	Name       string
	Definition string
	Source     string
}

// noteMarkers mark row notes with letters, apart from footnotes' numbers.
const noteMarkers = "abcdefghijklmnopqrstuvwxyz"

// Printed lays out an indicator_table block that has a printed layout,
// with the page's indicators; caption names the table for screen readers.
func Printed(caption string, pt *koers.PrintedTable, indicators []*koers.Indicator) *PrintedTable {
	t := &PrintedTable{Caption: caption, RowHeader: pt.RowHeader, Legend: pt.Legend}
	if t.RowHeader == "" {
		t.RowHeader = "Omschrijving"
	}
	grouped := false
	for i, c := range pt.Columns {
		t.Columns = append(t.Columns, c.Label)
		t.Headers = append(t.Headers, c.Header())
		grouped = grouped || c.Group != ""
		if n := len(t.Groups); c.Group != "" && n > 0 && t.Groups[n-1].Label == c.Group {
			t.Groups[n-1].Span++
			continue
		}
		t.Groups = append(t.Groups, HeaderGroup{Label: c.Group, Span: 1, Column: i})
	}
	if !grouped {
		t.Groups = nil
	}
	for _, in := range indicators {
		row := PrintedRow{Key: in.Key, Label: strings.TrimSpace(pt.Prefix(in) + " " + in.Name), Footnote: in.Footnote}
		if r := pt.Row(in.Key); r != nil {
			row.Unit = r.Unit
			t.Unit = t.Unit || r.Unit != ""
			if r.Note != "" {
				n := len(t.Notes) % len(noteMarkers)
				row.Note = noteMarkers[n : n+1]
				t.Notes = append(t.Notes, RowNote{Key: in.Key, Marker: row.Note, Label: row.Label, Text: r.Note})
			}
		}
		for _, c := range pt.Columns {
			row.Cells = append(row.Cells, pt.Cell(in, c))
		}
		t.Rows = append(t.Rows, row)
		if pt.Cards && (in.Definition != "" || in.Source != "") {
			t.Cards = append(t.Cards, Card{Key: in.Key, Name: in.Name, Definition: in.Definition, Source: in.Source})
		}
	}
	return t
}

// Grouped returns the labels of the columns under a group, for the second
// header row.
func (t *PrintedTable) Grouped() []string {
	var out []string
	for _, g := range t.Groups {
		if g.Label != "" {
			out = append(out, t.Columns[g.Column:g.Column+g.Span]...)
		}
	}
	return out
}
