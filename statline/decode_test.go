package statline

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func mustPeriod(t testing.TB, key string) Period {
	t.Helper()
	if key == "" {
		return Period{}
	}
	p, err := ParsePeriod(key)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func num(d string) Value                 { return Value{Decimal: d} }
func miss(n Notation, note string) Value { return Value{Missing: n, Note: note} }

func jsonAt(row int, col string) Location { return Location{JSON: true, Row: row, Column: col} }
func csvAt(line int, col string) Location { return Location{Line: line, Column: col} }

// o builds an expected observation.
type o struct {
	region, period, measure string
	dims                    []Dim
	v                       Value
	at                      Location
}

func expand(t testing.TB, os []o) []Observation {
	out := []Observation{}
	for _, x := range os {
		out = append(out, Observation{Region: x.region, Period: mustPeriod(t, x.period), Measure: x.measure, Dims: x.dims, Value: x.v, At: x.at})
	}
	return out
}

func sameObservations(t *testing.T, got, want []Observation) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	n := max(len(got), len(want))
	for i := 0; i < n; i++ {
		var g, w any = "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("observation %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

var (
	totaal   = []Dim{{"Geslacht", "T001038"}}
	mannen   = []Dim{{"Geslacht", "3000"}}
	v4totaal = []Dim{{"BurgerlijkeStaat", "T001019"}, {"Geslacht", "T001038"}, {"Leeftijd", "10000"}}
)

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		file string
		want []o
	}{
		{"v3_typed.json", []o{
			{"NL01", "2019JJ00", "TotaleBevolking_1", totaal, num("17282163"), jsonAt(0, "TotaleBevolking_1")},
			{"NL01", "2019JJ00", "Bevolkingsdichtheid_2", totaal, num("512"), jsonAt(0, "Bevolkingsdichtheid_2")},
			{"NL01", "2019JJ00", "GemiddeldInkomen_3", totaal, num("29.4"), jsonAt(0, "GemiddeldInkomen_3")},
			{"PV28", "2019JJ00", "TotaleBevolking_1", totaal, num("3705625"), jsonAt(1, "TotaleBevolking_1")},
			{"PV28", "2019JJ00", "Bevolkingsdichtheid_2", totaal, num("1347"), jsonAt(1, "Bevolkingsdichtheid_2")},
			{"PV28", "2019JJ00", "GemiddeldInkomen_3", totaal, miss(Null, "null"), jsonAt(1, "GemiddeldInkomen_3")},
			{"GM0547", "2020KW02", "TotaleBevolking_1", mannen, num("13564"), jsonAt(2, "TotaleBevolking_1")},
			{"GM0547", "2020KW02", "Bevolkingsdichtheid_2", mannen, num("2050"), jsonAt(2, "Bevolkingsdichtheid_2")},
			{"GM0547", "2020KW02", "GemiddeldInkomen_3", mannen, num("0.0"), jsonAt(2, "GemiddeldInkomen_3")},
			{"CR17", "2021MM12", "TotaleBevolking_1", totaal, miss(Null, "null"), jsonAt(3, "TotaleBevolking_1")},
			{"CR17", "2021MM12", "Bevolkingsdichtheid_2", totaal, miss(Null, "null"), jsonAt(3, "Bevolkingsdichtheid_2")},
			{"CR17", "2021MM12", "GemiddeldInkomen_3", totaal, miss(Null, "null"), jsonAt(3, "GemiddeldInkomen_3")},
		}},
		// UntypedDataSet: figures as right-aligned text, a text topic
		// (Gemeentenaam_1) and a text dimension-like topic (SoortRegio_2)
		// give no observation, and there is no Perioden.
		{"v3_untyped.json", []o{
			{"GM0547", "", "AantalInwoners_5", nil, num("27197"), jsonAt(0, "AantalInwoners_5")},
			{"GM0547", "", "Mannen_6", nil, num("13308"), jsonAt(0, "Mannen_6")},
			{"GM0547", "", "GemiddeldInkomenPerInwoner_72", nil, num("30.5"), jsonAt(0, "GemiddeldInkomenPerInwoner_72")},
			{"WK054701", "", "AantalInwoners_5", nil, num("3105"), jsonAt(1, "AantalInwoners_5")},
			{"WK054701", "", "Mannen_6", nil, miss(Secret, "x"), jsonAt(1, "Mannen_6")},
			{"WK054701", "", "GemiddeldInkomenPerInwoner_72", nil, miss(Unknown, "."), jsonAt(1, "GemiddeldInkomenPerInwoner_72")},
			{"BU05470101", "", "AantalInwoners_5", nil, miss(Nil, "-"), jsonAt(2, "AantalInwoners_5")},
			{"BU05470101", "", "Mannen_6", nil, miss(Impossible, ""), jsonAt(2, "Mannen_6")},
			{"BU05470101", "", "GemiddeldInkomenPerInwoner_72", nil, num("-0.25"), jsonAt(2, "GemiddeldInkomenPerInwoner_72")},
		}},
		{"v4_observations.json", []o{
			{"NL01", "2019JJ00", "M000352", v4totaal, num("17282163.0"), jsonAt(0, "Value")},
			{"GM0547", "2020KW02", "M000352", v4totaal, num("27197"), jsonAt(1, "Value")},
			{"LD03", "2021MM12", "M000352", []Dim{{"BurgerlijkeStaat", "1050"}, {"Geslacht", "3000"}, {"Leeftijd", "70100"}}, miss(Impossible, "Impossible"), jsonAt(2, "Value")},
			// Id 3 is a text measure (StringValue): no figure.
			{"PV28", "2019JJ00", "M001534", v4totaal, miss(Null, "null"), jsonAt(4, "Value")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, decode := range []struct {
				name string
				f    func(*os.File) ([]Observation, error)
			}{{"DecodeJSON", func(f *os.File) ([]Observation, error) { return DecodeJSON(f) }},
				{"Decode", func(f *os.File) ([]Observation, error) { return Decode(f) }}} {
				f, err := os.Open("testdata/" + tt.file)
				if err != nil {
					t.Fatal(err)
				}
				got, err := decode.f(f)
				f.Close()
				if err != nil {
					t.Fatalf("%s: %v", decode.name, err)
				}
				sameObservations(t, got, expand(t, tt.want))
			}
		})
	}
}

func TestDecodeCSV(t *testing.T) {
	tests := []struct {
		file string
		want []o
	}{
		// BOM, ";", quotes, CRLF, decimal commas and every notation.
		{"keys.csv", []o{
			{"NL01", "2019JJ00", "TotaleBevolking_1", totaal, num("17282163"), csvAt(2, "TotaleBevolking_1")},
			{"NL01", "2019JJ00", "Bevolkingsdichtheid_2", totaal, num("512"), csvAt(2, "Bevolkingsdichtheid_2")},
			{"NL01", "2019JJ00", "GemiddeldInkomen_3", totaal, num("29.4"), csvAt(2, "GemiddeldInkomen_3")},
			{"PV28", "2019JJ00", "TotaleBevolking_1", totaal, num("3705625"), csvAt(3, "TotaleBevolking_1")},
			{"PV28", "2019JJ00", "Bevolkingsdichtheid_2", totaal, num("1347"), csvAt(3, "Bevolkingsdichtheid_2")},
			{"PV28", "2019JJ00", "GemiddeldInkomen_3", totaal, miss(Unknown, "."), csvAt(3, "GemiddeldInkomen_3")},
			{"GM0547", "2020KW02", "TotaleBevolking_1", mannen, num("13564"), csvAt(4, "TotaleBevolking_1")},
			{"GM0547", "2020KW02", "Bevolkingsdichtheid_2", mannen, num("2050"), csvAt(4, "Bevolkingsdichtheid_2")},
			{"GM0547", "2020KW02", "GemiddeldInkomen_3", mannen, num("0.0"), csvAt(4, "GemiddeldInkomen_3")},
			{"CR17", "2021MM12", "TotaleBevolking_1", totaal, miss(Secret, "x"), csvAt(5, "TotaleBevolking_1")},
			{"CR17", "2021MM12", "Bevolkingsdichtheid_2", totaal, miss(Nil, "-"), csvAt(5, "Bevolkingsdichtheid_2")},
			{"CR17", "2021MM12", "GemiddeldInkomen_3", totaal, miss(Impossible, ""), csvAt(5, "GemiddeldInkomen_3")},
		}},
		// v4 Observations written with "," (as the cbsodata4 package does).
		{"observations.csv", []o{
			{"NL01", "2019JJ00", "M000352", totaal, num("17282163"), csvAt(2, "Value")},
			{"GM0547", "2020W101", "M000352", totaal, num("12.30"), csvAt(3, "Value")},
			{"LD03", "2000X000", "M000352", mannen, miss(Impossible, "Impossible"), csvAt(4, "Value")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, decode := range []func(*os.File) ([]Observation, error){
				func(f *os.File) ([]Observation, error) { return DecodeCSV(f) },
				func(f *os.File) ([]Observation, error) { return Decode(f) },
			} {
				f, err := os.Open("testdata/" + tt.file)
				if err != nil {
					t.Fatal(err)
				}
				got, err := decode(f)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				sameObservations(t, got, expand(t, tt.want))
			}
		})
	}
}

// TestDecodeSame holds the JSON and CSV forms of one table to the same
// figures: only where they were found differs.
func TestDecodeSame(t *testing.T) {
	read := func(name string) []Observation {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		obs, err := Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range obs {
			obs[i].At = Location{}
			// JSON null and CSV notations say different things on purpose.
			if obs[i].Value.IsMissing() {
				obs[i].Value = Value{Missing: Null}
			}
		}
		return obs
	}
	sameObservations(t, read("keys.csv"), read("v3_typed.json"))
}

func TestDecodeSmall(t *testing.T) {
	tests := []struct {
		name, in string
		want     []o
	}{
		{"empty value", `{"value": []}`, nil},
		{"header only", "ID;RegioS;Bevolking_1\n", nil},
		{"no region, no period", `{"value":[{"ID":0,"Bevolking_1":1}]}`, []o{{"", "", "Bevolking_1", nil, num("1"), jsonAt(0, "Bevolking_1")}}},
		{"exponent", `{"value":[{"A_1":25E-3}]}`, []o{{"", "", "A_1", nil, num("0.025"), jsonAt(0, "A_1")}}},
		{"english keys", `{"value":[{"Regions":"GM0547  ","Periods":"2019JJ00","Population_1":3}]}`, []o{{"GM0547", "2019JJ00", "Population_1", nil, num("3"), jsonAt(0, "Population_1")}}},
		{"titled region", "\"Regio's\";Perioden;A_1\nGM0547;2019JJ00;1\n", []o{{"GM0547", "2019JJ00", "A_1", nil, num("1"), csvAt(2, "A_1")}}},
		{"leading blank lines", "\n\nRegioS;A_1\nNL01;1\n", []o{{"NL01", "", "A_1", nil, num("1"), csvAt(4, "A_1")}}},
		{"tab", "RegioS\tA_1\nNL01\t+7\n", []o{{"NL01", "", "A_1", nil, num("7"), csvAt(2, "A_1")}}},
		{"day", "Perioden;A_1\n20200229;007\n", []o{{"", "20200229", "A_1", nil, num("7"), csvAt(2, "A_1")}}},
		{"annotation in row", `{"value":[{"@odata.id":{"x":[1]},"A_1":-0}]}`, []o{{"", "", "A_1", nil, num("0"), jsonAt(0, "A_1")}}},
		{"v4 attribute with a figure", `{"value":[{"Measure":"M1","Value":5,"ValueAttribute":"Provisional"}]}`, []o{{"", "", "M1", nil, Value{Decimal: "5", Note: "Provisional"}, jsonAt(0, "Value")}}},
		{"v4 other reason", `{"value":[{"Measure":"M1","Value":null,"ValueAttribute":"Confidential"}]}`, []o{{"", "", "M1", nil, miss(Unknown, "Confidential"), jsonAt(0, "Value")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			sameObservations(t, got, expand(t, tt.want))
		})
	}
}
