package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

func TestPages(t *testing.T) {
	site := mustSite(t)
	tests := []struct {
		path   string
		h1     string
		crumbs []string // visible breadcrumb labels, "" for none
	}{
		{"/leiderdorp", "Planning- en controldocumenten", nil},
		{"/leiderdorp/begroting-2022", "Beleidsbegroting 2022", nil},
		{"/leiderdorp/begroting-2022/beleidsbegroting", "Beleidsbegroting", []string{"Home", "Beleidsbegroting"}},
		{"/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp", "Programma 1: Meedoen in Leiderdorp",
			[]string{"Home", "Beleidsbegroting", "Programma 1: Meedoen in Leiderdorp"}},
		{begrotingPath, "1C: Ondersteunde inwoners", []string{"Home", "Beleidsbegroting", "Programma 1: Meedoen in...", "1C: Ondersteunde inwoners"}},
		{burapPath, "1C Ondersteunde inwoners", []string{"Home", "Programma's", "Programma 1 : Meedoen in...", "1C Ondersteunde inwoners"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc := site.mustDoc(t, tt.path, http.StatusOK)
			if got := doc.Find("h1"); got.Length() != 1 || strings.TrimSpace(got.Text()) != tt.h1 {
				t.Errorf("h1 = %q (%d), want %q", got.Text(), got.Length(), tt.h1)
			}
			if lang, _ := doc.Find("html").Attr("lang"); lang != "nl" {
				t.Errorf("lang = %q", lang)
			}
			var crumbs []string
			doc.Find(".breadcrumbs .breadcrumbs__item").Each(func(_ int, s *goquery.Selection) {
				crumbs = append(crumbs, strings.TrimSpace(s.Text()))
			})
			if strings.Join(crumbs, "|") != strings.Join(tt.crumbs, "|") {
				t.Errorf("crumbs = %q, want %q", crumbs, tt.crumbs)
			}
			if doc.Find(`a[href="#top"]`).Text() != "Ga naar boven" {
				t.Error("no Ga naar boven")
			}
		})
	}
}

func TestContentPageControls(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, begrotingPath, http.StatusOK)
	text := doc.Find(".pdf-controls").Text()
	for _, want := range []string{"Download als pdf", "Zelf je pdf samenstellen", "Geselecteerde pagina's: 0"} {
		if !strings.Contains(text, want) {
			t.Errorf("controls lack %q: %q", want, text)
		}
	}
	// A page that only groups others has no PDF controls but lists its children.
	grouping := site.mustDoc(t, "/leiderdorp/begroting-2022/beleidsbegroting", http.StatusOK)
	if grouping.Find(".pdf-controls").Length() != 0 {
		t.Error("grouping page has PDF controls")
	}
	if grouping.Find(`main a[href$="programma-1-meedoen-in-leiderdorp"]`).Length() == 0 {
		t.Error("grouping page does not link its programme")
	}
	// The full title of a shortened crumb is its accessible name.
	if label, _ := doc.Find(".breadcrumbs a[aria-label]").Attr("aria-label"); label != "Programma 1: Meedoen in Leiderdorp" {
		t.Errorf("aria-label = %q", label)
	}
}

func TestIndicatorTable(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, begrotingPath, http.StatusOK)
	table := doc.Find("table.indicator-table")
	var head []string
	table.Find("thead th").Each(func(_ int, s *goquery.Selection) { head = append(head, s.Text()) })
	want := "Omschrijving|2018 (w)|2019 (w)|2020 (w)|2021 (b)|2022 (b)|2023 (b)|2024 (b)|2025 (b)|Verloop"
	if strings.Join(head, "|") != want {
		t.Errorf("header = %q\nwant %q", strings.Join(head, "|"), want)
	}
	rows := table.Find("tbody tr")
	if rows.Length() != 9 {
		t.Fatalf("%d rows, want 9", rows.Length())
	}
	cells := func(i int) []string {
		var out []string
		rows.Eq(i).Find("td").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
		return out
	}
	if got := cells(0); got[0] != "1.992" {
		t.Errorf("first value = %q, want 1.992", got[0])
	}
	if got := cells(3); got[1] != "11,6%" {
		t.Errorf("jeugdhulp 2019 = %q, want 11,6%%", got[1])
	}
	if got := cells(5); got[0] != "nnb" {
		t.Errorf("JBT 2018 = %q, want nnb", got[0])
	}
	if s := rows.Eq(5).Find("th").Text(); s != "2.4 Aantal meldingen JBT" {
		t.Errorf("row label = %q", s)
	}
	if th, _ := rows.Eq(0).Find("th").Attr("scope"); th != "row" {
		t.Errorf("row header scope = %q", th)
	}
	if fn := doc.Find("ol.footnotes li").Text(); !strings.Contains(fn, "Vanaf juli 2021") {
		t.Errorf("footnote = %q", fn)
	}
}

