package koers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The printed columns form: the head of an indicator table's printed
// layout (PrintedTable) as a tab-separated table, one line per column:
//
//	rijkop	Indicator
//	sleutel	kop	groep	soort	jaar	periode	wijziging
//	w23	Realisatie 2023		realisatie	2023
//	na3	Na 3e wijziging	Begroting 2024	begroting na wijziging	2024		3
//	doel	Streefwaarde		streefwaarde
//
// The rest of the layout (numbering, the rows' codes, units, decimals and
// own values, the legend, cards) stays as the bundle gave it; the rows'
// notes are in the indicator table form. doc/editing.md describes the
// whole.

// printedField is the block field the form's problems are at.
const printedField = "printed"

// The form's first line and its column names, in their order.
const printedRowHeader = "rijkop"

var printedColumnNames = []string{"sleutel", "kop", "groep", "soort", "jaar", "periode", "wijziging"}

// printedKindWords are the kind column's words; the first of each kind in
// printedKindWord is written.
var printedKindWords = map[string]PrintedKind{
	"realisatie": PrintedRealised, "werkelijk": PrintedRealised,
	"begroting": PrintedBudgeted, "begroot": PrintedBudgeted,
	"primitieve begroting": PrintedPrimitive, "primitief": PrintedPrimitive,
	"begroting na wijziging": PrintedAmended, "na wijziging": PrintedAmended,
	"streefwaarde": PrintedTarget,
}

var printedKindWord = map[PrintedKind]string{PrintedRealised: "realisatie", PrintedBudgeted: "begroting",
	PrintedPrimitive: "primitieve begroting", PrintedAmended: "begroting na wijziging", PrintedTarget: "streefwaarde"}

// FormatPrintedColumns writes the row header and columns of t as the
// form; "" for a block without a printed layout.
func FormatPrintedColumns(t *PrintedTable) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	if t.RowHeader != "" {
		b.WriteString(printedRowHeader + "\t" + t.RowHeader + "\n")
	}
	b.WriteString(strings.Join(printedColumnNames, "\t") + "\n")
	for _, c := range t.Columns {
		cells := []string{c.Key, c.Label, c.Group, printedKindWord[c.Kind], "", c.Period, ""}
		if cells[3] == "" {
			cells[3] = string(c.Kind) // not a kind: Parse says so
		}
		if c.Year != 0 {
			cells[4] = strconv.Itoa(c.Year)
		}
		if c.Amendment != 0 {
			cells[6] = strconv.Itoa(c.Amendment)
		}
		for len(cells) > 1 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return b.String()
}

