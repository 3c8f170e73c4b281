package storetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// Leiderdorp is the organisation of the fixtures.
func Leiderdorp() *koers.Organisation {
	return &koers.Organisation{Slug: "leiderdorp", Name: "Gemeente Leiderdorp", CBSCode: "GM0547"}
}

func num(f float64) *float64 { return &f }

// Begroting2022 is a small begroting shaped like the reference: a chapter, a
// programme, and sub-programmes 1A and 1C with every kind of block.
func Begroting2022() *koers.Document {
	return &koers.Document{
		Kind: koers.Begroting, Year: 2022, Title: "Beleidsbegroting 2022", Slug: "begroting-2022",
		Pages: []*koers.Page{{
			Kind: koers.Chapter, Title: "Beleidsbegroting", Slug: "beleidsbegroting",
			Children: []*koers.Page{{
				Kind: koers.Programme, Number: "1", Title: "Programma 1: Meedoen in Leiderdorp", Slug: "programma-1",
				Children: []*koers.Page{
					{
						Kind: koers.SubProgramme, Number: "1A", Title: "1A: Gezonde inwoners", Slug: "1a-gezonde-inwoners",
						Indicators: []*koers.Indicator{{Key: "sportdeelname", Number: "1.1", Name: "% inwoners dat wekelijks sport", Unit: koers.Percentage,
							Values: []koers.Value{{Year: 2020, Kind: koers.Realised, Number: num(51.5)}}}},
						Blocks: []koers.Block{{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: []string{"sportdeelname"}}},
					},
					{
						Kind: koers.SubProgramme, Number: "1C", Title: "1C: Ondersteunde inwoners", Slug: "1c-ondersteunde-inwoners",
						SmartGoals: []koers.SmartGoal{
							{Number: "1", Title: "Meer inwoners functioneren zo zelfstandig mogelijk."},
							{Number: "2", Title: "Meer kinderen groeien gezond en veilig op."},
						},
						Activities: []koers.Activity{
							{Number: "1.1", Title: "We verstrekken maatwerkvoorzieningen vanuit de Wmo."},
							{Number: "2.2", Title: "We hebben voldoende aanbod kwalitatief goede gespecialiseerde jeugdhulp."},
							{Number: "2.3", Title: "We organiseren jeugdhulp lokaal.", Footnote: &koers.Footnote{Marker: "*", Text: "Met uitzondering van jeugd en veiligheid."}},
						},
						Indicators: []*koers.Indicator{
							{Key: "wmo-maatwerk", Number: "1.1", Name: "Aantal inwoners met een maatwerkvoorziening Wmo", Unit: koers.Count,
								Direction: koers.AtMost, Definition: "Inwoners met ten minste één maatwerkvoorziening op 31-12.", Source: "Gemeentelijke registratie", Threshold: 10,
								Footnote: &koers.Footnote{Marker: "1", Text: "Telling per 31-12."},
								Values: []koers.Value{
									{Year: 2018, Kind: koers.Realised, Number: num(1992)},
									{Year: 2019, Kind: koers.Realised, Number: num(1350)},
									{Year: 2022, Kind: koers.Budgeted, Number: num(1350)},
								}},
							{Key: "jbt-meldingen", Number: "2.4", Name: "Aantal meldingen JBT", Unit: koers.Count,
								Values: []koers.Value{
									{Year: 2018, Kind: koers.Realised},
									{Year: 2019, Kind: koers.Realised, Number: num(5)},
									{Year: 2022, Kind: koers.Budgeted, Number: num(4)},
								}},
						},
						Blocks: []koers.Block{
							{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
								{Type: koers.Paragraph, Text: "Soms hebben inwoners ondersteuning nodig, zoals uitkeringen of jeugdhulp voor jongeren."},
								{Type: koers.List, Items: []string{"Wmo", "Jeugdwet"}, Ordered: true},
							}},
							{Type: koers.GoalBlock, Heading: "Doel", Text: "Alle Leiderdorpers krijgen passende ondersteuning"},
							{Type: koers.SmartGoalsBlock, Heading: "SMART doel"},
							{Type: koers.ActivitiesBlock, Heading: "Activiteiten 2022"},
							{Type: koers.GoalExplanationsBlock, Heading: "Wat willen we bereiken?", Explanations: []koers.Explanation{
								{Ref: "1", Paragraphs: []string{"We bieden op tijd hulp."}},
							}},
							{Type: koers.ActivityExplanationsBlock, Heading: "Wat gaan we ervoor doen?", Explanations: []koers.Explanation{
								{Ref: "2.2", Heading: "We hebben voldoende aanbod", Paragraphs: []string{"Ieder kind krijgt hulp.", "Tweede alinea."}},
							}},
							{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: []string{"wmo-maatwerk", "jbt-meldingen"}},
						},
					},
				},
			}},
		}},
	}
}

