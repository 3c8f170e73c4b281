package web

import (
	"net/http"

	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
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

// search is /zoeken?q=.
func (s *Server) search(r *http.Request) (*httpcache.Response, bool, error) {
	data := searchPage{layout: layout{Title: "Zoeken"}, Query: httpx.Query(r, "q", maxQuery)}
	if orgs, err := s.pub.Organisations(r.Context()); err == nil && len(orgs) == 1 {
		data.layout = s.orgLayout(orgs[0])
		data.Title = "Zoeken"
	}
	if data.Query != "" {
		data.Searched = true
		found, err := s.pub.Find(r.Context(), data.Query, 50)
		if err != nil {
			return nil, false, err
		}
		stems := dutch.Query(data.Query)
		for _, f := range found {
			res := searchResult{PageID: f.Page.ID, Title: f.Page.Title, URL: urls.Page(f.Organisation, f.Document, f.Page),
				Trail: []string{f.Document.Title}, Snippet: dutch.Snippet(f.Text, stems, 30)}
			for _, p := range f.Ancestors {
				res.Trail = append(res.Trail, p.Title)
			}
			data.Results = append(data.Results, res)
		}
		data.Title = "Zoeken: " + data.Query
	}
	res, err := s.tmpl.html(http.StatusOK, "search", data)
	return res, false, err
}
