package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// Sitemaps, in the sitemaps.org protocol (0.9). /sitemap.xml, where
// robots.txt points, is an index: the sitemap of the homes,
// /sitemap-organisaties.xml, and every organisation's own, /{org}/sitemap.xml,
// with every public page under /{org}/. A sitemap may only list addresses
// in its own directory and below, so an organisation's home (/{org}, not
// under /{org}/) is in the root's. An organisation's sitemap is split into
// /{org}/sitemap-2.xml, -3 ... when its addresses would pass
// maxSitemapURLs or its file maxSitemapBytes; the index knows how many
// files each has from the store's counts (Published.Extents), without
// reading a page.

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	// maxSitemapURLs and maxSitemapBytes are the protocol's bounds on one
	// file, index or sitemap.
	maxSitemapURLs  = 50_000
	maxSitemapBytes = 50 << 20
	// maxLoc is the longest address a sitemap may hold: less than 2,048
	// characters. Longer ones are left out.
	maxLoc = 2047
	// hostAllowance bounds the scheme, host and port of the site's address
	// when no base URL is set and the request's host is used: a DNS name
	// has at most 253 characters.
	hostAllowance = len("https://") + 253 + len(":65535")
	// lastmodLength is the longest lastmod written (RFC 3339 in UTC).
	lastmodLength = len("2006-01-02T15:04:05Z")
	// sitemapsName is the sitemap of the homes.
	sitemapsName = "/sitemap-organisaties.xml"
)

const (
	urlsetHead = xml.Header + `<urlset xmlns="` + sitemapNS + `">` + "\n"
	urlsetTail = "</urlset>\n"
	indexHead  = xml.Header + `<sitemapindex xmlns="` + sitemapNS + `">` + "\n"
	indexTail  = "</sitemapindex>\n"
	// urlBytes is what an entry of a sitemap writes besides its address.
	urlBytes = len("<url><loc></loc><lastmod></lastmod></url>\n") + lastmodLength
)

// sitemapLimits are the bounds a Server holds each sitemap file to: the
// protocol's, lower in tests.
type sitemapLimits struct{ urls, bytes int }

// entry is an address in a sitemap, with when it last changed if known.
type entry struct {
	path    string // on the site, escaped
	lastmod time.Time
}

// sitemapWriter writes a sitemap file.
type sitemapWriter struct {
	buf  bytes.Buffer
	base string
}

func (w *sitemapWriter) loc(path string) {
	w.buf.WriteString("<loc>")
	_ = xml.EscapeText(&w.buf, []byte(w.base+path))
	w.buf.WriteString("</loc>")
}

// urlset writes the entries as a sitemap.
func (w *sitemapWriter) urlset(entries []entry) *httpcache.Response {
	w.buf.WriteString(urlsetHead)
	for _, e := range entries {
		w.buf.WriteString("<url>")
		w.loc(e.path)
		if !e.lastmod.IsZero() {
			w.buf.WriteString("<lastmod>" + e.lastmod.UTC().Format(time.RFC3339) + "</lastmod>")
		}
		w.buf.WriteString("</url>\n")
	}
	w.buf.WriteString(urlsetTail)
	return httpcache.New(http.StatusOK, "application/xml; charset=utf-8", w.buf.Bytes())
}

// sitemapBase is the site's address for a sitemap's absolute URLs: the
// base URL, or without one the request's, unless it is too long to bound
// the files by.
func (s *Server) sitemapBase(r *http.Request) (string, error) {
	base := s.absolute(r, "")
	if s.baseURL == "" && len(base) > hostAllowance {
		return "", koers.Errorf(koers.EINVALID, "De host in het verzoek is te lang voor een sitemap.")
	}
	return base, nil
}

// sitemapParts is the number of files an organisation's sitemap takes,
// bounded from its extent: the most addresses it can have and the longest
// one. The index and each file compute it from the same counts.
func (s *Server) sitemapParts(e koers.Extent) int {
	// The indicator index; per document its contents, its whole view and
	// at most an overview per taakveld; the pages; at most one cycle view
	// per numbered page; the indicators.
	n := 1 + 3*e.Documents + e.Pages + e.NumberedPages + e.Indicators
	// Slugs and keys are ASCII letters, digits and hyphens, written as they
	// are; a page number may be any text, a character taking up to 4
	// bytes, each escaped to 3 (%XX). The year is an int.
	longest := max(e.LongestPath+len(".html"), e.LongestPath+len("/"+overviewSlug), len("indicatoren/")+e.LongestKey,
		len("cyclus/")+12*e.LongestNumber+len("/-9223372036854775808"))
	base := len(s.baseURL)
	if base == 0 {
		base = hostAllowance
	}
	loc := min(base+len(urls.Organisation(e.Organisation))+1+longest, maxLoc)
	perFile := min(s.sitemap.urls, (s.sitemap.bytes-len(urlsetHead)-len(urlsetTail))/(urlBytes+loc))
	perFile = max(perFile, 1)
	return (n + perFile - 1) / perFile
}

