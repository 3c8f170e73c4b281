package koers

// SignConvention is how an organisation prints the amounts of its finance
// tables. The data keeps one canonical sign whatever the convention: an
// amount is what its line's kind says, spent or received, so that totals,
// the saldo and V/N are computed one way; only what is shown differs.
type SignConvention string

// The sign conventions municipalities print with.
const (
	// BothPositive prints lasten and baten alike as positive amounts, and
	// the saldo as baten minus lasten: the default.
	BothPositive SignConvention = ""
	// ExpensesPositive prints lasten positive and baten negative; the
	// saldo is then lasten plus baten, positive for a shortfall.
	ExpensesPositive SignConvention = "lasten_positief"
	// IncomePositive prints baten positive and lasten negative; the saldo
	// is baten plus lasten, positive for a surplus.
	IncomePositive SignConvention = "baten_positief"
)

// SignConventions lists every convention, the default first.
var SignConventions = []SignConvention{BothPositive, ExpensesPositive, IncomePositive}

// Valid reports whether s is a known convention.
func (s SignConvention) Valid() bool {
	for _, v := range SignConventions {
		if s == v {
			return true
		}
	}
	return false
}

// LineSign is the factor a canonical amount of a line of kind k is shown
// with: 1 or -1.
func (s SignConvention) LineSign(k LineKind) Money {
	switch s {
	case ExpensesPositive:
		if !k.Costs() {
			return -1
		}
	case IncomePositive:
		if k.Costs() {
			return -1
		}
	}
	return 1
}

// TotalSign is the factor a canonical total of kind k is shown with. The
// saldo and the result are canonically baten minus lasten; they follow the
// baten's sign, so that a table adds up as printed.
func (s SignConvention) TotalSign(k FinanceTotalKind) Money {
	switch k {
	case TotalExpenses:
		return s.LineSign(Expenses)
	case TotalToReserve:
		return s.LineSign(ToReserve)
	case TotalFromReserve:
		return s.LineSign(FromReserve)
	}
	return s.LineSign(Income)
}

// FinanceSettings are an organisation's rules for its finance tables.
type FinanceSettings struct {
	// Signs is how amounts are printed.
	Signs SignConvention
	// Threshold is the difference from which a line needs a toelichting;
	// lines without one are reported when a document is validated. Zero
	// asks none.
	Threshold Money
}

// check reports problems of the settings under "finance".
func (s FinanceSettings) check(c *checker) {
	if !s.Signs.Valid() {
		c.at(path("finance", "signs"), "sign convention %q is not lasten_positief or baten_positief (or left out for both positive)", s.Signs)
	}
	if s.Threshold < 0 || s.Threshold > MaxMoney {
		c.at(path("finance", "threshold"), "threshold %s is not from € 0 to %s", s.Threshold, MaxMoney)
	}
}

// unexplained reports the lines of t at fp whose difference reaches the
// threshold without a toelichting.
func (c *checker) unexplained(fp []any, t *FinanceTable) {
	if c.threshold <= 0 {
		return
	}
	for _, i := range t.Unexplained(c.threshold) {
		c.at(join(fp, "lines", i), "%s (%s) differs by %s or more and has no toelichting (explanations)",
			t.Lines[i].lineName(i), t.Lines[i].Kind, c.threshold)
	}
}
