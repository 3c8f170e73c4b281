package koers

import (
	"fmt"
	"strings"
	"testing"
)

func rollNum(f float64) *float64 { return &f }
func rollMoney(m Money) *Money   { return &m }

// rollBegroting is a small begroting of every shape roll-forward meets: an
// introduction without a plan and with two text blocks, a programme with a
// sub-programme two levels down, a programme without sub-programmes, a
// printed indicator table, a finance table with given totals and an
// explanation, and a deviations block a begroting should not have.
func rollBegroting() *Document {
	return &Document{
		ID: 7, OrganisationID: 3, Kind: Begroting, Year: 2022, Title: "Programmabegroting 2022-2025: begroting 2022", Slug: "begroting-2022",
		Pages: []*Page{
			{Kind: PlainPage, Title: "Inleiding", Slug: "inleiding", Blocks: []Block{
				{Type: TextBlock, Heading: "Voorwoord 2022", Content: []TextElement{{Type: Paragraph, Text: "In 2022 doen we veel."}}},
				{Type: TextBlock, Heading: "Leeswijzer", Content: []TextElement{{Type: List, Items: []string{"a", "b"}}}},
			}},
			{Kind: Chapter, Title: "Programma's", Slug: "programmas", Children: []*Page{
				{Kind: Programme, Number: "1", Title: "Programma 1: Zorg", Slug: "programma-1", Children: []*Page{
					{Kind: SubProgramme, Number: "1A", Title: "1A: Wmo", Slug: "1a-wmo",
						SmartGoals: []SmartGoal{{ID: 11, Number: "1", Title: "Inwoners zijn zelfstandig."}},
						Activities: []Activity{{ID: 12, Number: "1.1", Title: "We verstrekken voorzieningen.", Footnote: &Footnote{Marker: "*", Text: "Voetnoot."}}},
						Indicators: []*Indicator{{ID: 13, Key: "wmo", Number: "1.1", Name: "Cliënten Wmo", Unit: Count, Direction: AtMost, Threshold: 10, PageID: 4,
							Values: []Value{
								{Year: 2019, Kind: Realised, Number: rollNum(1200), DocumentID: 7},
								{Year: 2020, Kind: Realised, Number: rollNum(1300), DocumentID: 7},
								{Year: 2021, Kind: Budgeted, Number: rollNum(1250), DocumentID: 7},
								{Year: 2022, Kind: Budgeted, Number: rollNum(1240), DocumentID: 7},
							}}},
						Blocks: []Block{
							{Type: TextBlock, Heading: "Inleiding", Content: []TextElement{{Type: Paragraph, Text: "Tekst."}}},
							{Type: GoalBlock, Heading: "Doel", Text: "Iedereen doet mee."},
							{Type: SmartGoalsBlock, Heading: "SMART doelen"},
							{Type: ActivitiesBlock, Heading: "Activiteiten 2022"},
							{Type: GoalExplanationsBlock, Heading: "Wat willen we bereiken?", Explanations: []Explanation{{Ref: "1", Paragraphs: []string{"Uitleg."}}}},
							{Type: DeviationsBlock, Scope: ScopeSmartGoals, Deviations: []Deviation{{Ref: "1", Paragraphs: []string{"Oud."}}}},
							{Type: IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: []string{"wmo"},
								Printed: &PrintedTable{Columns: []PrintedColumn{{Key: "w2020", Label: "Werkelijk 2020", Kind: PrintedRealised, Year: 2020}}}},
						}},
				}},
				{Kind: Programme, Number: "2", Title: "Programma 2: Wonen", Slug: "programma-2",
					SmartGoals: []SmartGoal{{Number: "1", Title: "Er zijn genoeg woningen."}, {Number: "2", Title: "Wijken zijn schoon."}},
					Activities: []Activity{{Number: "1.1", Title: "We bouwen."}, {Number: "2.1", Title: "We vegen."}},
					Indicators: []*Indicator{{Key: "kosten-vegen", Number: "2.1", Name: "Kosten vegen", Unit: Amount,
						Values: []Value{
							{Year: 2020, Kind: Realised, Amount: rollMoney(150000)},
							{Year: 2021, Kind: Realised},
							{Year: 2022, Kind: Budgeted, Amount: rollMoney(160000)},
						}}},
					Blocks: []Block{
						{Type: IndicatorTableBlock, Indicators: []string{"kosten-vegen"}},
						{Type: FinanceTableBlock, Heading: "Wat mag het kosten?", Finance: &FinanceTable{Scale: 1000,
							Columns: []FinanceColumn{
								{Year: 2021, Version: Realisation, Label: "Rekening 2021"},
								{Year: 2022, Version: PrimitiveBudget},
								{Year: 2023, Version: MultiYearEstimate},
							},
							Differences: []FinanceDifference{{From: 0, To: 1}},
							Lines: []FinanceLine{
								{Kind: Expenses, Label: "Bouwen", Amounts: []*Money{rollMoney(100000), rollMoney(120000), nil}},
								{Kind: Income, Label: "Leges", Amounts: []*Money{rollMoney(30000), rollMoney(35000), rollMoney(36000)}},
							},
							Given:        []FinanceTotal{{Kind: TotalExpenses, Amounts: []*Money{rollMoney(100000), rollMoney(120000), nil}}},
							Explanations: []FinanceExplanation{{Line: 0, Paragraphs: []string{"Meer bouwen."}}},
						}},
					}},
			}},
		},
	}
}

