package bundle_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// TestStatusBundle decodes a jaarstukken bundle with its organisation's own
// legend, statuses, free numbering and a sub-heading, and exports it as it
// came.
func TestStatusBundle(t *testing.T) {
	data := mustRead(t, "testdata/status.json")
	org, doc := mustDecode(t, "status.json", data).Domain()
	wantLegend := koers.StatusLegend{{Key: "groen", Label: "Volgens plan", Symbol: "●", Colour: "#2e7d32"},
		{Key: "oranje", Label: "Aandacht nodig", Symbol: "▲", Colour: "#a15c00"}}
	if !reflect.DeepEqual(org.StatusLegend, wantLegend) {
		t.Errorf("legend = %+v", org.StatusLegend)
	}
	p := doc.Pages[0]
	if got := p.Statuses(koers.ScopeActivities); !reflect.DeepEqual(got, map[string]string{"I.d.1 (MD10, IBK BE28)": "oranje"}) {
		t.Errorf("activity statuses = %v", got)
	}
	if el := p.Blocks[0].Content[0]; !reflect.DeepEqual(el, koers.TextElement{Type: koers.SubHeading, Text: "Jeugd"}) {
		t.Errorf("sub-heading = %+v", el)
	}
	var out bytes.Buffer
	if err := bundle.Encode(&out, bundle.FromDomain(org, doc)); err != nil {
		t.Fatal(err)
	}
	if out.String() != string(data) {
		t.Errorf("export differs from the file:\n%s", out.String())
	}
}
