package web

import (
	"context"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// Search is bounded three ways: the store ranks a bounded number of pages
// and hands over a bounded text per hit (koers.SearchQuery, koers.HitText),
// so one search costs about the same whatever the words; a small cache of
// its own keeps the pages of recent queries until the content changes, so a
// popular query is answered once, and the page cache stays for pages; and
// a gate lets only a few searches run at once, so a flood of queries waits
// briefly and is then turned away with 503 instead of slowing every
// reader down.
const (
	// maxQuery bounds a search query; longer ones are cut.
	maxQuery = 200
	// maxResults is the most hits a search page shows.
	maxResults = 50
	// snippetWords is about how many words a snippet shows.
	snippetWords = 30
	// searchWait is how long a search waits for a slot.
	searchWait = time.Second
	// searchCacheBytes is the default budget of the search cache, about
	// 200 pages of results.
	searchCacheBytes = 8 << 20
	// searchCacheInterval is how often the search cache asks whether the
	// content changed, as the page cache does.
	searchCacheInterval = 500 * time.Millisecond
	// searchBusy is what a reader turned away reads.
	searchBusy = "Er wordt nu veel gezocht. Probeer het over een paar seconden opnieuw."
)

// searchSlots is the default number of searches that run at once: one per
// processor, since a search keeps one busy. More only contend: SQLite's
// page cache has one lock for all connections, and 64 searches at once
// cost three times the processor time of one after another.
func searchSlots() int { return max(2, runtime.GOMAXPROCS(0)) }

type searchPage struct {
	layout
	Query    string
	Scope    *koers.Organisation // searched in this organisation's pages only
	AllURL   string              // the same query in every organisation, when there are several
	Results  []searchResult
	Searched bool
}

type searchResult struct {
	PageID  int64
	Title   string
	URL     string
	Trail   []string // organisation (when several are searched), document, ancestors
	Snippet []dutch.Fragment
}

// searchQuery reads a search from its address: the words, spaces made
// one, and the slug of the organisation to search in ("" for all).
func searchQuery(r *http.Request) (query, org string) {
	return strings.Join(strings.Fields(httpx.Query(r, "q", maxQuery)), " "), httpx.Query(r, "organisatie", maxQuery)
}

// search serves /zoeken?q=&organisatie= from the search cache; a search
// not in it takes a slot of the gate first.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	query, org := searchQuery(r)
	key := org + "\x00" + query
	if s.searchUncached {
		key = ""
	}
	// A search in one organisation shows only its pages: kept in its scope.
	res, err := s.searchCache.Get(r.Context(), key, httpcache.Scope{Org: org}, func(ctx context.Context) (*httpcache.Response, bool, error) {
		release, err := s.searchGate.Enter(ctx)
		if err != nil {
			return nil, false, err
		}
		defer release()
		res, err := s.searchResults(r.WithContext(ctx), query, org)
		return res, err == nil, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res.Write(w, r)
}

// searchResults renders the results of a search.
func (s *Server) searchResults(r *http.Request, query, orgSlug string) (*httpcache.Response, error) {
	ctx := r.Context()
	data := searchPage{layout: layout{Title: "Zoeken"}, Query: query}
	orgs, err := s.pub.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	sq := koers.SearchQuery{Text: query, Limit: maxResults}
	switch {
	case orgSlug != "":
		org, err := s.pub.OrganisationBySlug(ctx, orgSlug)
		if err != nil {
			return nil, err
		}
		data.layout, data.Scope, sq.OrganisationID = s.orgLayout(org), org, org.ID
		if len(orgs) > 1 {
			data.AllURL = "/zoeken?" + url.Values{"q": {query}}.Encode()
		}
	case len(orgs) == 1:
		data.layout = s.orgLayout(orgs[0])
	}
	data.Title = "Zoeken"
	if query != "" {
		data.Searched = true
		found, err := s.pub.Find(ctx, sq)
		if err != nil {
			return nil, err
		}
		match := dutch.NewMatcher(dutch.Query(query))
		for _, f := range found {
			res := searchResult{PageID: f.Page.ID, Title: f.Page.Title, URL: urls.Page(f.Organisation, f.Document, f.Page),
				Snippet: match.Snippet(f.Text, snippetWords)}
			if sq.OrganisationID == 0 && len(orgs) > 1 {
				res.Trail = append(res.Trail, f.Organisation.Name)
			}
			res.Trail = append(res.Trail, f.Document.Title)
			for _, p := range f.Ancestors {
				res.Trail = append(res.Trail, p.Title)
			}
			data.Results = append(data.Results, res)
		}
		data.Title = "Zoeken: " + query
	}
	return s.tmpl.html(http.StatusOK, "search", data)
}