// dumpDocument writes everything roll-forward decides, one fact a line.
func dumpDocument(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d/%d %q %s id=%d org=%d\n", d.Kind, d.Year, d.Sequence, d.Title, d.Slug, d.ID, d.OrganisationID)
	_ = d.Walk(func(p *Page) error {
		fmt.Fprintf(&b, "page %s %s %q %q id=%d pos=%d\n", p.Path, p.Kind, p.Number, p.Title, p.ID, p.Position)
		for _, g := range p.SmartGoals {
			fmt.Fprintf(&b, "  goal %s %q id=%d\n", g.Number, g.Title, g.ID)
		}
		for _, a := range p.Activities {
			fmt.Fprintf(&b, "  activity %s %q footnote=%v id=%d\n", a.Number, a.Title, a.Footnote != nil, a.ID)
		}
		for _, in := range p.Indicators {
			fmt.Fprintf(&b, "  indicator %s %s %q %s %s t=%d id=%d page=%d:", in.Key, in.Number, in.Name, in.Unit, in.Direction, in.Threshold, in.ID, in.PageID)
			for _, v := range in.Values {
				fmt.Fprintf(&b, " %d%s=%s", v.Year, v.Kind.Abbrev(), in.Display(v))
				if v.DocumentID != 0 {
					fmt.Fprintf(&b, "@%d", v.DocumentID)
				}
			}
			b.WriteString("\n")
		}
		for _, bl := range p.Blocks {
			fmt.Fprintf(&b, "  block %s %q", bl.Type, bl.Heading)
			switch bl.Type {
			case TextBlock:
				fmt.Fprintf(&b, " elements=%d", len(bl.Content))
			case GoalBlock:
				fmt.Fprintf(&b, " %q", bl.Text)
			case GoalExplanationsBlock, ActivityExplanationsBlock:
				fmt.Fprintf(&b, " explanations=%d", len(bl.Explanations))
			case IndicatorTableBlock:
				fmt.Fprintf(&b, " %v printed=%v", bl.Indicators, bl.Printed != nil)
			case DeviationsBlock:
				fmt.Fprintf(&b, " %s", bl.Scope)
				for _, dv := range bl.Deviations {
					fmt.Fprintf(&b, " %s%q/%q", dv.Ref, dv.Paragraphs, dv.Status)
				}
			case FinanceTableBlock:
				t := bl.Finance
				fmt.Fprintf(&b, " scale=%d", t.Scale)
				for _, c := range t.Columns {
					fmt.Fprintf(&b, " [%s %d %s]", c.Version, c.Year, c.Title())
				}
				for _, df := range t.Differences {
					fmt.Fprintf(&b, " diff%d-%d", df.From, df.To)
				}
				for _, l := range t.Lines {
					fmt.Fprintf(&b, " %s:%s", l.Kind, l.Label)
					for _, m := range l.Amounts {
						if m == nil {
							b.WriteString(",-")
						} else {
							b.WriteString("," + m.Decimal())
						}
					}
				}
				fmt.Fprintf(&b, " given=%d explained=%d", len(t.Given), len(t.Explanations))
			}
			b.WriteString("\n")
		}
		return nil
	})
	return b.String()
}

