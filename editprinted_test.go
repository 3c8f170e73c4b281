package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// printedLayout is a printed layout whose rows give a value of their own
// in the columns "b24" and "doel".
func printedLayout() *koers.PrintedTable {
	return &koers.PrintedTable{RowHeader: "Indicator", Numbering: koers.NumberNone, Cards: true,
		Columns: []koers.PrintedColumn{
			{Key: "w23", Label: "Realisatie 2023", Kind: koers.PrintedRealised, Year: 2023},
			{Key: "b24", Label: "Na 3e wijziging", Group: "Begroting 2024", Kind: koers.PrintedAmended, Year: 2024, Amendment: 3},
			{Key: "doel", Label: "Streefwaarde", Kind: koers.PrintedTarget},
		},
		Rows: []koers.PrintedRow{{Indicator: "leden", Note: "a", Values: []koers.PrintedValue{
			{Column: "b24", Number: ptr(90.0)}, {Column: "doel", Missing: koers.NotationNotYetKnown}}}},
		Legend: []koers.LegendEntry{{Sign: "a", Text: "Noot."}}}
}

func TestFormatPrintedColumns(t *testing.T) {
	want := "rijkop\tIndicator\n" +
		"sleutel\tkop\tgroep\tsoort\tjaar\tperiode\twijziging\n" +
		"w23\tRealisatie 2023\t\trealisatie\t2023\n" +
		"b24\tNa 3e wijziging\tBegroting 2024\tbegroting na wijziging\t2024\t\t3\n" +
		"doel\tStreefwaarde\t\tstreefwaarde\n"
	if got := koers.FormatPrintedColumns(printedLayout()); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if got := koers.FormatPrintedColumns(nil); got != "" {
		t.Errorf("no layout: %q", got)
	}
}

func TestParsePrintedColumns(t *testing.T) {
	const header = "sleutel\tkop\tgroep\tsoort\tjaar\tperiode\twijziging\n"
	const keep = "b24\tNa 3e wijziging\tBegroting 2024\tbegroting na wijziging\t2024\t\t3\ndoel\tStreefwaarde\t\tstreefwaarde\n"
	p := func(path []any, msg string) koers.Problems { return koers.Problems{{Path: path, Message: msg}} }
	tests := []struct {
		name string
		in   string
		want func(*koers.PrintedTable) // the change to printedLayout
		ps   koers.Problems
	}{
		{"reordered, a new column, keys made, no row header",
			"\r\nSleutel\tKop\tGroep\tSoort\tJaar\tPeriode\tWijziging\r\n" + "doel\tStreefwaarde\t\tStreefwaarde\r\n\tEerste halfjaar\t\twerkelijk\t2024\th1\t\r\n" +
				"b24\tNa 3e wijziging\tBegroting 2024\tna wijziging\t2024\t\t3\n",
			func(t *koers.PrintedTable) {
				t.RowHeader = ""
				t.Columns = []koers.PrintedColumn{t.Columns[2],
					{Key: "eerste-halfjaar", Label: "Eerste halfjaar", Kind: koers.PrintedRealised, Year: 2024, Period: "H1"}, t.Columns[1]}
			}, nil},
		{"a short header", "rijkop\tOmschrijving\nsleutel\tkop\tgroep\tsoort\tjaar\n" + "b24\tB\t\tbegroting na wijziging\t2024\ndoel\tS\t\tstreefwaarde\n", nil,
			p([]any{"printed", 3, "wijziging"}, "Regel 3, kolom wijziging: een begroting na wijziging heeft het nummer van de wijziging, van 1 tot en met 99")},
		{"another header", "kop\tsleutel\tsoort\n", nil,
			p([]any{"printed", 1}, "Regel 1: de kopregel is sleutel, kop, groep, soort, jaar, periode, wijziging (de laatste kolommen mogen weg als ze leeg zijn)")},
		{"empty", "rijkop\tX\n\n", nil, p([]any{"printed"}, "De kolommen ontbreken; de eigen opmaak heeft een kopregel en ten minste één kolom.")},
		{"no columns", header, nil, p([]any{"printed"}, "De tabel heeft geen kolommen; de eigen opmaak heeft er ten minste één.")},
		{"bad cells", header + keep + "x\t\t\tprognose\t20\tQ5\t2\ny\tY\t\trealisatie\n", nil, koers.Problems{
			{Path: []any{"printed", 4, "kop"}, Message: "Regel 4, kolom kop: de kop van de kolom ontbreekt"},
			{Path: []any{"printed", 4, "soort"}, Message: `Regel 4, kolom soort: onbekende soort "prognose"; schrijf realisatie, begroting, primitieve begroting, begroting na wijziging of streefwaarde`},
			{Path: []any{"printed", 4, "jaar"}, Message: `Regel 4, kolom jaar: het jaar "20" ligt niet tussen 1900 en 2200`},
			{Path: []any{"printed", 4, "periode"}, Message: `Regel 4, kolom periode: de periode "Q5" is geen Q1 tot en met Q4, H1, H2 of T1 tot en met T3`},
			{Path: []any{"printed", 4, "wijziging"}, Message: "Regel 4, kolom wijziging: alleen een begroting na wijziging heeft een wijziging"},
			{Path: []any{"printed", 5, "jaar"}, Message: "Regel 5, kolom jaar: een kolom van de soort realisatie heeft een jaar"}}},
		{"a key twice", header + keep + "doel\tNog een\t\tstreefwaarde\n", nil,
			p([]any{"printed", 4, "sleutel"}, `Regel 4, kolom sleutel: de sleutel "doel" staat al op regel 3`)},
		{"a column a row needs", header + "doel\tStreefwaarde\t\tstreefwaarde\n", nil,
			p([]any{"printed"}, `De rij van indicator leden geeft een waarde in de kolom met sleutel "b24"; die kolom kan niet weg.`)},
		{"a row's own number in a stored column", header + "b24\tBegroting 2024\t\tbegroting\t2024\ndoel\tS\t\tstreefwaarde\n", nil,
			p([]any{"printed", 2}, "Regel 2: de rij van indicator leden geeft een eigen getal in deze kolom; een kolom van de realisatie of begroting van een heel jaar toont de waarden van de indicator")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := koers.ParsePrintedColumns(printedLayout(), tt.in)
			if !reflect.DeepEqual(ps, tt.ps) {
				t.Fatalf("problems\n%#v\nwant\n%#v", ps, tt.ps)
			}
			var want *koers.PrintedTable
			if tt.want != nil {
				want = printedLayout()
				tt.want(want)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, want)
			}
		})
	}
	if _, ps := koers.ParsePrintedColumns(nil, header); !reflect.DeepEqual(ps, p([]any{"printed"}, "Dit blok heeft geen eigen opmaak; die komt uit een bundel.")) {
		t.Errorf("no layout: %v", ps)
	}
}
