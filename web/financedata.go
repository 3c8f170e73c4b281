package web

import (
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
)

// financeTableName is the file name (without format) of a page's nth
// finance table as open data, from 1: "financien", "financien-2", ...
func financeTableName(n int) string {
	if n <= 1 {
		return "financien"
	}
	return "financien-" + strconv.Itoa(n)
}

// financeTableIndex reads a name financeTableName made; ok is false for
// any other name, "financien-1" included (the first has one address).
func financeTableIndex(name string) (n int, ok bool) {
	if name == "financien" {
		return 1, true
	}
	rest, found := strings.CutPrefix(name, "financien-")
	if !found || rest == "" || rest[0] == '0' || len(rest) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 2
}

// financeRecord is one amount of a finance table as open data: in the
// canonical sign (as spent or received, whatever the organisation prints),
// exact to the cent.
type financeRecord struct {
	Kind      string      `json:"kind"`
	Taakveld  string      `json:"taakveld,omitempty"`
	Programme string      `json:"programme,omitempty"`
	Line      string      `json:"line"` // as the table shows it
	Year      int         `json:"year"`
	Version   string      `json:"version"`
	Column    string      `json:"column"`
	Amount    koers.Money `json:"amount"`
}

var financeColumns = []string{"kind", "taakveld", "programme", "line", "year", "version", "column", "amount"}

// pageFinanceData is a page's nth finance table (from 1), one row per line
// and column that has an amount; the totals are left to the reader, as
// they follow from the rows.
func pageFinanceData(p *koers.Page, year int, name, format string) (*httpcache.Response, bool, error) {
	n, _ := financeTableIndex(name)
	var t *koers.FinanceTable
	for _, b := range p.Blocks {
		if b.Type == koers.FinanceTableBlock && b.Finance != nil {
			if n--; n == 0 {
				t = b.Finance
				break
			}
		}
	}
	if t == nil {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	records := []financeRecord{}
	var rows [][]string
	for _, l := range t.Lines {
		for i, c := range t.Columns {
			if i >= len(l.Amounts) || l.Amounts[i] == nil {
				continue
			}
			r := financeRecord{Kind: string(l.Kind), Taakveld: l.Taakveld, Programme: l.Programme, Line: present.LineLabel(l, year),
				Year: c.Year, Version: string(c.Version), Column: c.Title(), Amount: *l.Amounts[i]}
			records = append(records, r)
			rows = append(rows, []string{r.Kind, r.Taakveld, r.Programme, r.Line, strconv.Itoa(r.Year), r.Version, r.Column,
				strings.Replace(r.Amount.Decimal(), ".", ",", 1)})
		}
	}
	return table(format, p.Slug+"-"+name, financeColumns, rows, records)
}

// financeData links each finance table of a page as open data, by block
// index.
func (vw *viewer) financeData(p *koers.Page) map[int]dataLinks {
	out := map[int]dataLinks{}
	n := 0
	for i, b := range p.Blocks {
		if b.Type == koers.FinanceTableBlock && b.Finance != nil {
			n++
			out[i] = vw.data(p, financeTableName(n))
		}
	}
	return out
}

func isFinanceTable(name string) bool {
	_, ok := financeTableIndex(name)
	return ok
}
