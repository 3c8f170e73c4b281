package write

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/sqlite"
)

// env is the write API on a fresh SQLite database with the demo
// documents, and a token per role of Leiderdorp.
type env struct {
	t       *testing.T
	store   *sqlite.Store
	srv     *Server
	handler http.Handler
	org     *koers.Organisation
	tokens  map[string]string // "redacteur", "publicist", "revoked", "other" (voorbeeldgemeente's)
	clock   time.Time
}

func newEnv(t *testing.T, opt Options) *env {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := demo.Load(ctx, store); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, store: store, tokens: map[string]string{}, clock: time.Now()}
	if e.org, err = store.OrganisationBySlug(ctx, "leiderdorp"); err != nil {
		t.Fatal(err)
	}
	other, err := store.OrganisationBySlug(ctx, "voorbeeldgemeente")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		org  int64
		role koers.Role
	}{{"redacteur", e.org.ID, koers.Redacteur}, {"publicist", e.org.ID, koers.Publicist},
		{"revoked", e.org.ID, koers.Redacteur}, {"other", other.ID, koers.Redacteur}} {
		token, hash, err := auth.NewAPIToken()
		if err != nil {
			t.Fatal(err)
		}
		tok := &koers.APIToken{OrganisationID: tt.org, Name: "BI " + tt.name, Role: tt.role, ExpiresAt: time.Now().Add(time.Hour)}
		if err := store.CreateAPIToken(ctx, tok, hash); err != nil {
			t.Fatal(err)
		}
		if tt.name == "revoked" {
			if err := store.RevokeAPIToken(ctx, tt.org, tok.ID); err != nil {
				t.Fatal(err)
			}
		}
		e.tokens[tt.name] = token
	}
	opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if opt.Now == nil {
		opt.Now = func() time.Time { return e.clock }
	}
	e.srv = New(store, opt)
	mux := httpx.NewMux()
	e.srv.Register(mux)
	e.handler = httpx.Handler(mux, httpx.Options{Logger: opt.Logger, BodyLimit: BodyLimit})
	return e
}

// call sends a request with the token (none for "").
func (e *env) call(method, path, token string, body []byte) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec
}

// bundleOf is the demo bundle of Leiderdorp's begroting, changed by edit.
func bundleOf(t *testing.T, edit func(b map[string]any)) []byte {
	t.Helper()
	data, err := os.ReadFile("../../../demo/leiderdorp-begroting-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	if edit == nil {
		return data
	}
	var b map[string]any
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	edit(b)
	out, _ := json.MarshalIndent(b, "", "  ")
	return out
}

const (
	draftPath  = "/api/v1/organisaties/leiderdorp/documenten/begroting-2022/concept"
	valuesPath = draftPath + "/indicatoren"
)

// errorOf decodes an error answer.
func errorOf(t *testing.T, rec *httptest.ResponseRecorder) ErrorBody {
	t.Helper()
	var body ErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body %q: %v", rec.Body, err)
	}
	return body
}

func TestAuthentication(t *testing.T) {
	e := newEnv(t, Options{})
	bad := `Bearer realm="koers", error="invalid_token"`
	tests := []struct {
		name      string
		header    string
		cookie    bool
		status    int
		challenge string
		message   string
	}{
		{"no credentials", "", false, 401, `Bearer realm="koers"`, "Meld de aanroep aan met een API-sleutel: Authorization: Bearer koers_…"},
		{"a session cookie only", "", true, 401, `Bearer realm="koers"`, "Meld de aanroep aan met een API-sleutel: Authorization: Bearer koers_…"},
		{"basic", "Basic dXNlcjpwYXNz", false, 401, `Bearer realm="koers"`, "Meld de aanroep aan met een API-sleutel: Authorization: Bearer koers_…"},
		{"no prefix", "Bearer abc", false, 401, bad, "Deze API-sleutel is onbekend, verlopen of ingetrokken."},
		{"unknown", "Bearer koers_onbekend", false, 401, bad, "Deze API-sleutel is onbekend, verlopen of ingetrokken."},
		{"revoked", "Bearer " + e.tokens["revoked"], false, 401, bad, "Deze API-sleutel is onbekend, verlopen of ingetrokken."},
		{"the hash as token", "Bearer " + auth.TokenHash(e.tokens["redacteur"]), false, 401, bad, "Deze API-sleutel is onbekend, verlopen of ingetrokken."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("PUT", draftPath, bytes.NewReader(bundleOf(t, nil)))
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			if tt.cookie {
				req.AddCookie(&http.Cookie{Name: "koers_session", Value: "x"})
			}
			rec := httptest.NewRecorder()
			e.handler.ServeHTTP(rec, req)
			body := errorOf(t, rec)
			if rec.Code != tt.status || rec.Header().Get("WWW-Authenticate") != tt.challenge ||
				body.Error.Code != koers.EUNAUTHORIZED || body.Error.Message != tt.message {
				t.Errorf("got %d %q %+v, want %d %q %q", rec.Code, rec.Header().Get("WWW-Authenticate"), body, tt.status, tt.challenge, tt.message)
			}
		})
	}
	// Nothing was written.
	if list, _ := e.store.Drafts(context.Background(), e.org.ID); len(list) != 0 {
		t.Errorf("drafts after refused calls: %+v", list)
	}
}

