// Package urls is the address scheme of the public site: where an
// organisation, a document, a page, an indicator and a cycle view live.
// The site serves these addresses; the API links to them.
package urls

import (
	"fmt"
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

// Versions lists a document's published versions:
// "/leiderdorp/begroting-2022/versies".
func Versions(o *koers.Organisation, d *koers.Document) string { return Document(o, d) + "/versies" }

// Version is a version's table of contents: ".../versies/3".
func Version(o *koers.Organisation, d *koers.Document, n int) string {
	return Versions(o, d) + "/" + strconv.Itoa(n)
}

// Changes compares a version with the one before it: ".../versies/3/wijzigingen".
func Changes(o *koers.Organisation, d *koers.Document, n int) string {
	return Version(o, d, n) + "/wijzigingen"
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

// Base checks the site's public address as an operator gives it
// ("https://pc.leiderdorp.nl") and returns it without a trailing slash:
// http or https, a host, and no path, query or fragment, since every
// address of the site starts at the root. Empty stays empty: no address
// was given.
func Base(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("base URL %q: %w", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("base URL %q: want http:// or https://", raw)
	case u.Host == "" || u.User != nil || u.Opaque != "":
		return "", fmt.Errorf("base URL %q: want a host and nothing before it, as in https://pc.leiderdorp.nl", raw)
	case strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", fmt.Errorf("base URL %q: the site is served from the root; leave out path, query and fragment", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// Trajectory is a SMART goal or an activity of a sub-programme through
// the cycle: "/leiderdorp/cyclus/1c/doelen/2",
// "/leiderdorp/cyclus/1c/activiteiten/2.2".
func Trajectory(o *koers.Organisation, programme string, scope koers.Scope, number string) string {
	kind := "doelen"
	if scope == koers.ScopeActivities {
		kind = "activiteiten"
	}
	return Organisation(o) + "/cyclus/" + url.PathEscape(strings.ToLower(programme)) + "/" + kind + "/" + url.PathEscape(number)
}
