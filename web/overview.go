package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// The overview of baten and lasten per taakveld (BBV's "Overzicht baten
// en lasten per taakveld") is a page of every document with finance
// tables, made from the programmes' figures: /{org}/{doc}/overzicht-per-taakveld.
// A document without money has none: its address answers 404 and no page
// links to it.

// overviewSlug is the overview's segment under a document. A top-level
// page of that slug, which was there first, keeps its address: that
// document then shows no overview (overviewShadowed).
const overviewSlug = "overzicht-per-taakveld"

// overviewShadowed reports whether doc (with its tree) has a top-level
// page at the overview's address.
func overviewShadowed(doc *koers.Document) bool { return doc.FindPage(overviewSlug) != nil }

// overviewTitle heads the page, its PDF and the links to it.
const overviewTitle = "Overzicht baten en lasten per taakveld"

// overviewURL is the overview's address.
func overviewURL(org *koers.Organisation, doc *koers.Document) string {
	return urls.Document(org, doc) + "/" + overviewSlug
}

// overviewLead says what the overview is, on the page and in the PDF.
func overviewLead(org *koers.Organisation, doc *koers.Document) string {
	return doc.Title + " van " + org.Name + ": de lasten, baten en saldi van alle programma's, per taakveld van de Iv3-indeling."
}

type overviewPage struct {
	layout
	Lead      string
	Overview  *present.TaakveldOverview
	PDFURL    string
	Data      dataLinks // the table as open data
	FullURL   string
	Charts    []overviewChart
	ChartNote string
	Spending  *spendingChart // budget against realisation per programme; nil without
}

// Table is the overview's table as the finance template draws it; its
// headings would be the page's second level (it has no toelichtingen).
func (p overviewPage) Table() *financeView {
	if p.Overview == nil {
		return nil
	}
	return &financeView{FinanceTable: p.Overview.Table, ExplanationsLevel: 2}
}

// taakvelden reads doc with its content and sums its finance tables;
// not found when it has none.
func (s *Server) taakvelden(ctx context.Context, doc *koers.Document) (*koers.Document, *koers.TaakveldOverview, error) {
	full, err := s.pub.Document(ctx, doc.ID, true)
	if err != nil {
		return nil, nil, err
	}
	o := koers.OverviewByTaakveld(full)
	if o == nil {
		return nil, nil, koers.Errorf(koers.ENOTFOUND, "%s heeft geen financiële tabellen, en dus geen overzicht per taakveld.", full.Title)
	}
	return full, o, nil
}

// overview serves the overview page.
func (s *Server) overview(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, bool, error) {
	full, o, err := s.taakvelden(ctx, doc)
	if err != nil {
		return nil, false, err
	}
	u := overviewURL(org, full)
	data := overviewPage{layout: s.docLayout(org, full, 0), Lead: overviewLead(org, full), PDFURL: u + ".pdf", FullURL: urls.Document(org, full) + ".html",
		Data:     dataLinks{CSV: u + ".csv", JSON: u + ".json"},
		Overview: present.OverviewByTaakveld(o, full.Year, org.Finance.Signs)}
	if data.Charts = overviewCharts(o, full.Year); len(data.Charts) > 0 {
		data.ChartNote = overviewChartNote(o)
	}
	data.Spending = spendingChartOf(full)
	data.Title = overviewTitle + " | " + full.Title
	data.Nav = append(data.Nav, navItem{Title: overviewTitle, URL: u, Current: true})
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: urls.Document(org, full)},
		{Label: overviewTitle, Full: overviewTitle, URL: u, Current: true}}
	res, err := s.tmpl.html(http.StatusOK, "overview", data)
	return res, true, err
}

// overviewRecord is one amount of the overview as open data: a
// taakveld's lasten or baten in one column, in the canonical sign, exact
// to the cent.
type overviewRecord struct {
	Taakveld string      `json:"taakveld"` // empty: not assigned to a taakveld
	Name     string      `json:"name"`
	Kind     string      `json:"kind"` // lasten or baten
	Year     int         `json:"year"`
	Version  string      `json:"version"`
	Column   string      `json:"column"`
	Amount   koers.Money `json:"amount"`
}

var overviewColumns = []string{"taakveld", "name", "kind", "year", "version", "column", "amount"}

// overviewData is the overview's table as CSV or JSON: one row per
// taakveld, kind and column that has an amount; totals and saldi follow
// from the rows.
func (s *Server) overviewData(ctx context.Context, doc *koers.Document, format string) (*httpcache.Response, bool, error) {
	full, o, err := s.taakvelden(ctx, doc)
	if err != nil {
		return nil, false, err
	}
	records := []overviewRecord{}
	var rows [][]string
	add := func(sum koers.TaakveldSum) {
		name := "Niet aan een taakveld toegerekend"
		if tv, ok := koers.TaakveldIn(full.Year, sum.Taakveld); ok {
			name = tv.Name
		}
		for _, part := range []struct {
			kind    string
			amounts []*koers.Money
		}{{"lasten", sum.Expenses}, {"baten", sum.Income}} {
			for i, c := range o.Columns {
				if i >= len(part.amounts) || part.amounts[i] == nil {
					continue
				}
				r := overviewRecord{Taakveld: sum.Taakveld, Name: name, Kind: part.kind, Year: c.Year, Version: string(c.Version),
					Column: c.Title(), Amount: *part.amounts[i]}
				records = append(records, r)
				rows = append(rows, []string{r.Taakveld, r.Name, r.Kind, strconv.Itoa(r.Year), r.Version, r.Column,
					strings.Replace(r.Amount.Decimal(), ".", ",", 1)})
			}
		}
	}
	for _, sum := range o.Rows {
		add(sum)
	}
	if o.Unassigned != nil {
		add(*o.Unassigned)
	}
	return table(format, full.Slug+"-"+overviewSlug, overviewColumns, rows, records)
}

// overviewPDF is the overview as a PDF of one section: the lead, the table
// and its notes, as on the page.
func (s *Server) overviewPDF(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, error) {
	return s.renderPDF(ctx, doc.Slug+"-"+overviewSlug+".pdf", func(ctx context.Context) (pdf.Spec, error) {
		full, o, err := s.taakvelden(ctx, doc)
		if err != nil {
			return pdf.Spec{}, err
		}
		page := &koers.Page{Title: overviewTitle, Blocks: []koers.Block{{Type: koers.TextBlock,
			Content: []koers.TextElement{{Type: koers.Paragraph, Text: overviewLead(org, full)}}}}}
		sec := section(org, full, page, 0)
		sec.Overview = present.OverviewByTaakveld(o, full.Year, org.Finance.Signs)
		return pdf.Spec{Title: overviewTitle + " | " + full.Title, Author: org.Name, Subject: full.Title,
			Created: full.UpdatedAt, Sections: []pdf.Section{sec}}, nil
	})
}

// overviewLink is the overview's address when doc has money, else empty:
// the document's contents link to it.
func (s *Server) overviewLink(ctx context.Context, org *koers.Organisation, doc *koers.Document) (string, error) {
	full, err := s.pub.Document(ctx, doc.ID, true)
	if err != nil || overviewShadowed(full) || koers.OverviewByTaakveld(full) == nil {
		return "", err
	}
	return overviewURL(org, full), nil
}