func TestRefusals(t *testing.T) {
	e := newEnv(t, Options{})
	tests := []struct {
		name    string
		method  string
		path    string
		token   string
		status  int
		code    string
		message string
	}{
		{"another organisation's token", "PUT", draftPath, "other", 403, koers.EFORBIDDEN,
			"Deze API-sleutel hoort bij Voorbeeldgemeente (fictief); het adres noemt een andere organisatie."},
		{"a publicist puts", "PUT", draftPath, "publicist", 403, koers.EFORBIDDEN,
			"Een API-sleutel met de rol publicist mag dit niet; daarvoor is de rol redacteur nodig."},
		{"a publicist patches", "PATCH", valuesPath, "publicist", 403, koers.EFORBIDDEN,
			"Een API-sleutel met de rol publicist mag dit niet; daarvoor is de rol redacteur nodig."},
		{"a redacteur publishes", "POST", draftPath + "/publiceren", "redacteur", 403, koers.EFORBIDDEN,
			"Een API-sleutel met de rol redacteur mag dit niet; daarvoor is de rol publicist nodig."},
		{"patch without a draft", "PATCH", valuesPath, "redacteur", 404, koers.ENOTFOUND,
			"Het document \"begroting-2022\" heeft geen concept."},
		{"publish without a draft", "POST", draftPath + "/publiceren", "publicist", 404, koers.ENOTFOUND,
			"Het document \"begroting-2022\" heeft geen concept."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := bundleOf(t, nil)
			switch tt.method {
			case "PATCH":
				body = []byte(`{"values":[{"key":"jbt-meldingen","year":2021,"kind":"realised","value":12}]}`)
			case "POST":
				body = nil
			}
			rec := e.call(tt.method, tt.path, e.tokens[tt.token], body)
			got := errorOf(t, rec)
			if rec.Code != tt.status || got.Error.Code != tt.code || got.Error.Message != tt.message {
				t.Errorf("got %d %+v, want %d %s %q", rec.Code, got, tt.status, tt.code, tt.message)
			}
		})
	}
	// Each refusal is in the audit log, as the token.
	log, err := e.store.AuditLog(context.Background(), koers.AuditFilter{Action: koers.AuditAPIRefused})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != len(tests) {
		t.Fatalf("%d refusals audited, want %d", len(log), len(tests))
	}
	first := log[len(log)-1]
	first.ID, first.At = 0, time.Time{}
	want := koers.AuditEntry{OrganisationID: first.OrganisationID, Actor: "API-sleutel: BI other", Action: koers.AuditAPIRefused,
		Document: "begroting-2022", Before: "PUT " + draftPath,
		After: "Deze API-sleutel hoort bij Voorbeeldgemeente (fictief); het adres noemt een andere organisatie."}
	if first != want || first.OrganisationID == e.org.ID {
		t.Errorf("audit entry\n got %+v\nwant %+v (the token's organisation)", first, want)
	}
}

