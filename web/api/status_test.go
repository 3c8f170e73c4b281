package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestAPIStatuses: a page's deviations carry their status as the
// organisation's legend names it, sub-headings are text elements of their
// own, and the answer is what openapi.json describes, closed.
func TestAPIStatuses(t *testing.T) {
	site := mustAPI(t)
	org, doc := storetest.Leiderdorp(), storetest.StatusJaarstukken()
	org.StatusLegend = storetest.StatusLegend()
	if err := site.store.PutDocument(context.Background(), org, doc); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/pages/" + itoa(int(doc.Pages[0].ID))
	res, body := site.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(body)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"content":[{"type":"heading","text":"Jeugd"},{"type":"paragraph","text":"Het jaar van de jeugd."}]`,
		`"deviations":[{"ref":"I.a","paragraphs":["Loopt."],"status":{"key":"groen","label":"Volgens plan","symbol":"+","colour":"#2e7d32"}},{"ref":"I.d","paragraphs":["Geen status gegeven."]}]`,
		`"deviations":[{"ref":"I.d.1 (MD10, IBK BE28)","paragraphs":["Wachtlijsten."],"status":{"key":"oranje","label":"Aandacht nodig","symbol":"!","colour":"#a15c00"}}]`,
		`"smart_goals":[{"id":`,
		`"number":"I.a","title":"Inwoners doen mee."}`,
	} {
		if !strings.Contains(compact.String(), want) {
			t.Errorf("page lacks %s:\n%s", want, compact.String())
		}
	}
	schema, err := strictSpec(t).Compile("openapi.json#/paths/" + pointer("/pages/{id}") + "/get/responses/200/content/application~1json/schema")
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("page does not match openapi.json: %v", err)
	}

	// A status the legend no longer has is still named, by its key.
	if got := status(koers.DefaultStatusLegend, "groen"); got == nil || *got != (Status{Key: "groen", Label: "groen", Symbol: "?", Colour: "#595959"}) {
		t.Errorf("unknown status = %+v", got)
	}
	if got := status(koers.DefaultStatusLegend, ""); got != nil {
		t.Errorf("no status = %+v", got)
	}
}
