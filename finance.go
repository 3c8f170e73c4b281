package koers

import (
	"slices"
	"strconv"
)

// FinanceTable is the money of a programme as the BBV asks for it: "Wat
// mag het kosten?" in a begroting, "Wat heeft het gekost?" in the
// jaarstukken. It holds amounts per line and column; totals, the saldo,
// the result and the differences with their V/N are computed from them
// (Figures), never typed over. Totals copied from a source are kept in
// Given and must add up to the cent.
type FinanceTable struct {
	// Scale is the number of euros one shown unit stands for: 1, or 1000
	// for a table headed "bedragen x € 1.000". Amounts stay exact; only
	// what is shown is rounded.
	Scale   int64           `json:"scale"`
	Columns []FinanceColumn `json:"columns"`
	// Differences are computed columns "Verschil" between two columns
	// (by index), with voordelig/nadelig per line.
	Differences []FinanceDifference `json:"differences,omitempty"`
	Lines       []FinanceLine       `json:"lines"`
	// Given are totals as the source prints them, checked against the
	// lines.
	Given        []FinanceTotal       `json:"given,omitempty"`
	Explanations []FinanceExplanation `json:"explanations,omitempty"`
}

// Clone returns a deep copy of t; nil for nil.
func (t *FinanceTable) Clone() *FinanceTable {
	if t == nil {
		return nil
	}
	c := *t
	c.Columns = slices.Clone(t.Columns)
	c.Differences = slices.Clone(t.Differences)
	c.Lines = make([]FinanceLine, len(t.Lines))
	for i, l := range t.Lines {
		l.Amounts = cloneAmounts(l.Amounts)
		c.Lines[i] = l
	}
	c.Given = make([]FinanceTotal, len(t.Given))
	for i, g := range t.Given {
		g.Amounts = cloneAmounts(g.Amounts)
		c.Given[i] = g
	}
	c.Explanations = make([]FinanceExplanation, len(t.Explanations))
	for i, e := range t.Explanations {
		if e.Amount != nil {
			a := *e.Amount
			e.Amount = &a
		}
		if e.Structural != nil {
			s := *e.Structural
			e.Structural = &s
		}
		e.Paragraphs = slices.Clone(e.Paragraphs)
		c.Explanations[i] = e
	}
	if t.Lines == nil {
		c.Lines = nil
	}
	if t.Given == nil {
		c.Given = nil
	}
	if t.Explanations == nil {
		c.Explanations = nil
	}
	return &c
}

func cloneAmounts(a []*Money) []*Money {
	if a == nil {
		return nil
	}
	out := make([]*Money, len(a))
	for i, m := range a {
		if m != nil {
			v := *m
			out[i] = &v
		}
	}
	return out
}

// BudgetVersion says which version of the figures a column holds.
type BudgetVersion string

// The versions of a year's figures.
const (
	Realisation       BudgetVersion = "realisatie"          // Rekening, Realisatie, Werkelijk
	PrimitiveBudget   BudgetVersion = "begroting"           // the begroting as adopted (primitief)
	AmendedBudget     BudgetVersion = "begroting_gewijzigd" // after amendments (na wijziging)
	MultiYearEstimate BudgetVersion = "raming"              // meerjarenraming, years after the begroting's
)

// BudgetVersions lists every version.
var BudgetVersions = []BudgetVersion{Realisation, PrimitiveBudget, AmendedBudget, MultiYearEstimate}

// Valid reports whether v is a known version.
func (v BudgetVersion) Valid() bool {
	for _, k := range BudgetVersions {
		if v == k {
			return true
		}
	}
	return false
}

// FinanceColumn is one (year, version) column of a finance table.
type FinanceColumn struct {
	Year    int           `json:"year"`
	Version BudgetVersion `json:"version"`
	// Amendment is the number of the last amendment an amended budget
	// includes ("na 3e wijziging"); 0 is after all of them.
	Amendment int `json:"amendment,omitempty"`
	// Label is the heading as the municipality prints it; empty makes one.
	Label string `json:"label,omitempty"`
}

