package write

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/httpx"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The write API is described in web/api's openapi.json, with the read
// API; these tests hold the two together.

func readSpec(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// closed marks every object schema with properties as closed, so that a
// field the API sends but the spec does not describe fails validation.
func closed(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["properties"]; ok {
			v["unevaluatedProperties"] = false
		}
		for _, c := range v {
			closed(c)
		}
	case []any:
		for _, c := range v {
			closed(c)
		}
	}
}

func compiler(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	spec, err := jsonschema.UnmarshalJSON(bytes.NewReader(readSpec(t)))
	if err != nil {
		t.Fatal(err)
	}
	closed(spec)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("openapi.json", spec); err != nil {
		t.Fatal(err)
	}
	return c
}

func validate(t *testing.T, c *jsonschema.Compiler, ref string, body []byte) {
	t.Helper()
	s, err := c.Compile("openapi.json#" + ref)
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not hold %s:\n%v", ref, body, err)
	}
}

type specDoc struct {
	Paths map[string]map[string]struct {
		RequestBody *struct {
			Content map[string]struct {
				Examples map[string]struct {
					Value json.RawMessage `json:"value"`
				} `json:"examples"`
			} `json:"content"`
		} `json:"requestBody"`
		Responses map[string]struct {
			Ref     string `json:"$ref"`
			Content map[string]struct {
				Examples map[string]struct {
					Value json.RawMessage `json:"value"`
				} `json:"examples"`
			} `json:"content"`
		} `json:"responses"`
		Security []map[string][]string `json:"security"`
	} `json:"paths"`
}

// TestSpecDescribesRoutes: the spec describes every route of the write API
// and no other under /organisaties, each with the bearer token.
func TestSpecDescribesRoutes(t *testing.T) {
	var spec specDoc
	if err := json.Unmarshal(readSpec(t), &spec); err != nil {
		t.Fatal(err)
	}
	var described []string
	for p, ops := range spec.Paths {
		if !strings.HasPrefix(p, "/organisaties/") {
			continue
		}
		for method, op := range ops {
			described = append(described, strings.ToUpper(method)+" /api/v1"+p)
			if len(op.Security) != 1 || op.Security[0]["apiToken"] == nil {
				t.Errorf("%s %s: security %v, want apiToken", method, p, op.Security)
			}
		}
	}
	sort.Strings(described)
	mux := httpx.NewMux()
	New(nil, Options{}).Register(mux)
	served := mux.Patterns()
	if strings.Join(described, "\n") != strings.Join(served, "\n") {
		t.Errorf("described %v\nserved    %v", described, served)
	}
}

// TestSpecExamples: the examples decode with the API's own decoders and
// the answers' examples hold to their schemas.
func TestSpecExamples(t *testing.T) {
	var spec specDoc
	if err := json.Unmarshal(readSpec(t), &spec); err != nil {
		t.Fatal(err)
	}
	c := compiler(t)
	ops := spec.Paths["/organisaties/{org}/documenten/{slug}/concept"]["put"]
	for name, ex := range ops.RequestBody.Content["application/json"].Examples {
		if _, err := bundle.Decode("example.json", ex.Value); err != nil {
			t.Errorf("PUT example %s: %v", name, err)
		}
	}
	ops = spec.Paths["/organisaties/{org}/documenten/{slug}/concept/indicatoren"]["patch"]
	for name, ex := range ops.RequestBody.Content["application/json"].Examples {
		if updates, ps := DecodeValues(ex.Value); len(ps) > 0 || len(updates) != 3 || !updates[2].Remove || updates[1].Number != nil {
			t.Errorf("PATCH example %s: %+v %+v", name, updates, ps)
		}
		validate(t, c, "/components/schemas/ValuesBody", ex.Value)
	}
	ops = spec.Paths["/organisaties/{org}/documenten/{slug}/concept/publiceren"]["post"]
	for name, ex := range ops.RequestBody.Content["application/json"].Examples {
		if _, err := decodePublish(ex.Value); err != nil {
			t.Errorf("publish example %s: %v", name, err)
		}
	}
	n := 0
	for p, ops := range spec.Paths {
		for method, op := range ops {
			for status, res := range op.Responses {
				for name, ex := range res.Content["application/json"].Examples {
					ref := "/paths/" + strings.ReplaceAll(p, "/", "~1") + "/" + method + "/responses/" + status + "/content/application~1json/schema"
					validate(t, c, ref, ex.Value)
					if strings.HasPrefix(status, "4") {
						var body ErrorBody
						if err := json.Unmarshal(ex.Value, &body); err != nil || len(body.Error.Problems) == 0 {
							t.Errorf("%s %s %s example %s: %v %+v", method, p, status, name, err, body)
						}
					}
					n++
				}
			}
		}
	}
	if n != 7 {
		t.Errorf("%d response examples checked, want the write API's 7", n)
	}
}

// TestAnswersMatchSpec validates what the API answers against the spec,
// closed: a draft, located problems, a refusal, the rate limit.
func TestAnswersMatchSpec(t *testing.T) {
	e := newEnv(t, Options{Rate: 3})
	c := compiler(t)
	tok := e.tokens["redacteur"]
	check := func(rec interface {
		Result() *http.Response
	}, body []byte, status int, ref string) {
		t.Helper()
		if got := rec.Result().StatusCode; got != status {
			t.Fatalf("status %d, want %d: %s", got, status, body)
		}
		validate(t, c, ref, body)
	}
	rec := e.call("PUT", draftPath, tok, bundleOf(t, nil))
	check(rec, rec.Body.Bytes(), 201, "/components/schemas/Draft")
	rec = e.call("PUT", draftPath, tok, []byte(`{"format": "koers-bundle"}`))
	check(rec, rec.Body.Bytes(), 422, "/components/schemas/Error")
	rec = e.call("PATCH", valuesPath, tok, []byte(`{"values": [{"key": "x"}]}`))
	check(rec, rec.Body.Bytes(), 422, "/components/schemas/Error")
	rec = e.call("PATCH", valuesPath, "", nil)
	check(rec, rec.Body.Bytes(), 401, "/components/schemas/Error")
	rec = e.call("PATCH", valuesPath, tok, nil)
	check(rec, rec.Body.Bytes(), 429, "/components/schemas/Error")
}
