package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Reading the back office's pages in tests: what a person sees of them.

// page fetches a page as the browser, checks its status and parses it.
func (c *client) page(path string, status int) *goquery.Document {
	c.o.t.Helper()
	rec := c.do("GET", path, nil)
	if rec.Code != status {
		c.o.t.Fatalf("GET %s: status %d, want %d\n%s", path, rec.Code, status, rec.Body)
	}
	return parseHTML(c.o.t, rec.Body.String())
}

// followed follows a form's redirect and returns where it went and the
// message that page shows.
func (c *client) followed(rec *http.Response, body string) (to, message string) {
	c.o.t.Helper()
	if rec.StatusCode != http.StatusSeeOther {
		c.o.t.Fatalf("status %d, want 303\n%s", rec.StatusCode, body)
	}
	to = rec.Header.Get("Location")
	return to, text(c.page(to, http.StatusOK).Find(".flash"))
}

// post sends a form and returns the response with its body.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.o.t.Helper()
	rec := c.do("POST", path, form)
	return rec.Result(), rec.Body.String()
}

func parseHTML(tb testing.TB, body string) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// text is a selection's text with its white space collapsed.
func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// texts is the text of each element of a selection.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, text(e)) })
	return out
}

// errorSummary is what a form's error summary lists, each after the
// field it links to.
func errorSummary(doc *goquery.Document) []string {
	var out []string
	doc.Find(".error-summary li").Each(func(_ int, li *goquery.Selection) {
		out = append(out, li.Find("a").AttrOr("href", "")+" "+text(li))
	})
	return out
}

// fieldErrors are the problems shown next to fields, by field id; a field
// not marked invalid or not described by its problem says so.
func fieldErrors(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(".field-error").Each(func(_ int, p *goquery.Selection) {
		id := p.AttrOr("id", "")
		field := strings.TrimSuffix(id, "-fout")
		in := doc.Find("#" + field)
		mark := ""
		if in.AttrOr("aria-invalid", "") != "true" && !in.Is("[type=checkbox], [type=radio]") {
			mark = " (not aria-invalid)"
		}
		described := in.AttrOr("aria-describedby", "") + " " + in.Closest("fieldset").AttrOr("aria-describedby", "")
		if !slices.Contains(strings.Fields(described), id) {
			mark += " (not described by it)"
		}
		out[field] = text(p) + mark
	})
	return out
}