func TestPutDraft(t *testing.T) {
	e := newEnv(t, Options{})
	ctx := context.Background()
	tok := e.tokens["redacteur"]

	// Located problems, exactly as koers check names them.
	invalid := []byte("{\n  \"format\": \"koers-bundle\",\n  \"version\": 1,\n  \"organisation\": {\"slug\": \"leiderdorp\"},\n  \"document\": {\"kind\": \"begroting\", \"year\": \"x\"}\n}\n")
	rec := e.call("PUT", draftPath, tok, invalid)
	got := errorOf(t, rec)
	want := ErrorBody{}
	want.Error.Code, want.Error.Message = koers.EINVALID, "De bundel voldoet niet aan het formaat (3 problemen)."
	want.Error.Problems = []Problem{
		{File: "begroting-2022.json", Line: 4, Column: 19, Pointer: "/organisation", Message: "missing property 'name'",
			Text: "begroting-2022.json:4:19: /organisation: missing property 'name'"},
		{File: "begroting-2022.json", Line: 5, Column: 15, Pointer: "/document", Message: "missing properties 'title', 'pages'",
			Text: "begroting-2022.json:5:15: /document: missing properties 'title', 'pages'"},
		{File: "begroting-2022.json", Line: 5, Column: 45, Pointer: "/document/year", Message: "got string, want integer",
			Text: "begroting-2022.json:5:45: /document/year: got string, want integer"},
	}
	if rec.Code != 422 || !equalJSON(got, want) {
		t.Errorf("invalid bundle: %d\n%s\nwant 422\n%s", rec.Code, rec.Body, mustJSON(want))
	}

	// A bundle of another document or organisation than the address.
	for _, tt := range []struct {
		edit    func(b map[string]any)
		problem Problem
	}{
		{func(b map[string]any) { b["document"].(map[string]any)["slug"] = "iets-anders" },
			Problem{Pointer: "/document/slug", Message: "Deze bundel is van het document \"iets-anders\", niet van \"begroting-2022\"."}},
		{func(b map[string]any) { b["organisation"].(map[string]any)["slug"] = "elders" },
			Problem{Pointer: "/organisation/slug", Message: "Deze bundel is van de organisatie \"elders\", niet van Gemeente Leiderdorp."}},
	} {
		rec := e.call("PUT", draftPath, tok, bundleOf(t, tt.edit))
		if got := errorOf(t, rec); rec.Code != 422 || len(got.Error.Problems) != 1 || got.Error.Problems[0] != tt.problem {
			t.Errorf("mismatched bundle: %d %s, want 422 with %+v", rec.Code, rec.Body, tt.problem)
		}
	}

	// A new draft of the published document: 201. A real begroting's
	// bundle is larger than the server's default bound of a body.
	rec = e.call("PUT", draftPath, tok, append(bundleOf(t, nil), bytes.Repeat([]byte(" "), httpx.DefaultMaxBody)...))
	var d Draft
	if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || rec.Code != http.StatusCreated {
		t.Fatalf("first put: %d %s", rec.Code, rec.Body)
	}
	if d.Slug != "begroting-2022" || d.Organisation != "leiderdorp" || d.State != "concept" || !d.Published || d.ID == 0 {
		t.Errorf("first put answered %+v", d)
	}
	// Again, with another title: the same draft, replaced, 200.
	rec = e.call("PUT", draftPath, tok, bundleOf(t, func(b map[string]any) {
		b["document"].(map[string]any)["title"] = "Begroting 2022 (BI)"
	}))
	var again Draft
	if err := json.Unmarshal(rec.Body.Bytes(), &again); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("second put: %d %s", rec.Code, rec.Body)
	}
	if again.ID != d.ID || again.Title != "Begroting 2022 (BI)" || again.Version <= d.Version {
		t.Errorf("second put answered %+v after %+v", again, d)
	}
	stored, err := e.store.Draft(ctx, d.ID)
	if err != nil || stored.Document.Title != "Begroting 2022 (BI)" {
		t.Fatalf("stored draft: %v %v", err, stored)
	}
	// Both are in the audit log as uploads by the token, with no user.
	log, _ := e.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: e.org.ID, Action: koers.AuditUpload})
	if len(log) != 2 || log[0].Actor != "API-sleutel: BI redacteur" || log[0].UserID != 0 || log[0].After != "API: begroting-2022.json" {
		t.Errorf("audit log of puts: %+v", log)
	}
	// The token's last use is recorded.
	toks, _ := e.store.APITokens(ctx, e.org.ID)
	for _, tk := range toks {
		if tk.Name == "BI redacteur" && tk.LastUsedAt.IsZero() {
			t.Errorf("last use of the token not recorded")
		}
	}
}