func TestRollForward(t *testing.T) {
	org := &Organisation{Slug: "gemeente", Name: "Gemeente", Finance: FinanceSettings{Threshold: 100}}
	report := func(seq int, edit func(d *Document)) *Document {
		d, err := BestuursrapportageFrom(rollBegroting(), seq)
		if err != nil {
			t.Fatal(err)
		}
		d.OrganisationID = 3
		edit(d)
		return d
	}
	tests := []struct {
		name string
		roll func() (*Document, error)
		want string
	}{
		{"next begroting", func() (*Document, error) { return NextBegroting(rollBegroting()) }, `begroting 2023/0 "Programmabegroting 2022-2025: begroting 2023" begroting-2023 id=0 org=0
page inleiding page "" "Inleiding" id=0 pos=0
  block text "Voorwoord 2023" elements=1
  block text "Leeswijzer" elements=1
page programmas chapter "" "Programma's" id=0 pos=1
page programmas/programma-1 programme "1" "Programma 1: Zorg" id=0 pos=0
page programmas/programma-1/1a-wmo subprogramme "1A" "1A: Wmo" id=0 pos=0
  goal 1 "Inwoners zijn zelfstandig." id=0
  activity 1.1 "We verstrekken voorzieningen." footnote=true id=0
  indicator wmo 1.1 "Cliënten Wmo" count at_most t=10 id=0 page=0: 2020w=1.300 2021w=nnb 2022b=1.240 2023b=nnb
  block text "Inleiding" elements=1
  block goal "Doel" "Iedereen doet mee."
  block smart_goals "SMART doelen"
  block activities "Activiteiten 2023"
  block goal_explanations "Wat willen we bereiken?" explanations=1
  block indicator_table "Prestatie-indicatoren" [wmo] printed=false
page programmas/programma-2 programme "2" "Programma 2: Wonen" id=0 pos=1
  goal 1 "Er zijn genoeg woningen." id=0
  goal 2 "Wijken zijn schoon." id=0
  activity 1.1 "We bouwen." footnote=false id=0
  activity 2.1 "We vegen." footnote=false id=0
  indicator kosten-vegen 2.1 "Kosten vegen" amount  t=0 id=0 page=0: 2021w=nnb 2022w=nnb 2023b=nnb
  block indicator_table "" [kosten-vegen] printed=false
  block finance_table "Wat mag het kosten?" scale=1000 [realisatie 2022 Rekening 2022] [begroting 2023 Begroting 2023] [raming 2024 Raming 2024] diff0-1 lasten:Bouwen,-,-,- baten:Leges,-,-,- given=0 explained=0
`},
		{"bestuursrapportage", func() (*Document, error) { return BestuursrapportageFrom(rollBegroting(), 2) }, `bestuursrapportage 2022/2 "2e bestuursrapportage 2022" bestuursrapportage-2022-2 id=0 org=0
page inleiding page "" "Inleiding" id=0 pos=0
page programmas chapter "" "Programma's" id=0 pos=1
page programmas/programma-1 programme "1" "Programma 1: Zorg" id=0 pos=0
page programmas/programma-1/1a-wmo subprogramme "1A" "1A: Wmo" id=0 pos=0
  goal 1 "Inwoners zijn zelfstandig." id=0
  activity 1.1 "We verstrekken voorzieningen." footnote=true id=0
  indicator wmo 1.1 "Cliënten Wmo" count at_most t=10 id=0 page=0: 2022w=nnb 2022b=1.240
  block goal "Doel" "Iedereen doet mee."
  block smart_goals "SMART doelen"
  block activities "Activiteiten 2022"
  block deviations "Afwijkingen SMART doelen" smart_goals 1["[in te vullen]"]/""
  block deviations "Afwijkingen activiteiten" activities 1.1["[in te vullen]"]/""
  block indicator_table "Prestatie-indicatoren" [wmo] printed=false
page programmas/programma-2 programme "2" "Programma 2: Wonen" id=0 pos=1
  goal 1 "Er zijn genoeg woningen." id=0
  goal 2 "Wijken zijn schoon." id=0
  activity 1.1 "We bouwen." footnote=false id=0
  activity 2.1 "We vegen." footnote=false id=0
  indicator kosten-vegen 2.1 "Kosten vegen" amount  t=0 id=0 page=0: 2022w=nnb 2022b=€ 1.600
  block deviations "Afwijkingen SMART doelen" smart_goals 1["[in te vullen]"]/"" 2["[in te vullen]"]/""
  block deviations "Afwijkingen activiteiten" activities 1.1["[in te vullen]"]/"" 2.1["[in te vullen]"]/""
  block indicator_table "" [kosten-vegen] printed=false
`},
		{"jaarstukken with the reports' latest words", func() (*Document, error) {
			reword := func(d *Document) {
				p := d.FindPage("programmas/programma-2")
				p.SmartGoals[1].Title = "Wijken zijn schoon en heel."
				p.Activities[0].Title = "We bouwen 300 woningen."
				p.Indicators[0].Name = "Kosten van vegen"
			}
			first := report(1, reword)
			// The second report words activity 1.1 anew and keeps the rest.
			second := report(2, func(d *Document) {
				reword(d)
				d.FindPage("programmas/programma-2").Activities[0].Title = "We bouwen 250 woningen."
			})
			// Out of order: the sequence decides which words are latest.
			return JaarstukkenFrom(rollBegroting(), []*Document{second, first})
		}, `jaarstukken 2022/0 "Jaarstukken 2022" jaarstukken-2022 id=0 org=0
page inleiding page "" "Inleiding" id=0 pos=0
page programmas chapter "" "Programma's" id=0 pos=1
page programmas/programma-1 programme "1" "Programma 1: Zorg" id=0 pos=0
page programmas/programma-1/1a-wmo subprogramme "1A" "1A: Wmo" id=0 pos=0
  goal 1 "Inwoners zijn zelfstandig." id=0
  activity 1.1 "We verstrekken voorzieningen." footnote=true id=0
  indicator wmo 1.1 "Cliënten Wmo" count at_most t=10 id=0 page=0: 2022w=nnb 2022b=1.240
  block goal "Doel" "Iedereen doet mee."
  block smart_goals "SMART doelen"
  block activities "Activiteiten 2022"
  block deviations "Wat hebben we bereikt?" smart_goals 1["[in te vullen]"]/""
  block deviations "Wat hebben we ervoor gedaan?" activities 1.1["[in te vullen]"]/""
  block indicator_table "Prestatie-indicatoren" [wmo] printed=false
page programmas/programma-2 programme "2" "Programma 2: Wonen" id=0 pos=1
  goal 1 "Er zijn genoeg woningen." id=0
  goal 2 "Wijken zijn schoon en heel." id=0
  activity 1.1 "We bouwen 250 woningen." footnote=false id=0
  activity 2.1 "We vegen." footnote=false id=0
  indicator kosten-vegen 2.1 "Kosten van vegen" amount  t=0 id=0 page=0: 2022w=nnb 2022b=€ 1.600
  block deviations "Wat hebben we bereikt?" smart_goals 1["[in te vullen]"]/"" 2["[in te vullen]"]/""
  block deviations "Wat hebben we ervoor gedaan?" activities 1.1["[in te vullen]"]/"" 2.1["[in te vullen]"]/""
  block indicator_table "" [kosten-vegen] printed=false
  block finance_table "Wat heeft het gekost?" scale=1000 [begroting 2022 Begroting 2022] [begroting_gewijzigd 2022 Begroting 2022 na wijziging] [realisatie 2022 Realisatie 2022] diff1-2 lasten:Bouwen,1200,-,- baten:Leges,350,-,- given=0 explained=0
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.roll()
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpDocument(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if err := ValidateDocument(org, doc); err != nil {
				t.Errorf("does not validate: %v", err)
			}
		})
	}
}

func TestRollForwardLeavesTheSourceAlone(t *testing.T) {
	src := rollBegroting()
	before := dumpDocument(src)
	next, err := NextBegroting(src)
	if err != nil {
		t.Fatal(err)
	}
	// Change everything the copy holds; the source must not follow.
	_ = next.Walk(func(p *Page) error {
		for i := range p.SmartGoals {
			p.SmartGoals[i].Title = "x"
		}
		for _, in := range p.Indicators {
			in.Name = "x"
			for i := range in.Values {
				in.Values[i].Number = rollNum(1)
			}
		}
		for _, b := range p.Blocks {
			for i := range b.Content {
				b.Content[i].Text = "x"
			}
		}
		return nil
	})
	for _, f := range []func(*Document) (*Document, error){
		func(d *Document) (*Document, error) { return BestuursrapportageFrom(d, 1) },
		func(d *Document) (*Document, error) { return JaarstukkenFrom(d, nil) },
	} {
		if _, err := f(src); err != nil {
			t.Fatal(err)
		}
	}
	if after := dumpDocument(src); after != before {
		t.Errorf("the source changed:\n%s\nwas\n%s", after, before)
	}
}

func TestRollForwardRefuses(t *testing.T) {
	begroting := rollBegroting()
	berap, _ := BestuursrapportageFrom(rollBegroting(), 1)
	berap.OrganisationID = 3
	other := *berap
	other.OrganisationID = 4
	late := *berap
	late.Year = 2023
	last := rollBegroting()
	last.Year = MaxYear
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nothing", func() error { _, err := NextBegroting(nil); return err }(), "invalid: Er is geen document om van uit te gaan."},
		{"from a bestuursrapportage", func() error { _, err := NextBegroting(berap); return err }(),
			"invalid: Alleen van een begroting kan een volgend document worden gemaakt; dit is een bestuursrapportage."},
		{"the last year", func() error { _, err := NextBegroting(last); return err }(), "invalid: Het jaar 2200 ligt buiten 1900 tot 2200."},
		{"sequence 0", func() error { _, err := BestuursrapportageFrom(begroting, 0); return err }(),
			"invalid: Het volgnummer van een bestuursrapportage is 1 of hoger, niet 0."},
		{"a begroting as report", func() error { _, err := JaarstukkenFrom(begroting, []*Document{rollBegroting()}); return err }(),
			`invalid: "Programmabegroting 2022-2025: begroting 2022" is geen bestuursrapportage.`},
		{"a report of another year", func() error { _, err := JaarstukkenFrom(begroting, []*Document{&late}); return err }(),
			`invalid: "1e bestuursrapportage 2022" gaat over 2023, niet over 2022.`},
		{"a report of another organisation", func() error { _, err := JaarstukkenFrom(begroting, []*Document{&other}); return err }(),
			`invalid: "1e bestuursrapportage 2022" is van een andere organisatie.`},
		{"a missing report", func() error { _, err := JaarstukkenFrom(begroting, []*Document{nil}); return err }(),
			"invalid: Een bestuursrapportage ontbreekt."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			if got := ErrorCode(tt.err) + ": " + ErrorMessage(tt.err); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNextTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Beleidsbegroting 2022", "Beleidsbegroting 2023"},
		{"Begroting 2022 (herzien)", "Begroting 2023 (herzien)"},
		{"Programmabegroting 2022-2025", "Programmabegroting 2022-2025 2023"},
		{"Begroting 20221", "Begroting 20221 2023"},
		{"Begroting", "Begroting 2023"},
		{"2022: begroting", "2023: begroting"},
		{"Begroting 2022 en meerjarenraming 2022", "Begroting 2023 en meerjarenraming 2023"},
	}
	for _, tt := range tests {
		if got := nextTitle(tt.in, 2022, 2023); got != tt.want {
			t.Errorf("nextTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeviationFilled(t *testing.T) {
	tests := []struct {
		d    Deviation
		want bool
	}{
		{Deviation{Ref: "1", Paragraphs: []string{Unfilled}}, false},
		{Deviation{Ref: "1", Paragraphs: []string{"Geen afwijkingen."}}, true},
		{Deviation{Ref: "1", Paragraphs: []string{Unfilled, "Meer."}}, true},
	}
	for _, tt := range tests {
		if got := tt.d.Filled(); got != tt.want {
			t.Errorf("%+v.Filled() = %v", tt.d, got)
		}
	}
}

func TestRollForwards(t *testing.T) {
	for _, k := range DocumentKinds {
		got := fmt.Sprint(RollForwards(k))
		want := "[]"
		if k == Begroting {
			want = "[begroting bestuursrapportage jaarstukken]"
		}
		if got != want {
			t.Errorf("RollForwards(%s) = %s, want %s", k, got, want)
		}
	}
}

func TestNextTaakvelden(t *testing.T) {
	lines := []FinanceLine{
		{Kind: Expenses, Taakveld: "0.1", Amounts: make([]*Money, 2)},
		{Kind: Expenses, Taakveld: "6.71a", Amounts: make([]*Money, 2)},
		{Kind: Expenses, Taakveld: "6.73a", Amounts: make([]*Money, 2)},
		{Kind: Expenses, Taakveld: "6.74c", Amounts: make([]*Money, 2)},
		{Kind: Income, Taakveld: "6.74c", Amounts: make([]*Money, 2)},
		{Kind: Income, Label: "Reserve", Amounts: make([]*Money, 2)},
	}
	var got []string
	for _, l := range nextTaakvelden(lines, 2025) {
		got = append(got, fmt.Sprintf("%s:%s%s/%d", l.Kind, l.Taakveld, l.Label, len(l.Amounts)))
	}
	want := "lasten:0.1/2 lasten:6.711/2 lasten:6.761/2 lasten:6.762/2 lasten:6.763/2 baten:6.761/2 baten:6.762/2 baten:6.763/2 baten:Reserve/2"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestJaarstukkenUnitChanged: a bestuursrapportage that counts an
// indicator in another unit leaves the begroting's target to give again.
func TestJaarstukkenUnitChanged(t *testing.T) {
	report, err := BestuursrapportageFrom(rollBegroting(), 1)
	if err != nil {
		t.Fatal(err)
	}
	report.OrganisationID = 3
	report.FindPage("programmas/programma-2").Indicators[0].Unit = Count
	doc, err := JaarstukkenFrom(rollBegroting(), []*Document{report})
	if err != nil {
		t.Fatal(err)
	}
	in := doc.FindPage("programmas/programma-2").Indicator("kosten-vegen")
	var got []string
	for _, v := range in.Values {
		got = append(got, fmt.Sprintf("%d%s=%s", v.Year, v.Kind.Abbrev(), in.Display(v)))
	}
	if strings.Join(got, " ") != "2022w=nnb 2022b=nnb" || in.Unit != Count {
		t.Errorf("%s values %v", in.Unit, got)
	}
	if err := ValidateDocument(&Organisation{Slug: "gemeente", Name: "Gemeente"}, doc); err != nil {
		t.Error(err)
	}
}

func TestCheckFilled(t *testing.T) {
	dev := func(ref string, filled bool) Deviation {
		if filled {
			return Deviation{Ref: ref, Paragraphs: []string{"Geen afwijkingen."}}
		}
		return Deviation{Ref: ref, Paragraphs: []string{Unfilled}}
	}
	page := func(title string, devs ...Deviation) *Page {
		return &Page{Title: title, Blocks: []Block{{Type: DeviationsBlock, Deviations: devs}}}
	}
	many := &Document{}
	for i := range 12 {
		many.Pages = append(many.Pages, page(fmt.Sprintf("P%d", i+1), dev("1.1", false)))
	}
	tests := []struct {
		name string
		doc  *Document
		want string
	}{
		{"all filled", &Document{Pages: []*Page{page("1: Veiligheid", dev("1.1", true))}}, ""},
		{"no pages", &Document{}, ""},
		{"one", &Document{Pages: []*Page{page("1: Veiligheid", dev("1.1", true), dev("1.2", false))}},
			"conflict: Vul eerst de toelichting in van de afwijking die nog “[in te vullen]” zegt: pagina “1: Veiligheid” (1.2)."},
		{"nested and several", &Document{Pages: []*Page{{Title: "Programma's", Children: []*Page{
			page("1: Veiligheid", dev("1.1", false), dev("1.2", false)), page("2: Verkeer", dev("2.1", true), dev("2.A", false))}}}},
			"conflict: Vul eerst de toelichting in van de 3 afwijkingen die nog “[in te vullen]” zeggen: pagina “1: Veiligheid” (1.1, 1.2); pagina “2: Verkeer” (2.A)."},
		{"bounded", many,
			"conflict: Vul eerst de toelichting in van de 12 afwijkingen die nog “[in te vullen]” zeggen: pagina “P1” (1.1); pagina “P2” (1.1); pagina “P3” (1.1); pagina “P4” (1.1); pagina “P5” (1.1); pagina “P6” (1.1); pagina “P7” (1.1); pagina “P8” (1.1); pagina “P9” (1.1); pagina “P10” (1.1); en nog 2 pagina's."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFilled(tt.doc)
			got := ""
			if err != nil {
				got = ErrorCode(err) + ": " + ErrorMessage(err)
			}
			if got != tt.want {
				t.Errorf("CheckFilled = %q, want %q", got, tt.want)
			}
		})
	}
}
