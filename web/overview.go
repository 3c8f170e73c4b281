package web

import (
	"context"
	"net/http"

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
	FullURL   string
	Charts    []overviewChart
	ChartNote string
	Spending  *spendingChart // budget against realisation per programme; nil without
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