// Title is the column's heading: its Label, or one made from the version
// and the year.
func (c FinanceColumn) Title() string {
	if c.Label != "" {
		return c.Label
	}
	year := strconv.Itoa(c.Year)
	switch c.Version {
	case Realisation:
		return "Realisatie " + year
	case AmendedBudget:
		if c.Amendment > 0 {
			return "Begroting " + year + " na " + strconv.Itoa(c.Amendment) + "e wijziging"
		}
		return "Begroting " + year + " na wijziging"
	case MultiYearEstimate:
		return "Raming " + year
	}
	return "Begroting " + year
}

// FinanceDifference is a computed column: To minus From, per line and
// total, with whether the difference is voordelig or nadelig.
type FinanceDifference struct {
	From  int    `json:"from"` // column index, e.g. the amended budget
	To    int    `json:"to"`   // column index, e.g. the realisation
	Label string `json:"label,omitempty"`
}

// Title is the difference column's heading.
func (d FinanceDifference) Title() string {
	if d.Label != "" {
		return d.Label
	}
	return "Verschil"
}

// LineKind is which side of the account a line is on.
type LineKind string

// The kinds of line. Lasten and toevoegingen aan reserves cost money,
// baten and onttrekkingen aan reserves bring it in.
const (
	Expenses    LineKind = "lasten"
	Income      LineKind = "baten"
	ToReserve   LineKind = "toevoeging"  // toevoeging aan een reserve
	FromReserve LineKind = "onttrekking" // onttrekking aan een reserve
)

// LineKinds lists every kind, in the order a table shows them.
var LineKinds = []LineKind{Expenses, Income, ToReserve, FromReserve}