func TestPatchValues(t *testing.T) {
	e := newEnv(t, Options{})
	ctx := context.Background()
	tok := e.tokens["redacteur"]
	if rec := e.call("PUT", draftPath, tok, bundleOf(t, nil)); rec.Code != http.StatusCreated {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	tests := []struct {
		name     string
		body     string
		status   int
		message  string
		problems []Problem
	}{
		{"not JSON", `{"values": [`, 422, "De waarden zijn niet verwerkt (1 probleem).",
			[]Problem{{Pointer: "", Message: "Het verzoek is geen JSON-object met een lijst values: ongeldige JSON"}}},
		{"no values", `{"values": []}`, 422, "De waarden zijn niet verwerkt (1 probleem).",
			[]Problem{{Pointer: "/values", Message: "Geef minstens één waarde."}}},
		{"bad items", `{"values": [{"key": "", "year": 1800, "kind": "planned", "value": "veel"}, {"key": "x", "year": 2021, "kind": "realised", "value": 1, "extra": 1}]}`,
			422, "De waarden zijn niet verwerkt (5 problemen).", []Problem{
				{Pointer: "/values/0/key", Message: "Geef de sleutel (key) van de indicator."},
				{Pointer: "/values/0/year", Message: "Kies een jaar van 1900 tot en met 2200."},
				{Pointer: "/values/0/kind", Message: "Kies realised (gerealiseerd) of budgeted (begroot)."},
				{Pointer: "/values/0/value", Message: "Een waarde is een getal, \"nnb\" (nog niet bekend) of null (weghalen)."},
				{Pointer: "/values/1", Message: "Een waarde is een object met key, year, kind en value: onbekend veld \"extra\""},
			}},
		{"unknown key", `{"values": [{"key": "jbt-meldingen", "year": 2021, "kind": "realised", "value": 3}, {"key": "geen-indicator", "year": 2021, "kind": "realised", "value": 3}]}`,
			422, "De waarden zijn niet verwerkt (1 probleem).", []Problem{
				{Pointer: "/values/1/key", Message: "Dit document heeft geen indicator \"geen-indicator\"."},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := e.call("PATCH", valuesPath, tok, []byte(tt.body))
			want := ErrorBody{}
			want.Error.Code, want.Error.Message, want.Error.Problems = koers.EINVALID, tt.message, tt.problems
			if got := errorOf(t, rec); rec.Code != tt.status || !equalJSON(got, want) {
				t.Errorf("got %d\n%s\nwant %d\n%s", rec.Code, rec.Body, tt.status, mustJSON(want))
			}
		})
	}
	// Nothing of the refused calls was written.
	before, _ := e.store.AuditLog(ctx, koers.AuditFilter{Action: koers.AuditDraftChange})
	if len(before) != 0 {
		t.Fatalf("refused patches changed the draft: %+v", before)
	}

	rec := e.call("PATCH", valuesPath, tok, []byte(`{"values": [
		{"key": "jbt-meldingen", "year": 2021, "kind": "realised", "value": 12},
		{"key": "wmo-kwaliteit-ondersteuning", "year": 2021, "kind": "realised", "value": "nnb"},
		{"key": "jbt-meldingen", "year": 2018, "kind": "realised", "value": null}]}`))
	if rec.Code != http.StatusOK {
		t.Fatalf("patch: %d %s", rec.Code, rec.Body)
	}
	list, _ := e.store.Drafts(ctx, e.org.ID)
	d, err := e.store.Draft(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string][]koers.Value{}
	_ = d.Document.Walk(func(p *koers.Page) error {
		for _, in := range p.Indicators {
			values[in.Key] = in.Values
		}
		return nil
	})
	has := func(key string, year int) (koers.Value, bool) {
		for _, v := range values[key] {
			if v.Year == year && v.Kind == koers.Realised {
				return v, true
			}
		}
		return koers.Value{}, false
	}
	if v, ok := has("jbt-meldingen", 2021); !ok || v.Number == nil || *v.Number != 12 {
		t.Errorf("jbt-meldingen 2021: %+v %v, want 12", v, ok)
	}
	if v, ok := has("wmo-kwaliteit-ondersteuning", 2021); !ok || v.Known() {
		t.Errorf("wmo-kwaliteit-ondersteuning 2021: %+v %v, want nnb", v, ok)
	}
	if _, ok := has("jbt-meldingen", 2018); ok {
		t.Errorf("jbt-meldingen 2018 still there")
	}
	log, _ := e.store.AuditLog(ctx, koers.AuditFilter{Action: koers.AuditDraftChange})
	if len(log) != 1 || log[0].Actor != "API-sleutel: BI redacteur" ||
		log[0].After != "API: jbt-meldingen 2021 realised, wmo-kwaliteit-ondersteuning 2021 realised, jbt-meldingen 2018 realised" {
		t.Errorf("one change in the audit log, by the token: %+v", log)
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, Options{Rate: 3})
	tok := e.tokens["publicist"]
	for i := range 3 {
		if rec := e.call("POST", draftPath+"/publiceren", tok, nil); rec.Code != http.StatusNotFound {
			t.Fatalf("call %d: %d %s", i, rec.Code, rec.Body)
		}
	}
	rec := e.call("POST", draftPath+"/publiceren", tok, nil)
	body := errorOf(t, rec)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "20" ||
		body.Error.Message != "Te veel aanroepen met deze sleutel; probeer het over 20 seconden opnieuw." {
		t.Errorf("fourth call: %d Retry-After %q %+v", rec.Code, rec.Header().Get("Retry-After"), body)
	}
	// Another token has its own budget; time refills this one.
	if rec := e.call("POST", draftPath+"/publiceren", e.tokens["redacteur"], nil); rec.Code != http.StatusForbidden {
		t.Errorf("another token: %d", rec.Code)
	}
	e.clock = e.clock.Add(20 * time.Second)
	if rec := e.call("POST", draftPath+"/publiceren", tok, nil); rec.Code != http.StatusNotFound {
		t.Errorf("after the wait: %d %s", rec.Code, rec.Body)
	}
}

func TestBodyLimit(t *testing.T) {
	e := newEnv(t, Options{})
	big := append([]byte(`{"values":[`), bytes.Repeat([]byte(" "), MaxBody+10)...)
	rec := e.call("PATCH", valuesPath, e.tokens["redacteur"], big)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit: %d %s", rec.Code, rec.Body)
	}
	// A bundle sent without its length is stopped while it is read, and
	// refused in Dutch, not as a failure.
	req := httptest.NewRequest("PUT", draftPath, bytes.NewReader(append([]byte(`{"format":`), bytes.Repeat([]byte(" "), MaxBody+10)...)))
	req.ContentLength = -1
	req.Header.Set("Authorization", "Bearer "+e.tokens["redacteur"])
	rec = httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a chunked bundle over the limit: %d %s", rec.Code, rec.Body)
	}
	var got ErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if got.Error.Code != koers.EINVALID || got.Error.Message != "Het verzoek is te groot: hoogstens 32 MB." {
		t.Errorf("a body over the limit: %+v", got.Error)
	}
}