// sitemapIndex serves /sitemap.xml: the homes' sitemap and every file of
// every organisation's.
func (s *Server) sitemapIndex(r *http.Request) (*httpcache.Response, bool, error) {
	base, err := s.sitemapBase(r)
	if err != nil {
		return nil, false, err
	}
	extents, err := s.pub.Extents(r.Context())
	if err != nil {
		return nil, false, err
	}
	w := &sitemapWriter{base: base}
	w.buf.WriteString(indexHead)
	add := func(path string) {
		w.buf.WriteString("<sitemap>")
		w.loc(path)
		w.buf.WriteString("</sitemap>\n")
	}
	add(sitemapsName)
	for _, e := range extents {
		for part := 1; part <= s.sitemapParts(e); part++ {
			add(orgSitemapPath(e.Organisation, part))
		}
	}
	w.buf.WriteString(indexTail)
	return httpcache.New(http.StatusOK, "application/xml; charset=utf-8", w.buf.Bytes()), true, nil
}

// orgSitemapPath is where part n (from 1) of an organisation's sitemap is.
func orgSitemapPath(org *koers.Organisation, part int) string {
	if part == 1 {
		return urls.Organisation(org) + "/sitemap.xml"
	}
	return urls.Organisation(org) + "/sitemap-" + strconv.Itoa(part) + ".xml"
}

// sitemapPart reads the part from the last segment of a sitemap's
// address: "sitemap-2.xml" is 2; "sitemap.xml" has its own route, and
// "sitemap-1.xml" and "sitemap-02.xml" are no sitemap.
func sitemapPart(seg string) (int, bool) {
	num, ok := strings.CutPrefix(seg, "sitemap-")
	if num, ok = strings.CutSuffix(num, ".xml"); !ok || num == "" || num[0] == '0' || len(num) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 2 || strconv.Itoa(n) != num {
		return 0, false
	}
	return n, true
}

// sitemapHomes serves /sitemap-organisaties.xml: the site's home, when it
// is a page (with other than one organisation; with one it redirects), and
// every organisation's.
func (s *Server) sitemapHomes(r *http.Request) (*httpcache.Response, bool, error) {
	base, err := s.sitemapBase(r)
	if err != nil {
		return nil, false, err
	}
	orgs, err := s.pub.Organisations(r.Context())
	if err != nil {
		return nil, false, err
	}
	var entries []entry
	if len(orgs) != 1 {
		entries = append(entries, entry{path: "/"})
	}
	for _, o := range orgs {
		entries = append(entries, entry{path: urls.Organisation(o)})
	}
	w := &sitemapWriter{base: base}
	return w.urlset(entries), true, nil
}

// orgSitemap serves part n of an organisation's sitemap: every public page
// under /{org}/, read from the organisation's outline (its documents' trees
// and indicators' keys, no content), split evenly over its files.
// Documents and their pages give their last change; what is made from
// several documents, or from comparison figures, has none that koers knows.
func (s *Server) orgSitemap(r *http.Request, part int) (*httpcache.Response, bool, error) {
	base, err := s.sitemapBase(r)
	if err != nil {
		return nil, false, err
	}
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	o, err := s.pub.Outline(r.Context(), org.ID)
	if err != nil {
		return nil, false, err
	}
	parts := s.sitemapParts(o.Extent(org))
	if part > parts {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "De sitemap van %s heeft %d delen.", org.Name, parts)
	}
	home := urls.Organisation(org)
	entries := []entry{{path: home + "/indicatoren"}}
	for _, key := range o.Indicators {
		entries = append(entries, entry{path: urls.Indicator(org, key)})
	}
	money := map[int64]bool{}
	for _, id := range o.Money {
		money[id] = true
	}
	for _, d := range o.Documents {
		doc := urls.Document(org, d)
		entries = append(entries, entry{doc, d.UpdatedAt}, entry{doc + ".html", d.UpdatedAt})
		if money[d.ID] && !overviewShadowed(d) {
			entries = append(entries, entry{overviewURL(org, d), d.UpdatedAt})
		}
		_ = d.Walk(func(p *koers.Page) error {
			entries = append(entries, entry{urls.Page(org, d, p), d.UpdatedAt})
			return nil
		})
	}
	for _, c := range o.Cycles() {
		entries = append(entries, entry{path: urls.Cycle(org, c.Programme, c.Year)})
	}
	kept := entries[:0]
	for _, e := range entries {
		if len(base)+len(e.path) <= maxLoc {
			kept = append(kept, e)
		} else {
			s.log.Warn("sitemap: address too long for a sitemap, left out", "org", org.Slug, "path", e.path[:min(len(e.path), 100)])
		}
	}
	n := len(kept)
	w := &sitemapWriter{base: base}
	return w.urlset(kept[(part-1)*n/parts : part*n/parts]), true, nil
}

// sitemapKey caches a sitemap by its path when its absolute URLs come
// from the base URL, and not at all when they come from the request's
// Host header: a client must not choose the host in what others are
// served.
func (s *Server) sitemapKey(r *http.Request) string {
	if s.baseURL == "" {
		return ""
	}
	return r.URL.EscapedPath()
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	httpx.Plain(w, http.StatusOK, "User-agent: *\nAllow: /\nSitemap: "+s.absolute(r, "/sitemap.xml"))
}
