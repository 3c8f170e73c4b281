// Package api is koers's read-only JSON API under /api/v1, described by
// openapi.json (served at /api/v1/openapi.json). It reads published
// content only (koers.Published) and answers in shapes of its own, so that
// what the store keeps may change without changing /api/v1.
package api

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strconv"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

//go:embed openapi.json
var openAPI []byte

// Options configure a Server. Zero values pick the defaults.
type Options struct {
	Logger *slog.Logger
	// BaseURL is the public address of the site, for the absolute URLs in
	// answers. Without it they are built from the request's Host header and
	// answers are not cached, so that no client chooses the host others
	// are served. One that urls.Base refuses (as web.New does) is logged
	// and left out.
	BaseURL string
	// SearchGate bounds the searches running at once; the site's
	// (web.Server.SearchGate), so that site and API share one bound. Nil
	// is a gate of the API's own, of one search per processor.
	SearchGate *httpx.Gate
	// SearchCache keeps search answers, apart from the page cache so that
	// a flood of distinct queries does not push pages out: the site's
	// (web.Server.SearchCache). Nil keeps none.
	SearchCache *httpcache.Cache
}

// Server serves the API.
type Server struct {
	pub         koers.Published
	cache       *httpcache.Cache
	log         *slog.Logger
	baseURL     string
	searchGate  *httpx.Gate
	searchCache *httpcache.Cache
}

// New returns the API on pub, keeping responses in cache.
func New(pub koers.Published, cache *httpcache.Cache, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	base, err := urls.Base(opt.BaseURL)
	if err != nil {
		opt.Logger.Error("API: base URL refused; absolute URLs come from the request's host", "err", err)
	}
	if opt.SearchGate == nil {
		opt.SearchGate = httpx.NewGate(runtime.GOMAXPROCS(0), searchWait, searchBusy)
	}
	return &Server{pub: pub, cache: cache, log: opt.Logger, baseURL: base, searchGate: opt.SearchGate, searchCache: opt.SearchCache}
}

// Register adds the API's routes to m.
func (s *Server) Register(m *httpx.Mux) {
	m.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		httpcache.New(http.StatusOK, "application/json", openAPI).Write(w, r)
	})
	m.HandleFunc("GET /api/v1/documents", s.serve(s.documents, byWindow))
	m.HandleFunc("GET /api/v1/documents/{id}", s.serve(s.document, byPath))
	m.HandleFunc("GET /api/v1/documents/{id}/indicators", s.serve(s.indicators, byWindow))
	m.HandleFunc("GET /api/v1/documents/{id}/versions", s.serve(s.versions, byPath))
	m.HandleFunc("GET /api/v1/pages/{id}", s.serve(s.page, byPath))
	m.HandleFunc("GET /api/v1/indicators/{id}", s.serve(s.indicator, byPath))
	m.HandleFunc("GET /api/v1/search", s.serve(s.search, bySearch))
	// Unknown addresses under /api answer in JSON, not with the site's page.
	unknown := func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, koers.Errorf(koers.ENOTFOUND, "Onbekend adres in de API: %s", r.URL.Path))
	}
	m.HandleFunc("GET /api/", unknown)
}

// handler returns the value to encode as the response.
type handler func(r *http.Request) (any, error)

// caching says under what an answer is kept.
type caching int

const (
	byPath   caching = iota // the address's path
	byWindow                // a list: the path and the window (readWindow)
	bySearch                // search: the query as searched and the window, in the search cache
)

// key is the cache key of an answer, or "" for none. Answers hold
// absolute URLs: without a base URL they are built from the request's Host
// header, and an answer with the host one client chose is not kept for
// others.
func (s *Server) key(r *http.Request, c caching) string {
	if s.baseURL == "" || (c == bySearch && s.searchCache == nil) {
		return ""
	}
	// Prefixed: an answer carries a CORS header the response does not
	// hold, so the site's Front, which serves responses kept under their
	// bare path, must not find it; nor the site's search its own results.
	switch c {
	case byWindow:
		return "api " + r.URL.EscapedPath() + windowKey(r)
	case bySearch:
		return "api " + r.URL.EscapedPath() + windowKey(r) + "&q=" + url.QueryEscape(searchText(r))
	}
	return "api " + r.URL.EscapedPath()
}

