// Package synth makes synthetic documents for load and benchmarks: a
// begroting of any number of programme pages shaped like Leiderdorp's 1C
// (an introduction, a goal, three SMART goals, eight activities with their
// explanations and a nine-row indicator table; about five A4 pages each).
// The text is made up, deterministic, and reads like Dutch policy prose.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/koers-nl/koers"
)

// Organisation is the publisher of synthetic documents.
func Organisation() *koers.Organisation {
	return &koers.Organisation{Slug: "voorbeeld", Name: "Gemeente Voorbeeld", CBSCode: "GM9999"}
}

// Document returns a begroting with the given number of programme pages
// under one chapter. The same count always gives the same document.
func Document(programmes int) *koers.Document {
	g := &gen{rnd: rand.New(rand.NewPCG(2022, uint64(programmes)))}
	chapter := &koers.Page{Kind: koers.Chapter, Title: "Programma's", Slug: "programmas"}
	for i := 1; i <= programmes; i++ {
		chapter.Children = append(chapter.Children, g.programme(i))
	}
	doc := &koers.Document{Kind: koers.Begroting, Year: 2030, Title: "Begroting 2030", Pages: []*koers.Page{chapter}}
	doc.Slug = doc.DefaultSlug()
	doc.SetPaths()
	return doc
}

type gen struct {
	rnd    *rand.Rand
	theme  []string // in a corpus: the words of the programme's field
	corpus int      // in a corpus: the organisation's number, from 1
}

var words = strings.Fields(`de het een inwoners gemeente ondersteuning zorg jeugd wijk samen
	regio beleid uitvoering budget voorziening aanbod partners onderwijs werk inkomen
	wonen veiligheid kwaliteit toegang team resultaten doelen afspraken monitoring
	versterken organiseren verbeteren realiseren bieden zorgen maken houden blijven
	passende tijdige lokale regionale duurzame sociale gezonde veilige betaalbare
	met voor door naar over binnen tussen zonder tijdens volgens en of maar ook dus
	dat die waar wanneer zodat omdat terwijl hiervoor daarnaast bovendien vooral`)

// sentence is 8 to 22 words, capitalised, with a full stop.
func (g *gen) sentence() string {
	n := 8 + g.rnd.IntN(15)
	w := make([]string, n)
	for i := range w {
		if g.theme != nil {
			w[i] = g.corpusWord()
		} else {
			w[i] = words[g.rnd.IntN(len(words))]
		}
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph(sentences int) string {
	p := make([]string, sentences)
	for i := range p {
		p[i] = g.sentence()
	}
	return strings.Join(p, " ")
}

func (g *gen) title() string {
	s := g.sentence()
	return strings.TrimSuffix(s, ".")
}

func (g *gen) programme(i int) *koers.Page {
	number := fmt.Sprint(i)
	p := &koers.Page{Kind: koers.Programme, Number: number, Title: fmt.Sprintf("Programma %d: %s", i, g.title()), Slug: fmt.Sprintf("programma-%d", i)}
	for goal := 1; goal <= 3; goal++ {
		p.SmartGoals = append(p.SmartGoals, koers.SmartGoal{Number: fmt.Sprint(goal), Title: g.sentence()})
	}
	for _, n := range []string{"1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3"} {
		a := koers.Activity{Number: n, Title: g.sentence()}
		if n == "2.3" {
			a.Footnote = &koers.Footnote{Marker: "*", Text: g.sentence()}
		}
		p.Activities = append(p.Activities, a)
	}
	var keys []string
	for k := 0; k < 9; k++ {
		key := fmt.Sprintf("p%d-indicator-%d", i, k+1)
		unit := koers.Count
		if k%3 == 1 {
			unit = koers.Percentage
		}
		in := &koers.Indicator{Key: key, Number: fmt.Sprintf("%d.%d", k/3+1, k%3+1), Name: g.title(), Unit: unit}
		if k == 2 {
			in.Footnote = &koers.Footnote{Marker: "1", Text: g.sentence()}
		}
		for year := 2026; year <= 2033; year++ {
			kind := koers.Budgeted
			if year <= 2028 {
				kind = koers.Realised
			}
			v := koers.Value{Year: year, Kind: kind}
			if !(k == 5 && year == 2026) { // one known-missing value, like JBT 2018
				n := float64(g.rnd.IntN(2000))
				if unit == koers.Percentage {
					n = float64(g.rnd.IntN(1000)) / 10
				}
				v.Number = &n
			}
			in.Values = append(in.Values, v)
		}
		p.Indicators = append(p.Indicators, in)
		keys = append(keys, key)
	}
	var goalExpl, actExpl []koers.Explanation
	for _, sg := range p.SmartGoals {
		goalExpl = append(goalExpl, koers.Explanation{Ref: sg.Number, Paragraphs: []string{g.paragraph(6)}})
	}
	for _, a := range p.Activities {
		actExpl = append(actExpl, koers.Explanation{Ref: a.Number, Paragraphs: []string{g.paragraph(5), g.paragraph(3)}})
	}
	p.Blocks = []koers.Block{
		{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
			{Type: koers.Paragraph, Text: g.paragraph(6)}, {Type: koers.Paragraph, Text: g.paragraph(5)}}},
		{Type: koers.GoalBlock, Heading: "Doel", Text: g.title()},
		{Type: koers.SmartGoalsBlock, Heading: "SMART doel"},
		{Type: koers.ActivitiesBlock, Heading: "Activiteiten 2030"},
		{Type: koers.GoalExplanationsBlock, Heading: "Wat willen we bereiken?", Explanations: goalExpl},
		{Type: koers.ActivityExplanationsBlock, Heading: "Wat gaan we ervoor doen?", Explanations: actExpl},
		{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: keys},
	}
	return p
}
