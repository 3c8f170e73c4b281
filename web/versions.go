package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/diff"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// Every publication of a document is kept as a version (koers.Version),
// numbered from 1: /{org}/{doc}/versies lists them, /{org}/{doc}/versies/{n}
// shows an old one with the site's own templates, marked as not current
// and never indexed, and /{org}/{doc}/versies/{n}/wijzigingen compares it
// with the one before (or ?met={m}, any other). Only a published
// document's versions are public.

// versionsSlug is the versions' segment under a document. As with the
// overview, a top-level page of that slug keeps its address: that
// document then shows no versions (versionsShadowed).
const versionsSlug = "versies"

// changesSlug is the comparison's segment under a version. A top-level
// page of that slug in an old version is not readable there.
const changesSlug = "wijzigingen"

// versionsShadowed reports whether doc (with its tree) has a top-level
// page at the versions' address.
func versionsShadowed(doc *koers.Document) bool { return doc.FindPage(versionsSlug) != nil }

// The addresses, as package urls builds them for the API too.
var (
	versionsURL = urls.Versions
	versionURL  = urls.Version
	changesURL  = urls.Changes
)

// versionsPage lists a document's versions, newest first.
type versionsPage struct {
	layout
	Rows []versionRow
}

type versionRow struct {
	Number     int
	Current    bool
	Date       string // "23 november 2026 om 14:05"
	By         string // the publisher's name, or "de redactie"
	Note       string
	URL        string // where to read it
	ChangesURL string // its changes from the one before; "" for the first
}

// oldVersion marks a page of a version that is not the current one.
type oldVersion struct {
	Number     int
	Date       string
	CurrentURL string // the same page now, or the document
}

// amsterdam is the time zone the site dates publications in.
var amsterdam = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.UTC
}()

var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// dateTime is a moment in Dutch, in Amsterdam: "23 november 2026 om 14:05".
func dateTime(t time.Time) string {
	t = t.In(amsterdam)
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year()) + " om " + t.Format("15:04")
}

// publisher names who published a version for readers.
func publisher(v koers.Version) string {
	if v.PublisherName == "" {
		return "de redactie"
	}
	return v.PublisherName
}

// versions serves the list of a document's versions.
func (s *Server) versions(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, bool, error) {
	list, err := s.pub.PublishedVersions(ctx, org.ID, doc.Slug)
	if err != nil {
		return nil, false, err
	}
	data := versionsPage{layout: s.orgLayout(org)}
	data.Doc, data.DocURL, data.Title = doc, urls.Document(org, doc), "Versies van "+doc.Title
	// The list is about the document, not of it: kept out of search
	// engines, like the versions it leads to.
	data.VersionsURL, data.NoIndex = versionsURL(org, doc), true
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: data.DocURL}, {Label: "Versies", Full: "Versies", URL: data.VersionsURL, Current: true}}
	for _, v := range list {
		row := versionRow{Number: v.Number, Current: v.Current, Date: dateTime(v.PublishedAt), By: publisher(v), Note: v.Note,
			URL: versionURL(org, doc, v.Number)}
		if v.Current {
			row.URL = data.DocURL
		}
		if v.Number > 1 {
			row.ChangesURL = changesURL(org, doc, v.Number)
		}
		data.Rows = append(data.Rows, row)
	}
	res, err := s.tmpl.html(http.StatusOK, "versions", data)
	return res, true, err
}

// version serves an old version's table of contents (path "") or one of
// its pages, rendered as the site renders the document, marked as old.
// The current version's address leads to the document as it is now.
func (s *Server) version(ctx context.Context, org *koers.Organisation, doc *koers.Document, n int, path string) (*httpcache.Response, bool, error) {
	v, old, err := s.pub.VersionDocument(ctx, org.ID, doc.Slug, n)
	if err != nil {
		return nil, false, err
	}
	current := urls.Document(org, doc)
	if path != "" {
		if p := doc.FindPage(path); p != nil {
			current = urls.Page(org, doc, p)
		}
	}
	if v.Current {
		to, _ := httpx.PathOf(append([]string{org.Slug, doc.Slug}, segments(path)...)...)
		return nil, false, redirect{to, http.StatusFound}
	}
	mark := &oldVersion{Number: v.Number, Date: dateTime(v.PublishedAt), CurrentURL: current}
	var name string
	var data any
	if path == "" {
		d := documentPage{layout: s.docLayout(org, old, 0), KindLabel: old.Kind.Label(), Tree: tree(org, old, old.Pages)}
		d.Nav, d.OldVersion, d.Canonical, d.NoIndex = nil, mark, current, true
		d.Title += " (versie " + strconv.Itoa(v.Number) + ")"
		name, data = "document", d
	} else {
		page := old.FindPage(path)
		if page == nil {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "Versie %d heeft geen pagina %q.", v.Number, path)
		}
		pl, err := s.draftPlan(ctx, org, old, page)
		if err != nil {
			return nil, false, err
		}
		d := s.contentPage(org, old, page, pl, false)
		d.PDF, d.OldVersion, d.Canonical, d.NoIndex = nil, mark, current, true
		d.Title += " (versie " + strconv.Itoa(v.Number) + ")"
		name, data = "page", d
	}
	res, err := s.tmpl.html(http.StatusOK, name, data)
	if err != nil {
		return nil, false, err
	}
	res.Body = intoVersion(res.Body, urls.Document(org, doc), versionURL(org, doc, v.Number))
	return res, true, nil
}

