package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/koers-nl/koers"
)

//go:embed openapi.json
var openAPI []byte

func (s *Server) apiRoutes() {
	s.mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		newResponse(http.StatusOK, "application/json", openAPI).write(w, r)
	})
	s.mux.HandleFunc("GET /api/v1/documents", s.api(s.apiDocuments))
	s.mux.HandleFunc("GET /api/v1/documents/{id}", s.api(s.apiDocument))
	s.mux.HandleFunc("GET /api/v1/documents/{id}/indicators", s.api(s.apiIndicators))
	s.mux.HandleFunc("GET /api/v1/pages/{id}", s.api(s.apiPage))
	s.mux.HandleFunc("GET /api/v1/indicators/{id}", s.api(s.apiIndicator))
	s.mux.HandleFunc("GET /api/v1/search", s.apiNoCache(s.apiSearch))
	s.mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, koers.Errorf(koers.ENOTFOUND, "Onbekend adres in de API: %s", r.URL.Path))
	})
}

// apiHandler returns the value to encode as the response.
type apiHandler func(r *http.Request) (any, error)

// api serves a handler's value as JSON through the cache.
func (s *Server) api(h apiHandler) http.HandlerFunc { return s.apiServe(h, true) }

// apiNoCache serves a handler whose answers depend on the query string.
func (s *Server) apiNoCache(h apiHandler) http.HandlerFunc { return s.apiServe(h, false) }

func (s *Server) apiServe(h apiHandler, cached bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Host + r.URL.Path // responses hold absolute URLs
		if !cached {
			key = ""
		}
		res, err := s.cache.get(r.Context(), key, func() (*response, bool, error) {
			v, err := h(r)
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
			return newResponse(http.StatusOK, "application/json", buf.Bytes()), cached, nil
		})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		res.write(w, r)
	}
}

type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	s.logError(r, err)
	var body apiErrorBody
	body.Error.Code = koers.ErrorCode(err)
	body.Error.Message = koers.ErrorMessage(err)
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(statusOf(err))
	_, _ = w.Write(append(b, '\n'))
}

func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, koers.Errorf(koers.EINVALID, "Ongeldig id %q: verwacht een positief geheel getal.", raw)
	}
	return id, nil
}

type apiOrganisation struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	CBSCode string `json:"cbs_code,omitempty"`
	URL     string `json:"url"`
}

type apiDocument struct {
	ID           int64           `json:"id"`
	Organisation apiOrganisation `json:"organisation"`
	Kind         string          `json:"kind"`
	Year         int             `json:"year"`
	Sequence     int             `json:"sequence,omitempty"`
	Title        string          `json:"title"`
	URL          string          `json:"url"`
	PDFURL       string          `json:"pdf_url"`
	UpdatedAt    string          `json:"updated_at"`
	Pages        []apiPageNode   `json:"pages,omitempty"`
}

type apiPageNode struct {
	ID       int64         `json:"id"`
	Kind     string        `json:"kind"`
	Number   string        `json:"number,omitempty"`
	Title    string        `json:"title"`
	URL      string        `json:"url"`
	PDFURL   string        `json:"pdf_url"`
	Children []apiPageNode `json:"children"`
}

type apiPage struct {
	ID         int64             `json:"id"`
	DocumentID int64             `json:"document_id"`
	ParentID   *int64            `json:"parent_id"`
	Kind       string            `json:"kind"`
	Number     string            `json:"number,omitempty"`
	Title      string            `json:"title"`
	URL        string            `json:"url"`
	PDFURL     string            `json:"pdf_url"`
	SmartGoals []koers.SmartGoal `json:"smart_goals"`
	Activities []koers.Activity  `json:"activities"`
	Indicators []apiIndicator    `json:"indicators"`
	Blocks     []koers.Block     `json:"blocks"`
}

type apiIndicator struct {
	ID       int64           `json:"id"`
	Key      string          `json:"key"`
	Number   string          `json:"number"`
	Name     string          `json:"name"`
	Unit     string          `json:"unit"`
	Footnote *koers.Footnote `json:"footnote,omitempty"`
	PageID   int64           `json:"page_id"`
	Values   []apiValue      `json:"values"`
}

type apiValue struct {
	Year    int      `json:"year"`
	Kind    string   `json:"kind"`
	Value   *float64 `json:"value"`
	Display string   `json:"display"`
}

func (s *Server) apiDoc(r *http.Request, org *koers.Organisation, d *koers.Document) apiDocument {
	return apiDocument{
		ID:           d.ID,
		Organisation: apiOrganisation{Slug: org.Slug, Name: org.Name, CBSCode: org.CBSCode, URL: s.absolute(r, orgURL(org))},
		Kind:         string(d.Kind), Year: d.Year, Sequence: d.Sequence, Title: d.Title,
		URL:       s.absolute(r, docURL(org, d)),
		PDFURL:    s.absolute(r, docURL(org, d)+".pdf"),
		UpdatedAt: d.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z"),
	}
}

