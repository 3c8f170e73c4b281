package api

import (
	"bytes"
	"encoding/json"
	"net/http"
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

// TestResponsesMatchSpec validates every answer of the API against
// openapi.json, closed: each response has the documented shape, no field
// more, for every page (so every block type) and every indicator of the
// demo, and for errors.
func TestResponsesMatchSpec(t *testing.T) {
	site := mustAPI(t)
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
		var in DocumentIndicators
		json.Unmarshal(check("/documents/{id}/indicators", "/api/v1/documents/"+itoa(int(d.ID))+"/indicators", 200), &in)
		for _, i := range in.Indicators {
			check("/indicators/{id}", "/api/v1/indicators/"+itoa(int(i.ID)), 200)
			indicators++
		}
	}
	check("/search", "/api/v1/search?q=jeugdhulp", 200)
	check("/openapi.json", "/api/v1/openapi.json", 200)
	check("/pages/{id}", "/api/v1/pages/99999", http.StatusNotFound)
	check("/documents/{id}", "/api/v1/documents/x", http.StatusBadRequest)
	check("/search", "/api/v1/search", http.StatusBadRequest)
	// What was checked: every page and indicator, and blocks of every type
	// the demo has.
	if pages != 6 || indicators != 9 || len(blockTypes) != 8 {
		t.Errorf("checked %d pages, %d indicators, block types %v; want 6, 9 and all 8", pages, indicators, blockTypes)
	}
}