func TestActivityGridReadsRowByRow(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, begrotingPath, http.StatusOK)
	var numbers []string
	doc.Find("table.activity-grid td .number").Each(func(_ int, s *goquery.Selection) { numbers = append(numbers, s.Text()) })
	want := "1.1 2.1 3.1 1.2 2.2 3.2 2.3 3.3"
	if strings.Join(numbers, " ") != want {
		t.Errorf("grid order = %q, want %q", strings.Join(numbers, " "), want)
	}
}

func TestNotFound(t *testing.T) {
	site := mustSite(t)
	for _, path := range []string{"/nergens", "/leiderdorp/nergens", "/leiderdorp/begroting-2022/nergens/diep", "/static/koers.nope.css"} {
		doc := site.mustDoc(t, path, http.StatusNotFound)
		if h1 := doc.Find("h1").Text(); h1 != "Pagina niet gevonden" {
			t.Errorf("%s: h1 = %q", path, h1)
		}
		if doc.Find("main a").Length() == 0 {
			t.Errorf("%s: 404 page offers no navigation", path)
		}
	}
	// Inside a document the 404 page offers that document's pages.
	doc := site.mustDoc(t, "/leiderdorp/begroting-2022/nergens", http.StatusNotFound)
	if doc.Find(`main a[href="/leiderdorp/begroting-2022/beleidsbegroting"]`).Length() == 0 {
		t.Error("404 inside a document does not link its chapters")
	}
}

func TestRedirects(t *testing.T) {
	site := mustSite(t)
	tests := []struct {
		from   string
		status int
		to     string
	}{
		{"/leiderdorp/", http.StatusMovedPermanently, "/leiderdorp"},
		{"/leiderdorp/begroting-2022/", http.StatusMovedPermanently, "/leiderdorp/begroting-2022"},
		{begrotingPath + "/", http.StatusMovedPermanently, begrotingPath},
	}
	for _, tt := range tests {
		res, _ := site.get(t, tt.from)
		if res.StatusCode != tt.status || res.Header.Get("Location") != tt.to {
			t.Errorf("GET %s: %d to %q, want %d to %q", tt.from, res.StatusCode, res.Header.Get("Location"), tt.status, tt.to)
		}
	}

	// The home page lists the demo's two organisations (with one, it
	// sends the reader there with 302: a second may come, so browsers must
	// not keep it).
	doc := site.mustDoc(t, "/", http.StatusOK)
	if got := doc.Find("main a").Text(); !strings.Contains(got, "Gemeente Leiderdorp") || !strings.Contains(got, "Voorbeeldgemeente (fictief)") {
		t.Errorf("home lists %q", got)
	}
}

func TestCacheETagGzipAndInvalidation(t *testing.T) {
	site := mustSite(t)
	res, body := site.get(t, begrotingPath)
	etag := res.Header.Get("ETag")
	if etag == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, res.Header.Get("Cache-Control"))
	}
	res, _ = site.get(t, begrotingPath, "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", res.StatusCode)
	}
	res, gz := site.get(t, begrotingPath, "Accept-Encoding", "gzip, br")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", res.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	plainBody, _ := io.ReadAll(zr)
	if !bytes.Equal(plainBody, []byte(body)) {
		t.Error("gzip body differs from plain body")
	}
	hits := site.cache.Hits()
	if hits < 2 {
		t.Errorf("cache hits = %d, want at least 2", hits)
	}

	// A write to the store shows on the next request.
	org, doc := storetest.Leiderdorp(), storetest.Begroting2022()
	doc.Pages[0].Children[0].Children[1].Title = "1C: Ondersteunde inwoners (herzien)"
	site.mustPut(t, org, doc)
	after := site.mustDoc(t, "/leiderdorp/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners", http.StatusOK)
	if h1 := after.Find("h1").Text(); h1 != "1C: Ondersteunde inwoners (herzien)" {
		t.Errorf("after a write h1 = %q", h1)
	}
	// The old path is gone with the re-import, cached or not.
	if res, _ := site.get(t, begrotingPath, "If-None-Match", etag); res.StatusCode != http.StatusNotFound {
		t.Errorf("removed page answers %d", res.StatusCode)
	}
}

func TestStatic(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, "/leiderdorp", http.StatusOK)
	href, _ := doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !strings.HasPrefix(href, "/static/koers.") || href == "/static/koers.css" {
		t.Fatalf("stylesheet URL not hashed: %q", href)
	}
	res, _ := site.get(t, href)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("static: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
}

func TestFullDocument(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, "/leiderdorp/begroting-2022", http.StatusOK)
	href, _ := doc.Find(`a:contains("Lees het hele document op één pagina")`).Attr("href")
	full := site.mustDoc(t, href, http.StatusOK)
	if h1 := full.Find("h1").Text(); h1 != "Beleidsbegroting 2022" {
		t.Errorf("h1 = %q", h1)
	}
	var pages []string
	full.Find("section.full-section > h2").Each(func(_ int, s *goquery.Selection) { pages = append(pages, s.Text()) })
	if strings.Join(pages, "|") != "Beleidsbegroting|Programma 1: Meedoen in Leiderdorp|1C: Ondersteunde inwoners" {
		t.Errorf("pages = %q", pages)
	}
	if full.Find(`h3:contains("Prestatie-indicatoren")`).Length() != 1 || full.Find(`h4:contains("1.1 We verstrekken")`).Length() != 1 {
		t.Error("block headings are not one level below the page titles")
	}
	seen := map[string]bool{}
	full.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if seen[id] {
			t.Errorf("duplicate id %q", id)
		}
		seen[id] = true
	})
}