func (s *Server) apiDocuments(r *http.Request) (any, error) {
	ctx := r.Context()
	orgs, err := s.store.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*koers.Organisation{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	docs, err := s.store.Documents(ctx, koers.DocumentFilter{})
	if err != nil {
		return nil, err
	}
	out := struct {
		Documents []apiDocument `json:"documents"`
	}{Documents: []apiDocument{}}
	for _, d := range docs {
		out.Documents = append(out.Documents, s.apiDoc(r, byID[d.OrganisationID], d))
	}
	return out, nil
}

// document loads the document named by the path with its organisation.
func (s *Server) document(r *http.Request) (*koers.Organisation, *koers.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	d, err := s.store.Document(r.Context(), id, false)
	if err != nil {
		return nil, nil, err
	}
	org, err := s.store.Organisation(r.Context(), d.OrganisationID)
	return org, d, err
}

func (s *Server) apiDocument(r *http.Request) (any, error) {
	org, d, err := s.document(r)
	if err != nil {
		return nil, err
	}
	out := s.apiDoc(r, org, d)
	var nodes func(pages []*koers.Page) []apiPageNode
	nodes = func(pages []*koers.Page) []apiPageNode {
		out := []apiPageNode{}
		for _, p := range pages {
			out = append(out, apiPageNode{ID: p.ID, Kind: string(p.Kind), Number: p.Number, Title: p.Title,
				URL: s.absolute(r, pageURL(org, d, p)), PDFURL: s.absolute(r, pageURL(org, d, p)+".pdf"), Children: nodes(p.Children)})
		}
		return out
	}
	out.Pages = nodes(d.Pages)
	return out, nil
}

func apiIndicators(list []*koers.Indicator) []apiIndicator {
	out := []apiIndicator{}
	for _, in := range list {
		ai := apiIndicator{ID: in.ID, Key: in.Key, Number: in.Number, Name: in.Name, Unit: string(in.Unit),
			Footnote: in.Footnote, PageID: in.PageID, Values: []apiValue{}}
		for _, v := range in.Values {
			ai.Values = append(ai.Values, apiValue{Year: v.Year, Kind: string(v.Kind), Value: in.Public(v), Display: in.Display(v)})
		}
		out = append(out, ai)
	}
	return out
}

func (s *Server) apiIndicators(r *http.Request) (any, error) {
	_, d, err := s.document(r)
	if err != nil {
		return nil, err
	}
	list, err := s.store.Indicators(r.Context(), d.ID)
	if err != nil {
		return nil, err
	}
	return struct {
		DocumentID int64          `json:"document_id"`
		Indicators []apiIndicator `json:"indicators"`
	}{d.ID, apiIndicators(list)}, nil
}

func (s *Server) apiPage(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	p, err := s.store.Page(ctx, id)
	if err != nil {
		return nil, err
	}
	d, err := s.store.Document(ctx, p.DocumentID, false)
	if err != nil {
		return nil, err
	}
	org, err := s.store.Organisation(ctx, d.OrganisationID)
	if err != nil {
		return nil, err
	}
	out := apiPage{ID: p.ID, DocumentID: p.DocumentID, Kind: string(p.Kind), Number: p.Number, Title: p.Title,
		URL: s.absolute(r, pageURL(org, d, p)), PDFURL: s.absolute(r, pageURL(org, d, p)+".pdf"), SmartGoals: p.SmartGoals, Activities: p.Activities,
		Indicators: apiIndicators(p.Indicators), Blocks: p.Blocks}
	if p.ParentID != 0 {
		out.ParentID = &p.ParentID
	}
	if out.SmartGoals == nil {
		out.SmartGoals = []koers.SmartGoal{}
	}
	if out.Activities == nil {
		out.Activities = []koers.Activity{}
	}
	if out.Blocks == nil {
		out.Blocks = []koers.Block{}
	}
	return out, nil
}

type apiSeries struct {
	ID         int64             `json:"id"`
	Key        string            `json:"key"`
	Number     string            `json:"number"`
	Name       string            `json:"name"`
	Unit       string            `json:"unit"`
	Direction  string            `json:"direction,omitempty"`
	Definition string            `json:"definition,omitempty"`
	Source     string            `json:"source,omitempty"`
	URL        string            `json:"url"`
	Values     []apiValue        `json:"values"`
	Reports    []apiReport       `json:"reports"`
	Benchmarks []benchmarkRecord `json:"benchmarks"`
}

type apiReport struct {
	apiValue
	DocumentID int64  `json:"document_id"`
	Document   string `json:"document"`
	Current    bool   `json:"current"`
}

func (s *Server) apiIndicator(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	series, err := s.store.SeriesByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	in := series.Indicator
	var org *koers.Organisation
	if len(series.Mentions) > 0 {
		if org, err = s.store.Organisation(r.Context(), series.Mentions[0].Document.OrganisationID); err != nil {
			return nil, err
		}
	}
	out := apiSeries{ID: in.ID, Key: in.Key, Number: in.Number, Name: in.Name, Unit: string(in.Unit), Direction: string(in.Direction),
		Definition: in.Definition, Source: in.Source, Values: apiIndicators([]*koers.Indicator{in})[0].Values,
		Reports: []apiReport{}, Benchmarks: []benchmarkRecord{}}
	if org != nil {
		out.URL = s.absolute(r, indicatorURL(org, in.Key))
	}
	for _, rep := range series.Reports {
		v := rep.Value
		out.Reports = append(out.Reports, apiReport{apiValue: apiValue{Year: v.Year, Kind: string(v.Kind), Value: in.Public(v), Display: in.Display(v)},
			DocumentID: rep.Document.ID, Document: rep.Document.Title, Current: rep.Current})
	}
	for _, b := range series.Benchmarks {
		out.Benchmarks = append(out.Benchmarks, benchmarkRecord{b.Indicator, b.Area, b.Period, b.Value, string(b.Unit), b.Source, b.ReferenceDate})
	}
	return out, nil
}
