package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/web/urls"
)

// The site's address in the sitemap tests; requests go to the test
// server with the path.
const testBase = "https://pc.koers.example"

// sitemapDoc is one file of the sitemaps as the protocol reads it.
type sitemapDoc struct {
	root    string // urlset or sitemapindex
	locs    []string
	lastmod []string // per loc; "" when none
}

var (
	// w3cDatetime is the protocol's date format: a year, month, day, or a
	// day with a time to the minute, second or fraction and a zone.
	w3cDatetime = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$`)
	// uriChars are the characters of an escaped URI (RFC 3986).
	uriChars = regexp.MustCompile(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$`)
)

// parseSitemap checks a file against the sitemaps.org protocol, as far as
// one file can be checked: UTF-8 with the XML declaration, the protocol's
// namespace on every element, only the protocol's elements, each entry with
// one loc and at most one of the others, absolute escaped URLs on the
// site's host of less than 2,048 characters under the file's own directory,
// W3C dates, and at most limits.urls entries and limits.bytes bytes.
func parseSitemap(t *testing.T, at string, body []byte, limits sitemapLimits) sitemapDoc {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s", at, fmt.Sprintf(format, args...))
	}
	if !utf8.Valid(body) || !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		fail("not UTF-8 with an XML declaration saying so")
	}
	if len(body) > limits.bytes || len(body) > maxSitemapBytes {
		fail("%d bytes, more than %d", len(body), min(limits.bytes, maxSitemapBytes))
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var f sitemapDoc
	var stack []string
	var text strings.Builder
	seen := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != sitemapNS {
				fail("element %s in namespace %q, not the protocol's", tok.Name.Local, tok.Name.Space)
			}
			if len(tok.Attr) > 0 && !(len(stack) == 0 && len(tok.Attr) == 1 && tok.Attr[0].Name.Local == "xmlns") {
				fail("attributes on %s: %v", tok.Name.Local, tok.Attr)
			}
			want := map[int][]string{0: {"urlset", "sitemapindex"}}[len(stack)]
			switch len(stack) {
			case 1:
				want = []string{map[string]string{"urlset": "url", "sitemapindex": "sitemap"}[f.root]}
				seen = map[string]int{}
			case 2:
				want = []string{"loc", "lastmod"}
				if f.root == "urlset" {
					want = append(want, "changefreq", "priority")
				}
			}
			if !slices.Contains(want, tok.Name.Local) {
				fail("<%s> where the protocol has %v", tok.Name.Local, want)
			}
			if len(stack) == 0 {
				f.root = tok.Name.Local
			}
			if seen[tok.Name.Local]++; len(stack) == 2 && seen[tok.Name.Local] > 1 {
				fail("two <%s> in one entry", tok.Name.Local)
			}
			stack = append(stack, tok.Name.Local)
			text.Reset()
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := strings.TrimSpace(text.String())
			switch name {
			case "loc":
				f.locs = append(f.locs, v)
				f.lastmod = append(f.lastmod, "")
			case "lastmod":
				if !w3cDatetime.MatchString(v) {
					fail("lastmod %q is not a W3C datetime", v)
				}
				f.lastmod[len(f.lastmod)-1] = v
			case "url", "sitemap":
				if seen["loc"] != 1 {
					fail("an entry without a loc")
				}
			}
			text.Reset()
		case xml.CharData:
			if len(stack) < 3 && strings.TrimSpace(string(tok)) != "" {
				fail("text %q outside an entry's fields", tok)
			}
			text.Write(tok)
		}
	}
	if f.root == "" || len(f.locs) == 0 {
		fail("no entries")
	}
	if len(f.locs) > limits.urls || len(f.locs) > maxSitemapURLs {
		fail("%d entries, more than %d", len(f.locs), min(limits.urls, maxSitemapURLs))
	}
	dir := path.Dir(at) + "/"
	if dir == "//" {
		dir = "/"
	}
	for _, loc := range f.locs {
		u, err := url.Parse(loc)
		if err != nil || !u.IsAbs() || u.Scheme+"://"+u.Host != testBase || u.Fragment != "" || len(loc) >= 2048 || !uriChars.MatchString(loc) {
			fail("loc %q is not an absolute, escaped URL of the site of less than 2,048 characters", loc)
		}
		if !strings.HasPrefix(u.EscapedPath(), dir) {
			fail("loc %q is outside the file's directory %s", loc, dir)
		}
	}
	return f
}

