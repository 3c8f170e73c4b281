package koers_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func ptr[T any](v T) *T { return &v }

// formDoc is a document with one sub-programme page with a plan, two
// indicators in an indicator table and an explanation of goal 1, and a
// second page whose indicator has the key "bezoekers".
func formDoc() (*koers.Document, *koers.Page) {
	p := &koers.Page{ID: 1, Kind: koers.SubProgramme, Number: "1A", Title: "1A: Jeugd", Slug: "1a-jeugd",
		SmartGoals: []koers.SmartGoal{{ID: 7, Number: "1", Title: "Gezond opgroeien."}, {Number: "2", Title: "Veilig opgroeien."}},
		Activities: []koers.Activity{{ID: 8, Number: "1.1", Title: "Sport."}, {Number: "2.1", Title: "Toezicht.", Footnote: &koers.Footnote{Marker: "*", Text: "Met de politie."}}},
		Indicators: []*koers.Indicator{
			{ID: 11, Key: "leden", Number: "1.1", Name: "Leden van sportclubs", Unit: koers.Count, Values: []koers.Value{
				{Year: 2021, Kind: koers.Realised, Number: ptr(1992.0), DocumentID: 3}, {Year: 2022, Kind: koers.Budgeted}}},
			{ID: 12, Key: "kosten", Number: "2.1", Name: "Kosten toezicht", Unit: koers.Amount, Values: []koers.Value{
				{Year: 2022, Kind: koers.Budgeted, Amount: ptr(koers.Money(6000000))}}},
		},
		Blocks: []koers.Block{
			{Type: koers.SmartGoalsBlock},
			{Type: koers.ActivitiesBlock},
			{Type: koers.GoalExplanationsBlock, Explanations: []koers.Explanation{{Ref: "1", Paragraphs: []string{"Uitleg."}}}},
			{Type: koers.IndicatorTableBlock, Indicators: []string{"leden", "kosten"}},
		}}
	other := &koers.Page{ID: 2, Kind: koers.PlainPage, Number: "2", Title: "Cultuur", Slug: "cultuur",
		Indicators: []*koers.Indicator{{Key: "bezoekers", Number: "1", Name: "Bezoekers", Unit: koers.Count}},
		Blocks:     []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"bezoekers"}}}}
	doc := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022", Slug: "begroting-2022", Pages: []*koers.Page{p, other}}
	doc.SetPaths()
	return doc, p
}

var formOrg = &koers.Organisation{Slug: "o", Name: "O"}

func TestFormDocValid(t *testing.T) {
	doc, _ := formDoc()
	if err := koers.ValidateDocument(formOrg, doc); err != nil {
		t.Fatal(err)
	}
}

func TestParseSmartGoals(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []koers.SmartGoal
		ps   koers.Problems
	}{
		{"tabs and spaces, ids kept", "1\tGezond.\r\n2 Veilig.\r\n\r\nI.a\tAnders genummerd.\t\n",
			[]koers.SmartGoal{{ID: 7, Number: "1", Title: "Gezond."}, {Number: "2", Title: "Veilig."}, {Number: "I.a", Title: "Anders genummerd."}}, nil},
		{"number with spaces after a tab", "1\tA.\n2\tB.\nI.d.1 (MD10)\tC.",
			[]koers.SmartGoal{{ID: 7, Number: "1", Title: "A."}, {Number: "2", Title: "B."}, {Number: "I.d.1 (MD10)", Title: "C."}}, nil},
		{"twice", "1 A.\n2 B.\n1 C.", nil, koers.Problems{{Path: []any{"smart_goals", 3}, Message: "Regel 3: SMART-doel 1 staat al op regel 1"}}},
		{"no title", "1 A.\n2", nil, koers.Problems{{Path: []any{"smart_goals", 2}, Message: "Regel 2: SMART-doel 2 heeft geen titel"}}},
		{"three columns", "1\tA.\tB.", nil, koers.Problems{{Path: []any{"smart_goals", 1}, Message: "Regel 1: een SMART-doel heeft twee kolommen (nummer en titel), deze regel heeft er 3"}}},
		{"a goal the plan needs", "1 A.", nil, koers.Problems{{Path: []any{"smart_goals"}, Message: "Activiteit 2.1 hoort bij SMART-doel 2; verwijder of hernummer eerst die activiteit."}}},
		{"a goal an explanation needs", "2 B.\n3 C.", nil, koers.Problems{
			{Path: []any{"smart_goals"}, Message: "Activiteit 1.1 hoort bij SMART-doel 1; verwijder of hernummer eerst die activiteit."},
			{Path: []any{"smart_goals"}, Message: "Blok 3 gaat over SMART-doel 1; verwijder eerst dat deel van het blok."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p := formDoc()
			got, ps := koers.ParseSmartGoals(p, tt.in)
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(ps, tt.ps) {
				t.Errorf("got %#v, %#v\nwant %#v, %#v", got, ps, tt.want, tt.ps)
			}
		})
	}
}