// Valid reports whether k is a known kind.
func (k LineKind) Valid() bool {
	for _, v := range LineKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Costs reports whether more of k is worse for the result.
func (k LineKind) Costs() bool { return k == Expenses || k == ToReserve }

// FinanceLine is one line of a finance table: a taakveld, a
// (sub-)programme, or a line of its own (a reserve, overhead). Amounts
// are as the kind says, spent or received, one per column; nil is nothing
// ("-").
type FinanceLine struct {
	Kind      LineKind `json:"kind"`
	Taakveld  string   `json:"taakveld,omitempty"`  // Iv3 code; the name comes from the catalogue
	Programme string   `json:"programme,omitempty"` // a (sub-)programme number, e.g. "1C"
	Label     string   `json:"label,omitempty"`     // as printed; required when neither of the above
	Amounts   []*Money `json:"amounts"`
}

// FinanceTotalKind names a computed total.
type FinanceTotalKind string

// The totals of a finance table.
const (
	TotalExpenses    FinanceTotalKind = "lasten"       // Totaal lasten
	TotalIncome      FinanceTotalKind = "baten"        // Totaal baten
	TotalBalance     FinanceTotalKind = "saldo"        // Saldo van baten en lasten
	TotalToReserve   FinanceTotalKind = "toevoegingen" // Toevoegingen aan reserves
	TotalFromReserve FinanceTotalKind = "onttrekkingen"
	TotalResult      FinanceTotalKind = "resultaat" // Resultaat (saldo na reserves)
)

// FinanceTotalKinds lists the totals in the order a table shows them.
var FinanceTotalKinds = []FinanceTotalKind{TotalExpenses, TotalIncome, TotalBalance, TotalToReserve, TotalFromReserve, TotalResult}

// Label is the total's Dutch name.
func (k FinanceTotalKind) Label() string {
	switch k {
	case TotalExpenses:
		return "Totaal lasten"
	case TotalIncome:
		return "Totaal baten"
	case TotalBalance:
		return "Saldo van baten en lasten"
	case TotalToReserve:
		return "Toevoegingen aan reserves"
	case TotalFromReserve:
		return "Onttrekkingen aan reserves"
	case TotalResult:
		return "Resultaat"
	}
	return string(k)
}

// FinanceTotal is a total as the source prints it, per column.
type FinanceTotal struct {
	Kind    FinanceTotalKind `json:"kind"`
	Amounts []*Money         `json:"amounts"`
}

// FinanceExplanation is a toelichting on one line's difference: why it
// differs, by how much, whether once or for good.
type FinanceExplanation struct {
	Line       int      `json:"line"`             // index into Lines
	Amount     *Money   `json:"amount,omitempty"` // as printed; else the difference
	Structural *bool    `json:"structural,omitempty"`
	Paragraphs []string `json:"paragraphs"`
}

// Judgement says whether a difference is good or bad for the result.
type Judgement string

// The judgements of a difference: voordelig and nadelig.
const (
	Favourable   Judgement = "V"
	Unfavourable Judgement = "N"
)

// Judge says whether a difference of d on a line of kind k is voordelig
// or nadelig: spending less or receiving more is voordelig. A zero
// difference is neither.
func Judge(k LineKind, d Money) Judgement {
	switch {
	case d == 0:
		return ""
	case (d < 0) == k.Costs():
		return Favourable
	}
	return Unfavourable
}

// FinanceFigures are a finance table's computed figures.
type FinanceFigures struct {
	// Totals per kind, per column; nil where every line is nil.
	Totals map[FinanceTotalKind][]*Money
	// LineDiffs[d][line] is difference d of a line; nil where both
	// amounts are nil.
	LineDiffs [][]*Money
	// TotalDiffs[d][kind] is difference d of a total.
	TotalDiffs []map[FinanceTotalKind]*Money
}

// Figures computes the totals, the saldo, the result and the differences.
// The saldo is baten minus lasten; the result is the saldo minus the
// toevoegingen plus the onttrekkingen: positive is a surplus.
func (t *FinanceTable) Figures() FinanceFigures {
	n := len(t.Columns)
	f := FinanceFigures{Totals: map[FinanceTotalKind][]*Money{}}
	sum := func(kind LineKind) []*Money {
		out := make([]*Money, n)
		for _, l := range t.Lines {
			if l.Kind != kind {
				continue
			}
			for c := 0; c < n && c < len(l.Amounts); c++ {
				out[c] = addMoney(out[c], l.Amounts[c], 1)
			}
		}
		return out
	}
	f.Totals[TotalExpenses] = sum(Expenses)
	f.Totals[TotalIncome] = sum(Income)
	f.Totals[TotalToReserve] = sum(ToReserve)
	f.Totals[TotalFromReserve] = sum(FromReserve)
	balance, result := make([]*Money, n), make([]*Money, n)
	for c := range n {
		balance[c] = addMoney(addMoney(nil, f.Totals[TotalIncome][c], 1), f.Totals[TotalExpenses][c], -1)
		result[c] = addMoney(addMoney(balance[c], f.Totals[TotalToReserve][c], -1), f.Totals[TotalFromReserve][c], 1)
	}
	f.Totals[TotalBalance], f.Totals[TotalResult] = balance, result
	for _, d := range t.Differences {
		lines := make([]*Money, len(t.Lines))
		for i, l := range t.Lines {
			lines[i] = diffMoney(AmountAt(l.Amounts, d.From), AmountAt(l.Amounts, d.To))
		}
		totals := map[FinanceTotalKind]*Money{}
		for kind, amounts := range f.Totals {
			totals[kind] = diffMoney(AmountAt(amounts, d.From), AmountAt(amounts, d.To))
		}
		f.LineDiffs = append(f.LineDiffs, lines)
		f.TotalDiffs = append(f.TotalDiffs, totals)
	}
	return f
}

// TotalKinds returns the totals the table shows: lasten, baten and the
// saldo always; the reserves and the result when it has reserve lines.
func (t *FinanceTable) TotalKinds() []FinanceTotalKind {
	for _, l := range t.Lines {
		if l.Kind == ToReserve || l.Kind == FromReserve {
			return FinanceTotalKinds
		}
	}
	return FinanceTotalKinds[:3]
}

// AmountAt is a[i], nil (nothing) where a has no amount i: a line with
// fewer amounts than columns, or a difference naming a column that is not
// there.
func AmountAt(a []*Money, i int) *Money {
	if i < 0 || i >= len(a) {
		return nil
	}
	return a[i]
}

// addMoney returns a + sign×b, nil when both are nil.
func addMoney(a, b *Money, sign Money) *Money {
	if b == nil {
		return a
	}
	s := sign * *b
	if a != nil {
		s += *a
	}
	return &s
}

// diffMoney returns to − from, nil when both are nil.
func diffMoney(from, to *Money) *Money {
	if from == nil && to == nil {
		return nil
	}
	return addMoney(addMoney(nil, to, 1), from, -1)
}

// ScaleLabel is what a table's heading says of its scale.
func ScaleLabel(scale int64) string {
	if scale <= 1 {
		return "bedragen in €"
	}
	return "bedragen x € " + FormatNumberString(strconv.FormatInt(scale, 10))
}

// lineName is how a problem names a line: by number and what it is.
func (l FinanceLine) lineName(i int) *message {
	switch {
	case l.Taakveld != "":
		return newMessage("line %d (taakveld %s)", i+1, l.Taakveld)
	case l.Programme != "":
		return newMessage("line %d (programme %s)", i+1, l.Programme)
	case l.Label != "":
		return newMessage("line %d (%s)", i+1, l.Label)
	}
	return newMessage("line %d", i+1)
}

// MaxFinanceColumns bounds a finance table's columns: a realisation, two
// budgets and four years of estimates, and room beside them.
const MaxFinanceColumns = 12

// financeScales are the scales a table may be shown in.
var financeScales = []int64{1, 1000, 1000000}

// finance checks a finance table at fp: its columns, lines and
// explanations, and that every given total is what the lines add up to.
func (c *checker) finance(fp []any, t *FinanceTable) {
	if !slices.Contains(financeScales, t.Scale) {
		c.at(join(fp, "scale"), "scale %d is not 1, 1000 or 1000000 (euros per shown unit)", t.Scale)
	}
	n := len(t.Columns)
	switch {
	case n == 0:
		c.at(join(fp, "columns"), "a finance table needs its \"columns\"")
	case n > MaxFinanceColumns:
		c.at(join(fp, "columns"), "%d columns are more than %d", n, MaxFinanceColumns)
	}
	for i, col := range t.Columns {
		cp := join(fp, "columns", i)
		if col.Year < MinYear || col.Year > MaxYear {
			c.at(join(cp, "year"), "year %d is outside %d to %d", col.Year, MinYear, MaxYear)
		}
		if !col.Version.Valid() {
			c.at(join(cp, "version"), "version %q is not realisatie, begroting, begroting_gewijzigd or raming", col.Version)
		}
		if col.Amendment < 0 || col.Amendment > 99 {
			c.at(join(cp, "amendment"), "amendment %d is not 1 to 99", col.Amendment)
		} else if col.Amendment > 0 && col.Version != AmendedBudget {
			c.at(join(cp, "amendment"), "only a begroting_gewijzigd column has an amendment number")
		}
		c.text(cp, "label", "label", col.Label, false)
	}
	for i, d := range t.Differences {
		dp := join(fp, "differences", i)
		for _, e := range []struct {
			field string
			col   int
		}{{"from", d.From}, {"to", d.To}} {
			if e.col < 0 || e.col >= n {
				c.at(join(dp, e.field), "column %d does not exist (the table has %d)", e.col, n)
			}
		}
		if d.From == d.To {
			c.at(dp, "a difference needs two different columns")
		}
		c.text(dp, "label", "label", d.Label, false)
	}
	if len(t.Lines) == 0 {
		c.at(join(fp, "lines"), "a finance table needs its \"lines\"")
	}
	seen := map[string]int{}
	for i, l := range t.Lines {
		lp := join(fp, "lines", i)
		if !l.Kind.Valid() {
			c.at(join(lp, "kind"), "kind %q is not lasten, baten, toevoeging or onttrekking", l.Kind)
		}
		c.text(lp, "label", "label", l.Label, false)
		c.text(lp, "programme", "programme", l.Programme, false)
		switch {
		case l.Taakveld != "" && l.Programme != "":
			c.at(lp, "a line is a taakveld or a programme, not both")
		case l.Taakveld == "" && l.Programme == "" && l.Label == "":
			c.at(lp, "a line needs a \"taakveld\", a \"programme\" or a \"label\"")
		case l.Taakveld != "" && c.year != 0:
			if err := ValidateTaakveld(c.year, l.Taakveld); err != nil {
				c.add(join(lp, "taakveld"), untranslated(ErrorMessage(err)))
			}
		}
		key := string(l.Kind) + "\x00" + l.Taakveld + "\x00" + l.Programme + "\x00" + l.Label
		if first, ok := seen[key]; ok {
			c.at(lp, "%s is line %d already", l.lineName(i), first+1)
		} else {
			seen[key] = i
		}
		c.amounts(join(lp, "amounts"), l.Amounts, n)
	}
	if c.failed(fp) {
		return // totals of broken lines would only repeat the problems
	}
	figures := t.Figures()
	given := map[FinanceTotalKind]bool{}
	for i, g := range t.Given {
		gp := join(fp, "given", i)
		computed, ok := figures.Totals[g.Kind]
		if !ok {
			c.at(join(gp, "kind"), "kind %q is not lasten, baten, saldo, toevoegingen, onttrekkingen or resultaat", g.Kind)
			continue
		}
		if given[g.Kind] {
			c.at(join(gp, "kind"), "total %q is given twice", g.Kind)
		}
		given[g.Kind] = true
		if !c.amounts(join(gp, "amounts"), g.Amounts, n) {
			continue
		}
		for col, want := range g.Amounts {
			got := computed[col]
			if !sameMoney(want, got) {
				c.at(join(gp, "amounts", col), "%s in column %q is %s, but the lines add up to %s",
					g.Kind.Label(), t.Columns[col].Title(), moneyOrNil(want), moneyOrNil(got))
			}
		}
	}
	explained := map[int]bool{}
	for i, e := range t.Explanations {
		ep := join(fp, "explanations", i)
		if e.Line < 0 || e.Line >= len(t.Lines) {
			c.at(join(ep, "line"), "line %d does not exist (the table has %d)", e.Line, len(t.Lines))
		} else if explained[e.Line] {
			c.at(join(ep, "line"), "%s is explained already", t.Lines[e.Line].lineName(e.Line))
		}
		explained[e.Line] = true
		if e.Amount != nil && (*e.Amount > MaxMoney || *e.Amount < -MaxMoney) {
			c.at(join(ep, "amount"), "amount is larger than %s", MaxMoney)
		}
		c.paragraphs(ep, e.Paragraphs)
	}
	c.unexplained(fp, t)
}

// amounts checks one amount per column, each within bounds.
func (c *checker) amounts(ap []any, amounts []*Money, columns int) bool {
	ok := true
	if len(amounts) != columns {
		c.at(ap, "%d amounts for %d columns", len(amounts), columns)
		ok = false
	}
	for i, m := range amounts {
		if m != nil && (*m > MaxMoney || *m < -MaxMoney) {
			c.at(join(ap, i), "amount is larger than %s", MaxMoney)
			ok = false
		}
	}
	return ok
}

// failed reports whether a problem was found at or under base.
func (c *checker) failed(base []any) bool {
	for _, p := range c.ps {
		if len(p.Path) >= len(base) && slices.Equal(p.Path[:len(base)], base) {
			return true
		}
	}
	return false
}

func sameMoney(a, b *Money) bool {
	if a == nil || b == nil {
		return a == nil && b == nil || a != nil && *a == 0 || b != nil && *b == 0
	}
	return *a == *b
}

func moneyOrNil(m *Money) string {
	if m == nil {
		return "nothing (-)"
	}
	return m.String()
}

// Unexplained returns the lines whose difference in some difference
// column is at least threshold (in either direction) and that have no
// explanation: what the council's rule asks to be explained. A threshold
// of 0 asks nothing.
func (t *FinanceTable) Unexplained(threshold Money) []int {
	if threshold <= 0 {
		return nil
	}
	explained := map[int]bool{}
	for _, e := range t.Explanations {
		explained[e.Line] = true
	}
	var out []int
	f := t.Figures()
	for i := range t.Lines {
		if explained[i] {
			continue
		}
		for _, diffs := range f.LineDiffs {
			if d := diffs[i]; d != nil && (*d >= threshold || *d <= -threshold) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}