// xmllint validates files against the protocol's schema as we wrote it
// down (testdata/sitemaps.xsd), when xmllint is installed; CI installs it.
func xmllint(t *testing.T, files map[string][]byte) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is not installed; CI must validate the sitemaps (libxml2-utils)")
		}
		t.Log("xmllint is not installed: the sitemaps are not validated against testdata/sitemaps.xsd")
		return
	}
	dir := t.TempDir()
	var args []string
	for name, body := range files {
		p := filepath.Join(dir, strings.NewReplacer("/", "_").Replace(name))
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	sort.Strings(args)
	out, err := exec.Command(lint, append([]string{"--noout", "--schema", filepath.Join("testdata", "sitemaps.xsd")}, args...)...).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

// crawlSitemaps reads the sitemaps as a search engine does: robots.txt,
// the index, every file it lists. Each file is checked (parseSitemap) and
// served as XML; it returns the files by path and the listed addresses
// (paths) with their lastmod.
func crawlSitemaps(t *testing.T, site *testSite, limits sitemapLimits) (map[string][]byte, map[string]string) {
	t.Helper()
	fetch := func(p string) []byte {
		t.Helper()
		res, body := site.get(t, p)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/xml; charset=utf-8" {
			t.Fatalf("GET %s: %d %s", p, res.StatusCode, res.Header.Get("Content-Type"))
		}
		return []byte(body)
	}
	_, robots := site.get(t, "/robots.txt")
	if !strings.Contains(robots, "\nSitemap: "+testBase+"/sitemap.xml") {
		t.Fatalf("robots.txt does not point at the index:\n%s", robots)
	}
	files := map[string][]byte{"/sitemap.xml": fetch("/sitemap.xml")}
	index := parseSitemap(t, "/sitemap.xml", files["/sitemap.xml"], sitemapLimits{urls: maxSitemapURLs, bytes: maxSitemapBytes})
	if index.root != "sitemapindex" {
		t.Fatalf("/sitemap.xml is a %s", index.root)
	}
	listed := map[string]string{}
	for _, loc := range index.locs {
		p := strings.TrimPrefix(loc, testBase)
		if files[p] != nil {
			t.Fatalf("the index lists %s twice", p)
		}
		files[p] = fetch(p)
		f := parseSitemap(t, p, files[p], limits)
		if f.root != "urlset" {
			t.Fatalf("%s is a %s", p, f.root)
		}
		for i, loc := range f.locs {
			page := strings.TrimPrefix(loc, testBase)
			if _, ok := listed[page]; ok {
				t.Errorf("%s is listed twice", page)
			}
			listed[page] = f.lastmod[i]
		}
	}
	xmllint(t, files)
	return files, listed
}

// crawlSite follows the links of the site's HTML pages from its home, as
// a reader can, and returns the pages it reached (200, HTML). Downloads
// (PDF, CSV, JSON), search, the selection and assets are not pages to list;
// nor is a goal's or activity's way through the cycle, which a reader
// reaches from the cycle views: the outline the sitemaps come from has no
// goals or activities (doc/open-data.md).
func crawlSite(t *testing.T, site *testSite) map[string]bool {
	t.Helper()
	pages := map[string]bool{}
	queue, queued := []string{"/"}, map[string]bool{"/": true}
	skip := regexp.MustCompile(`^/(static|pdf|selectie|zoeken|api)(/|$)|\.(pdf|csv|json|svg)$|/cyclus/[^/]+/(doelen|activiteiten)/`)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		res, body := site.get(t, p)
		if res.StatusCode == http.StatusFound || res.StatusCode == http.StatusMovedPermanently {
			queue = append(queue, res.Header.Get("Location"))
			continue
		}
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		// A page search engines must not index (the versions, old and
		// compared) is no page of a sitemap; its links are followed.
		if !strings.Contains(body, `<meta name="robots" content="noindex`) {
			pages[p] = true
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			u, err := url.Parse(a.AttrOr("href", ""))
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || u.RawQuery != "" {
				return
			}
			next := u.EscapedPath()
			if !queued[next] && !skip.MatchString(next) {
				queued[next] = true
				queue = append(queue, next)
			}
		})
	}
	return pages
}