func TestParseActivities(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []koers.Activity
		ps   koers.Problems
	}{
		{"footnotes and ids", "1.1\tSport.\n2.1\tToezicht.\t1\tZie bijlage.\t\n1.2 Meer sport.",
			[]koers.Activity{{ID: 8, Number: "1.1", Title: "Sport."}, {Number: "2.1", Title: "Toezicht.", Footnote: &koers.Footnote{Marker: "1", Text: "Zie bijlage."}}, {Number: "1.2", Title: "Meer sport."}}, nil},
		{"no goal in the number", "1.1 A.\n2.1 B.\n3 C.", nil, koers.Problems{{Path: []any{"activities", 3}, Message: `Regel 3: het nummer "3" noemt geen SMART-doel; het begint met het nummer van het doel en een punt, zoals 2.1`}}},
		{"a goal the page lacks", "1.1 A.\n2.1 B.\n3.1 C.", nil, koers.Problems{{Path: []any{"activities", 3}, Message: "Regel 3: activiteit 3.1 hoort bij SMART-doel 3, dat deze pagina niet heeft"}}},
		{"three columns", "1.1\tA.\t*", nil, koers.Problems{{Path: []any{"activities", 1}, Message: "Regel 1: een activiteit heeft twee kolommen (nummer en titel) of vier (met voetnootteken en voetnoot), deze regel heeft er 3"}}},
		{"a marker without text", "1.1\tA.\t*\t \t\n2.1 B.", nil, koers.Problems{{Path: []any{"activities", 1}, Message: "Regel 1: een activiteit heeft twee kolommen (nummer en titel) of vier (met voetnootteken en voetnoot), deze regel heeft er 3"}}},
		{"twice", "1.1 A.\n1.1 B.", nil, koers.Problems{{Path: []any{"activities", 2}, Message: "Regel 2: activiteit 1.1 staat al op regel 1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p := formDoc()
			got, ps := koers.ParseActivities(p, tt.in)
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(ps, tt.ps) {
				t.Errorf("got %#v, %#v\nwant %#v, %#v", got, ps, tt.want, tt.ps)
			}
		})
	}
}

func TestParseParagraphs(t *testing.T) {
	got := koers.ParseParagraphs("Een\r\ntwee.\r\n\r\n\r\n  Drie.  \n")
	if want := []string{"Een twee.", "Drie."}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestParseExplanationsAndDeviations(t *testing.T) {
	_, p := formDoc()
	got, ps := koers.ParseExplanations(p, koers.GoalExplanationsBlock, []koers.RefForm{
		{Ref: "1", Heading: " Eigen kop ", Text: "Een.\n\nTwee."}, {Ref: "2"}})
	if want := []koers.Explanation{{Ref: "1", Heading: "Eigen kop", Paragraphs: []string{"Een.", "Twee."}}}; ps != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, %v", got, ps)
	}
	_, ps = koers.ParseExplanations(p, koers.ActivityExplanationsBlock, []koers.RefForm{
		{Ref: "1.1", Heading: "Kop"}, {Ref: "9.9", Text: "x"}, {Ref: "2.1", Text: "a"}, {Ref: "2.1", Text: "b"}})
	want := koers.Problems{
		{Path: []any{"explanations", 0, "paragraphs"}, Message: "De tekst bij activiteit 1.1 ontbreekt."},
		{Path: []any{"explanations", 1, "ref"}, Message: `Deze pagina heeft geen activiteit "9.9".`},
		{Path: []any{"explanations", 3, "ref"}, Message: "Over activiteit 2.1 gaat al een ander deel van dit blok."},
	}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("problems %#v\nwant %#v", ps, want)
	}
	devs, ps := koers.ParseDeviations(p, koers.ScopeSmartGoals, koers.DefaultStatusLegend, []koers.RefForm{{Ref: "1", Status: "onbekend", Text: "x"}})
	want = koers.Problems{{Path: []any{"deviations", 0, "status"}, Message: `De status "onbekend" staat niet in de legenda.`}}
	if devs != nil || !reflect.DeepEqual(ps, want) {
		t.Errorf("deviations %#v, %#v\nwant %#v", devs, ps, want)
	}
}

