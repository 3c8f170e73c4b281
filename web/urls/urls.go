// Package urls is the address scheme of the public site: where an
// organisation, a document, a page, an indicator and a cycle view live.
// The site serves these addresses; the API links to them.
package urls

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// Organisation is an organisation's home: "/leiderdorp".
func Organisation(o *koers.Organisation) string { return "/" + url.PathEscape(o.Slug) }

// Document is a document's table of contents: "/leiderdorp/begroting-2022".
func Document(o *koers.Organisation, d *koers.Document) string {
	return Organisation(o) + "/" + url.PathEscape(d.Slug)
}

// Page is a page of a document, by its path of slugs.
func Page(o *koers.Organisation, d *koers.Document, p *koers.Page) string {
	segs := strings.Split(p.Path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return Document(o, d) + "/" + strings.Join(segs, "/")
}

// Indicator is the page of an indicator through the years.
func Indicator(o *koers.Organisation, key string) string {
	return Organisation(o) + "/indicatoren/" + url.PathEscape(key)
}

// Cycle is a sub-programme through one year's documents:
// "/leiderdorp/cyclus/1c/2020".
func Cycle(o *koers.Organisation, programme string, year int) string {
	return Organisation(o) + "/cyclus/" + url.PathEscape(strings.ToLower(programme)) + "/" + strconv.Itoa(year)
}
