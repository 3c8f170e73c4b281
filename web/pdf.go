package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/web/httpcache"
)

// A PDF render is the site's most expensive work: a whole document of 300
// pages takes about 0.15 s of a core and tens of megabytes, and many
// distinct selections at once once took the server to 640 MiB. So renders
// go through a gate of a few slots (Options.PDFRenders); a PDF in the cache
// takes none.
const (
	// pdfWait is how long a render waits for a slot; then the reader gets
	// 503 with Retry-After.
	pdfWait = 2 * time.Second
	// pdfTimeout bounds one render, loading included: a hundred times a
	// 300-page document's render, well below a reader's patience.
	pdfTimeout = 20 * time.Second
)

// defaultPDFRenders is half the CPUs, at least one: renders never take
// every core from the pages served from the cache.
func defaultPDFRenders() int { return max(1, runtime.GOMAXPROCS(0)/2) }

func newPDFGate(renders int, wait time.Duration) *httpx.Gate {
	return httpx.NewGate(renders, wait, "Er worden nu veel pdf's tegelijk gemaakt. Probeer het over een paar seconden opnieuw.")
}

// renderPDF loads (through spec) and renders a PDF that is not in the
// cache, under the gate and the time-out. The render does not end with the
// request that started it: readers waiting for the same PDF get it, and
// the cache keeps it.
func (s *Server) renderPDF(ctx context.Context, filename string, spec func(context.Context) (pdf.Spec, error)) (*httpcache.Response, error) {
	ctx = context.WithoutCancel(ctx)
	release, err := s.pdfGate.Enter(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, s.pdfTimeout)
	defer cancel()
	sp, err := spec(ctx)
	if err == nil {
		var buf bytes.Buffer
		start := time.Now()
		if err = pdf.Render(ctx, &buf, sp); err == nil {
			if s.pdfTime != nil {
				s.pdfTime.Observe(time.Since(start))
			}
			res := httpcache.New(http.StatusOK, "application/pdf", buf.Bytes())
			res.Disposition = `inline; filename="` + filename + `"`
			return res, nil
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, &koers.Error{Code: koers.EBUSY, Message: "Het maken van deze pdf duurde te lang. Probeer het later opnieuw.", Err: err}
	}
	return nil, err
}

func section(org *koers.Organisation, doc *koers.Document, p *koers.Page, level int) pdf.Section {
	return pdf.Section{Organisation: org.Name, Document: doc.Title, Year: doc.Year, Level: level, Page: p,
		StatusLegend: org.StatusLegend, Signs: org.Finance.Signs}
}

// pagePDF is the PDF of one page.
func (s *Server) pagePDF(ctx context.Context, org *koers.Organisation, doc *koers.Document, page *koers.Page) (*httpcache.Response, error) {
	return s.renderPDF(ctx, page.Slug+".pdf", func(context.Context) (pdf.Spec, error) {
		return pdf.Spec{
			Title:    page.Title + " | " + doc.Title,
			Author:   org.Name,
			Subject:  doc.Title,
			Created:  doc.UpdatedAt,
			Sections: []pdf.Section{section(org, doc, page, 0)},
		}, nil
	})
}

// documentPDF is a whole document: a cover, the table of contents and
// every page in tree order, with an outline that mirrors the tree.
func (s *Server) documentPDF(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, error) {
	return s.renderPDF(ctx, doc.Slug+".pdf", func(ctx context.Context) (pdf.Spec, error) {
		full, err := s.pub.Document(ctx, doc.ID, true)
		if err != nil {
			return pdf.Spec{}, err
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
			return spec, koers.Errorf(koers.EINVALID, "Dit document heeft nog geen pagina's.")
		}
		return spec, nil
	})
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
// It renders at most koers.MaxSelection pages, under the same gate and
// time-out as every PDF.
func (s *Server) composedPDF(r *http.Request) (*httpcache.Response, bool, error) {
	ids, err := parsePageIDs(r.URL.Query().Get("pages"))
	if err != nil {
		return nil, false, err
	}
	res, err := s.renderPDF(r.Context(), "selectie.pdf", func(ctx context.Context) (pdf.Spec, error) {
		pages, err := s.pub.PagesByID(ctx, ids, true)
		if err != nil {
			return pdf.Spec{}, err
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
		return spec, nil
	})
	return res, err == nil, err
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