// Burap2020 is a bestuursrapportage reporting deviations on 1C, with
// activity 2.2 worded as in 2020.
func Burap2020() *koers.Document {
	return &koers.Document{
		Kind: koers.Bestuursrapportage, Year: 2020, Sequence: 1, Title: "1ste bestuursrapportage 2020", Slug: "bestuursrapportage-2020-1",
		Pages: []*koers.Page{{
			Kind: koers.Chapter, Title: "Programma's", Slug: "programmas",
			Children: []*koers.Page{{
				Kind: koers.Programme, Number: "1", Title: "Programma 1 : Meedoen in Leiderdorp", Slug: "programma-1",
				Children: []*koers.Page{{
					Kind: koers.SubProgramme, Number: "1C", Title: "1C Ondersteunde inwoners", Slug: "1c-ondersteunde-inwoners",
					SmartGoals: []koers.SmartGoal{
						{Number: "1", Title: "Meer inwoners functioneren zo zelfstandig mogelijk."},
						{Number: "2", Title: "Meer kinderen groeien gezond en veilig op."},
					},
					Activities: []koers.Activity{
						{Number: "2.2", Title: "We stellen voldoende aanbod van kwalitatief goede gespecialiseerde jeugdhulp beschikbaar."},
					},
					Blocks: []koers.Block{
						{Type: koers.GoalBlock, Text: "Alle Leiderdorpers krijgen passende ondersteuning"},
						{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
							{Ref: "1", Paragraphs: []string{"Geen afwijkingen."}},
							{Ref: "2", Paragraphs: []string{"Ondersteuning op afstand."}},
						}},
						{Type: koers.DeviationsBlock, Heading: "Geplande activiteiten 2020", Scope: koers.ScopeActivities, Deviations: []koers.Deviation{
							{Ref: "2.2", Paragraphs: []string{"Het budgetplafond is bereikt. Hiervoor is € 60.000 geraamd."}},
						}},
					},
				}},
			}},
		}},
	}
}

// Bare is a document with one empty chapter.
func Bare(kind koers.DocumentKind, year, seq int) *koers.Document {
	d := &koers.Document{Kind: kind, Year: year, Sequence: seq, Title: fmt.Sprintf("%s %d", kind.Label(), year)}
	d.Slug = d.DefaultSlug()
	d.Pages = []*koers.Page{{Kind: koers.Chapter, Title: "Inleiding", Slug: "inleiding"}}
	return d
}

// compareDocuments returns "" when got and want hold the same content, IDs
// and timestamps aside, and else the first line where their JSON differs.
func compareDocuments(got, want *koers.Document) string {
	a, b := comparable(got), comparable(want)
	if a == b {
		return ""
	}
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			w := "<end>"
			if i < len(bl) {
				w = bl[i]
			}
			return fmt.Sprintf("line %d: got %s, want %s", i+1, strings.TrimSpace(al[i]), strings.TrimSpace(w))
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(al), len(bl))
}

// comparable renders a document as JSON with everything a store assigns
// zeroed.
func comparable(d *koers.Document) string {
	c := *d
	c.ID, c.OrganisationID, c.UpdatedAt = 0, 0, time.Time{}
	c.Pages = zeroIDs(d.Pages)
	b, _ := json.MarshalIndent(c, "", " ")
	return string(b)
}

func zeroIDs(pages []*koers.Page) []*koers.Page {
	var out []*koers.Page
	for _, p := range pages {
		q := *p
		q.ID, q.DocumentID, q.ParentID = 0, 0, 0
		q.SmartGoals = append([]koers.SmartGoal(nil), p.SmartGoals...)
		for i := range q.SmartGoals {
			q.SmartGoals[i].ID = 0
		}
		q.Activities = append([]koers.Activity(nil), p.Activities...)
		for i := range q.Activities {
			q.Activities[i].ID = 0
		}
		q.Indicators = nil
		for _, in := range p.Indicators {
			j := *in
			j.ID, j.PageID = 0, 0
			j.Values = append([]koers.Value(nil), in.Values...)
			for k := range j.Values {
				j.Values[k].DocumentID = 0
			}
			q.Indicators = append(q.Indicators, &j)
		}
		q.Children = zeroIDs(p.Children)
		out = append(out, &q)
	}
	return out
}
