package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
)

// A document's money as a Fiscal Data Package (the Frictionless profile
// OpenSpending uses, and the format of Dutch municipal spending data): a
// zip of one CSV of amounts and a datapackage.json descriptor that types
// its columns and models them as a measure (the amount, in euros) and
// dimensions (programme, taakveld as the functional classification,
// direction, year, version).

// fiscalSuffix ends a document's Fiscal Data Package address:
// /{org}/{doc}.datapackage.zip.
const fiscalSuffix = ".datapackage.zip"

var fiscalColumns = []string{"programme", "programme_title", "taakveld", "taakveld_title", "kind", "direction", "year", "version", "phase", "amount"}

// fiscalPhase is the Fiscal Data Package's budget phase of a version.
var fiscalPhase = map[koers.BudgetVersion]string{
	koers.PrimitiveBudget:   "approved",
	koers.AmendedBudget:     "adjusted",
	koers.Realisation:       "executed",
	koers.MultiYearEstimate: "proposed",
}

// fiscalRows are the amounts of every finance table of doc: one row per
// line and column with an amount, as spent or received.
func fiscalRows(doc *koers.Document) [][]string {
	var rows [][]string
	_ = doc.Walk(func(p *koers.Page) error {
		for _, b := range p.Blocks {
			if b.Type != koers.FinanceTableBlock || b.Finance == nil {
				continue
			}
			for _, l := range b.Finance.Lines {
				programme, title := p.Number, p.Title
				if l.Programme != "" {
					programme, title = l.Programme, ""
				}
				taakveldTitle := ""
				if l.Taakveld != "" {
					taakveldTitle = present.LineLabel(koers.FinanceLine{Taakveld: l.Taakveld}, doc.Year)
				} else {
					taakveldTitle = present.LineLabel(l, doc.Year)
				}
				direction := "revenue"
				if l.Kind.Costs() {
					direction = "expenditure"
				}
				for i, c := range b.Finance.Columns {
					if i >= len(l.Amounts) || l.Amounts[i] == nil {
						continue
					}
					rows = append(rows, []string{csvCell(programme), csvCell(title), l.Taakveld, csvCell(taakveldTitle), string(l.Kind), direction,
						strconv.Itoa(c.Year), string(c.Version), fiscalPhase[c.Version], l.Amounts[i].Decimal()})
				}
			}
		}
		return nil
	})
	return rows
}

// fiscalDescriptor is the datapackage.json of doc's package.
func fiscalDescriptor(org *koers.Organisation, doc *koers.Document, csvName string) map[string]any {
	field := func(name, typ, description string) map[string]any {
		f := map[string]any{"name": name, "type": typ, "description": description}
		if name == "amount" {
			f["decimalChar"] = "."
			f["groupChar"] = ""
		}
		return f
	}
	attr := func(source string) map[string]any { return map[string]any{"source": source} }
	return map[string]any{
		"profile":     "fiscal-data-package",
		"name":        org.Slug + "-" + doc.Slug,
		"title":       org.Name + ": " + doc.Title,
		"countryCode": "NL",
		"granularity": "aggregated",
		"fiscalPeriod": map[string]string{
			"start": strconv.Itoa(doc.Year) + "-01-01",
			"end":   strconv.Itoa(doc.Year) + "-12-31",
		},
		"resources": []any{map[string]any{
			"name":      "financien",
			"path":      csvName,
			"profile":   "tabular-data-resource",
			"format":    "csv",
			"mediatype": "text/csv",
			"encoding":  "utf-8",
			"dialect":   map[string]any{"delimiter": ",", "header": true},
			"schema": map[string]any{"fields": []any{
				field("programme", "string", "Programme or sub-programme number"),
				field("programme_title", "string", "Programme title as published"),
				field("taakveld", "string", "Iv3 taakveld code (functional classification)"),
				field("taakveld_title", "string", "Taakveld code and name in the Iv3 catalogue of the document's year, or the line as printed"),
				field("kind", "string", "lasten, baten, toevoeging (to a reserve) or onttrekking (from a reserve)"),
				field("direction", "string", "expenditure or revenue"),
				field("year", "integer", "Year of the column"),
				field("version", "string", "begroting, begroting_gewijzigd, realisatie or raming"),
				field("phase", "string", "Budget phase: approved, adjusted, executed or proposed"),
				field("amount", "number", "Euros, exact to the cent, as spent or received"),
			}},
		}},
		"model": map[string]any{
			"measures": map[string]any{
				"amount": map[string]any{"source": "amount", "currency": "EUR"},
			},
			"dimensions": map[string]any{
				"programme": map[string]any{"dimensionType": "classification", "primaryKey": []string{"programme"},
					"attributes": map[string]any{"programme": attr("programme"), "programme_title": map[string]any{"source": "programme_title", "labelfor": "programme"}}},
				"functional-classification": map[string]any{"dimensionType": "classification", "classificationType": "functional", "primaryKey": []string{"taakveld"},
					"attributes": map[string]any{"taakveld": attr("taakveld"), "taakveld_title": map[string]any{"source": "taakveld_title", "labelfor": "taakveld"}}},
				"direction": map[string]any{"dimensionType": "other", "primaryKey": []string{"direction"},
					"attributes": map[string]any{"direction": attr("direction"), "kind": attr("kind")}},
				"date": map[string]any{"dimensionType": "datetime", "primaryKey": []string{"year"},
					"attributes": map[string]any{"year": attr("year")}},
				"phase": map[string]any{"dimensionType": "other", "primaryKey": []string{"version"},
					"attributes": map[string]any{"version": attr("version"), "phase": attr("phase")}},
			},
		},
	}
}

// fiscalPackage is doc's Fiscal Data Package as a zip; not found when the
// document has no money.
func (s *Server) fiscalPackage(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, bool, error) {
	full, err := s.pub.Document(ctx, doc.ID, true)
	if err != nil {
		return nil, false, err
	}
	data, err := fiscalZip(org, full)
	if err != nil {
		return nil, false, err
	}
	res := httpcache.New(http.StatusOK, "application/zip", data)
	res.Disposition = `attachment; filename="` + org.Slug + "-" + full.Slug + fiscalSuffix + `"`
	return res, true, nil
}

// fiscalZip writes the package: datapackage.json and the CSV, dated as
// the document, so that the same document gives the same bytes.
func fiscalZip(org *koers.Organisation, doc *koers.Document) ([]byte, error) {
	rows := fiscalRows(doc)
	if len(rows) == 0 {
		return nil, koers.Errorf(koers.ENOTFOUND, "%s heeft geen financiële tabellen.", doc.Title)
	}
	var data bytes.Buffer
	w := csv.NewWriter(&data)
	_ = w.Write(fiscalColumns)
	_ = w.WriteAll(rows)
	csvName := "financien.csv"
	descriptor, err := json.MarshalIndent(fiscalDescriptor(org, doc, csvName), "", "  ")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	for _, f := range []struct {
		name string
		data []byte
	}{{"datapackage.json", append(descriptor, '\n')}, {csvName, data.Bytes()}} {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: doc.UpdatedAt.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
