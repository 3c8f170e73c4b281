package diff

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func num(f float64) *float64 { return &f }

func euros(e int64) *koers.Money { m := koers.Money(e * 100); return &m }

// base is a small begroting: an introduction and two programmes, the
// first with a plan, an indicator table, deviations and a finance table.
func base() *koers.Document {
	p1 := &koers.Page{Kind: koers.Programme, Number: "1", Title: "Programma 1: Meedoen", Slug: "programma-1",
		SmartGoals: []koers.SmartGoal{
			{Number: "1", Title: "Meer inwoners doen mee."},
			{Number: "2", Title: "Minder inwoners in armoede."},
			{Number: "3", Title: "Jongeren groeien veilig op."},
		},
		Activities: []koers.Activity{
			{Number: "1.1", Title: "We openen een buurthuis.", Footnote: &koers.Footnote{Marker: "*", Text: "Onder voorbehoud."}},
			{Number: "2.1", Title: "We voeren de minimaregeling uit."},
		},
		Indicators: []*koers.Indicator{
			{Key: "meedoen", Number: "1.1", Name: "Aandeel inwoners dat meedoet", Unit: koers.Percentage, Values: []koers.Value{
				{Year: 2021, Kind: koers.Realised, Number: num(11.6)}, {Year: 2022, Kind: koers.Budgeted, Number: num(12)}}},
			{Key: "cliënten", Number: "2.1", Name: "Aantal cliënten", Unit: koers.Count, Values: []koers.Value{
				{Year: 2022, Kind: koers.Realised}}},
		},
		Blocks: []koers.Block{
			{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
				{Type: koers.Paragraph, Text: "Wij ondersteunen inwoners."},
				{Type: koers.List, Items: []string{"buurthuis", "bibliotheek"}},
			}},
			{Type: koers.GoalBlock, Heading: "Doel", Text: "Iedereen doet mee."},
			{Type: koers.SmartGoalsBlock, Heading: "SMART doel"},
			{Type: koers.GoalExplanationsBlock, Heading: "Wat willen we bereiken?", Explanations: []koers.Explanation{
				{Ref: "1", Paragraphs: []string{"Meedoen is belangrijk."}}}},
			{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: []string{"meedoen", "cliënten"}},
			{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
				{Ref: "1", Status: "op-schema", Paragraphs: []string{"Geen afwijkingen."}}}},
			{Type: koers.FinanceTableBlock, Heading: "Wat mag het kosten?", Finance: &koers.FinanceTable{Scale: 1,
				Columns: []koers.FinanceColumn{{Year: 2021, Version: koers.Realisation}, {Year: 2022, Version: koers.PrimitiveBudget}},
				Lines: []koers.FinanceLine{
					{Kind: koers.Expenses, Programme: "1", Amounts: []*koers.Money{euros(50000), euros(60000)}},
					{Kind: koers.Income, Label: "Rijksbijdrage", Amounts: []*koers.Money{nil, euros(10000)}},
				}}},
		},
	}
	p2 := &koers.Page{Kind: koers.Programme, Number: "2", Title: "Programma 2: Wonen", Slug: "programma-2",
		Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{{Type: koers.Paragraph, Text: "Wonen in het dorp."}}}}}
	d := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022", Pages: []*koers.Page{
		{Kind: koers.PlainPage, Title: "Inleiding", Slug: "inleiding",
			Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{{Type: koers.Paragraph, Text: "Voor u ligt de begroting."}}}}},
		{Kind: koers.Chapter, Title: "Programma's", Slug: "programmas", Children: []*koers.Page{p1, p2}},
	}}
	d.SetPaths()
	return d
}

func programme(d *koers.Document, n int) *koers.Page { return d.Pages[1].Children[n-1] }

func block(p *koers.Page, t koers.BlockType) *koers.Block {
	for i := range p.Blocks {
		if p.Blocks[i].Type == t {
			return &p.Blocks[i]
		}
	}
	panic("no block " + t)
}

