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
	"github.com/koers-nl/koers/web/httpcache"
)

// pdfResponse renders spec as a PDF response named filename.
func (s *Server) pdfResponse(spec pdf.Spec, filename string) (*httpcache.Response, error) {
	var buf bytes.Buffer
	start := time.Now()
	if err := pdf.Render(&buf, spec); err != nil {
		return nil, err
	}
	if s.pdfTime != nil {
		s.pdfTime.Observe(time.Since(start))
	}
	res := httpcache.New(http.StatusOK, "application/pdf", buf.Bytes())
	res.Disposition = `inline; filename="` + filename + `"`
	return res, nil
}

func section(org *koers.Organisation, doc *koers.Document, p *koers.Page, level int) pdf.Section {
	return pdf.Section{Organisation: org.Name, Document: doc.Title, Level: level, Page: p}
}

// pagePDF is the PDF of one page.
func (s *Server) pagePDF(org *koers.Organisation, doc *koers.Document, page *koers.Page) (*httpcache.Response, error) {
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
func (s *Server) documentPDF(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, error) {
	full, err := s.pub.Document(ctx, doc.ID, true)
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

// composedPDF is the stateless PDF of chosen pages: GET /pdf?pages=ID,ID.
func (s *Server) composedPDF(r *http.Request) (*httpcache.Response, bool, error) {
	ids, err := parsePageIDs(r.URL.Query().Get("pages"))
	if err != nil {
		return nil, false, err
	}
	pages, err := s.pub.PagesByID(r.Context(), ids, true)
	if err != nil {
		return nil, false, err
	}
	spec := pdf.Spec{Title: "Eigen selectie", Contents: true}
	authors := map[string]bool{}
	for _, p := range pages {
		spec.Sections = append(spec.Sections, section(p.Organisation, p.Document, p.Page, 0))
		if !authors[p.Organisation.Name] {
			authors[p.Organisation.Name] = true
			spec.Author = strings.TrimPrefix(spec.Author+", "+p.Organisation.Name, ", ")
		}
		if p.Document.UpdatedAt.After(spec.Created) {
			spec.Created = p.Document.UpdatedAt
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