func TestTheme(t *testing.T) {
	site := mustSite(t)
	org := storetest.Leiderdorp()
	org.Theme = koers.Theme{Colour: "#8a1538", Logo: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`}
	site.mustPut(t, org, storetest.Burap2020())
	doc := site.mustDoc(t, "/leiderdorp", http.StatusOK)
	if css := doc.Find("head style").Text(); !strings.Contains(css, "--koers-color-primary:#8a1538") {
		t.Errorf("theme CSS = %q", css)
	}
	src, _ := doc.Find(".site-header__logo").Attr("src")
	if src != "/leiderdorp/logo.svg" {
		t.Fatalf("logo src = %q", src)
	}
	res, body := site.get(t, src)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") || !strings.HasPrefix(body, "<svg") {
		t.Errorf("logo: %d %v", res.StatusCode, res.Header)
	}
	// Without a theme, the defaults: no style element and no logo.
	site.mustPut(t, storetest.Leiderdorp(), storetest.Burap2020())
	plain := site.mustDoc(t, "/leiderdorp", http.StatusOK)
	if plain.Find("head style").Length() != 0 || plain.Find(".site-header__logo").Length() != 0 {
		t.Error("theme left behind")
	}
	if res, _ := site.get(t, src); res.StatusCode != http.StatusNotFound {
		t.Errorf("logo without theme: %d", res.StatusCode)
	}
}

// TestNoOpenRedirects: every redirect the site answers stays on the site,
// however the address or the form tries to point elsewhere.
func TestNoOpenRedirects(t *testing.T) {
	site := mustSite(t)
	tests := []struct {
		path     string
		status   int
		location string // "" for no redirect
	}{
		{"/%2Fevil.example/", http.StatusMovedPermanently, "/%2Fevil.example"},
		{"/%5Cevil.example/", http.StatusMovedPermanently, "/%5Cevil.example"},
		{"/%09evil.example/", http.StatusMovedPermanently, "/%09evil.example"},
		{"/%2F%09evil.example/", http.StatusMovedPermanently, "/%2F%09evil.example"},
		{"/leiderdorp/%2Fevil.example/", http.StatusMovedPermanently, "/leiderdorp/%2Fevil.example"},
		{"/leiderdorp/begroting-2022/%2F%2Fevil.example/", http.StatusMovedPermanently, "/leiderdorp/begroting-2022/%2F%2Fevil.example"},
		{"/leiderdorp/begroting-2022/a%09/", http.StatusNotFound, ""},
		// ServeMux cleans the path itself, on the site.
		{"/leiderdorp/begroting-2022//evil.example/", http.StatusTemporaryRedirect, "/leiderdorp/begroting-2022/evil.example/"},
	}
	for _, tt := range tests {
		res, _ := site.get(t, tt.path)
		loc := res.Header.Get("Location")
		if res.StatusCode != tt.status || loc != tt.location {
			t.Errorf("GET %s: %d to %q, want %d to %q", tt.path, res.StatusCode, loc, tt.status, tt.location)
		}
		checkLocal(t, site, "GET "+tt.path, loc)
	}
	me := newReader(t, site)
	id, _ := me.page(t, begrotingPath).Find(`.pdf-controls input[name="pagina"]`).Attr("value")
	for _, back := range []string{"//evil.example/", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example/",
		"/%09/evil.example", " /x"} {
		req, _ := http.NewRequest(http.MethodPost, site.http.URL+"/selectie", strings.NewReader(url.Values{"pagina": {id}, "terug": {back}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("POST terug=%q: %d", back, res.StatusCode)
		}
		if back == "/%09/evil.example" {
			if loc != back {
				t.Errorf("POST terug=%q: to %q, want it kept escaped", back, loc)
			}
		} else if loc != "/selectie" {
			t.Errorf("POST terug=%q: to %q, want /selectie", back, loc)
		}
		checkLocal(t, site, "POST terug="+back, loc)
	}
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// checkLocal fails when a Location, as a browser resolves it (dropping
// tabs and line breaks, reading "\" as "/"), leaves the site.
func checkLocal(t *testing.T, site *testSite, what, loc string) {
	t.Helper()
	if loc == "" {
		return
	}
	browser := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(loc)
	base, _ := url.Parse(site.http.URL + "/a/b")
	u, err := base.Parse(browser)
	if err != nil || u.Host != base.Host || strings.ContainsFunc(loc, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Errorf("%s: Location %q leaves the site (%v)", what, loc, u)
	}
}
