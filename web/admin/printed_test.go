package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// TestEditPrintedColumns: the indicator table of the Voorbeeldgemeente's
// jaarstukken has a printed layout; its columns are a second text area.
// A column the rows still need cannot go; a new label is saved.
func TestEditPrintedColumns(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("voorbeeldgemeente", "jaarstukken-2024")
	var p *koers.Page
	_ = d.Document.Walk(func(q *koers.Page) error {
		for _, b := range q.Blocks {
			if b.Type == koers.IndicatorTableBlock && b.Printed != nil && p == nil {
				p = q
			}
		}
		return nil
	})
	if p == nil {
		t.Fatal("no printed indicator table in the demo jaarstukken")
	}
	n := blockOf(t, p, koers.IndicatorTableBlock)
	addr := "/beheer/voorbeeldgemeente/concepten/" + itoa(d.ID) + "/paginas/" + itoa(p.ID)
	red := o.signIn("voorbeeldgemeente/redacteur")
	editor := red.do("GET", addr, nil)
	if editor.Code != http.StatusOK {
		t.Fatalf("editor: %d\n%s", editor.Code, editor.Body)
	}
	body := editor.Body.String()
	id := "b" + strconv.Itoa(n)
	table, columns := textarea(t, body, id+"-inhoud"), textarea(t, body, id+"-kolommen")
	if want := koers.FormatPrintedColumns(p.Blocks[n-1].Printed); columns != want {
		t.Fatalf("columns form\n%q\nwant\n%q", columns, want)
	}
	save := func(columns string) (*http.Response, string) {
		rec := red.do("POST", addr+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {itoa(d.Version)}, "actie": {"opslaan"},
			"kop": {p.Blocks[n-1].Heading}, "inhoud": {table}, "kolommen": {columns}})
		res := rec.Result()
		res.Body.Close()
		if rec.Code != http.StatusSeeOther && !strings.Contains(rec.Body.String(), `<a href="#`+id+`-kolommen">`) {
			t.Errorf("the problem is not at the columns:\n%s", rec.Body)
		}
		return res, rec.Body.String()
	}
	// Without the column of the first half-year, whose values the rows give.
	var kept []string
	for _, l := range strings.Split(columns, "\n") {
		if !strings.HasPrefix(l, "h1\t") {
			kept = append(kept, l)
		}
	}
	res, page := save(strings.Join(kept, "\n"))
	if want := `<a href="#` + id + `-kolommen">De rij van indicator wmo-meldingen-binnen-termijn geeft een waarde in de kolom met sleutel &#34;h1&#34;; die kolom kan niet weg.</a>`; res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
		t.Errorf("a column the rows need was removed: %d, want %s", res.StatusCode, want)
	}
	if res, _ := save(strings.Replace(columns, "w23\tRealisatie 2023", "w23\tWerkelijk 2023", 1)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	after, err := o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := p.Blocks[n-1].Printed.Clone()
	want.Columns[0].Label = "Werkelijk 2023"
	if got := koers.FormatPrintedColumns(after.Page(p.ID).Blocks[n-1].Printed); got != koers.FormatPrintedColumns(want) {
		t.Errorf("saved\n%s\nwant\n%s", got, koers.FormatPrintedColumns(want))
	}
}
