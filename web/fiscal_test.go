package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestFiscalDataPackage: a document with money downloads as a zip of a
// descriptor and one CSV; the CSV's amounts are exact and add up to the
// tables' totals; a document without money has none.
func TestFiscalDataPackage(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Jaarstukken, 2023, 0)
	p := doc.Pages[0]
	p.Kind, p.Number, p.Title, p.Slug = koers.Programme, "6", "Programma 6 Sociaal domein", "programma-6"
	cents := func(c koers.Money) *koers.Money { return &c }
	p.Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1000,
		Columns: []koers.FinanceColumn{{Year: 2023, Version: koers.AmendedBudget}, {Year: 2023, Version: koers.Realisation}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "6.71a", Amounts: []*koers.Money{cents(3_400_000_00), cents(3_520_000_01)}},
			{Kind: koers.Income, Taakveld: "6.1", Amounts: []*koers.Money{nil, cents(20_000_10)}},
			{Kind: koers.FromReserve, Label: "=Reserve sociaal domein", Amounts: []*koers.Money{cents(200_000_00), nil}},
		}}}}
	doc.SetPaths()
	site.mustPut(t, storetest.Leiderdorp(), doc)

	res, body := site.get(t, "/leiderdorp/jaarstukken-2023.datapackage.zip")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="leiderdorp-jaarstukken-2023.datapackage.zip"` {
		t.Fatalf("%d %v", res.StatusCode, res.Header)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var names []string
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		files[f.Name] = string(b)
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, []string{"datapackage.json", "financien.csv"}) {
		t.Fatalf("files %v", names)
	}
	wantCSV := "programme,programme_title,taakveld,taakveld_title,kind,direction,year,version,phase,amount\n" +
		"6,Programma 6 Sociaal domein,6.71a,6.71a Hulp bij het huishouden (WMO),lasten,expenditure,2023,begroting_gewijzigd,adjusted,3400000\n" +
		"6,Programma 6 Sociaal domein,6.71a,6.71a Hulp bij het huishouden (WMO),lasten,expenditure,2023,realisatie,executed,3520000.01\n" +
		"6,Programma 6 Sociaal domein,6.1,6.1 Samenkracht en burgerparticipatie,baten,revenue,2023,realisatie,executed,20000.10\n" +
		"6,Programma 6 Sociaal domein,,'=Reserve sociaal domein,onttrekking,revenue,2023,begroting_gewijzigd,adjusted,200000\n"
	if files["financien.csv"] != wantCSV {
		t.Errorf("financien.csv:\n%s\nwant\n%s", files["financien.csv"], wantCSV)
	}
	var d struct {
		Profile      string            `json:"profile"`
		Name         string            `json:"name"`
		FiscalPeriod map[string]string `json:"fiscalPeriod"`
		Resources    []struct {
			Path   string `json:"path"`
			Schema struct {
				Fields []struct{ Name, Type string } `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
		Model struct {
			Measures   map[string]map[string]string `json:"measures"`
			Dimensions map[string]struct {
				DimensionType string                    `json:"dimensionType"`
				Attributes    map[string]map[string]any `json:"attributes"`
			} `json:"dimensions"`
		} `json:"model"`
	}
	if err := json.Unmarshal([]byte(files["datapackage.json"]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Profile != "fiscal-data-package" || d.Name != "leiderdorp-jaarstukken-2023" || d.FiscalPeriod["start"] != "2023-01-01" ||
		len(d.Resources) != 1 || d.Resources[0].Path != "financien.csv" || len(d.Resources[0].Schema.Fields) != len(fiscalColumns) ||
		!reflect.DeepEqual(d.Model.Measures, map[string]map[string]string{"amount": {"source": "amount", "currency": "EUR"}}) {
		t.Errorf("descriptor:\n%s", files["datapackage.json"])
	}
	// Every attribute's source is a column of the resource.
	columns := map[string]string{}
	for _, f := range d.Resources[0].Schema.Fields {
		columns[f.Name] = f.Type
	}
	if columns["amount"] != "number" || columns["year"] != "integer" {
		t.Errorf("column types %v", columns)
	}
	for name, dim := range d.Model.Dimensions {
		for attr, a := range dim.Attributes {
			if _, ok := columns[a["source"].(string)]; !ok {
				t.Errorf("dimension %s attribute %s: source %v is no column", name, attr, a["source"])
			}
		}
	}
	if len(d.Model.Dimensions) != 5 || d.Model.Dimensions["functional-classification"].DimensionType != "classification" {
		t.Errorf("dimensions %+v", d.Model.Dimensions)
	}

	// The whole document on one page links it; a document without money
	// does not.
	full := site.mustDoc(t, "/leiderdorp/jaarstukken-2023.html", http.StatusOK)
	if href := full.Find(`a[href$=".datapackage.zip"]`).AttrOr("href", ""); href != "/leiderdorp/jaarstukken-2023.datapackage.zip" {
		t.Errorf("full document links %q", href)
	}

	// Fetched again, the same bytes.
	if _, again := site.get(t, "/leiderdorp/jaarstukken-2023.datapackage.zip"); again != body {
		t.Error("a second download differs")
	}
	site.mustPut(t, storetest.Leiderdorp(), storetest.Bare(koers.Begroting, 2023, 0))
	if res, _ := site.get(t, "/leiderdorp/begroting-2023.datapackage.zip"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a document without money: %d, want 404", res.StatusCode)
	}
	if n := site.mustDoc(t, "/leiderdorp/begroting-2023.html", http.StatusOK).Find(`a[href$=".datapackage.zip"]`).Length(); n != 0 {
		t.Errorf("a document without money links %d packages", n)
	}
}
