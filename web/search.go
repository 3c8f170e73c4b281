package web

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
)

// maxQuery bounds a search query; longer ones are cut.
const maxQuery = 200

type searchPage struct {
	layout
	Query    string
	Results  []searchResult
	Searched bool
}

type searchResult struct {
	PageID  int64
	Title   string
	URL     string
	Trail   []string // document and ancestors
	Snippet []dutch.Fragment
}

// find runs a search and prepares the results with their breadcrumbs and
// snippets.
func (s *Server) find(ctx context.Context, r *http.Request, query string) ([]searchResult, error) {
	hits, err := s.store.Search(ctx, query, 50)
	if err != nil {
		return nil, err
	}
	stems := dutch.Query(query)
	docs := map[int64]*koers.Document{}
	orgs := map[int64]*koers.Organisation{}
	var out []searchResult
	for _, h := range hits {
		doc := docs[h.DocumentID]
		if doc == nil {
			if doc, err = s.store.Document(ctx, h.DocumentID, false); err != nil {
				return nil, err
			}
			docs[doc.ID] = doc
		}
		org := orgs[doc.OrganisationID]
		if org == nil {
			if org, err = s.store.Organisation(ctx, doc.OrganisationID); err != nil {
				return nil, err
			}
			orgs[org.ID] = org
		}
		res := searchResult{PageID: h.PageID, Title: h.Title, Trail: []string{doc.Title}, Snippet: dutch.Snippet(h.Text, stems, 30)}
		for _, p := range doc.Trail(h.PageID) {
			if p.ID == h.PageID {
				res.URL = pageURL(org, doc, p)
			} else {
				res.Trail = append(res.Trail, p.Title)
			}
		}
		if res.URL != "" {
			out = append(out, res)
		}
	}
	return out, nil
}

// query reads q, trimmed and bounded.
func query(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	for len(q) > maxQuery || !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, "")
		if len(q) > maxQuery {
			q = q[:maxQuery]
		}
	}
	return q
}

// search is /zoeken?q=.
func (s *Server) search(r *http.Request) (*response, bool, error) {
	data := searchPage{layout: layout{Title: "Zoeken"}, Query: query(r)}
	if orgs, err := s.store.Organisations(r.Context()); err == nil && len(orgs) == 1 {
		data.layout = s.orgLayout(orgs[0])
		data.Title = "Zoeken"
	}
	if data.Query != "" {
		data.Searched = true
		results, err := s.find(r.Context(), r, data.Query)
		if err != nil {
			return nil, false, err
		}
		data.Results = results
		data.Title = "Zoeken: " + data.Query
	}
	res, err := s.tmpl.html(http.StatusOK, "search", data)
	return res, false, err
}

type apiSearchResult struct {
	PageID  int64    `json:"page_id"`
	Title   string   `json:"title"`
	URL     string   `json:"url"`
	Trail   []string `json:"breadcrumb"`
	Snippet string   `json:"snippet"`
	Matches []string `json:"matches"`
}

func (s *Server) apiSearch(r *http.Request) (any, error) {
	q := query(r)
	if q == "" {
		return nil, koers.Errorf(koers.EINVALID, "Geef een zoekterm op met ?q=.")
	}
	results, err := s.find(r.Context(), r, q)
	if err != nil {
		return nil, err
	}
	out := struct {
		Query   string            `json:"query"`
		Results []apiSearchResult `json:"results"`
	}{Query: q, Results: []apiSearchResult{}}
	for _, res := range results {
		a := apiSearchResult{PageID: res.PageID, Title: res.Title, URL: s.absolute(r, res.URL), Trail: res.Trail, Matches: []string{}}
		var b strings.Builder
		for _, f := range res.Snippet {
			b.WriteString(f.Text)
			if f.Match {
				a.Matches = append(a.Matches, f.Text)
			}
		}
		a.Snippet = b.String()
		out.Results = append(out.Results, a)
	}
	return out, nil
}