// serve answers with a handler's value as JSON, through the cache as c
// says.
func (s *Server) serve(h handler, c caching) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, cache := s.key(r, c), s.cache
		if c == bySearch {
			cache = s.searchCache
		}
		if cache == nil { // a search cache of none: render, keep nothing
			cache = s.cache
			key = ""
		}
		// Responses span organisations: in the whole site's scope.
		res, err := cache.Get(r.Context(), key, httpcache.Scope{}, func(ctx context.Context) (*httpcache.Response, bool, error) {
			v, err := h(r.WithContext(ctx))
			if err != nil {
				return nil, false, err
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				return nil, false, err
			}
			return httpcache.New(http.StatusOK, "application/json", buf.Bytes()), key != "", nil
		})
		if err != nil {
			if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
				w.WriteHeader(499) // the reader left; others may still wait for the answer
				return
			}
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		res.Write(w, r)
	}
}

// ErrorBody is the answer to a request that failed.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if koers.ErrorCode(err) == koers.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body ErrorBody
	body.Error.Code = koers.ErrorCode(err)
	body.Error.Message = koers.ErrorMessage(err)
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	httpx.RetryAfter(w, err)
	w.WriteHeader(httpx.Status(err))
	_, _ = w.Write(append(b, '\n'))
}

func (s *Server) absolute(r *http.Request, p string) string { return httpx.Absolute(r, s.baseURL, p) }

func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, koers.Errorf(koers.EINVALID, "Ongeldig id %q: verwacht een positief geheel getal.", raw)
	}
	return id, nil
}

// documents serves a window of every organisation's documents, newest
// year first.
func (s *Server) documents(r *http.Request) (any, error) {
	win, err := readWindow(r, defaultLimit)
	if err != nil {
		return nil, err
	}
	after, err := readDocumentCursor(win.cursor)
	if err != nil {
		return nil, err
	}
	w, err := s.pub.DocumentWindow(r.Context(), koers.DocumentFilter{}, after, win.limit)
	if err != nil {
		return nil, err
	}
	out := DocumentList{Documents: []Document{}}
	for _, d := range w.Documents {
		out.Documents = append(out.Documents, s.doc(r, w.Organisations[d.OrganisationID], d))
	}
	if w.Next != nil {
		out.NextCursor, out.Next = s.nextOf(r, win, documentCursor(*w.Next), nil)
	}
	return out, nil
}

// nextOf is the next cursor and the next window's address.
func (s *Server) nextOf(r *http.Request, win window, cursor string, keep url.Values) (*string, *string) {
	next := s.next(r, win, cursor, keep)
	return &cursor, &next
}

// load reads the document named by the path with its organisation.
func (s *Server) load(r *http.Request) (*koers.Organisation, *koers.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	d, err := s.pub.Document(r.Context(), id, false)
	if err != nil {
		return nil, nil, err
	}
	org, err := s.pub.Organisation(r.Context(), d.OrganisationID)
	return org, d, err
}

func (s *Server) document(r *http.Request) (any, error) {
	org, d, err := s.load(r)
	if err != nil {
		return nil, err
	}
	out := s.doc(r, org, d)
	var nodes func(pages []*koers.Page) []PageNode
	nodes = func(pages []*koers.Page) []PageNode {
		out := []PageNode{}
		for _, p := range pages {
			u := urls.Page(org, d, p)
			out = append(out, PageNode{ID: p.ID, Kind: string(p.Kind), Number: p.Number, Title: p.Title,
				URL: s.absolute(r, u), PDFURL: s.absolute(r, u+".pdf"), Children: nodes(p.Children)})
		}
		return out
	}
	out.Pages = nodes(d.Pages)
	return out, nil
}

// indicators serves a window of a document's indicators, in page and row
// order.
func (s *Server) indicators(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	win, err := readWindow(r, defaultLimit)
	if err != nil {
		return nil, err
	}
	after, err := readIndicatorCursor(win.cursor)
	if err != nil {
		return nil, err
	}
	w, err := s.pub.IndicatorWindow(r.Context(), id, after, win.limit)
	if err != nil {
		return nil, err
	}
	out := DocumentIndicators{DocumentID: id, Indicators: indicators(w.Indicators)}
	if w.Next != nil {
		out.NextCursor, out.Next = s.nextOf(r, win, indicatorCursor(*w.Next), nil)
	}
	return out, nil
}