// intoVersion points the links of a page of an old version that lead into
// the document (its address, alone or followed by a page's path or a
// fragment) into the version instead, so that its reader stays in it.
// What comes before the site's header (the canonical link, the banner
// that leads to the current version) and the links to the versions
// themselves keep their address. Slugs are URL-safe, so an attribute
// holds an address as built.
func intoVersion(body []byte, own, prefix string) []byte {
	start := bytes.Index(body, []byte("<header"))
	if start < 0 {
		start = 0
	}
	mark := []byte(`href="` + own)
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	out.Write(body[:start])
	rest := body[start:]
	for {
		i := bytes.Index(rest, mark)
		if i < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		out.Write(rest[:i])
		after := rest[i+len(mark):]
		if ownLink(after) {
			out.WriteString(`href="` + prefix)
		} else {
			out.Write(mark)
		}
		rest = after
	}
}

// ownLink reports whether what follows a document's address in a link
// makes it a link into the document, other than to its versions.
func ownLink(after []byte) bool {
	if len(after) == 0 || (after[0] != '"' && after[0] != '/' && after[0] != '#') {
		return false // another document whose slug starts with this one's
	}
	if v, ok := bytes.CutPrefix(after, []byte("/"+versionsSlug)); ok && len(v) > 0 && (v[0] == '"' || v[0] == '/' || v[0] == '#') {
		return false
	}
	return true
}

// changesKey is the cache key of a content address: a comparison with
// another version than the one before is its own page.
func changesKey(r *http.Request) string {
	k := r.URL.EscapedPath()
	if met := r.URL.Query()["met"]; len(met) > 0 && strings.HasSuffix(k, "/"+changesSlug) {
		k += "?" + url.Values{"met": met}.Encode()
	}
	return k
}

// isVersionKind reports whether a content kind is of the versions.
func isVersionKind(k contentKind) bool {
	return k == versionList || k == versionIndex || k == versionPage || k == versionChanges
}

// changesPage compares two versions of a document.
type changesPage struct {
	layout
	Heading  string
	Old, New versionRow
	Summary  string
	Diff     template.HTML
	Changed  bool
	// Others are the versions to compare New with instead, for the form.
	Others []versionChoice
	Action string // the form's address: New's comparison
}

type versionChoice struct {
	Number   int
	Label    string
	Selected bool
}

// changes compares version n with the one before it, or with the one met
// names: from the older of the two to the newer.
func (s *Server) changes(ctx context.Context, org *koers.Organisation, doc *koers.Document, n int, met []string) (*httpcache.Response, bool, error) {
	m := n - 1
	switch {
	case len(met) > 1:
		return nil, false, koers.Errorf(koers.ENOTFOUND, "Vergelijk met één versie.")
	case len(met) == 1:
		if m = versionNumber(met[0]); m == 0 {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "Deze versie bestaat niet.")
		}
		if m == n {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "Vergelijk versie %d met een andere versie.", n)
		}
	case n == 1:
		return nil, false, koers.Errorf(koers.ENOTFOUND, "Versie 1 is de eerste versie; er is geen vorige om mee te vergelijken.")
	}
	list, err := s.pub.PublishedVersions(ctx, org.ID, doc.Slug)
	if err != nil {
		return nil, false, err
	}
	lo, hi := min(m, n), max(m, n)
	oldV, oldDoc, err := s.pub.VersionDocument(ctx, org.ID, doc.Slug, lo)
	if err != nil {
		return nil, false, err
	}
	newV, newDoc, err := s.pub.VersionDocument(ctx, org.ID, doc.Slug, hi)
	if err != nil {
		return nil, false, err
	}
	row := func(v *koers.Version) versionRow {
		r := versionRow{Number: v.Number, Current: v.Current, Date: dateTime(v.PublishedAt), By: publisher(*v), Note: v.Note,
			URL: versionURL(org, doc, v.Number)}
		if v.Current {
			r.URL = urls.Document(org, doc)
		}
		return r
	}
	d := diff.Documents(oldDoc, newDoc)
	fragment, err := d.HTML(diff.HTMLOptions{Level: 2, Legend: org.StatusLegend})
	if err != nil {
		return nil, false, err
	}
	data := changesPage{layout: s.orgLayout(org), Old: row(oldV), New: row(newV), Summary: d.Summary.String(), Diff: fragment,
		Changed: d.Changed(), Action: changesURL(org, doc, n)}
	data.Doc, data.DocURL, data.VersionsURL, data.NoIndex = doc, urls.Document(org, doc), versionsURL(org, doc), true
	data.Heading = "Wijzigingen in versie " + strconv.Itoa(hi) + " ten opzichte van versie " + strconv.Itoa(lo)
	data.Title = data.Heading + " | " + doc.Title
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: data.DocURL}, {Label: "Versies", Full: "Versies", URL: data.VersionsURL},
		{Label: "Wijzigingen", Full: data.Heading, Current: true}}
	for _, v := range list {
		if v.Number != n {
			data.Others = append(data.Others, versionChoice{Number: v.Number, Label: "versie " + strconv.Itoa(v.Number) + " van " + dateTime(v.PublishedAt),
				Selected: v.Number == m})
		}
	}
	res, err := s.tmpl.html(http.StatusOK, "changes", data)
	return res, true, err
}
