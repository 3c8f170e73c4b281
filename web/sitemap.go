package web

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/koers-nl/koers"
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
func (s *Server) sitemap(r *http.Request) (*response, bool, error) {
	ctx := r.Context()
	set := urlset{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	orgs, err := s.store.Organisations(ctx)
	if err != nil {
		return nil, false, err
	}
	for _, org := range orgs {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, orgURL(org))})
		docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID})
		if err != nil {
			return nil, false, err
		}
		for _, d := range docs {
			doc, err := s.store.Document(ctx, d.ID, false)
			if err != nil {
				return nil, false, err
			}
			mod := doc.UpdatedAt.Format("2006-01-02")
			set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, docURL(org, doc)), LastMod: mod})
			_ = doc.Walk(func(p *koers.Page) error {
				set.URLs = append(set.URLs, sitemapURL{Loc: s.absolute(r, pageURL(org, doc, p)), LastMod: mod})
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
	return newResponse(http.StatusOK, "application/xml; charset=utf-8", buf.Bytes()), true, nil
}
