package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// mustJSON fetches a path, checks the status and decodes the body into v.
func (s *testSite) mustJSON(tb testing.TB, path string, status int, v any) {
	tb.Helper()
	res, body := s.get(tb, path)
	if res.StatusCode != status {
		tb.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		tb.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		tb.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

type docList struct {
	Documents []apiDocument `json:"documents"`
}

func (s *testSite) documentID(tb testing.TB, slug string) int64 {
	tb.Helper()
	var list docList
	s.mustJSON(tb, "/api/v1/documents", http.StatusOK, &list)
	for _, d := range list.Documents {
		if strings.HasSuffix(d.URL, "/"+slug) {
			return d.ID
		}
	}
	tb.Fatalf("no document %s in %+v", slug, list)
	return 0
}

func TestAPIDocuments(t *testing.T) {
	site := mustSite(t)
	var list docList
	site.mustJSON(t, "/api/v1/documents", http.StatusOK, &list)
	if len(list.Documents) != 2 {
		t.Fatalf("%d documents, want 2", len(list.Documents))
	}
	d := list.Documents[0]
	if d.Kind != "begroting" || d.Year != 2022 || d.Title != "Beleidsbegroting 2022" || d.URL != site.http.URL+"/leiderdorp/begroting-2022" {
		t.Errorf("first document = %+v", d)
	}
	if b := list.Documents[1]; b.Kind != "bestuursrapportage" || b.Sequence != 1 || b.Title != "1ste bestuursrapportage 2020" {
		t.Errorf("second document = %+v", b)
	}

	var full apiDocument
	site.mustJSON(t, "/api/v1/documents/"+itoa(int(d.ID)), http.StatusOK, &full)
	if len(full.Pages) != 1 || len(full.Pages[0].Children) != 1 || len(full.Pages[0].Children[0].Children) != 1 {
		t.Fatalf("tree = %+v", full.Pages)
	}
	sub := full.Pages[0].Children[0].Children[0]
	if sub.Number != "1C" || sub.Title != "1C: Ondersteunde inwoners" || sub.URL != site.http.URL+begrotingPath || sub.Kind != "subprogramme" {
		t.Errorf("1C node = %+v", sub)
	}

	var page apiPage
	site.mustJSON(t, "/api/v1/pages/"+itoa(int(sub.ID)), http.StatusOK, &page)
	var types []string
	for _, b := range page.Blocks {
		types = append(types, string(b.Type))
	}
	want := "text goal smart_goals activities goal_explanations activity_explanations indicator_table"
	if strings.Join(types, " ") != want {
		t.Errorf("block types = %q, want %q", strings.Join(types, " "), want)
	}
	if len(page.SmartGoals) != 3 || len(page.Activities) != 8 || len(page.Indicators) != 9 || page.ParentID == nil {
		t.Errorf("page: %d goals, %d activities, %d indicators, parent %v", len(page.SmartGoals), len(page.Activities), len(page.Indicators), page.ParentID)
	}
}

func TestAPIIndicators(t *testing.T) {
	site := mustSite(t)
	id := site.documentID(t, "begroting-2022")
	var out struct {
		Indicators []apiIndicator `json:"indicators"`
	}
	site.mustJSON(t, "/api/v1/documents/"+itoa(int(id))+"/indicators", http.StatusOK, &out)
	if len(out.Indicators) != 9 {
		t.Fatalf("%d indicators, want 9", len(out.Indicators))
	}
	values, nulls := 0, 0
	for _, in := range out.Indicators {
		values += len(in.Values)
		for _, v := range in.Values {
			if v.Kind != "realised" && v.Kind != "budgeted" {
				t.Errorf("%s %d: kind %q", in.Key, v.Year, v.Kind)
			}
			if v.Value == nil {
				nulls++
				if in.Name != "Aantal meldingen JBT" || v.Year != 2018 || v.Display != "nnb" {
					t.Errorf("unexpected null: %s %d %q", in.Name, v.Year, v.Display)
				}
			}
		}
	}
	if values != 72 || nulls != 1 {
		t.Errorf("%d values (%d null), want 72 (1 null)", values, nulls)
	}
	first := out.Indicators[0]
	if first.Values[0].Year != 2018 || *first.Values[0].Value != 1992 || first.Values[0].Display != "1.992" {
		t.Errorf("first value = %+v", first.Values[0])
	}
}

func TestAPIErrors(t *testing.T) {
	site := mustSite(t)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/documents/999", http.StatusNotFound, "not_found"},
		{"/api/v1/documents/abc", http.StatusBadRequest, "invalid"},
		{"/api/v1/documents/-1/indicators", http.StatusBadRequest, "invalid"},
		{"/api/v1/pages/999", http.StatusNotFound, "not_found"},
		{"/api/v1/nergens", http.StatusNotFound, "not_found"},
	}
	for _, tt := range tests {
		var body apiErrorBody
		site.mustJSON(t, tt.path, tt.status, &body)
		if body.Error.Code != tt.code || body.Error.Message == "" {
			t.Errorf("%s: %+v", tt.path, body)
		}
	}
}

// TestOpenAPIDescribesEveryRoute keeps the OpenAPI document and the routes
// in step: every /api/v1 route is described, and every described path is
// served.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	site := mustSite(t)
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	site.mustJSON(t, "/api/v1/openapi.json", http.StatusOK, &spec)
	if spec.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", spec.OpenAPI)
	}
	var described []string
	for p := range spec.Paths {
		described = append(described, "/api/v1"+p)
	}
	sort.Strings(described)
	served := apiRoutePatterns()
	sort.Strings(served)
	if strings.Join(described, " ") != strings.Join(served, " ") {
		t.Errorf("described %v\nserved    %v", described, served)
	}
}

// apiRoutePatterns reads the GET patterns registered under /api/v1 from
// api.go, so that a new route without a description fails the test above.
func apiRoutePatterns() []string {
	re := regexp.MustCompile(`"GET (/api/v1/[^"]*)"`)
	src := mustRead("api.go")
	var out []string
	for _, m := range re.FindAllStringSubmatch(src, -1) {
		out = append(out, m[1])
	}
	return out
}