func equalJSON(a, b any) bool { return mustJSON(a) == mustJSON(b) }

func mustJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestSubmitAndPublish(t *testing.T) {
	e := newEnv(t, Options{})
	ctx := context.Background()
	published := 0
	e.srv.published = func() { published++ }
	red, pub := e.tokens["redacteur"], e.tokens["publicist"]
	if rec := e.call("PUT", draftPath, red, bundleOf(t, func(b map[string]any) {
		b["document"].(map[string]any)["title"] = "Begroting 2022 (BI)"
	})); rec.Code != http.StatusCreated {
		t.Fatalf("put: %d %s", rec.Code, rec.Body)
	}
	steps := []struct {
		name    string
		method  string
		path    string
		token   string
		body    string
		status  int
		message string // of a refusal
		state   string // of the draft answered
	}{
		{"publish before review", "POST", draftPath + "/publiceren", pub, "", 409, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.", ""},
		{"a publicist submits", "POST", draftPath + "/indienen", pub, "", 403, "Een API-sleutel met de rol publicist mag dit niet; daarvoor is de rol redacteur nodig.", ""},
		{"submit", "POST", draftPath + "/indienen", red, "", 200, "", "ter_beoordeling"},
		{"submit again", "POST", draftPath + "/indienen", red, "", 409, "Dit concept is al ter beoordeling.", ""},
		{"put in review", "PUT", draftPath, red, "bundle", 409, "Het concept is ter beoordeling; het kan pas weer worden gewijzigd als het is teruggestuurd of heropend.", ""},
		{"patch in review", "PATCH", valuesPath, red, `{"values":[{"key":"jbt-meldingen","year":2021,"kind":"realised","value":1}]}`, 409,
			"Het concept is ter beoordeling; het kan pas weer worden gewijzigd als het is teruggestuurd of heropend.", ""},
		{"publish in review", "POST", draftPath + "/publiceren", pub, "", 409, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.", ""},
	}
	for _, tt := range steps {
		body := []byte(tt.body)
		if tt.body == "bundle" {
			body = bundleOf(t, nil)
		}
		rec := e.call(tt.method, tt.path, tt.token, body)
		if rec.Code != tt.status {
			t.Fatalf("%s: %d %s, want %d", tt.name, rec.Code, rec.Body, tt.status)
		}
		if tt.message != "" {
			if got := errorOf(t, rec); got.Error.Message != tt.message {
				t.Errorf("%s: %q, want %q", tt.name, got.Error.Message, tt.message)
			}
			continue
		}
		var d Draft
		if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil || d.State != tt.state {
			t.Errorf("%s: %s, want state %s", tt.name, rec.Body, tt.state)
		}
	}
	// A beoordelaar approves in the back office; the token's changes are
	// nobody's, so four eyes let them.
	reviewer := &koers.User{Email: "beoordelaar@leiderdorp.nl", Grants: []koers.Grant{{OrganisationID: e.org.ID, Role: koers.Beoordelaar}}}
	if err := e.store.CreateUser(ctx, reviewer, "x"); err != nil {
		t.Fatal(err)
	}
	list, _ := e.store.Drafts(ctx, e.org.ID)
	if _, err := e.store.StepDraft(koers.WithActor(ctx, reviewer), list[0].ID, koers.Approve, nil); err != nil {
		t.Fatalf("approve: %v", err)
	}
	// A note that is too long is refused with its place.
	rec := e.call("POST", draftPath+"/publiceren", pub, []byte(`{"note": "`+strings.Repeat("x", koers.MaxNoteLength+1)+`"}`))
	if got := errorOf(t, rec); rec.Code != 422 || len(got.Error.Problems) != 1 || got.Error.Problems[0].Pointer != "/note" {
		t.Errorf("long note: %d %s", rec.Code, rec.Body)
	}
	rec = e.call("POST", draftPath+"/publiceren", pub, []byte(`{"note": "Realisatie aangeleverd door het BI-systeem."}`))
	var done Published
	if err := json.Unmarshal(rec.Body.Bytes(), &done); err != nil || rec.Code != 200 ||
		done != (Published{Organisation: "leiderdorp", Slug: "begroting-2022", Title: "Begroting 2022 (BI)", Year: 2022}) {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	if published != 1 {
		t.Errorf("the site was told of %d publications, want 1", published)
	}
	versions, err := e.store.Versions(ctx, e.org.ID, "begroting-2022")
	if err != nil || len(versions) == 0 || !versions[0].Current || versions[0].Note != "Realisatie aangeleverd door het BI-systeem." {
		t.Errorf("versions %+v %v", versions, err)
	}
	// The log tells what the tokens did.
	log, _ := e.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: e.org.ID})
	var got []string
	for i := len(log) - 1; i >= 0; i-- {
		if strings.HasPrefix(log[i].Actor, "API-sleutel") && log[i].Action != koers.AuditAPIRefused {
			got = append(got, log[i].Actor+" "+string(log[i].Action))
		}
	}
	want := []string{"API-sleutel: BI redacteur upload", "API-sleutel: BI redacteur review_submit", "API-sleutel: BI publicist publish"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log\n got %q\nwant %q", got, want)
	}
	// And the draft is gone.
	if rec := e.call("POST", draftPath+"/indienen", red, nil); rec.Code != 404 {
		t.Errorf("after publication: %d", rec.Code)
	}
}
