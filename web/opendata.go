package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
)

// Open data: every table of the site downloads as CSV and JSON. CSV is
// UTF-8 with a header row, ";" between fields and a decimal comma (as Dutch
// spreadsheets expect); JSON has numbers as numbers. Both publish small
// counts under an indicator's privacy threshold as "<N" without a number.
// See doc/open-data.md.

type valueRecord struct {
	Indicator string   `json:"indicator"`
	Number    string   `json:"number"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Year      int      `json:"year"`
	Kind      string   `json:"kind"`
	Value     *float64 `json:"value"`
	Display   string   `json:"display"`
	Document  string   `json:"document,omitempty"`
	Current   *bool    `json:"current,omitempty"`
}

var valueColumns = []string{"indicator", "number", "name", "unit", "year", "kind", "value", "display", "document", "current"}

func (v valueRecord) row() []string {
	current := ""
	if v.Current != nil {
		current = map[bool]string{true: "ja", false: "nee"}[*v.Current]
	}
	return []string{v.Indicator, v.Number, v.Name, v.Unit, strconv.Itoa(v.Year), v.Kind, koers.CSVNumber(v.Value), v.Display, v.Document, current}
}

func valueOf(in *koers.Indicator, v koers.Value) valueRecord {
	return valueRecord{Indicator: in.Key, Number: in.Number, Name: in.Name, Unit: string(in.Unit), Year: v.Year,
		Kind: string(v.Kind), Value: in.Public(v), Display: in.Display(v)}
}

// table writes rows as CSV, or records as JSON, as a download.
func table(format, filename string, columns []string, rows [][]string, records any) (*httpcache.Response, bool, error) {
	var res *httpcache.Response
	if format == "csv" {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = ';'
		_ = w.Write(columns)
		for _, row := range rows {
			safe := make([]string, len(row))
			for i, cell := range row {
				safe[i] = csvCell(cell)
			}
			_ = w.Write(safe)
		}
		w.Flush()
		res = httpcache.New(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	} else {
		b, err := json.MarshalIndent(records, "", "  ")
		if err != nil {
			return nil, false, err
		}
		res = httpcache.New(http.StatusOK, "application/json", append(b, '\n'))
	}
	res.Disposition = `attachment; filename="` + filename + "." + format + `"`
	return res, true, nil
}

// plainNumber is a number as koers writes one in CSV or shows it: a sign,
// digits, separators, maybe a percent sign.
var plainNumber = regexp.MustCompile(`^[-+]?[0-9][0-9.,]*%?$`)

// csvCell neutralises a cell that a spreadsheet would take for a formula:
// one that starts with "=", "+", "-", "@", a tab or a carriage return gets
// a "'" in front, unless it is a plain number ("-4,5"). Text comes from
// bundles and benchmark files: "=HYPERLINK(...)" in a source must reach a
// reader's spreadsheet as text.
func csvCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// seriesData is an indicator through the years, every reported value with
// its document and whether it is the one shown.
func seriesData(s *koers.Series, format string) (*httpcache.Response, bool, error) {
	in := s.Indicator
	records := []valueRecord{}
	var rows [][]string
	for _, r := range s.Reports {
		// As its own document published it: its unit, its privacy
		// threshold.
		rec := valueOf(r.Wording(in), r.Value)
		rec.Document = r.Document.Title
		current := r.Current
		rec.Current = &current
		records = append(records, rec)
		rows = append(rows, rec.row())
	}
	return table(format, in.Key, valueColumns, rows, struct {
		Indicator string        `json:"indicator"`
		Name      string        `json:"name"`
		Values    []valueRecord `json:"values"`
	}{in.Key, in.Name, records})
}

type benchmarkRecord struct {
	Indicator     string  `json:"indicator"`
	Area          string  `json:"area"`
	Period        string  `json:"period"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Source        string  `json:"source"`
	ReferenceDate string  `json:"reference_date"`
}

var benchmarkColumns = []string{"indicator", "area", "period", "value", "unit", "source", "reference_date"}

func benchmarkData(s *koers.Series, format string) (*httpcache.Response, bool, error) {
	records := []benchmarkRecord{}
	var rows [][]string
	for _, b := range s.Benchmarks {
		v := b.Float()
		records = append(records, benchmarkRecord{b.Indicator, b.Area, b.Period, v, string(b.Unit), b.Source, b.ReferenceDate})
		rows = append(rows, []string{b.Indicator, b.Area, b.Period, koers.CSVNumber(&v), string(b.Unit), b.Source, b.ReferenceDate})
	}
	return table(format, s.Indicator.Key+"-vergelijking", benchmarkColumns, rows, records)
}

// pageIndicatorData is a page's indicator table, one row per value.
func pageIndicatorData(p *koers.Page, format string) (*httpcache.Response, bool, error) {
	records := []valueRecord{}
	var rows [][]string
	for _, in := range p.Indicators {
		for _, v := range in.Values {
			rec := valueOf(in, v)
			records = append(records, rec)
			rows = append(rows, rec.row())
		}
	}
	return table(format, p.Slug+"-indicatoren", valueColumns, rows, records)
}

type deviationRecord struct {
	Scope       string `json:"scope"`
	Ref         string `json:"ref"`
	Label       string `json:"label"`
	Text        string `json:"text"`
	Status      string `json:"status,omitempty"`       // the legend's key
	StatusLabel string `json:"status_label,omitempty"` // as the legend names it
}

// pageDeviationData is a page's deviations, one row per goal or activity;
// with status columns when the page reports statuses.
func pageDeviationData(org *koers.Organisation, p *koers.Page, format string) (*httpcache.Response, bool, error) {
	records := []deviationRecord{}
	var rows [][]string
	statuses := false
	legend := org.StatusLegendOrDefault()
	for _, b := range p.Blocks {
		if b.Type != koers.DeviationsBlock {
			continue
		}
		for i, row := range newDeviationTable(p, b, nil).Rows {
			rec := deviationRecord{Scope: string(b.Scope), Ref: row.Ref, Label: row.Label, Text: joinParagraphs(row.Paragraphs)}
			if m := present.Status(legend, b.Deviations[i].Status); m != nil {
				rec.Status, rec.StatusLabel, statuses = m.Key, m.Label, true
			}
			records = append(records, rec)
		}
	}
	columns := []string{"scope", "ref", "label", "text"}
	if statuses {
		columns = append(columns, "status", "status_label")
	}
	for _, rec := range records {
		row := []string{rec.Scope, rec.Ref, rec.Label, rec.Text}
		if statuses {
			row = append(row, rec.Status, rec.StatusLabel)
		}
		rows = append(rows, row)
	}
	return table(format, p.Slug+"-afwijkingen", columns, rows, records)
}

func joinParagraphs(ps []string) string {
	var b bytes.Buffer
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}