func TestDocuments(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *koers.Document)
		want   string
	}{
		{"identical", func(d *koers.Document) {}, `
document Begroting 2022: Geen wijzigingen
page inleiding same
page programmas same
page programmas/programma-1 same
page programmas/programma-2 same
`},
		{"document title", func(d *koers.Document) { d.Title = "Begroting 2022 (gewijzigd)" }, `
document Begroting 2022{+ (gewijzigd)+}: Geen wijzigingen
page inleiding same
page programmas same
page programmas/programma-1 same
page programmas/programma-2 same
`},
		{"text word by word", func(d *koers.Document) {
			b := block(programme(d, 1), koers.TextBlock)
			b.Content[0].Text = "Wij ondersteunen kwetsbare inwoners."
			b.Content[1].Items = []string{"buurthuis", "sporthal"}
			b.Content = append(b.Content, koers.TextElement{Type: koers.Paragraph, Text: "Nieuw."})
			block(programme(d, 1), koers.GoalBlock).Text = "Iedereen doet volop mee."
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  block text Gewijzigd Inleiding
    paragraph changed Wij ondersteunen {+kwetsbare +}inwoners.
    list changed
      item  Gewijzigd [-bibliotheek-]{+sporthal+}
    paragraph added {+Nieuw.+}
  block goal Gewijzigd Doel
    text Iedereen doet {+volop +}mee.
page programmas/programma-2 same
`},
		{"values", func(d *koers.Document) {
			p := programme(d, 1)
			p.Indicators[0].Values[1].Number = num(11.5)
			p.Indicators[1].Values[0].Number = num(1992)
			p.Indicators[1].Values = append(p.Indicators[1].Values, koers.Value{Year: 2023, Kind: koers.Budgeted, Number: num(2000)})
			p.Indicators[0].Direction = koers.HigherIsBetter
			p.Indicators[0].Definition = "Deelnemers gedeeld door inwoners."
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  indicator meedoen changed 1.1 Aandeel inwoners dat meedoet
    definition {+Deelnemers gedeeld door inwoners.+}
    property Richting: geen → hoger is beter
    value 2022 (b): 12% → 11,5%
  indicator cliënten changed 2.1 Aantal cliënten
    value 2022 (w): nnb → 1.992
    value 2023 (b): geen → 2.000
page programmas/programma-2 same
`},
		{"finance", func(d *koers.Document) {
			f := block(programme(d, 1), koers.FinanceTableBlock).Finance
			f.Lines[0].Amounts[1] = euros(65000)
			f.Lines = append(f.Lines[:1], koers.FinanceLine{Kind: koers.Income, Label: "Subsidie", Amounts: []*koers.Money{euros(1234), nil}})
			f.Columns = append(f.Columns, koers.FinanceColumn{Year: 2023, Version: koers.MultiYearEstimate})
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  block finance_table Gewijzigd Wat mag het kosten?
    column  Toegevoegd {+Raming 2023+}
    row  Gewijzigd Programma 1 (lasten)
      value Begroting 2022: € 60.000 → € 65.000
    row  Verwijderd [-Rijksbijdrage (baten)-]
      value Begroting 2022: € 10.000 → geen
    row  Toegevoegd {+Subsidie (baten)+}
      value Realisatie 2021: geen → € 1.234
page programmas/programma-2 same
`},
		{"goals and activities", func(d *koers.Document) {
			p := programme(d, 1)
			p.SmartGoals = []koers.SmartGoal{p.SmartGoals[2], p.SmartGoals[0], {Number: "4", Title: "Nieuw doel."}}
			p.SmartGoals[1].Title = "Meer inwoners doen actief mee."
			p.Activities[0].Footnote.Text = "Onder voorbehoud van subsidie."
			p.Activities = p.Activities[:1]
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  goal 1 Verplaatst (was 1e, nu 2e) Meer inwoners doen {+actief +}mee.
  goal 2 Verwijderd [-Minder inwoners in armoede.-]
  goal 4 Toegevoegd {+Nieuw doel.+}
  activity 1.1 Gewijzigd We openen een buurthuis.
    note * Onder voorbehoud{+ van subsidie+}.
  activity 2.1 Verwijderd [-We voeren de minimaregeling uit.-]
page programmas/programma-2 same
`},
		{"rows, explanations and deviations", func(d *koers.Document) {
			p := programme(d, 1)
			b := block(p, koers.IndicatorTableBlock)
			b.Indicators = []string{"cliënten", "meedoen"}
			x := block(p, koers.GoalExplanationsBlock)
			x.Explanations = append(x.Explanations, koers.Explanation{Ref: "2", Paragraphs: []string{"Armoede neemt af."}})
			dv := block(p, koers.DeviationsBlock)
			dv.Deviations[0].Status = "achter"
			dv.Deviations[0].Paragraphs = []string{"Vertraging door de bouw."}
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  block goal_explanations Gewijzigd Wat willen we bereiken?
    ref "2" added "2. Minder inwoners in armoede."
      paragraph {+Armoede neemt af.+}
  block indicator_table Gewijzigd Prestatie-indicatoren
    row  Verplaatst (was 1e, nu 2e) 1.1 Aandeel inwoners dat meedoet
  block deviations Gewijzigd
    ref "1" changed "1. Meer inwoners doen mee."
      status Status: op-schema → achter
      paragraph [-Geen afwijkingen-]{+Vertraging door de bouw+}.
page programmas/programma-2 same
`},
		{"pages added, removed, moved, renamed", func(d *koers.Document) {
			ch := d.Pages[1]
			p1, p2 := ch.Children[0], ch.Children[1]
			p2.Title = "Programma 2: Wonen en leven"
			ch.Children = []*koers.Page{p2, p1, {Kind: koers.Programme, Number: "3", Title: "Programma 3: Werk", Slug: "programma-3"}}
			intro := d.Pages[0]
			d.Pages = []*koers.Page{ch}
			p1.Children = []*koers.Page{intro}
			d.SetPaths()
		}, `
document Begroting 2022: 3 pagina's gewijzigd, 1 toegevoegd
page programmas same
page programmas/programma-2 changed Programma 2: Wonen{+ en leven+} renamed
page programmas/programma-1 moved Programma 1: Meedoen moved was 1e, nu 2e
page programmas/programma-1/inleiding moved Inleiding moved was 1e, nu 1e from "" to "Programma 1: Meedoen"
page programmas/programma-3 added {+Programma 3: Werk+}
`},
		{"page removed", func(d *koers.Document) {
			d.Pages[1].Children = d.Pages[1].Children[:1]
		}, `
document Begroting 2022: 1 pagina verwijderd
page inleiding same
page programmas same
page programmas/programma-1 same
page programmas/programma-2 removed [-Programma 2: Wonen-]
  block text Verwijderd
    paragraph removed [-Wonen in het dorp.-]
`},
		{"slug changed, matched by number", func(d *koers.Document) {
			programme(d, 2).Slug = "wonen"
			d.SetPaths()
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 same
page programmas/wonen changed Programma 2: Wonen renamed
  property Adres (slug): programma-2 → wonen
`},
		{"comparison table", func(d *koers.Document) {
			p := programme(d, 2)
			p.Blocks = append(p.Blocks, koers.Block{Type: koers.ComparisonTableBlock, Comparison: &koers.ComparisonTable{
				Areas: []koers.ComparisonArea{{Name: "Nederland"}},
				Rows:  []koers.ComparisonRow{{Name: "Woningen", Period: "2021", Value: koers.Number("1992"), Areas: []koers.Figure{koers.Number("11.5")}}},
			}})
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 same
page programmas/programma-2 changed Programma 2: Wonen
  block comparison_table Toegevoegd
    row  Toegevoegd {+Woningen+}
      value Periode: geen → 2021
      value Gemeente: geen → 1.992
      value Nederland: geen → 11,5
`},
		{"block moved and removed", func(d *koers.Document) {
			p := programme(d, 1)
			p.Blocks = append([]koers.Block{p.Blocks[1], p.Blocks[0]}, p.Blocks[2:5]...)
		}, `
document Begroting 2022: 1 pagina gewijzigd
page inleiding same
page programmas same
page programmas/programma-1 changed Programma 1: Meedoen
  block text Verplaatst (was 1e, nu 2e) Inleiding
  block deviations Verwijderd
    ref "1" removed "1. Meer inwoners doen mee."
      paragraph [-Geen afwijkingen.-]
  block finance_table Verwijderd [-Wat mag het kosten?-]
    row  Verwijderd [-Programma 1 (lasten)-]
      value Realisatie 2021: € 50.000 → geen
      value Begroting 2022: € 60.000 → geen
    row  Verwijderd [-Rijksbijdrage (baten)-]
      value Begroting 2022: € 10.000 → geen
page programmas/programma-2 same
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new := base()
			tt.change(new)
			got := outline(Documents(base(), new))
			if want := strings.TrimPrefix(tt.want, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestPathsUnset: pages without Path (as a tree straight from JSON may
// be) are matched and found by the paths their slugs make.
func TestPathsUnset(t *testing.T) {
	clear := func(d *koers.Document) *koers.Document {
		d.Walk(func(p *koers.Page) error { p.Path = ""; return nil })
		return d
	}
	new := base()
	programme(new, 2).Title = "Programma 2: Wonen en leven"
	d := Documents(clear(base()), clear(new))
	if got, want := d.Summary, (Summary{Changed: 1, Renamed: 1, Same: 3}); got != want {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	if p := d.Page("programmas/programma-2"); p == nil || !p.Renamed {
		t.Errorf("Page(programmas/programma-2) = %+v", p)
	}
	if _, err := d.PageHTML("programmas/programma-2", HTMLOptions{}); err != nil {
		t.Error(err)
	}
	if _, err := d.PageHTML("nergens", HTMLOptions{}); err == nil {
		t.Error("PageHTML of a page in neither version: no error")
	}
}
