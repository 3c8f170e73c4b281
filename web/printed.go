package web

import (
	"fmt"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/urls"
)

// printedTable is an indicator table with a printed layout, prepared for
// its template: the layout, each row's link and the anchors of its notes.
type printedTable struct {
	*present.PrintedTable
	Rows      []printedRow
	Notes     []printedNote
	Footnotes []footnoteView
	Wide      bool // many columns: set tighter on the site
	Data      dataLinks
}

type printedRow struct {
	present.PrintedRow
	URL      string
	NoteID   string
	Footnote *footnoteView
}

type printedNote struct {
	present.RowNote
	ID string
}

// wideColumns is from how many value columns a printed table is set
// tighter and given the page's full width: beside its name and unit
// columns, six values ("Begroting 2024 / Na 3e wijziging") no longer fit
// the content column at 1280 px.
const wideColumns = 6

func (vw *viewer) printed(p *koers.Page, b koers.Block, block int, data dataLinks) *printedTable {
	var indicators []*koers.Indicator
	for _, key := range b.Indicators {
		if in := p.Indicator(key); in != nil {
			indicators = append(indicators, in)
		}
	}
	caption := b.Heading
	if caption == "" {
		caption = "Prestatie-indicatoren"
	}
	pt := present.Printed(caption+" "+p.Title, b.Printed, indicators)
	t := &printedTable{PrintedTable: pt, Data: data, Wide: len(pt.Columns) >= wideColumns}
	noteID := func(key string) string { return fmt.Sprintf("toelichting-%d-%s", block, key) }
	for _, n := range pt.Notes {
		t.Notes = append(t.Notes, printedNote{RowNote: n, ID: noteID(n.Key)})
	}
	for _, r := range pt.Rows {
		row := printedRow{PrintedRow: r}
		if vw.org != nil {
			row.URL = urls.Indicator(vw.org, r.Key)
		}
		if r.Note != "" {
			row.NoteID = noteID(r.Key)
		}
		if r.Footnote != nil {
			fn := footnoteView{ID: fmt.Sprintf("voetnoot-%d-%s", block, r.Key), Marker: r.Footnote.Marker, Text: r.Footnote.Text}
			row.Footnote = &fn
			t.Footnotes = append(t.Footnotes, fn)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
