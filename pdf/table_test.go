package pdf_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/pdf/pdftest"
)

// widePage is an indicator table as larger municipalities publish it:
// eight year columns of amounts in the tens of millions and counts, with
// footnote markers of one and two digits and a star; and an activity grid
// with markers.
func widePage(years int) *koers.Page {
	p := &koers.Page{Title: "2A: Financiën", Blocks: []koers.Block{
		{Type: koers.ActivitiesBlock, Heading: "Activiteiten"},
		{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren"},
	}}
	p.Activities = []koers.Activity{
		{Number: "1.1", Title: "We innen de heffingen", Footnote: &koers.Footnote{Marker: "12", Text: "Samen met de buurgemeenten."}},
		{Number: "2.1", Title: "We beheren de voorzieningen", Footnote: &koers.Footnote{Marker: "*", Text: "Zie de paragraaf weerstandsvermogen."}},
	}
	markers := []string{"10", "*", "3", "11", ""}
	areas := []string{"belastingen", "reserves", "onderwijs", "wegen", "cultuur"}
	units := []koers.Unit{koers.Amount, koers.Amount, koers.Count, koers.Amount, koers.Count}
	for i, marker := range markers {
		in := &koers.Indicator{Key: fmt.Sprintf("saldo-%d", i), Number: fmt.Sprintf("%d.1", i+1),
			Name: "Saldo van baten en lasten op het taakveld " + areas[i], Unit: units[i]}
		if marker != "" {
			in.Footnote = &koers.Footnote{Marker: marker, Text: "Over " + areas[i] + "."}
		}
		for y := 0; y < years; y++ {
			kind := koers.Realised
			if y >= years/2 {
				kind = koers.Budgeted
			}
			// Distinct values, so that each is found once.
			n := -14654321.0 - float64(y*1000+i*10)
			if i == 1 {
				n = 1234567 + float64(y*1000)
			}
			in.Values = append(in.Values, koers.Value{Year: 2018 + y, Kind: kind, Number: &n})
		}
		p.Indicators = append(p.Indicators, in)
		p.Blocks[1].Indicators = append(p.Blocks[1].Indicators, in.Key)
	}
	return p
}

// TestWideTableNumbersWhole: every amount in a table of many year columns
// is set whole on one line, inside the page; up to eight years in one
// table, more split over tables that each repeat the description.
func TestWideTableNumbersWhole(t *testing.T) {
	huge := 123456789012345678.0
	tests := []struct {
		years, tables int
		huge          bool // one value far too wide for any column
	}{
		{6, 1, false}, {8, 1, false}, {10, 2, false}, {14, 2, false}, {8, 0, true},
	}
	for _, tt := range tests {
		p := widePage(tt.years)
		if tt.huge {
			p.Indicators[1].Values[3].Number = &huge
		}
		data := mustRender(t, pdf.Spec{Title: "Breed", Sections: []pdf.Section{{Page: p}}})
		words := pdftest.Words(t, data)
		checked := 0
		for _, in := range p.Indicators {
			for _, v := range in.Values {
				want := strings.Fields(in.Display(v)) // "€", "1.234.567"
				if n := countRuns(words, want); n != 1 {
					t.Errorf("%d years: %q is %d times whole in the PDF, want once", tt.years, in.Display(v), n)
				}
				checked++
			}
		}
		if checked != len(p.Indicators)*tt.years || checked == 0 {
			t.Fatalf("%d years: checked %d values", tt.years, checked)
		}
		tables := countRuns(words, []string{"Omschrijving"})
		if tt.tables > 0 && tables != tt.tables {
			t.Errorf("%d years: %d tables, want %d", tt.years, tables, tt.tables)
		}
		for _, w := range words {
			if w.XMin < 18/25.4*72-1 || w.XMax > (210-18)/25.4*72+1 {
				t.Errorf("%d years: %q at x %.1f–%.1f is outside the text width", tt.years, w.Text, w.XMin, w.XMax)
			}
		}
	}
}

// countRuns counts where want appears as consecutive words on one line.
func countRuns(words []pdftest.Word, want []string) int {
	n := 0
	for i := range words {
		if i+len(want) > len(words) {
			break
		}
		ok := true
		for j, s := range want {
			w := words[i+j]
			if w.Text != s || w.Page != words[i].Page || math.Abs(w.YMin-words[i].YMin) > 1 {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// TestFootnoteMarkersRaised: every marker, of any length, is set smaller
// and higher than the word it follows, in tables and in the notes under
// them.
func TestFootnoteMarkersRaised(t *testing.T) {
	p := widePage(8)
	data := mustRender(t, pdf.Spec{Title: "Voetnoten", Sections: []pdf.Section{{Page: p}}})
	words := pdftest.Words(t, data)
	// Each marker follows the last word of its label in the table, and
	// comes before the first word of its note.
	type mark struct{ after, marker, before string }
	var want []mark
	for _, a := range p.Activities {
		want = append(want, mark{lastWord(a.Title), a.Footnote.Marker, firstWord(a.Footnote.Text)})
	}
	for _, in := range p.Indicators {
		if in.Footnote != nil {
			want = append(want, mark{lastWord(in.Name), in.Footnote.Marker, firstWord(in.Footnote.Text)})
		}
	}
	checked := 0
	for _, m := range want {
		atLabel, atNote := 0, 0
		for _, w := range words {
			if w.Text != m.marker {
				continue
			}
			var base pdftest.Word
			for _, b := range words {
				switch {
				case b.Text == m.after && nextTo(b, w):
					base = b
					atLabel++
				case b.Text == m.before && nextTo(w, b):
					base = b
					atNote++
				default:
					continue
				}
				break
			}
			if base.Text == "" {
				continue
			}
			if w.Height() > 0.8*base.Height() {
				t.Errorf("marker %q is %.1f pt high next to %q of %.1f pt: not smaller", m.marker, w.Height(), base.Text, base.Height())
			}
			if w.YMax > base.YMax-0.2*base.Height() {
				t.Errorf("marker %q ends at %.1f pt, %q at %.1f pt: not raised", m.marker, w.YMax, base.Text, base.YMax)
			}
			checked++
		}
		if atLabel != 1 || atNote != 1 {
			t.Errorf("marker %q found %d times after %q and %d times before %q, want once each", m.marker, atLabel, m.after, atNote, m.before)
		}
	}
	if checked != 2*len(want) || len(want) != 6 {
		t.Errorf("checked %d markers of %d", checked, 2*len(want))
	}
}

func firstWord(s string) string { return strings.Fields(s)[0] }

func lastWord(s string) string { f := strings.Fields(s); return f[len(f)-1] }

// nextTo reports whether b follows a on the same line without a space.
func nextTo(a, b pdftest.Word) bool {
	return a.Page == b.Page && b.XMin >= a.XMax-0.5 && b.XMin-a.XMax < 2 && b.YMin < a.YMax && b.YMax > a.YMin
}
