package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf"
)

// pdfResponse renders spec as a PDF response named filename.
func (s *Server) pdfResponse(spec pdf.Spec, filename string) (*response, error) {
	var buf bytes.Buffer
	start := time.Now()
	if err := pdf.Render(&buf, spec); err != nil {
		return nil, err
	}
	s.metrics.pdfRendered(time.Since(start))
	res := newResponse(http.StatusOK, "application/pdf", buf.Bytes())
	res.disposition = `inline; filename="` + filename + `"`
	return res, nil
}

func section(org *koers.Organisation, doc *koers.Document, p *koers.Page, level int) pdf.Section {
	return pdf.Section{Organisation: org.Name, Document: doc.Title, Level: level, Page: p}
}

// pagePDF is the PDF of one page.
func (s *Server) pagePDF(org *koers.Organisation, doc *koers.Document, page *koers.Page) (*response, error) {
	spec := pdf.Spec{
		Title:    page.Title + " | " + doc.Title,
		Author:   org.Name,
		Subject:  doc.Title,
		Created:  doc.UpdatedAt,
		Sections: []pdf.Section{section(org, doc, page, 0)},
	}
	return s.pdfResponse(spec, page.Slug+".pdf")
}

// documentPDF is a whole document: a cover, the table of contents and
// every page in tree order, with an outline that mirrors the tree.
func (s *Server) documentPDF(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*response, error) {
	full, err := s.store.Document(ctx, doc.ID, true)
	if err != nil {
		return nil, err
	}
	spec := pdf.Spec{
		Title:    full.Title,
		Author:   org.Name,
		Subject:  full.Kind.Label() + " " + strconv.Itoa(full.Year),
		Created:  full.UpdatedAt,
		Cover:    &pdf.Cover{Organisation: org.Name, Title: full.Title, Subtitle: full.Kind.Label() + " " + strconv.Itoa(full.Year)},
		Contents: true,
	}
	var add func(pages []*koers.Page, level int)
	add = func(pages []*koers.Page, level int) {
		for _, p := range pages {
			spec.Sections = append(spec.Sections, section(org, full, p, level))
			add(p.Children, level+1)
		}
	}
	add(full.Pages, 0)
	if len(spec.Sections) == 0 {
		return nil, koers.Errorf(koers.EINVALID, "Dit document heeft nog geen pagina's.")
	}
	return s.pdfResponse(spec, full.Slug+".pdf")
}

// selectedPage is a page of a reader's choice with what it belongs to.
type selectedPage struct {
	org   *koers.Organisation
	doc   *koers.Document
	page  *koers.Page
	order int // position in the document's tree
}

// parsePageIDs reads "12,7,9": at least one and at most MaxSelection
// distinct page IDs.
func parsePageIDs(raw string) ([]int64, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, koers.Errorf(koers.EINVALID, "Er zijn geen pagina's gekozen. Kies eerst een of meer pagina's met 'Zelf je pdf samenstellen'.")
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, part := range strings.Split(raw, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			return nil, koers.Errorf(koers.EINVALID, "%q is geen paginanummer.", part)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) > koers.MaxSelection {
		return nil, koers.Errorf(koers.EINVALID, "U heeft %d pagina's gekozen; een pdf kan er hoogstens %d bevatten.", len(ids), koers.MaxSelection)
	}
	return ids, nil
}

// selectedPages loads pages by ID and puts them in document order: the
// documents as the site lists them, and within each its tree order.
func (s *Server) selectedPages(ctx context.Context, ids []int64) ([]selectedPage, error) {
	docs := map[int64]*koers.Document{}
	orgs := map[int64]*koers.Organisation{}
	orders := map[int64]map[int64]int{}
	var out []selectedPage
	for _, id := range ids {
		p, err := s.store.Page(ctx, id)
		if err != nil {
			return nil, err
		}
		doc := docs[p.DocumentID]
		if doc == nil {
			if doc, err = s.store.Document(ctx, p.DocumentID, false); err != nil {
				return nil, err
			}
			docs[doc.ID] = doc
			order := map[int64]int{}
			_ = doc.Walk(func(q *koers.Page) error { order[q.ID] = len(order); return nil })
			orders[doc.ID] = order
		}
		org := orgs[doc.OrganisationID]
		if org == nil {
			if org, err = s.store.Organisation(ctx, doc.OrganisationID); err != nil {
				return nil, err
			}
			orgs[org.ID] = org
		}
		out = append(out, selectedPage{org: org, doc: doc, page: p, order: orders[doc.ID][p.ID]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.doc.ID != b.doc.ID {
			if a.org.Slug != b.org.Slug {
				return a.org.Slug < b.org.Slug
			}
			return a.doc.Less(b.doc)
		}
		return a.order < b.order
	})
	return out, nil
}

// composedPDF is the stateless PDF of chosen pages: GET /pdf?pages=ID,ID.
func (s *Server) composedPDF(r *http.Request) (*response, bool, error) {
	ids, err := parsePageIDs(r.URL.Query().Get("pages"))
	if err != nil {
		return nil, false, err
	}
	pages, err := s.selectedPages(r.Context(), ids)
	if err != nil {
		return nil, false, err
	}
	spec := pdf.Spec{Title: "Eigen selectie", Contents: true}
	authors := map[string]bool{}
	for _, sp := range pages {
		spec.Sections = append(spec.Sections, section(sp.org, sp.doc, sp.page, 0))
		if !authors[sp.org.Name] {
			authors[sp.org.Name] = true
			spec.Author = strings.TrimPrefix(spec.Author+", "+sp.org.Name, ", ")
		}
		if sp.doc.UpdatedAt.After(spec.Created) {
			spec.Created = sp.doc.UpdatedAt
		}
	}
	spec.Subject = fmt.Sprintf("%d pagina's", len(pages))
	res, err := s.pdfResponse(spec, "selectie.pdf")
	return res, true, err
}

// pdfKey is the cache key of a composed PDF: the same pages in any order
// or repetition are the same PDF.
func pdfKey(r *http.Request) string {
	ids, err := parsePageIDs(r.URL.Query().Get("pages"))
	if err != nil {
		return ""
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "/pdf?pages=" + strings.Join(parts, ",")
}
