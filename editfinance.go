package koers

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The finance table form: a finance_table block's columns, lines and
// given totals as a tab-separated table. An optional first line
// "schaal<TAB>1000" gives the scale; then a header line names the line
// columns (soort, taakveld, programma, omschrijving) and the amount
// columns by their titles ("Begroting 2022", "Realisatie 2020",
// "Begroting 2021 na 3e wijziging", "Raming 2023"), a printed label after
// " | ". Every other line is a line of the table, or a total as the
// source prints it ("totaal lasten"). Amounts are whole euros or cents in
// Dutch notation, whatever the scale; empty or "-" is nothing. The
// table's differences and toelichtingen are kept: they follow their
// columns and lines by what they are.

// financeField is the block field the form's problems are at.
const financeField = "finance"

// The line columns of the finance form.
const (
	colKind      = "soort"
	colTaakveld  = "taakveld"
	colProgramme = "programma"
	colLabel     = "omschrijving"
)

var financeLineColumns = []string{colKind, colTaakveld, colProgramme, colLabel}

// FormatFinanceTable writes a finance table as the form.
func FormatFinanceTable(t *FinanceTable) string {
	var b strings.Builder
	if t.Scale != 1 {
		fmt.Fprintf(&b, "schaal\t%d\n", t.Scale)
	}
	header := slices.Clone(financeLineColumns)
	for _, c := range t.Columns {
		h := FinanceColumn{Year: c.Year, Version: c.Version, Amendment: c.Amendment}.Title()
		if c.Label != "" {
			h += " | " + c.Label
		}
		header = append(header, h)
	}
	b.WriteString(strings.Join(header, "\t") + "\n")
	amounts := func(a []*Money) string {
		cells := make([]string, len(t.Columns))
		for i := range cells {
			if m := AmountAt(a, i); m != nil {
				cells[i] = m.Number()
			}
		}
		return strings.Join(cells, "\t")
	}
	for _, l := range t.Lines {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", l.Kind, l.Taakveld, l.Programme, l.Label, amounts(l.Amounts))
	}
	for _, g := range t.Given {
		fmt.Fprintf(&b, "totaal %s\t\t\t\t%s\n", g.Kind, amounts(g.Amounts))
	}
	return b.String()
}

var columnTitle = regexp.MustCompile(`^(realisatie|begroting|raming) (\d{4})( na (?:(\d{1,2})e )?wijziging)?$`)

