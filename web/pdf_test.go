package web

import (
	"context"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers/pdf/pdftest"
)

// siteChrome are the reference lines that belong to the web page around
// the content, not to its PDF's body (the organisation's name is in the
// running header, checked apart).
var siteChrome = []string{"Gemeente Leiderdorp", "U bent hier:", "Download als pdf", "Zelf je pdf samenstellen", "Geselecteerde pagina's", "Ga naar boven"}

// TestPagePDFContent finds every content line of the reference pages in
// their page PDFs, in order.
func TestPagePDFContent(t *testing.T) {
	site := mustSite(t)
	tests := map[string]string{
		begrotingPath: "testdata/reference/leiderdorp-begroting-2022-programma-1c.txt",
		burapPath:     "testdata/reference/leiderdorp-bestuursrapportage-2020-1-programma-1c.txt",
	}
	for path, reference := range tests {
		res, body := site.get(t, path+".pdf")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("%s.pdf: %d %q", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="1c-ondersteunde-inwoners.pdf"`) {
			t.Errorf("Content-Disposition = %q", cd)
		}
		text := normalise(superscripts.Replace(pdftest.Body(t, []byte(body))))
		ref, err := os.ReadFile(reference)
		if err != nil {
			t.Fatal(err)
		}
		at, checked, chrome, lines := 0, 0, 0, 0
	lines:
		for i, line := range strings.Split(string(ref), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			lines++
			for _, c := range siteChrome {
				if strings.HasPrefix(strings.TrimSpace(line), c) {
					chrome++
					continue lines
				}
			}
			want := normalise(line)
			if want == "" {
				t.Errorf("%s: line %d %q checks nothing", reference, i+1, line)
				continue
			}
			idx := strings.Index(text[at:], want)
			if idx < 0 {
				t.Fatalf("%s.pdf: line %d missing or out of order: %q", path, i+1, strings.TrimSpace(line))
			}
			at += idx + len(want)
			checked++
		}
		// Every line was looked for, or set aside as the site around the
		// content; most of them are content.
		if checked == 0 || checked+chrome != lines || checked <= chrome {
			t.Fatalf("%s.pdf: %d lines checked and %d set aside of %d", path, checked, chrome, lines)
		}
		t.Logf("%s.pdf: %d lines found in order, %d set aside", path, checked, chrome)
		if head := pdftest.Text(t, []byte(body), 1, 1); !strings.Contains(head, "Gemeente Leiderdorp") || !strings.Contains(head, "Pagina 1 van") {
			t.Errorf("%s.pdf: no running header or footer on page 1", path)
		}
		outline := pdftest.Outline([]byte(body))
		if len(outline) != 1 || outline[0].Title != "1C: Ondersteunde inwoners" && outline[0].Title != "1C Ondersteunde inwoners" {
			t.Errorf("outline = %+v", outline)
		}
	}
}

var superscripts = strings.NewReplacer("¹", "1", "²", "2", "³", "3")

func TestDocumentPDF(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, "/leiderdorp/begroting-2022", http.StatusOK)
	href, ok := doc.Find(`a:contains("Download het hele document als pdf")`).Attr("href")
	if !ok || href != "/leiderdorp/begroting-2022.pdf" {
		t.Fatalf("document PDF link = %q", href)
	}
	res, body := site.get(t, href)
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("status %d", res.StatusCode)
	}
	var titles []string
	for _, e := range pdftest.Outline([]byte(body)) {
		titles = append(titles, e.Title)
	}
	want := "Inhoudsopgave|Beleidsbegroting|Programma 1: Meedoen in Leiderdorp|1C: Ondersteunde inwoners"
	if strings.Join(titles, "|") != want {
		t.Errorf("outline = %q", strings.Join(titles, "|"))
	}
	// Served from the cache the second time, with the same ETag.
	hits := site.cache.Hits()
	res2, _ := site.get(t, href)
	if h := site.cache.Hits(); h != hits+1 || res2.Header.Get("ETag") != res.Header.Get("ETag") {
		t.Errorf("second request: hits %d -> %d, ETag %q vs %q", hits, h, res.Header.Get("ETag"), res2.Header.Get("ETag"))
	}
}

// reader is a browser without JavaScript: it keeps cookies, posts forms
// and follows redirects.
type reader struct {
	site   *testSite
	client *http.Client
}

func newReader(t *testing.T, site *testSite) *reader {
	jar, _ := cookiejar.New(nil)
	return &reader{site: site, client: &http.Client{Jar: jar}}
}

func (r *reader) post(t *testing.T, path string, form url.Values) *http.Response {
	t.Helper()
	res, err := r.client.PostForm(r.site.http.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func (r *reader) page(t *testing.T, path string) *goqueryDoc {
	t.Helper()
	res, err := r.client.Get(r.site.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := goqueryNew(res)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestComposeOwnPDF(t *testing.T) {
	site := mustSite(t)
	me := newReader(t, site)
	begroting := me.page(t, begrotingPath)
	burap := me.page(t, burapPath)
	idOf := func(d *goqueryDoc) string {
		v, _ := d.Find(`.pdf-controls input[name="pagina"]`).Attr("value")
		return v
	}
	begrotingID, burapID := idOf(begroting), idOf(burap)

	// Add the burap page first and the begroting page second: the PDF puts
	// them in document order all the same.
	for _, p := range []struct{ id, back string }{{burapID, burapPath}, {begrotingID, begrotingPath}} {
		res := me.post(t, "/selectie", url.Values{"pagina": {p.id}, "actie": {"toevoegen"}, "terug": {p.back}})
		if res.StatusCode != 200 || res.Request.URL.Path != p.back {
			t.Fatalf("after selecting: %d at %s", res.StatusCode, res.Request.URL.Path)
		}
	}
	page := me.page(t, begrotingPath)
	if got := page.Find(".pdf-controls__count").Text(); got != "Geselecteerde pagina's: 2" {
		t.Errorf("counter = %q", got)
	}
	if got := page.Find(".pdf-controls button").Text(); !strings.HasPrefix(got, "Verwijder uit je pdf") {
		t.Errorf("button = %q", got)
	}
	// Another reader still sees the page as everyone does.
	other := newReader(t, site).page(t, begrotingPath)
	if got := other.Find(".pdf-controls__count").Text(); got != "Geselecteerde pagina's: 0" {
		t.Errorf("other reader's counter = %q", got)
	}

	sel := me.page(t, "/selectie")
	var listed []string
	sel.Find(".selection-list__item > a").Each(func(_ int, s *goquerySel) { listed = append(listed, s.Text()) })
	if strings.Join(listed, "|") != "1C: Ondersteunde inwoners|1C Ondersteunde inwoners" {
		t.Errorf("selection lists %q", listed)
	}
	href, _ := sel.Find(`a:contains("Download selectie als pdf")`).Attr("href")
	if href != "/pdf?pages="+begrotingID+","+burapID {
		t.Errorf("download link = %q", href)
	}
	res, body := site.get(t, href)
	if res.StatusCode != 200 {
		t.Fatalf("composed PDF: %d", res.StatusCode)
	}
	outline := pdftest.Outline([]byte(body))
	var titles []string
	for _, e := range outline {
		titles = append(titles, e.Title)
	}
	if strings.Join(titles, "|") != "Inhoudsopgave|1C: Ondersteunde inwoners|1C Ondersteunde inwoners" {
		t.Errorf("composed outline = %q", titles)
	}
	text := pdftest.Text(t, []byte(body), 0, 0)
	if !strings.Contains(text, "Prestatie-indicatoren") || !strings.Contains(text, "Geplande activiteiten 2020") {
		t.Error("composed PDF lacks the pages' content")
	}
	if strings.Count(text, "Wat willen we bereiken?") != 1 {
		t.Error("composed PDF holds a page more than once or not at all")
	}
	// The same pages in another order are the same cached PDF.
	_, again := site.get(t, "/pdf?pages="+burapID+","+begrotingID+","+burapID)
	if again != body {
		t.Error("reordered page list gives another PDF")
	}

	// Remove one, then all.
	me.post(t, "/selectie", url.Values{"pagina": {burapID}, "actie": {"verwijderen"}, "terug": {"/selectie"}})
	if n := me.page(t, "/selectie").Find(".selection-list__item").Length(); n != 1 {
		t.Errorf("after removing: %d pages", n)
	}
	me.post(t, "/selectie/leegmaken", nil)
	empty := me.page(t, "/selectie")
	if empty.Find(".selection-list__item").Length() != 0 || !strings.Contains(empty.Find("main").Text(), "nog geen pagina's gekozen") {
		t.Error("selection not cleared")
	}
}

func TestPDFBadRequests(t *testing.T) {
	site := mustSite(t)
	many := make([]string, 101)
	for i := range many {
		many[i] = strconv.Itoa(i + 1)
	}
	tests := []struct {
		path, message string
		status        int
	}{
		{"/pdf", "geen pagina's gekozen", http.StatusBadRequest},
		{"/pdf?pages=", "geen pagina's gekozen", http.StatusBadRequest},
		{"/pdf?pages=1,twee", `"twee" is geen paginanummer`, http.StatusBadRequest},
		{"/pdf?pages=99999", "Pagina 99999 bestaat niet", http.StatusNotFound},
		{"/pdf?pages=" + strings.Join(many, ","), "hoogstens 100", http.StatusBadRequest},
		{"/leiderdorp/begroting-2022/nergens.pdf", "bestaat niet", http.StatusNotFound},
		{"/leiderdorp/nergens.pdf", "bestaat niet", http.StatusNotFound},
	}
	for _, tt := range tests {
		res, body := site.get(t, tt.path)
		if res.StatusCode != tt.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %q, want %d HTML", tt.path, res.StatusCode, res.Header.Get("Content-Type"), tt.status)
		}
		if !strings.Contains(html.UnescapeString(body), tt.message) {
			t.Errorf("%s: page lacks %q", tt.path, tt.message)
		}
	}
	// Selecting a missing page or with a foreign return address.
	me := newReader(t, site)
	if res := me.post(t, "/selectie", url.Values{"pagina": {"99999"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("selecting a missing page: %d", res.StatusCode)
	}
	if res := me.post(t, "/selectie", url.Values{"pagina": {"x"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("selecting no page: %d", res.StatusCode)
	}
	doc := me.page(t, begrotingPath)
	id, _ := doc.Find(`.pdf-controls input[name="pagina"]`).Attr("value")
	res := me.post(t, "/selectie", url.Values{"pagina": {id}, "terug": {"//evil.example/"}})
	if res.Request.URL.Host != strings.TrimPrefix(site.http.URL, "http://") || res.Request.URL.Path != "/selectie" {
		t.Errorf("redirected to %s", res.Request.URL)
	}
}

// TestPDFRenderLimit fills the render slots: a PDF that must be rendered
// gets 503 with Retry-After and a Dutch message, a PDF in the cache is
// served all the same, and a slot that frees serves the next render. A
// render that runs out of time gets 503 too.
func TestPDFRenderLimit(t *testing.T) {
	site := mustSite(t)
	site.server.pdfGate = newPDFGate(1, time.Millisecond)
	cached := begrotingPath + ".pdf"
	if res, _ := site.get(t, cached); res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", cached, res.StatusCode)
	}
	id, _ := site.mustDoc(t, begrotingPath, http.StatusOK).Find(`.pdf-controls input[name="pagina"]`).Attr("value")

	release, err := site.server.pdfGate.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	busy := []string{burapPath + ".pdf", "/leiderdorp/begroting-2022.pdf", "/pdf?pages=" + id}
	for _, path := range busy {
		res, body := site.get(t, path)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" ||
			!strings.Contains(html.UnescapeString(body), "Er worden nu veel pdf's tegelijk gemaakt. Probeer het over een paar seconden opnieuw.") {
			t.Errorf("%s with every slot taken: %d, Retry-After %q\n%s", path, res.StatusCode, res.Header.Get("Retry-After"), body)
		}
	}
	if res, body := site.get(t, cached); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("cached %s with every slot taken: %d", cached, res.StatusCode)
	}
	_, metrics := site.get(t, "/metrics")
	if !strings.Contains(metrics, "koers_pdf_busy_total 3\n") {
		t.Errorf("metrics lack koers_pdf_busy_total 3:\n%s", metrics)
	}
	release()
	for _, path := range busy {
		if res, body := site.get(t, path); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
			t.Errorf("%s with a slot free: %d", path, res.StatusCode)
		}
	}
	if site.server.pdfGate.InUse() != 0 {
		t.Errorf("%d slots still taken", site.server.pdfGate.InUse())
	}

	site.server.pdfTimeout = time.Nanosecond
	res, body := site.get(t, "/leiderdorp/bestuursrapportage-2020-1.pdf")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "Het maken van deze pdf duurde te lang. Probeer het later opnieuw.") {
		t.Errorf("a render out of time: %d, Retry-After %q\n%s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
}