// TestSitemaps: the index, the homes and every organisation's sitemap
// follow the protocol (and its schema, with xmllint), list every page a
// reader can reach by following links and nothing else, and give a
// document's pages the document's last change.
func TestSitemaps(t *testing.T) {
	site := mustSiteWith(t, Options{BaseURL: testBase + "/"})
	alphen := &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}
	site.mustPut(t, alphen, storetest.Begroting2020())
	files, listed := crawlSitemaps(t, site, site.server.sitemap)

	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	if want := []string{"/alphen/sitemap.xml", "/leiderdorp/sitemap.xml", "/sitemap-organisaties.xml", "/sitemap.xml", "/voorbeeldgemeente/sitemap.xml"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
	reached := crawlSite(t, site)
	var missing, unreached []string
	for p := range reached {
		if _, ok := listed[p]; !ok {
			missing = append(missing, p)
		}
	}
	for p := range listed {
		if !reached[p] {
			unreached = append(unreached, p)
		}
	}
	sort.Strings(missing)
	sort.Strings(unreached)
	if len(missing) > 0 || len(unreached) > 0 {
		t.Errorf("pages a reader reaches that no sitemap lists: %v\nlisted pages no link reaches: %v", missing, unreached)
	}
	// What the demo has, so that the comparison above compared something.
	for _, p := range []string{"/", "/leiderdorp", "/alphen", "/leiderdorp/indicatoren", "/leiderdorp/indicatoren/participatiewet-uitkeringen",
		"/leiderdorp/begroting-2022", "/leiderdorp/begroting-2022.html", begrotingPath, "/leiderdorp/cyclus/1c/2022", "/leiderdorp/cyclus/1c/2020"} {
		if _, ok := listed[p]; !ok {
			t.Errorf("%s is not listed", p)
		}
	}
	if len(listed) < 30 {
		t.Errorf("only %d pages listed", len(listed))
	}
	// lastmod: a document's pages have the document's; what several make
	// up has none.
	docs, err := site.store.Documents(t.Context(), koers.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Slug != "begroting-2022" || d.OrganisationID == alphen.ID {
			continue
		}
		want := d.UpdatedAt.UTC().Format(time.RFC3339)
		for _, p := range []string{"/leiderdorp/begroting-2022", "/leiderdorp/begroting-2022.html", begrotingPath} {
			if listed[p] != want {
				t.Errorf("lastmod of %s = %q, want %q", p, listed[p], want)
			}
		}
	}
	for _, p := range []string{"/leiderdorp", "/leiderdorp/indicatoren", "/leiderdorp/cyclus/1c/2022"} {
		if listed[p] != "" {
			t.Errorf("lastmod of %s = %q, want none", p, listed[p])
		}
	}
}

// orgLocs lists the addresses of an organisation's sitemap, all its files
// in order, as the index lists them.
func orgLocs(t *testing.T, site *testSite, files map[string][]byte, slug string) (locs []string, parts int) {
	t.Helper()
	index := parseSitemap(t, "/sitemap.xml", files["/sitemap.xml"], sitemapLimits{maxSitemapURLs, maxSitemapBytes})
	for _, loc := range index.locs {
		p := strings.TrimPrefix(loc, testBase)
		if !strings.HasPrefix(p, "/"+slug+"/") {
			continue
		}
		parts++
		if want := orgSitemapPath(&koers.Organisation{Slug: slug}, parts); p != want {
			t.Fatalf("file %d of %s is %s, want %s", parts, slug, p, want)
		}
		locs = append(locs, parseSitemap(t, p, files[p], site.server.sitemap).locs...)
	}
	return locs, parts
}

