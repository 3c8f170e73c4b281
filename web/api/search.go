package api

import (
	"net/http"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/urls"
)

// maxQuery bounds a search query; longer ones are cut.
const maxQuery = 200

func (s *Server) search(r *http.Request) (any, error) {
	q := httpx.Query(r, "q", maxQuery)
	if q == "" {
		return nil, koers.Errorf(koers.EINVALID, "Geef een zoekterm op met ?q=.")
	}
	found, err := s.pub.Find(r.Context(), koers.SearchQuery{Text: q, Limit: 50})
	if err != nil {
		return nil, err
	}
	match := dutch.NewMatcher(dutch.Query(q))
	out := SearchResults{Query: q, Results: []SearchResult{}}
	for _, f := range found {
		a := SearchResult{PageID: f.Page.ID, Title: f.Page.Title, URL: s.absolute(r, urls.Page(f.Organisation, f.Document, f.Page)),
			Trail: []string{f.Document.Title}, Matches: []string{}}
		for _, p := range f.Ancestors {
			a.Trail = append(a.Trail, p.Title)
		}
		var b strings.Builder
		for _, frag := range match.Snippet(f.Text, 30) {
			b.WriteString(frag.Text)
			if frag.Match {
				a.Matches = append(a.Matches, frag.Text)
			}
		}
		a.Snippet = b.String()
		out.Results = append(out.Results, a)
	}
	return out, nil
}
