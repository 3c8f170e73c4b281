package web

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every public page in the sitemaps.org format.
func (s *Server) sitemap(r *http.Request) (*httpcache.Response, bool, error) {
	ctx := r.Context()
	set := urlset{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	orgs, err := s.pub.Organisations(ctx)
	if err != nil {
		return nil, false, err
	}
	docs, err := s.pub.DocumentTrees(ctx, koers.DocumentFilter{})
	if err != nil {
		return nil, false, err
	}
	for _, org := range orgs {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, urls.Organisation(org))})
		for _, doc := range docs {
			if doc.OrganisationID != org.ID {
				continue
			}
			mod := doc.UpdatedAt.Format("2006-01-02")
			set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, urls.Document(org, doc)), LastMod: mod})
			_ = doc.Walk(func(p *koers.Page) error {
				set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, urls.Page(org, doc, p)), LastMod: mod})
				return nil
			})
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return nil, false, err
	}
	buf.WriteByte('\n')
	return httpcache.New(http.StatusOK, "application/xml; charset=utf-8", buf.Bytes()), true, nil
}

// sitemapKey caches the sitemap once, or per host when its absolute URLs
// are built from the request's.
func (s *Server) sitemapKey(r *http.Request) string {
	if s.baseURL == "" {
		return r.Host + r.URL.Path
	}
	return r.URL.Path
}
