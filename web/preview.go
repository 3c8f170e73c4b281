package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/web/urls"
)

// Preview renders a draft as the site will show it once published: the
// same templates and views, marked as a concept, never indexed, without
// the controls that act on published pages (the PDF selection). doc is the
// whole draft with content; path is a page's path, or "" for the table of
// contents. Links within the draft lead to prefix + the public address, so
// that a reader of the preview stays in it; back is the editor's address.
// The plan a bestuursrapportage page reports on is looked up among the
// published documents, as it will be once published. ENOTFOUND when the
// draft has no such page.
func (s *Server) Preview(ctx context.Context, org *koers.Organisation, doc *koers.Document, path, prefix, back string) ([]byte, error) {
	var name string
	var data any
	concept := &concept{Back: back}
	if path == "" {
		d := documentPage{layout: s.docLayout(org, doc, 0), KindLabel: doc.Kind.Label(), Tree: tree(org, doc, doc.Pages)}
		d.Nav, d.Concept, d.VersionsURL = nil, concept, ""
		name, data = "document", d
	} else {
		page := doc.FindPage(path)
		if page == nil {
			return nil, koers.Errorf(koers.ENOTFOUND, "Het concept heeft geen pagina %q.", path)
		}
		pl, err := s.draftPlan(ctx, org, doc, page)
		if err != nil {
			return nil, err
		}
		d := s.contentPage(org, doc, page, pl, false)
		d.PDF, d.Concept, d.VersionsURL = nil, concept, ""
		name, data = "page", d
	}
	res, err := s.tmpl.html(http.StatusOK, name, data)
	if err != nil {
		return nil, err
	}
	// The draft's own links, and only those, point into the preview: the
	// document's address, alone or followed by a page's path or a
	// fragment. Slugs are URL-safe, so the attribute holds the address as
	// built.
	body := res.Body
	own := `href="` + urls.Document(org, doc)
	for _, end := range []string{`"`, `/`, `#`} {
		body = bytes.ReplaceAll(body, []byte(own+end), []byte(`href="`+prefix+end))
	}
	return body, nil
}

// concept marks a page as a preview of a draft.
type concept struct {
	Back string // the editor
}

// draftPlan finds the plan a draft's page reports on among the published
// begrotingen, as PlanOf does for a published page.
func (s *Server) draftPlan(ctx context.Context, org *koers.Organisation, doc *koers.Document, page *koers.Page) (*plan, error) {
	if !koers.ReportsOnPlan(doc, page) {
		return nil, nil
	}
	docs, err := s.pub.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil {
		return nil, err
	}
	var plans []*koers.Document
	for _, d := range koers.PlanDocuments(doc, docs) {
		full, err := s.pub.Document(ctx, d.ID, true)
		if err != nil {
			return nil, err
		}
		plans = append(plans, full)
	}
	planDoc, planPage := koers.PlanPage(page, plans)
	if planPage == nil {
		return nil, nil
	}
	return &plan{url: urls.Page(org, planDoc, planPage), page: planPage}, nil
}