func TestParseIndicatorTable(t *testing.T) {
	header := "sleutel\tnummer\tnaam\teenheid\t2021 realisatie\t2022 streefwaarde\n"
	tests := []struct {
		name string
		in   string
		ps   koers.Problems
		keys []string
		page []string // the page's indicators after the change, each as key and values
	}{
		{
			name: "as formatted, with Excel's line endings and trailing tabs",
			in:   strings.ReplaceAll(header+"leden\t1.1\tLeden van sportclubs\taantal\t1.992\tnnb\t\t\nkosten\t2.1\tKosten toezicht\tbedrag\t\t€ 60.000\t\n", "\n", "\r\n"),
			keys: []string{"leden", "kosten"},
			page: []string{"leden#11 2021realised=1.992 2022budgeted=nnb", "kosten#12 2022budgeted=€ 60.000"},
		},
		{
			name: "a new row gets a key from its name; a dropped one leaves the page",
			in:   "nummer\tnaam\teenheid\t2020 (w)\n1.1\tSport & spel\tpercentage\t11,6%\n",
			keys: []string{"sport-spel"},
			page: []string{"sport-spel#0 2020realised=11,6%"},
		},
		{
			name: "unknown column",
			in:   "sleutel\tnummer\tnaam\teenheid\tkleur\nleden\t1.1\tLeden\taantal\trood\n",
			ps:   koers.Problems{{Path: []any{"indicators", 1, "kleur"}, Message: `Regel 1, kolom kleur: onbekende kolom; gebruik sleutel, nummer, naam, eenheid, richting, bron, definitie, drempel, voetnootteken, voetnoot, of een jaar met realisatie of streefwaarde, zoals "2022 realisatie"`}},
		},
		{
			name: "unknown kind of value",
			in:   "nummer\tnaam\teenheid\t2019 prognose\n",
			ps:   koers.Problems{{Path: []any{"indicators", 1, "2019 prognose"}, Message: `Regel 1, kolom 2019 prognose: onbekende soort waarde "prognose"; schrijf realisatie of streefwaarde na het jaar`}},
		},
		{
			name: "a required column missing",
			in:   "sleutel\tnummer\teenheid\nleden\t1.1\taantal\n",
			ps:   koers.Problems{{Path: []any{"indicators", 1}, Message: `Regel 1: de kopregel mist de kolom "naam"`}},
		},
		{
			name: "bad numbers",
			in: header + "leden\t1.1\tLeden\taantal\t1.5\t12%\n" +
				"kosten\t2.1\tKosten\tbedrag\t€ 1,234\t\n" +
				"pct\t1.1\tAandeel\tpercentage\t101\t\n",
			ps: koers.Problems{
				{Path: []any{"indicators", 2, "2021 realisatie"}, Message: `Regel 2, kolom 2021 realisatie: "1.5" is geen getal; schrijf het zoals 1.992, 11,6% of € 60.000, of nnb als het nog niet bekend is`},
				{Path: []any{"indicators", 2, "2022 streefwaarde"}, Message: `Regel 2, kolom 2022 streefwaarde: "12%" is een percentage, maar de eenheid is aantal`},
				{Path: []any{"indicators", 3, "2021 realisatie"}, Message: `Regel 3, kolom 2021 realisatie: "€ 1,234" is geen bedrag in hele centen tot € 1.000.000.000.000`},
				{Path: []any{"indicators", 4, "2021 realisatie"}, Message: `Regel 4, kolom 2021 realisatie: het percentage "101" ligt niet tussen 0 en 100`},
			},
		},
		{
			name: "unknown unit",
			in:   header + "leden\t1.1\tLeden\tstuks\t1\t\n",
			ps:   koers.Problems{{Path: []any{"indicators", 2, "eenheid"}, Message: `Regel 2, kolom eenheid: onbekende eenheid "stuks"; schrijf aantal, percentage of bedrag`}},
		},
		{
			name: "duplicate key and a key of another page",
			in:   header + "leden\t1.1\tLeden\taantal\t\t\nleden\t1.1\tLeden\taantal\t\t\nbezoekers\t1.1\tBezoekers\taantal\t\t\n",
			ps: koers.Problems{
				{Path: []any{"indicators", 3, "sleutel"}, Message: `Regel 3, kolom sleutel: de sleutel "leden" staat al op regel 2`},
				{Path: []any{"indicators", 4, "sleutel"}, Message: `Regel 4, kolom sleutel: de sleutel "bezoekers" hoort al bij een indicator op de pagina "Cultuur"`},
			},
		},
		{
			name: "ragged row",
			in:   header + "leden\t1.1\tLeden\taantal\t1\t2\t3\n",
			ps:   koers.Problems{{Path: []any{"indicators", 2}, Message: "Regel 2: deze regel heeft 7 kolommen en de kopregel 6"}},
		},
		{
			name: "a footnote half given",
			in:   "nummer\tnaam\teenheid\tvoetnootteken\n1.1\tLeden\taantal\t*\n",
			ps:   koers.Problems{{Path: []any{"indicators", 2}, Message: "Regel 2: een voetnoot heeft een teken (kolom voetnootteken) en een tekst (kolom voetnoot)"}},
		},
		{
			name: "only a header",
			in:   header,
			ps:   koers.Problems{{Path: []any{"indicators"}, Message: "De tabel heeft geen indicatoren; een indicatorentabel heeft er ten minste één."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, p := formDoc()
			change, ps := koers.ParseIndicatorTable(doc, p, 3, tt.in)
			if !reflect.DeepEqual(ps, tt.ps) {
				t.Fatalf("problems %#v\nwant %#v", ps, tt.ps)
			}
			if ps != nil {
				return
			}
			change.Apply(p, 3)
			if !reflect.DeepEqual(p.Blocks[3].Indicators, tt.keys) {
				t.Errorf("keys %q; want %q", p.Blocks[3].Indicators, tt.keys)
			}
			var page []string
			for _, in := range p.Indicators {
				s := in.Key + "#" + itoa(in.ID)
				for _, v := range in.Values {
					s += " " + itoa(int64(v.Year)) + string(v.Kind) + "=" + in.Display(v)
				}
				page = append(page, s)
			}
			if !reflect.DeepEqual(page, tt.page) {
				t.Errorf("page %q; want %q", page, tt.page)
			}
			if got := p.Indicators[0].Values; p.Indicators[0].Key == "leden" && got[0].DocumentID != 3 {
				t.Errorf("a kept value lost its document: %+v", got[0])
			}
			if err := koers.ValidateDocument(formOrg, doc); err != nil {
				t.Errorf("after the change: %v", err)
			}
		})
	}
}

func TestParseFinanceTable(t *testing.T) {
	header := "soort\ttaakveld\tprogramma\tomschrijving\tRealisatie 2020\tBegroting 2021 na 2e wijziging | Na wijziging\n"
	tests := []struct {
		name string
		in   string
		want *koers.FinanceTable
		ps   koers.Problems
	}{
		{
			name: "scale, lines and a total, Windows line endings",
			in:   strings.ReplaceAll("schaal\t1.000\n"+header+"lasten\t0.1\t\t\t1.234.567\t-\nbaten\t\t1A\t\t€ 10,50\t\t\ntoevoeging\t\t\tReserve\t5\t\ntotaal lasten\t\t\t\t1.234.567\t\n", "\n", "\r\n"),
			want: &koers.FinanceTable{Scale: 1000,
				Columns: []koers.FinanceColumn{{Year: 2020, Version: koers.Realisation}, {Year: 2021, Version: koers.AmendedBudget, Amendment: 2, Label: "Na wijziging"}},
				Lines: []koers.FinanceLine{
					{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{ptr(koers.Money(123456700)), nil}},
					{Kind: koers.Income, Programme: "1A", Amounts: []*koers.Money{ptr(koers.Money(1050)), nil}},
					{Kind: koers.ToReserve, Label: "Reserve", Amounts: []*koers.Money{ptr(koers.Money(500)), nil}},
				},
				Given: []koers.FinanceTotal{{Kind: koers.TotalExpenses, Amounts: []*koers.Money{ptr(koers.Money(123456700)), nil}}}},
		},
		{
			name: "bad header",
			in:   "soort\tomschrijving\tBegroting 2021\n",
			ps:   koers.Problems{{Path: []any{"finance", 1}, Message: `Regel 1: de kopregel begint met soort, taakveld, programma, omschrijving en daarna ten minste één kolom met bedragen, zoals "Begroting 2022"`}},
		},
		{
			name: "unknown column",
			in:   "soort\ttaakveld\tprogramma\tomschrijving\tPrognose 2021\n",
			ps:   koers.Problems{{Path: []any{"finance", 1, "Prognose 2021"}, Message: "Regel 1, kolom Prognose 2021: onbekende kolom; schrijf bijvoorbeeld Realisatie 2020, Begroting 2022, Begroting 2022 na wijziging, Begroting 2022 na 3e wijziging of Raming 2023"}},
		},
		{
			name: "bad lines",
			in: header + "kosten\t\t\tX\t1\t\n" +
				"lasten\t0.1\t1A\t\t1\t\n" +
				"lasten\t\t\tX\t1,234\t\n" +
				"lasten\t99.9\t\t\t1\t\n" +
				"lasten\t\t\tX\t1\t2\t3\n" +
				"lasten\t\t\tY\t1\t\nlasten\t\t\tY\t2\t\n" +
				"totaal lasten\t\t\t\t1\t\n",
			ps: koers.Problems{
				{Path: []any{"finance", 2, "soort"}, Message: `Regel 2, kolom soort: onbekende soort "kosten"; schrijf lasten, baten, toevoeging, onttrekking of een totaal zoals totaal lasten`},
				{Path: []any{"finance", 3}, Message: "Regel 3: een regel is een taakveld of een programma, niet allebei"},
				{Path: []any{"finance", 4, "Realisatie 2020"}, Message: `Regel 4, kolom Realisatie 2020: "1,234" is geen bedrag; schrijf het in euro zoals 1.234.567 of 1.234,50, of laat de cel leeg`},
				{Path: []any{"finance", 5, "taakveld"}, Message: `Regel 5, kolom taakveld: "99.9" is geen taakveld van 2022`},
				{Path: []any{"finance", 6}, Message: "Regel 6: deze regel heeft 7 kolommen en de kopregel 6"},
				{Path: []any{"finance", 8}, Message: "Regel 8: deze regel staat al op regel 7"},
			},
		},
		{
			name: "a total that does not add up",
			in:   header + "lasten\t\t\tX\t1\t\ntotaal lasten\t\t\t\t2\t\n",
			ps:   koers.Problems{{Path: []any{"finance", 3, "Realisatie 2020"}, Message: "Regel 3, kolom Realisatie 2020: Totaal lasten is € 2, maar de regels tellen op tot € 1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := koers.ParseFinanceTable(nil, 2022, tt.in)
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(ps, tt.ps) {
				t.Fatalf("got %#v, %#v\nwant %#v, %#v", got, ps, tt.want, tt.ps)
			}
			if got != nil {
				again, ps := koers.ParseFinanceTable(nil, 2022, koers.FormatFinanceTable(got))
				if ps != nil || !reflect.DeepEqual(again, got) {
					t.Errorf("round trip: %#v, %v", again, ps)
				}
			}
		})
	}
}

func TestParseFinanceTableKeepsExplanations(t *testing.T) {
	old := &koers.FinanceTable{Scale: 1,
		Columns:     []koers.FinanceColumn{{Year: 2021, Version: koers.AmendedBudget}, {Year: 2021, Version: koers.Realisation}},
		Differences: []koers.FinanceDifference{{From: 0, To: 1}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Label: "A", Amounts: []*koers.Money{ptr(koers.Money(100)), ptr(koers.Money(200))}},
			{Kind: koers.Expenses, Label: "B", Amounts: []*koers.Money{nil, nil}},
		},
		Explanations: []koers.FinanceExplanation{{Line: 0, Paragraphs: []string{"Meer."}}}}
	// The columns swapped and the lines too: the difference and the
	// toelichting follow them.
	in := "soort\ttaakveld\tprogramma\tomschrijving\tRealisatie 2021\tBegroting 2021 na wijziging\nlasten\t\t\tB\t\t\nlasten\t\t\tA\t2\t1\n"
	got, ps := koers.ParseFinanceTable(old, 2021, in)
	if ps != nil {
		t.Fatal(ps)
	}
	if want := []koers.FinanceDifference{{From: 1, To: 0}}; !reflect.DeepEqual(got.Differences, want) {
		t.Errorf("differences %+v; want %+v", got.Differences, want)
	}
	if want := []koers.FinanceExplanation{{Line: 1, Paragraphs: []string{"Meer."}}}; !reflect.DeepEqual(got.Explanations, want) {
		t.Errorf("explanations %+v; want %+v", got.Explanations, want)
	}
	_, ps = koers.ParseFinanceTable(old, 2021, "soort\ttaakveld\tprogramma\tomschrijving\tRealisatie 2021\nlasten\t\t\tB\t\n")
	want := koers.Problems{
		{Path: []any{"finance"}, Message: `De kolom "Verschil" vergelijkt kolommen die er niet meer zijn; zet ze terug of verwijder eerst dat verschil.`},
		{Path: []any{"finance"}, Message: `Er is een toelichting op de regel lasten "A"; zet die regel terug of verwijder eerst de toelichting.`},
	}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("problems %#v\nwant %#v", ps, want)
	}
}