// ParsePrintedColumns reads the form into a copy of t (a block's printed
// layout) with the form's row header and columns. An empty key is made
// from the label. A column whose key a row still gives a value for
// cannot be removed, nor made one that shows the indicator's stored
// values while a row gives it a number of its own.
func ParsePrintedColumns(t *PrintedTable, text string) (*PrintedTable, Problems) {
	if t == nil {
		return nil, Problems{{Path: []any{printedField}, Message: "Dit blok heeft geen eigen opmaak; die komt uit een bundel."}}
	}
	lines := formLines(text)
	n := 0 // the line number of lines[0], less one
	skip := func() {
		for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
			lines, n = lines[1:], n+1
		}
	}
	skip()
	out := t.Clone()
	out.RowHeader = ""
	var ps Problems
	if len(lines) > 0 {
		if cells := splitCells(lines[0]); cmpColumnName(cells[0]) == printedRowHeader {
			switch {
			case len(cells) > 2:
				ps = append(ps, lineProblem(printedField, n+1, "de kop van de eerste kolom is één cel"))
			case len(cells) == 2:
				if msg := textProblem(cells[1], "de kop"); msg != "" {
					ps = append(ps, lineProblem(printedField, n+1, "%s", msg))
				}
				out.RowHeader = cells[1]
			}
			lines, n = lines[1:], n+1
			skip()
		}
	}
	if len(lines) == 0 {
		return nil, append(ps, Problem{Path: []any{printedField}, Message: "De kolommen ontbreken; de eigen opmaak heeft een kopregel en ten minste één kolom."})
	}
	header := splitCells(lines[0])
	if len(header) < 4 || len(header) > len(printedColumnNames) || !slices.Equal(lowerAll(header), printedColumnNames[:len(header)]) {
		return nil, append(ps, lineProblem(printedField, n+1, "de kopregel is %s (de laatste kolommen mogen weg als ze leeg zijn)", strings.Join(printedColumnNames, ", ")))
	}
	out.Columns = nil
	line := map[string]int{} // column key -> its line
	for j, l := range lines[1:] {
		ln := n + j + 2
		if strings.TrimSpace(l) == "" {
			continue
		}
		cells := splitCells(l)
		if len(cells) > len(header) {
			ps = append(ps, lineProblem(printedField, ln, "deze regel heeft %d kolommen en de kopregel %d", len(cells), len(header)))
			continue
		}
		c, cps := printedColumn(header, cells, ln)
		if len(cps) > 0 {
			ps = append(ps, cps...)
			continue
		}
		if c.Key == "" {
			base := Slugify(c.Label)
			if base == "" {
				base = "kolom"
			}
			c.Key = base
			for k := 2; line[c.Key] > 0; k++ {
				c.Key = base + "-" + strconv.Itoa(k)
			}
		}
		if first := line[c.Key]; first > 0 {
			ps = append(ps, cellProblem(printedField, ln, header[0], "de sleutel %q staat al op regel %d", c.Key, first))
			continue
		}
		line[c.Key] = ln
		out.Columns = append(out.Columns, c)
	}
	switch {
	case len(ps) > 0:
		return nil, ps
	case len(out.Columns) == 0:
		return nil, Problems{{Path: []any{printedField}, Message: "De tabel heeft geen kolommen; de eigen opmaak heeft er ten minste één."}}
	case len(out.Columns) > MaxPrintedColumns:
		return nil, Problems{{Path: []any{printedField}, Message: fmt.Sprintf("De tabel heeft %d kolommen; de eigen opmaak heeft er hoogstens %d.", len(out.Columns), MaxPrintedColumns)}}
	}
	// The rows' own values need their columns.
	for _, r := range t.Rows {
		for _, v := range r.Values {
			k := slices.IndexFunc(out.Columns, func(c PrintedColumn) bool { return c.Key == v.Column })
			switch {
			case k < 0:
				ps = append(ps, Problem{Path: []any{printedField}, Message: fmt.Sprintf("De rij van indicator %s geeft een waarde in de kolom met sleutel %q; die kolom kan niet weg.", r.Indicator, v.Column)})
			case v.Number != nil && out.Columns[k].Stored():
				ps = append(ps, lineProblem(printedField, line[v.Column], "de rij van indicator %s geeft een eigen getal in deze kolom; een kolom van de realisatie of begroting van een heel jaar toont de waarden van de indicator", r.Indicator))
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

func lowerAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = cmpColumnName(c)
	}
	return out
}

// printedColumn reads the column on line n.
func printedColumn(header, cells []string, n int) (PrintedColumn, Problems) {
	var c PrintedColumn
	var ps Problems
	cell := func(k int) string {
		if k < len(cells) {
			return cells[k]
		}
		return ""
	}
	name := func(k int) string { // a column's header, as the user wrote it
		if k < len(header) {
			return header[k]
		}
		return printedColumnNames[k]
	}
	for k := range header {
		if msg := textProblem(cell(k), "de cel"); msg != "" {
			return c, Problems{cellProblem(printedField, n, header[k], "%s", msg)}
		}
	}
	c.Key, c.Label, c.Group = cell(0), cell(1), cell(2)
	if c.Label == "" {
		ps = append(ps, cellProblem(printedField, n, name(1), "de kop van de kolom ontbreekt"))
	}
	kind, ok := printedKindWords[cmpColumnName(cell(3))]
	if !ok {
		ps = append(ps, cellProblem(printedField, n, name(3), "onbekende soort %q; schrijf realisatie, begroting, primitieve begroting, begroting na wijziging of streefwaarde", cell(3)))
	}
	c.Kind = kind
	if y := cell(4); y != "" {
		year, err := strconv.Atoi(y)
		if err != nil || len(y) != 4 || year < MinYear || year > MaxYear {
			ps = append(ps, cellProblem(printedField, n, name(4), "het jaar %q ligt niet tussen %d en %d", y, MinYear, MaxYear))
		}
		c.Year = year
	} else if ok && kind != PrintedTarget {
		ps = append(ps, cellProblem(printedField, n, name(4), "een kolom van de soort %s heeft een jaar", cell(3)))
	}
	if p := strings.ToUpper(cell(5)); p != "" {
		switch {
		case !slices.Contains(Periods, p):
			ps = append(ps, cellProblem(printedField, n, name(5), "de periode %q is geen Q1 tot en met Q4, H1, H2 of T1 tot en met T3", cell(5)))
		case cell(4) == "":
			ps = append(ps, cellProblem(printedField, n, name(5), "een periode hoort bij een jaar"))
		}
		c.Period = p
	}
	switch a := cell(6); {
	case ok && kind == PrintedAmended:
		m, err := strconv.Atoi(a)
		if err != nil || m < 1 || m > 99 || len(a) > 2 {
			ps = append(ps, cellProblem(printedField, n, name(6), "een begroting na wijziging heeft het nummer van de wijziging, van 1 tot en met 99"))
		}
		c.Amendment = m
	case a != "":
		ps = append(ps, cellProblem(printedField, n, name(6), "alleen een begroting na wijziging heeft een wijziging"))
	}
	return c, ps
}