// ParseFinanceTable reads the form into a copy of old (nil for a new
// table), which keeps its differences and toelichtingen; year is the
// document's, whose taakvelden apply.
func ParseFinanceTable(old *FinanceTable, year int, text string) (*FinanceTable, Problems) {
	var ps Problems
	t := &FinanceTable{Scale: 1}
	all := formLines(text)
	k := 0
	for k < len(all) && strings.TrimSpace(all[k]) == "" {
		k++
	}
	if k < len(all) {
		if cells := splitCells(all[k]); strings.EqualFold(cells[0], "schaal") {
			s := ""
			if len(cells) > 1 {
				s = strings.ReplaceAll(cells[1], ".", "")
			}
			scale, err := strconv.ParseInt(s, 10, 64)
			if err != nil || !slices.Contains(financeScales, scale) || len(cells) > 2 {
				ps = append(ps, lineProblem(financeField, k+1, "de schaal is 1, 1000 of 1000000 (euro per getoonde eenheid)"))
			}
			t.Scale = scale
			k++
		}
	}
	for k < len(all) && strings.TrimSpace(all[k]) == "" {
		k++
	}
	if k == len(all) {
		return nil, append(ps, Problem{Path: []any{financeField}, Message: "De tabel is leeg; een financiële tabel heeft een kopregel en ten minste één regel."})
	}
	hn := k + 1
	header := splitCells(all[k])
	if len(header) < len(financeLineColumns)+1 || !slices.EqualFunc(header[:len(financeLineColumns)], financeLineColumns, strings.EqualFold) {
		return nil, append(ps, lineProblem(financeField, hn, "de kopregel begint met %s en daarna ten minste één kolom met bedragen, zoals \"Begroting %d\"", strings.Join(financeLineColumns, ", "), year))
	}
	for _, h := range header[len(financeLineColumns):] {
		title, label, _ := strings.Cut(h, "|")
		title, label = strings.ToLower(strings.Join(strings.Fields(title), " ")), strings.TrimSpace(label)
		m := columnTitle.FindStringSubmatch(title)
		if m == nil {
			ps = append(ps, cellProblem(financeField, hn, h, "onbekende kolom; schrijf bijvoorbeeld Realisatie 2020, Begroting 2022, Begroting 2022 na wijziging, Begroting 2022 na 3e wijziging of Raming 2023"))
			continue
		}
		c := FinanceColumn{Label: label}
		c.Year, _ = strconv.Atoi(m[2])
		switch {
		case m[1] == "realisatie":
			c.Version = Realisation
		case m[1] == "raming":
			c.Version = MultiYearEstimate
		case m[3] != "":
			c.Version = AmendedBudget
			c.Amendment, _ = strconv.Atoi(m[4])
		default:
			c.Version = PrimitiveBudget
		}
		if m[3] != "" && m[1] != "begroting" {
			ps = append(ps, cellProblem(financeField, hn, h, "alleen een begroting heeft een wijziging"))
		}
		if c.Year < MinYear || c.Year > MaxYear {
			ps = append(ps, cellProblem(financeField, hn, h, "het jaar %d ligt niet tussen %d en %d", c.Year, MinYear, MaxYear))
		}
		if msg := textProblem(label, "de naam"); msg != "" {
			ps = append(ps, cellProblem(financeField, hn, h, "%s", msg))
		}
		t.Columns = append(t.Columns, c)
	}
	if len(t.Columns) > MaxFinanceColumns {
		ps = append(ps, lineProblem(financeField, hn, "%d kolommen met bedragen zijn er meer dan %d", len(t.Columns), MaxFinanceColumns))
	}
	if len(ps) > 0 {
		return nil, ps
	}
	seen := map[string]int{}
	given := map[FinanceTotalKind]int{}
	var givenLines []int
	for j := k + 1; j < len(all); j++ {
		n := j + 1
		if strings.TrimSpace(all[j]) == "" {
			continue
		}
		cells := splitCells(all[j])
		if len(cells) > len(header) {
			ps = append(ps, lineProblem(financeField, n, "deze regel heeft %d kolommen en de kopregel %d", len(cells), len(header)))
			continue
		}
		for len(cells) < len(header) {
			cells = append(cells, "")
		}
		var rps Problems
		amounts := make([]*Money, len(t.Columns))
		for c := range t.Columns {
			h := header[len(financeLineColumns)+c]
			s := cells[len(financeLineColumns)+c]
			if s == "" || s == "-" {
				continue
			}
			dec, ok := dutchDecimal(strings.TrimSpace(strings.TrimPrefix(s, "€")))
			m, err := ParseMoney(dec)
			if !ok || err != nil {
				rps = append(rps, cellProblem(financeField, n, h, "%q is geen bedrag; schrijf het in euro zoals 1.234.567 of 1.234,50, of laat de cel leeg", s))
				continue
			}
			amounts[c] = &m
		}
		kind := strings.ToLower(cells[0])
		if total, ok := strings.CutPrefix(kind, "totaal "); ok {
			tk := FinanceTotalKind(strings.TrimSpace(total))
			switch {
			case !slices.Contains(FinanceTotalKinds, tk):
				rps = append(rps, cellProblem(financeField, n, header[0], "onbekend totaal %q; schrijf totaal lasten, baten, saldo, toevoegingen, onttrekkingen of resultaat", cells[0]))
			case given[tk] > 0:
				rps = append(rps, cellProblem(financeField, n, header[0], "dit totaal staat al op regel %d", given[tk]))
			case cells[1] != "" || cells[2] != "" || cells[3] != "":
				rps = append(rps, lineProblem(financeField, n, "een totaal heeft geen taakveld, programma of omschrijving"))
			}
			given[tk] = n
			if len(rps) == 0 {
				t.Given = append(t.Given, FinanceTotal{Kind: tk, Amounts: amounts})
				givenLines = append(givenLines, n)
			}
			ps = append(ps, rps...)
			continue
		}
		l := FinanceLine{Kind: LineKind(kind), Taakveld: cells[1], Programme: cells[2], Label: cells[3], Amounts: amounts}
		switch {
		case !l.Kind.Valid():
			rps = append(rps, cellProblem(financeField, n, header[0], "onbekende soort %q; schrijf lasten, baten, toevoeging, onttrekking of een totaal zoals totaal lasten", cells[0]))
		case l.Taakveld != "" && l.Programme != "":
			rps = append(rps, lineProblem(financeField, n, "een regel is een taakveld of een programma, niet allebei"))
		case l.Taakveld == "" && l.Programme == "" && l.Label == "":
			rps = append(rps, lineProblem(financeField, n, "een regel heeft een taakveld, een programma of een omschrijving"))
		case l.Taakveld != "" && ValidateTaakveld(year, l.Taakveld) != nil:
			rps = append(rps, cellProblem(financeField, n, header[1], "%q is geen taakveld van %d", l.Taakveld, year))
		}
		for c, s := range cells[:len(financeLineColumns)] {
			if msg := textProblem(s, "de cel"); msg != "" {
				rps = append(rps, cellProblem(financeField, n, header[c], "%s", msg))
			}
		}
		id := lineIdentity(l)
		if first, ok := seen[id]; ok && len(rps) == 0 {
			rps = append(rps, lineProblem(financeField, n, "deze regel staat al op regel %d", first))
		}
		seen[id] = n
		if len(rps) == 0 {
			t.Lines = append(t.Lines, l)
		}
		ps = append(ps, rps...)
	}
	if len(ps) == 0 && len(t.Lines) == 0 {
		ps = append(ps, Problem{Path: []any{financeField}, Message: "De tabel heeft geen regels; een financiële tabel heeft er ten minste één."})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	figures := t.Figures()
	for i, g := range t.Given {
		for c, want := range g.Amounts {
			if got := figures.Totals[g.Kind][c]; !sameMoney(want, got) {
				h := header[len(financeLineColumns)+c]
				ps = append(ps, cellProblem(financeField, givenLines[i], h, "%s is %s, maar de regels tellen op tot %s", g.Kind.Label(), moneyOrNothing(want), moneyOrNothing(got)))
			}
		}
	}
	if old != nil {
		ps = append(ps, t.keep(old)...)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return t, nil
}

func moneyOrNothing(m *Money) string {
	if m == nil {
		return "niets (-)"
	}
	return m.String()
}

func lineIdentity(l FinanceLine) string {
	return string(l.Kind) + "\x00" + l.Taakveld + "\x00" + l.Programme + "\x00" + l.Label
}

// keep carries old's differences and toelichtingen over to t, following
// their columns and lines to where they are now.
func (t *FinanceTable) keep(old *FinanceTable) Problems {
	var ps Problems
	column := func(i int) int {
		if i < 0 || i >= len(old.Columns) {
			return -1
		}
		o := old.Columns[i]
		return slices.IndexFunc(t.Columns, func(c FinanceColumn) bool {
			return c.Year == o.Year && c.Version == o.Version && c.Amendment == o.Amendment
		})
	}
	for _, d := range old.Differences {
		from, to := column(d.From), column(d.To)
		if from < 0 || to < 0 {
			ps = append(ps, Problem{Path: []any{financeField}, Message: fmt.Sprintf("De kolom %q vergelijkt kolommen die er niet meer zijn; zet ze terug of verwijder eerst dat verschil.", d.Title())})
			continue
		}
		t.Differences = append(t.Differences, FinanceDifference{From: from, To: to, Label: d.Label})
	}
	for ei, e := range old.Explanations {
		if e.Line < 0 || e.Line >= len(old.Lines) {
			continue
		}
		id := lineIdentity(old.Lines[e.Line])
		line := slices.IndexFunc(t.Lines, func(l FinanceLine) bool { return lineIdentity(l) == id })
		if line < 0 {
			ps = append(ps, Problem{Path: []any{financeField}, Message: fmt.Sprintf("Er is een toelichting op %s; zet die regel terug of verwijder eerst de toelichting.", old.Lines[e.Line].dutchName())})
			continue
		}
		c := old.Clone().Explanations[ei]
		c.Line = line
		t.Explanations = append(t.Explanations, c)
	}
	return ps
}

// dutchName is how a Dutch message names a line.
func (l FinanceLine) dutchName() string {
	switch {
	case l.Taakveld != "":
		return fmt.Sprintf("de regel %s van taakveld %s", l.Kind, l.Taakveld)
	case l.Programme != "":
		return fmt.Sprintf("de regel %s van programma %s", l.Kind, l.Programme)
	}
	return fmt.Sprintf("de regel %s %q", l.Kind, l.Label)
}