func (s *Server) page(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	// One read: the page, its document and organisation.
	placed, err := s.pub.PagesByID(r.Context(), []int64{id}, true)
	if err != nil {
		return nil, err
	}
	org, d, p := placed[0].Organisation, placed[0].Document, placed[0].Page
	u := urls.Page(org, d, p)
	out := Page{ID: p.ID, DocumentID: p.DocumentID, Kind: string(p.Kind), Number: p.Number, Title: p.Title,
		URL: s.absolute(r, u), PDFURL: s.absolute(r, u+".pdf"), SmartGoals: []SmartGoal{}, Activities: []Activity{},
		Indicators: indicators(p.Indicators), Blocks: blocks(p.Blocks, d.Year, org.StatusLegendOrDefault())}
	if p.ParentID != 0 {
		out.ParentID = &p.ParentID
	}
	for _, g := range p.SmartGoals {
		out.SmartGoals = append(out.SmartGoals, SmartGoal{ID: g.ID, Number: g.Number, Title: g.Title})
	}
	for _, a := range p.Activities {
		out.Activities = append(out.Activities, Activity{ID: a.ID, Number: a.Number, Title: a.Title, Footnote: footnote(a.Footnote)})
	}
	return out, nil
}

func (s *Server) indicator(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	series, err := s.pub.SeriesByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	in := series.Indicator
	var org *koers.Organisation
	if len(series.Mentions) > 0 {
		if org, err = s.pub.Organisation(r.Context(), series.Mentions[0].Document.OrganisationID); err != nil {
			return nil, err
		}
	}
	out := Series{ID: in.ID, Key: in.Key, Number: in.Number, Name: in.Name, Unit: string(in.Unit), Direction: string(in.Direction),
		Definition: in.Definition, Source: in.Source, Values: values(in, in.Values),
		Reports: []Report{}, Benchmarks: []Benchmark{}}
	if org != nil {
		out.URL = s.absolute(r, urls.Indicator(org, in.Key))
	}
	for _, rep := range series.Reports {
		// Each value as its own document published it: its unit, its
		// privacy threshold.
		out.Reports = append(out.Reports, Report{Value: value(rep.Wording(in), rep.Value), Unit: string(rep.Unit),
			DocumentID: rep.Document.ID, Document: rep.Document.Title, Current: rep.Current})
	}
	for _, b := range series.Benchmarks {
		out.Benchmarks = append(out.Benchmarks, Benchmark{b.Indicator, b.Area, b.Period, b.Float(), string(b.Unit), b.Source, b.ReferenceDate})
	}
	return out, nil
}

func (s *Server) doc(r *http.Request, org *koers.Organisation, d *koers.Document) Document {
	return Document{
		ID:           d.ID,
		Organisation: Organisation{Slug: org.Slug, Name: org.Name, CBSCode: org.CBSCode, URL: s.absolute(r, urls.Organisation(org))},
		Kind:         string(d.Kind), Year: d.Year, Sequence: d.Sequence, Title: d.Title,
		URL:       s.absolute(r, urls.Document(org, d)),
		PDFURL:    s.absolute(r, urls.Document(org, d)+".pdf"),
		UpdatedAt: d.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z"),
	}
}

// versions lists a published document's versions, newest first.
func (s *Server) versions(r *http.Request) (any, error) {
	org, d, err := s.load(r)
	if err != nil {
		return nil, err
	}
	list, err := s.pub.PublishedVersions(r.Context(), org.ID, d.Slug)
	if err != nil {
		return nil, err
	}
	out := DocumentVersions{DocumentID: d.ID, Versions: []Version{}}
	for _, v := range list {
		row := Version{Number: v.Number, PublishedAt: v.PublishedAt.UTC().Format("2006-01-02T15:04:05Z"), Note: v.Note,
			Current: v.Current, URL: s.absolute(r, urls.Version(org, d, v.Number))}
		if v.PublisherName != "" {
			row.Publisher = &v.PublisherName
		}
		if v.Current {
			row.URL = s.absolute(r, urls.Document(org, d))
		}
		if v.Number > 1 {
			u := s.absolute(r, urls.Changes(org, d, v.Number))
			row.ChangesURL = &u
		}
		out.Versions = append(out.Versions, row)
	}
	return out, nil
}
