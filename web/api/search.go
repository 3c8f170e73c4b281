package api

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/urls"
)

const (
	// maxQuery bounds a search query; longer ones are cut.
	maxQuery = 200
	// searchLimit is the window of a search that asks for none.
	searchLimit = 50
	// searchWait and searchBusy are those of the API's own gate, when it
	// is not given the site's.
	searchWait = time.Second
	searchBusy = "Er wordt nu veel gezocht. Probeer het over een paar seconden opnieuw."
)

// searchText is the query of a search as searched: cut, its spaces made
// one, so that spellings that search the same share a cache entry.
func searchText(r *http.Request) string {
	return strings.Join(strings.Fields(httpx.Query(r, "q", maxQuery)), " ")
}

// search serves a window of a search's results, best first. The
// parameters are read before a slot of the gate is taken, so that a bad
// request waits for none.
func (s *Server) search(r *http.Request) (any, error) {
	q := searchText(r)
	if q == "" {
		return nil, koers.Errorf(koers.EINVALID, "Geef een zoekterm op met ?q=.")
	}
	win, err := readWindow(r, searchLimit)
	if err != nil {
		return nil, err
	}
	offset, err := readSearchCursor(win.cursor)
	if err != nil {
		return nil, err
	}
	release, err := s.searchGate.Enter(r.Context())
	if err != nil {
		return nil, err
	}
	defer release()
	// One more than the window: whether there is a next one.
	found, err := s.pub.Find(r.Context(), koers.SearchQuery{Text: q, Limit: win.limit + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	out := SearchResults{Query: q, Results: []SearchResult{}}
	if len(found) > win.limit {
		found = found[:win.limit]
		out.NextCursor, out.Next = s.nextOf(r, win, offsetCursor(offset+win.limit), url.Values{"q": {q}})
	}
	match := dutch.NewMatcher(dutch.Query(q))
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
