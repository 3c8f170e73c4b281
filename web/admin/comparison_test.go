package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// TestEditComparisonTable: the redacteur of the Voorbeeldgemeente edits
// the comparison table of programme 1 through its form; what the form
// does not show (the indicator a row feeds) stays. A figure that is not a
// number, or one its indicator cannot take, is refused at the text area.
// A new comparison table can be added.
func TestEditComparisonTable(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("voorbeeldgemeente", "begroting-2024")
	key := pageKeyOf(t, d, "programmas/programma-1-meedoen-en-ondersteuning")
	p := d.Page(key)
	n := blockOf(t, p, koers.ComparisonTableBlock)
	addr := "/beheer/voorbeeldgemeente/concepten/" + itoa(d.ID) + "/paginas/" + itoa(key)
	red := o.signIn("voorbeeldgemeente/redacteur")
	editor := red.do("GET", addr, nil)
	if editor.Code != http.StatusOK {
		t.Fatalf("editor: %d\n%s", editor.Code, editor.Body)
	}
	body := editor.Body.String()
	id := "b" + strconv.Itoa(n) + "-inhoud"
	form := textarea(t, body, id)
	if want := koers.FormatComparisonTable(p.Blocks[n-1].Comparison); form != want {
		t.Fatalf("form\n%q\nwant\n%q", form, want)
	}
	if !strings.Contains(body, `<option value="comparison_table">Vergelijking met andere gemeenten</option>`) {
		t.Error("a comparison table cannot be added")
	}
	// setFigure sets the municipality's figure of a row, below the
	// peildatum line.
	setFigure := func(form, row, cell string) string {
		first, rest, _ := strings.Cut(form, "\n")
		return first + "\n" + setCell(t, rest, "indicator", row, "Gemeente", cell)
	}
	save := func(version int64, text string) *httptest.ResponseRecorder {
		return red.do("POST", addr+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {itoa(version)}, "actie": {"opslaan"},
			"kop": {p.Blocks[n-1].Heading}, "inhoud": {text}})
	}

	// Refused: a figure that is not a number, and a percentage its
	// indicator cannot take (the document's rules).
	for _, tt := range []struct{ row, cell, want string }{
		{"Banen", "veel", `<a href="#` + id + `">Regel 4, kolom Gemeente: &#34;veel&#34; is geen getal`},
		{"Jongeren met jeugdhulp", "120", `<a href="#` + id + `">Het percentage 120 ligt niet tussen 0 en 100.</a>`},
	} {
		rec := save(d.Version, setFigure(form, tt.row, tt.cell))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s %s: %d, want the problem %s\n%s", tt.row, tt.cell, rec.Code, tt.want, rec.Body)
		}
	}

	edited := strings.Replace(setFigure(form, "Banen", "690,5"), "peildatum\t2024-05-01", "peildatum\t1-6-2024", 1)
	if rec := save(d.Version, edited); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", rec.Code, rec.Body)
	}
	after, err := o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := p.Blocks[n-1].Comparison.Clone()
	want.Reference = "2024-06-01"
	want.Rows[1].Value = koers.Number("690.5")
	if got := after.Page(key).Blocks[n-1].Comparison; !reflect.DeepEqual(got, want) {
		t.Errorf("saved\n%#v\nwant\n%#v", got, want)
	}
	if want.Rows[0].Indicator != "jongeren-met-jeugdhulp" {
		t.Errorf("the demo's first row feeds %q", want.Rows[0].Indicator)
	}

	// A new comparison table, at the end of the page.
	rec := red.do("POST", addr+"/blokken", url.Values{"versie": {itoa(after.Version)}, "type": {string(koers.ComparisonTableBlock)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", rec.Code, rec.Body)
	}
	after, err = o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	blocks := after.Page(key).Blocks
	if b := blocks[len(blocks)-1]; b.Type != koers.ComparisonTableBlock ||
		koers.FormatComparisonTable(b.Comparison) != "indicator\teenheid\tperiode\tGemeente\tNederland (NL01)\nNieuwe indicator\t\t2024\tn.n.b.\tn.n.b.\n" {
		t.Errorf("added %#v", b)
	}
}
