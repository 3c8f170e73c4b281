package pdfcheck

import (
	"slices"
	"strings"
	"testing"
)

// pdftotextRaw is what pdftotext -raw gives for the test page: the text in
// drawing order, a line per baseline, a form feed after the page.
const pdftotextRaw = "Kop van de pagina\nTitel\nTekst met een link\nJaar\n2022\n1. Punt\nVoetnoot\nPagina 1 van 1\n\f"

func TestCompareOrder(t *testing.T) {
	base := tagged()
	tests := []struct {
		name string
		objs pdfObjects
		text string
		want string // the divergence's message; "" for none
	}{
		{"same", base, pdftotextRaw, ""},
		{"words split otherwise", base, "Kop van de pagina Titel Tekst\nmet een link Jaar 2022 1.Punt Voet noot Pagina 1 van 1\f", ""},
		{"artifact run into the content", base, "Kop van de paginaTitel\nTekst met een link\nJaar\n2022\n1. Punt\nVoetnootPagina\n1 van 1\f", ""},
		{"word not on the page",
			base, strings.Replace(pdftotextRaw, "Jaar", "Jaar Maand", 1),
			`page 1: pdftotext has "Maand" after "de pagina Titel Tekst met een link Jaar", where the tagged text goes on with "20221.PuntVoetnoot" and no artifact or figure of the page has it next`},
		{"tree order is not the page's",
			base.with(11, "[13 0 R 14 0 R", "[14 0 R 13 0 R"), pdftotextRaw,
			`page 1: pdftotext has "Titel" after "Kop van de pagina", where the tagged text goes on with "TekstmeteenlinkTitelJaar20221.PuntVoetnoot" and no artifact or figure of the page has it next`},
		{"tagged text left over", base, strings.Replace(pdftotextRaw, "Voetnoot\n", "", 1),
			`pdftotext's text ends where the tagged text goes on with "Voetnoot"`},
		{"text cut short", base, "Kop van de pagina\nTitel\nTekst met een link\f",
			`pdftotext's text ends where the tagged text goes on with "Jaar20221.PuntVoetnoot"`},
		{"header text as content", base.withContent(strings.Replace(pageContent, "/Artifact <</Type /Pagination /Subtype /Header>> BDC", "/Span BMC", 1)), pdftotextRaw,
			`page 1: pdftotext has "Kop" after "", where the tagged text goes on with "TitelTekstmeteenlinkJaar20221.PuntVoetnoot" and no artifact or figure of the page has it next`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.objs.compressed())
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if d := CompareOrder(doc, tt.text); d != nil {
				got = d.Message
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestFigureText takes a chart's labels in any order: they are read as the
// figure's Alt.
func TestFigureText(t *testing.T) {
	content := strings.Replace(pageContent, "/Figure <</MCID 4>> BDC 40 600 50 50 re f EMC",
		"/Figure <</MCID 4>> BDC 40 600 50 50 re f BT /F1 8 Tf 1 0 0 1 40 600 Tm "+hex16("2022")+" Tj 1 0 0 1 40 590 Tm "+hex16("10,5%")+" Tj ET EMC", 1)
	doc, err := Read(tagged().withContent(content).classic())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(pdftextFigure, "FIG", "10,5% 2022", 1)
	if d := CompareOrder(doc, text); d != nil {
		t.Error(d)
	}
	if d := CompareOrder(doc, strings.Replace(pdftextFigure, "FIG", "10,5% 2023", 1)); d == nil || d.Word != "2023" {
		t.Errorf("a word the figure lacks: %v", d)
	}
}

const pdftextFigure = "Kop van de pagina\nTitel\nTekst met een link\nJaar\n2022\nFIG\n1. Punt\nVoetnoot\nPagina 1 van 1\n\f"

func TestRoles(t *testing.T) {
	doc, err := Read(tagged().with(11, "25 0 R]", "25 0 R 32 0 R]").classic())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range Roles(doc) {
		got = append(got, r.String())
	}
	want := []string{`H1 "Titel"`, `P "Tekst met een link"`, "Table 2×1, 1 column headers, 0 row headers (1 TH, 1 TD)", `Figure "Grafiek"`, "L 1 items", `Note "Voetnoot"`, "TOC 1 items"}
	if !slices.Equal(got, want) {
		t.Errorf("roles = %q", got)
	}
}

func TestCompareRoles(t *testing.T) {
	a := []Role{{Role: "H1", Level: 1, Text: "Programma 1"}, {Role: "H2", Level: 2, Text: "Inleiding"}, {Role: "P", Text: "x"},
		{Role: "Table", Rows: 3, Cols: 4, ColHeaders: 3, RowHeaders: 2, TH: 5, TD: 8}, {Role: "H2", Level: 2, Text: "Alleen hier"}, {Role: "Figure", Text: "Grafiek"}}
	b := []Role{{Role: "H1", Level: 1, Text: "Gemeente"}, {Role: "H1", Level: 1, Text: "Programma  1"}, {Role: "H3", Level: 3, Text: "inleiding"},
		{Role: "Table", Rows: 3, Cols: 4, ColHeaders: 3, RowHeaders: 2, TH: 5, TD: 8}, {Role: "P", Text: "y"}, {Role: "P", Text: "z"}}
	r := CompareRoles(a, b)
	want := []string{
		`same: H1 "Programma 1"`,
		`level differs: "Inleiding" H2 vs H3`,
		`only in a: H2 "Alleen hier"`,
		`only in b: H1 "Gemeente"`,
		"table 1 same: Table 3×4, 3 column headers, 2 row headers (5 TH, 8 TD) vs Table 3×4, 3 column headers, 2 row headers (5 TH, 8 TD)",
		"count H: 3 vs 3", "count P: 1 vs 2", "count Table: 1 vs 1", "count Figure: 1 vs 0",
	}
	if got := r.Lines(); !slices.Equal(got, want) {
		t.Errorf("lines:\n%s", strings.Join(got, "\n"))
	}
	if r.SameLevels() {
		t.Error("SameLevels with a level that differs")
	}
}
