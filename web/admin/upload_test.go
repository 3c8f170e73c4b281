package admin

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers/httpx"
)

// upload posts a file as the bundle form does.
func (c *client) upload(target, name, content string) *httptest.ResponseRecorder {
	return c.multipart(target, nil, "bundel", name, content)
}

// multipart posts a form with fields and, when name is not "", a file in
// field file, as a browser sends a form with a file input.
func (c *client) multipart(target string, fields map[string]string, file, name, content string) *httptest.ResponseRecorder {
	c.o.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if name != "" {
		part, err := w.CreateFormFile(file, name)
		if err != nil {
			c.o.t.Fatal(err)
		}
		part.Write([]byte(content))
	}
	w.Close()
	req := httptest.NewRequest("POST", target, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.o.handler.ServeHTTP(rec, req)
	return rec
}

func demoBundle(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "demo", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestUpload(t *testing.T) {
	o := newOffice(t)
	red := o.signIn("leiderdorp/redacteur")
	begroting := demoBundle(t, "leiderdorp-begroting-2022.json")
	renamed := strings.Replace(begroting, `"year": 2022,`, `"year": 2023,`, 1)
	renamed = strings.Replace(renamed, `"title": "Beleidsbegroting 2022"`, `"title": "Beleidsbegroting 2023"`, 1)
	for _, tt := range []struct {
		name, file, content string
		status              int
		want                []string
	}{
		// A real begroting's bundle is larger than the server's default
		// bound of a body.
		{"a new document", "begroting-2023.json", renamed + strings.Repeat(" ", httpx.DefaultMaxBody), http.StatusSeeOther, nil},
		{"a new version of a published document", "begroting-2022.json", strings.Replace(begroting, `"title": "Beleidsbegroting 2022"`, `"title": "Beleidsbegroting 2022 (herzien)"`, 1),
			http.StatusSeeOther, nil},
		{"a document that has a draft", "begroting-2022.json", begroting, http.StatusUnprocessableEntity,
			[]string{"“Beleidsbegroting 2022” heeft al een concept. Publiceer of verwijder dat eerst, en upload de bundel dan opnieuw."}},
		{"not JSON", "kapot.json", "{kapot", http.StatusUnprocessableEntity,
			[]string{"<li>kapot.json:1:2: /: malformed JSON", "De bundel voldoet niet aan het formaat (1 probleem); de lijst bovenaan noemt elke plaats in het bestand."}},
		{"a rule broken", "fout.json", strings.Replace(renamed, `"title": "Beleidsbegroting 2023"`, `"title": ""`, 1), http.StatusUnprocessableEntity,
			[]string{"<li>fout.json:13:14: /document/title: minLength: got 0, want 1</li>"}},
		{"another organisation's", "ander.json", demoBundle(t, "voorbeeldgemeente-begroting-2024.json"), http.StatusUnprocessableEntity,
			[]string{"Deze bundel is van de organisatie &#34;voorbeeldgemeente&#34;, niet van Gemeente Leiderdorp."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := red.upload("/beheer/leiderdorp/upload", tt.file, tt.content)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, tt.status, rec.Body)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("the page does not say %q:\n%s", w, rec.Body)
				}
			}
			if tt.status == http.StatusSeeOther {
				if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/beheer/leiderdorp/concepten/") {
					t.Errorf("sent to %q", loc)
				}
			}
		})
	}
	// Two drafts: the new document, and the new version of the published
	// one; nothing was published.
	drafts, err := o.store.Drafts(t.Context(), o.orgs[0].ID)
	if err != nil || len(drafts) != 2 {
		t.Fatalf("drafts after the uploads: %+v, %v", drafts, err)
	}
	byTitle := map[string]int64{}
	for _, d := range drafts {
		byTitle[d.Title] = d.DocumentID
	}
	published, err := o.store.DocumentBySlug(t.Context(), o.orgs[0].ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	if id, ok := byTitle["Beleidsbegroting 2023"]; !ok || id != 0 {
		t.Errorf("the new document's draft: %v", drafts)
	}
	if id := byTitle["Beleidsbegroting 2022 (herzien)"]; id != published.ID || published.Title != "Beleidsbegroting 2022" {
		t.Errorf("the new version's draft: %v; published %q", drafts, published.Title)
	}
	if rec := o.browser().do("GET", "/leiderdorp/begroting-2023", nil); rec.Code != http.StatusNotFound {
		t.Errorf("the uploaded draft is public: %d", rec.Code)
	}
}
