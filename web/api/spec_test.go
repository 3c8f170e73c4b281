package api

import (
	"bytes"
	"encoding/json"
	"github.com/koers-nl/koers"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// strict marks every object schema of the spec as closed
// (unevaluatedProperties: false), so that a field the API sends but the
// spec does not describe fails validation.
func strict(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"]; ok {
			v["unevaluatedProperties"] = false
		}
		for _, c := range v {
			strict(c)
		}
	case []any:
		for _, c := range v {
			strict(c)
		}
	}
}

// pointer escapes a JSON pointer segment.
func pointer(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

// strictSpec is a compiler holding openapi.json, closed (see strict).
func strictSpec(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	spec, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPI))
	if err != nil {
		t.Fatal(err)
	}
	strict(spec)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("openapi.json", spec); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestResponsesMatchSpec validates every answer of the API against
// openapi.json, closed: each response has the documented shape, no field
// more, for every page (so every block type) and every indicator of the
// demo, and for errors.
func TestResponsesMatchSpec(t *testing.T) {
	site := mustAPI(t)
	c := strictSpec(t)
	schema := func(route, status string) *jsonschema.Schema {
		ptr := "openapi.json#/paths/" + pointer(route) + "/get/responses/" + status
		if status != "200" {
			ptr = "openapi.json#/components/schemas/Error"
		} else {
			ptr += "/content/application~1json/schema"
		}
		s, err := c.Compile(ptr)
		if err != nil {
			t.Fatalf("%s: %v", ptr, err)
		}
		return s
	}
	check := func(route, path string, status int) []byte {
		t.Helper()
		res, body := site.get(t, path)
		if res.StatusCode != status {
			t.Fatalf("GET %s: %d, want %d", path, res.StatusCode, status)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		code := "200"
		if status != 200 {
			code = "error"
		}
		if err := schema(route, code).Validate(v); err != nil {
			t.Errorf("GET %s does not match the spec of %s:\n%v", path, route, err)
		}
		return []byte(body)
	}

	publishAgain(t, site.store) // a document with versions
	var list DocumentList
	json.Unmarshal(check("/documents", "/api/v1/documents", 200), &list)
	pages, indicators, blockTypes := 0, 0, map[string]bool{}
	for _, d := range list.Documents {
		var full Document
		json.Unmarshal(check("/documents/{id}", "/api/v1/documents/"+itoa(int(d.ID)), 200), &full)
		var walk func(nodes []PageNode)
		walk = func(nodes []PageNode) {
			for _, n := range nodes {
				var p Page
				json.Unmarshal(check("/pages/{id}", "/api/v1/pages/"+itoa(int(n.ID)), 200), &p)
				for _, b := range p.Blocks {
					blockTypes[b.Type] = true
				}
				pages++
				walk(n.Children)
			}
		}
		walk(full.Pages)
		check("/documents/{id}/versions", "/api/v1/documents/"+itoa(int(d.ID))+"/versions", 200)
		var in DocumentIndicators
		json.Unmarshal(check("/documents/{id}/indicators", "/api/v1/documents/"+itoa(int(d.ID))+"/indicators", 200), &in)
		for _, i := range in.Indicators {
			check("/indicators/{id}", "/api/v1/indicators/"+itoa(int(i.ID)), 200)
			indicators++
		}
	}
	// Lists window by window, following next, and refusing a bad window.
	for route, path := range map[string]string{
		"/documents":                 "/api/v1/documents?limit=1",
		"/documents/{id}/indicators": "/api/v1/documents/" + itoa(int(list.Documents[0].ID)) + "/indicators?limit=2",
		"/search":                    "/api/v1/search?q=jeugdhulp&limit=1",
	} {
		windows := 0
		for next := path; next != ""; windows++ {
			var w Window
			json.Unmarshal(check(route, next, 200), &w)
			next = ""
			if w.Next != nil {
				next = strings.TrimPrefix(*w.Next, site.http.URL)
			}
		}
		if windows < 2 {
			t.Errorf("%s: %d windows", path, windows)
		}
		check(route, path+"&cursor=x", http.StatusBadRequest)
		check(route, strings.Replace(path, "limit=", "limit=-", 1), http.StatusBadRequest)
	}
	check("/search", "/api/v1/search?q=jeugdhulp", 200)
	check("/openapi.json", "/api/v1/openapi.json", 200)
	check("/pages/{id}", "/api/v1/pages/99999", http.StatusNotFound)
	check("/documents/{id}", "/api/v1/documents/x", http.StatusBadRequest)
	check("/search", "/api/v1/search", http.StatusBadRequest)
	// What was checked: every page and indicator, and blocks of every type
	// the demo has.
	if pages != 13 || indicators != 16 || len(blockTypes) != len(koers.BlockTypes) {
		t.Errorf("checked %d pages, %d indicators, block types %v; want 13, 16 and all %d", pages, indicators, blockTypes, len(koers.BlockTypes))
	}
}

// TestSpecDescribesWindows: the lists, whose answers have next_cursor,
// take limit and cursor as the spec's shared parameters, and only they do;
// they are GET /documents, GET /documents/{id}/indicators and GET /search.
func TestSpecDescribesWindows(t *testing.T) {
	var spec struct {
		Paths map[string]struct {
			Get struct {
				Parameters []struct {
					Ref string `json:"$ref"`
				} `json:"parameters"`
				Responses map[string]struct {
					Content map[string]struct {
						Schema struct {
							Properties map[string]any `json:"properties"`
							Required   []string       `json:"required"`
						} `json:"schema"`
					} `json:"content"`
					Ref string `json:"$ref"`
				} `json:"responses"`
			} `json:"get"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	var lists []string
	for path, item := range spec.Paths {
		var params []string
		for _, p := range item.Get.Parameters {
			params = append(params, p.Ref)
		}
		windowed := strings.Contains(strings.Join(params, " "), "#/components/parameters/Limit #/components/parameters/Cursor")
		schema := item.Get.Responses["200"].Content["application/json"].Schema
		_, hasNext := schema.Properties["next_cursor"]
		if windowed != hasNext {
			t.Errorf("%s: parameters %v, next_cursor in the answer %v", path, params, hasNext)
		}
		if windowed {
			lists = append(lists, path)
			if !strings.Contains(strings.Join(schema.Required, " "), "next_cursor next") || item.Get.Responses["400"].Ref == "" {
				t.Errorf("%s: required %v, 400 %+v", path, schema.Required, item.Get.Responses["400"])
			}
		}
	}
	sort.Strings(lists)
	if want := []string{"/documents", "/documents/{id}/indicators", "/search"}; strings.Join(lists, " ") != strings.Join(want, " ") {
		t.Errorf("lists %v, want %v", lists, want)
	}
}
