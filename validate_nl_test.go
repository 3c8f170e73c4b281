package koers_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// dutchProblems returns the problems of err as "pointer: Dutch message"
// lines.
func dutchProblems(t *testing.T, err error) []string {
	t.Helper()
	var e *koers.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *koers.Error", err)
	}
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.Pointer()+": "+p.Dutch())
	}
	return out
}

func TestValidateDocumentDutch(t *testing.T) {
	tests := []struct {
		name   string
		change func(o *koers.Organisation, d *koers.Document)
		want   []string
	}{
		{"title required", func(o *koers.Organisation, d *koers.Document) { d.Title = "" },
			[]string{`/document/title: Vul de titel in.`}},
		{"slug with a slash", func(o *koers.Organisation, d *koers.Document) { o.Slug = "leider/dorp" },
			[]string{`/organisation/slug: De slug "leider/dorp" bevat een "/"; een slug is één deel van een webadres.`}},
		{"blank area name in a label of two words", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Blocks = append(sub(d).Blocks, koers.Block{Type: koers.ComparisonTableBlock, Comparison: &koers.ComparisonTable{
				Areas: []koers.ComparisonArea{{Name: " "}},
				Rows:  []koers.ComparisonRow{{Name: "Inwoners", Period: "2020-Q5", Value: koers.Number("12"), Areas: []koers.Figure{koers.Missing("?")}}},
			}})
		}, []string{
			`/document/pages/0/children/0/blocks/9/comparison/areas/0/name: De naam van het gebied bestaat alleen uit spaties; vul een tekst in.`,
			`/document/pages/0/children/0/blocks/9/comparison/rows/0/period: De periode "2020-Q5" is geen jaar (2020), halfjaar (2017-H2), kwartaal (2020-Q2) of maand (2021-12).`,
			`/document/pages/0/children/0/blocks/9/comparison/rows/0/areas/0: "?" is geen geldig teken; gebruik "-" (nihil), "." (onbekend of geheim), "n.n.b." (nog niet bekend) of "n.v.t." (niet van toepassing).`,
		}},
		{"SMART goal number with spaces", func(o *koers.Organisation, d *koers.Document) {
			sub(d).SmartGoals[1].Number = " 2"
			sub(d).Blocks[7].Deviations[1].Ref = " 2"
		}, []string{
			`/document/pages/0/children/0/smart_goals/1/number: SMART-doel: het nummer " 2" heeft spaties ervoor of erna; haal die weg.`,
			`/document/pages/0/children/0/activities/0/number: Activiteit 2.2 hoort bij SMART-doel 2, maar dat doel staat niet op de pagina.`,
		}},
		{"reference to a SMART goal not on the page", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[7].Deviations[1].Ref = "7" },
			[]string{`/document/pages/0/children/0/blocks/7/deviations/1/ref: Het SMART-doel "7" staat niet op deze pagina.`}},
		{"value not a number", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[0].Values[0].Number = num(math.Inf(1))
		},
			[]string{`/document/pages/0/children/0/indicators/0/values/0/value: De waarde +Inf is geen getal.`}},
		{"colour without contrast", func(o *koers.Organisation, d *koers.Document) { o.Theme.Colour = "#ffdd00" },
			[]string{`/organisation/theme/colour: Witte tekst op #ffdd00 heeft een contrast van 1.3:1; WCAG AA vraagt minstens 4.5:1. Kies een donkerdere kleur.`}},
		// A logo's problems have no Dutch yet: they stay English.
		{"logo not SVG", func(o *koers.Organisation, d *koers.Document) { o.Theme.Logo = "<png/>" },
			[]string{`/organisation/theme/logo_svg: the logo is not an SVG document: its root element is <png>`}},
		{"finance line twice", func(o *koers.Organisation, d *koers.Document) {
			one := koers.Money(100)
			sub(d).Blocks = append(sub(d).Blocks, koers.Block{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{
				Scale:   1,
				Columns: []koers.FinanceColumn{{Year: 2020, Version: koers.PrimitiveBudget}},
				Lines: []koers.FinanceLine{
					{Kind: koers.Expenses, Programme: "Sociaal domein", Amounts: []*koers.Money{&one}},
					{Kind: koers.Expenses, Programme: "Sociaal domein", Amounts: []*koers.Money{&one}},
				},
			}})
		}, []string{`/document/pages/0/children/0/blocks/9/finance/lines/1: Regel 2 (programma Sociaal domein) is gelijk aan regel 1; voeg ze samen of verwijder er één.`}},
		{"everything at once", func(o *koers.Organisation, d *koers.Document) {
			o.Name = ""
			d.Sequence = 0
			sub(d).Activities[0].Number = "22"
		}, []string{
			`/organisation/name: Vul de naam in.`,
			`/document: Een bestuursrapportage heeft een volgnummer nodig (1 voor de 1ste).`,
			`/document/pages/0/children/0/activities/0/number: Het activiteitnummer "22" noemt geen SMART-doel; het begint met het nummer van het doel en een punt, zoals "2.2" of "I.d.1".`,
			`/document/pages/0/children/0/blocks/5/explanations/0/ref: De activiteit "2.2" staat niet op deze pagina.`,
			`/document/pages/0/children/0/blocks/8/deviations/0/ref: De activiteit "2.2" staat niet op deze pagina.`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, d := validOrg(), validDoc()
			tt.change(o, d)
			got := dutchProblems(t, koers.ValidateDocument(o, d))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMissingDutch(t *testing.T) {
	got := dutchProblems(t, koers.ValidateDocument(nil, nil))
	want := []string{"/organisation: De organisatie ontbreekt.", "/document: Het document ontbreekt."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}

// A problem made outside the domain's rules has no Dutch of its own.
func TestDutchOfOtherProblem(t *testing.T) {
	p := koers.Problem{Path: []any{"rows", 0}, Message: "the export has no figure"}
	if got := p.Dutch(); got != p.Message {
		t.Errorf("Dutch() = %q, want the message %q", got, p.Message)
	}
}

func TestProblemsDutch(t *testing.T) {
	o, d := validOrg(), validDoc()
	d.Title = ""
	sub(d).Title = " "
	sub(d).Number = " 1C"
	var e *koers.Error
	if !errors.As(koers.ValidateDocument(o, d), &e) {
		t.Fatal("want a *koers.Error")
	}
	want := map[string][]string{
		"/document/title":                     {"Vul de titel in."},
		"/document/pages/0/children/0/title":  {"De titel bestaat alleen uit spaties; vul een tekst in."},
		"/document/pages/0/children/0/number": {`Het nummer " 1C" heeft spaties ervoor of erna; haal die weg.`},
	}
	if got := e.Problems.Dutch(); !reflect.DeepEqual(got, want) {
		t.Errorf("Dutch() =\n %q\nwant\n %q", got, want)
	}
	// The English stays as it was.
	if got, want := e.Problems[0].Message, "title is required"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}