// TestSitemapSplit: with the bounds lowered, an organisation's sitemap is
// split over files that each keep to them, which together list what one
// file lists; the index lists every file, and the file after the last is
// not found.
func TestSitemapSplit(t *testing.T) {
	whole := mustSiteWith(t, Options{BaseURL: testBase})
	files, _ := crawlSitemaps(t, whole, whole.server.sitemap)
	want, parts := orgLocs(t, whole, files, "leiderdorp")
	if parts != 1 || len(want) < 20 {
		t.Fatalf("unsplit: %d addresses in %d files", len(want), parts)
	}
	for _, limits := range []sitemapLimits{
		{urls: 4, bytes: maxSitemapBytes},
		{urls: 7, bytes: maxSitemapBytes},
		{urls: maxSitemapURLs, bytes: 3000}, // the size splits
	} {
		t.Run(fmt.Sprintf("%d URLs %d bytes", limits.urls, limits.bytes), func(t *testing.T) {
			site := mustSiteWith(t, Options{BaseURL: testBase})
			site.server.sitemap = limits
			files, _ := crawlSitemaps(t, site, limits)
			got, parts := orgLocs(t, site, files, "leiderdorp")
			if parts < 2 || !reflect.DeepEqual(got, want) {
				t.Errorf("%d files listing\n%s\nwant\n%s", parts, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if limits.urls < maxSitemapURLs && parts > (len(want)+limits.urls-1)/limits.urls*2 {
				t.Errorf("%d files for %d addresses at %d a file", parts, len(want), limits.urls)
			}
			next := orgSitemapPath(&koers.Organisation{Slug: "leiderdorp"}, parts+1)
			if res, _ := site.get(t, next); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", next, res.StatusCode)
			}
		})
	}
}

// TestSitemapHost: the sitemaps' addresses do not come from a client's
// Host header into what another client is served. With a base URL they are
// the base URL's, whatever the Host; without one each answer has its own
// request's host and is not cached.
func TestSitemapHost(t *testing.T) {
	get := func(site *testSite, path, host string) (int, string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = host
		w := httptest.NewRecorder()
		site.handler.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	paths := []string{"/sitemap.xml", "/sitemap-organisaties.xml", "/leiderdorp/sitemap.xml", "/robots.txt"}
	t.Run("base URL", func(t *testing.T) {
		site := mustSiteWith(t, Options{BaseURL: testBase})
		for _, p := range paths {
			for _, host := range []string{"evil.example", "pc.koers.example", "evil.example"} {
				code, body := get(site, p, host)
				if code != http.StatusOK || strings.Contains(body, "evil") || !strings.Contains(body, testBase+"/") {
					t.Errorf("GET %s with Host %s: %d\n%s", p, host, code, body)
				}
			}
		}
	})
	t.Run("no base URL", func(t *testing.T) {
		site := mustSite(t)
		for _, p := range paths {
			for _, host := range []string{"a.example", "b.example:8080", "a.example"} {
				code, body := get(site, p, host)
				other := map[bool]string{true: "b.example", false: "a.example"}[strings.HasPrefix(host, "a.")]
				if code != http.StatusOK || !strings.Contains(body, "http://"+host+"/") || strings.Contains(body, other) {
					t.Errorf("GET %s with Host %s: %d\n%s", p, host, code, body)
				}
			}
		}
		long := strings.Repeat("a", 300) + ".example"
		if code, _ := get(site, "/sitemap.xml", long); code != http.StatusBadRequest {
			t.Errorf("a host too long for a sitemap: %d, want 400", code)
		}
	})
}

func TestBaseURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"", "", ""},
		{"https://pc.leiderdorp.nl", "https://pc.leiderdorp.nl", ""},
		{"https://pc.leiderdorp.nl/", "https://pc.leiderdorp.nl", ""},
		{"http://localhost:8080", "http://localhost:8080", ""},
		{"pc.leiderdorp.nl", "", `base URL "pc.leiderdorp.nl": want http:// or https://`},
		{"ftp://pc.leiderdorp.nl", "", `base URL "ftp://pc.leiderdorp.nl": want http:// or https://`},
		{"https://", "", `base URL "https://": want a host and nothing before it, as in https://pc.leiderdorp.nl`},
		{"https://user@pc.leiderdorp.nl", "", `base URL "https://user@pc.leiderdorp.nl": want a host and nothing before it, as in https://pc.leiderdorp.nl`},
		{"https://pc.leiderdorp.nl/pc", "", `base URL "https://pc.leiderdorp.nl/pc": the site is served from the root; leave out path, query and fragment`},
		{"https://pc.leiderdorp.nl/?a=b", "", `base URL "https://pc.leiderdorp.nl/?a=b": the site is served from the root; leave out path, query and fragment`},
		{"https://pc.leiderdorp.nl#x", "", `base URL "https://pc.leiderdorp.nl#x": the site is served from the root; leave out path, query and fragment`},
		{"https://pc leiderdorp", "", `base URL "https://pc leiderdorp": parse "https://pc leiderdorp": invalid character " " in host name`},
	}
	for _, tt := range tests {
		got, err := urls.Base(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("Base(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
	if _, err := New(nil, nil, nil, Options{BaseURL: "pc.leiderdorp.nl"}); err == nil {
		t.Error("New takes a base URL without a scheme")
	}
}
