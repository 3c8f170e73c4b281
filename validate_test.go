package koers_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func num(f float64) *float64 { return &f }

// validOrg and validDoc pass every rule; each test case breaks one.
func validOrg() *koers.Organisation {
	return &koers.Organisation{Slug: "leiderdorp", Name: "Gemeente Leiderdorp", CBSCode: "GM0547",
		Theme: koers.Theme{Colour: "#1a5a96", Logo: `<svg xmlns="http://www.w3.org/2000/svg"/>`}}
}

func validDoc() *koers.Document {
	return &koers.Document{
		Kind: koers.Bestuursrapportage, Year: 2020, Sequence: 1, Title: "1ste bestuursrapportage 2020", Slug: "bestuursrapportage-2020-1",
		Pages: []*koers.Page{{
			Kind: koers.Chapter, Title: "Programma's", Slug: "programmas",
			Children: []*koers.Page{{
				Kind: koers.SubProgramme, Number: "1C", Title: "1C Ondersteunde inwoners", Slug: "1c-ondersteunde-inwoners",
				SmartGoals: []koers.SmartGoal{{Number: "1", Title: "Meer inwoners functioneren zelfstandig."}, {Number: "2", Title: "Meer kinderen groeien gezond op."}},
				Activities: []koers.Activity{{Number: "2.2", Title: "We stellen jeugdhulp beschikbaar.", Footnote: &koers.Footnote{Marker: "*", Text: "Met uitzondering van jeugd."}}},
				Indicators: []*koers.Indicator{{
					Key: "jeugdhulp", Number: "2.2", Name: "% jongeren met jeugdhulp", Unit: koers.Percentage, Direction: koers.AtMost,
					Definition: "Jongeren tot 18 jaar.", Source: "CBS",
					Values: []koers.Value{{Year: 2019, Kind: koers.Realised, Number: num(11.6)}, {Year: 2020, Kind: koers.Budgeted}},
				}, {
					Key: "meldingen", Number: "2.4", Name: "Aantal meldingen", Unit: koers.Count, Threshold: 10,
					Values: []koers.Value{{Year: 2019, Kind: koers.Realised, Number: num(5)}},
				}},
				Blocks: []koers.Block{
					{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
						{Type: koers.Paragraph, Text: "Soms is ondersteuning nodig."},
						{Type: koers.List, Items: []string{"Wmo", "Jeugdwet"}, Ordered: true},
					}},
					{Type: koers.GoalBlock, Text: "Alle Leiderdorpers krijgen passende ondersteuning"},
					{Type: koers.SmartGoalsBlock},
					{Type: koers.ActivitiesBlock},
					{Type: koers.GoalExplanationsBlock, Explanations: []koers.Explanation{{Ref: "1", Paragraphs: []string{"Op tijd hulp."}}}},
					{Type: koers.ActivityExplanationsBlock, Explanations: []koers.Explanation{{Ref: "2.2", Heading: "Aanbod", Paragraphs: []string{"Ieder kind."}}}},
					{Type: koers.IndicatorTableBlock, Indicators: []string{"jeugdhulp", "meldingen"}},
					{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
						{Ref: "1", Paragraphs: []string{"Geen afwijkingen."}}, {Ref: "2", Paragraphs: []string{"Op afstand."}}}},
					{Type: koers.DeviationsBlock, Scope: koers.ScopeActivities, Deviations: []koers.Deviation{
						{Ref: "2.2", Paragraphs: []string{"Het budgetplafond is bereikt."}}}},
				},
			}, {
				Kind: koers.PlainPage, Title: "Bijlage", Slug: "bijlage",
			}},
		}},
	}
}

// sub is the sub-programme page of validDoc.
func sub(d *koers.Document) *koers.Page { return d.Pages[0].Children[0] }

func TestValidDocument(t *testing.T) {
	if err := koers.ValidateDocument(validOrg(), validDoc()); err != nil {
		t.Fatal(err)
	}
	if err := validOrg().Validate(); err != nil {
		t.Error(err)
	}
	if err := validDoc().Validate(); err != nil {
		t.Error(err)
	}
}

// problems returns the problems of err as "pointer: message" lines, and
// fails unless err is an EINVALID *koers.Error.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var e *koers.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *koers.Error", err)
	}
	if koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("code = %q, want invalid", koers.ErrorCode(err))
	}
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.String())
	}
	return out
}

// TestValidateDocument breaks a valid document in one place per case and
// checks the whole list of problems: where, in field paths as the bundle
// spells them, and what.
func TestValidateDocument(t *testing.T) {
	deep := func(d *koers.Document) {
		p := d.Pages[0]
		for i := 0; i < koers.MaxPageDepth; i++ {
			c := &koers.Page{Kind: koers.PlainPage, Title: "Diep", Slug: "diep"}
			p.Children = append(p.Children, c)
			p = c
		}
	}
	tests := []struct {
		name   string
		change func(o *koers.Organisation, d *koers.Document)
		want   []string
	}{
		// The organisation.
		{"reserved organisation slug", func(o *koers.Organisation, d *koers.Document) { o.Slug = "api" },
			[]string{`/organisation/slug: "api" is reserved for the site's own pages`}},
		{"organisation slug with a slash", func(o *koers.Organisation, d *koers.Document) { o.Slug = "leider/dorp" },
			[]string{`/organisation/slug: slug "leider/dorp" holds a "/"; a slug is one URL segment`}},
		{"organisation slug not a slug", func(o *koers.Organisation, d *koers.Document) { o.Slug = "Leider Dorp" },
			[]string{`/organisation/slug: slug "Leider Dorp" is not lower-case letters and digits in groups joined by single hyphens`}},
		{"blank name", func(o *koers.Organisation, d *koers.Document) { o.Name = " \t" },
			[]string{`/organisation/name: name is blank`}},
		{"bad CBS code", func(o *koers.Organisation, d *koers.Document) { o.CBSCode = "0547" },
			[]string{`/organisation/cbs_code: CBS code "0547" is not GM and four digits, such as GM0547`}},
		{"theme without contrast", func(o *koers.Organisation, d *koers.Document) { o.Theme.Colour = "#ffdd00" },
			[]string{`/organisation/theme/colour: white text on #ffdd00 has a contrast of 1.3:1; WCAG AA needs at least 4.5:1`}},
		{"logo not SVG", func(o *koers.Organisation, d *koers.Document) { o.Theme.Logo = "<png/>" },
			[]string{`/organisation/theme/logo_svg: the logo is not an SVG document: its root element is <png>`}},
		{"NUL in name", func(o *koers.Organisation, d *koers.Document) { o.Name = "Gemeente\x00" },
			[]string{`/organisation/name: name holds a NUL character`}},
		{"Latin-1 in name", func(o *koers.Organisation, d *koers.Document) { o.Name = "Gemeente \xe9" },
			[]string{`/organisation/name: name is not valid UTF-8`}},

		// The document.
		{"unknown kind", func(o *koers.Organisation, d *koers.Document) { d.Kind = "nota"; d.Sequence = 0 },
			[]string{`/document/kind: kind "nota" is not kadernota, begroting, bestuursrapportage or jaarstukken`}},
		{"year too early", func(o *koers.Organisation, d *koers.Document) { d.Year = 20 },
			[]string{`/document/year: year 20 is outside 1900 to 2200`}},
		{"burap without sequence", func(o *koers.Organisation, d *koers.Document) { d.Sequence = 0 },
			[]string{`/document: a bestuursrapportage needs its sequence number (1 for the 1ste)`}},
		{"sequence on a begroting", func(o *koers.Organisation, d *koers.Document) { d.Kind = koers.Begroting },
			[]string{`/document/sequence: only a bestuursrapportage has a sequence number`}},
		{"negative sequence", func(o *koers.Organisation, d *koers.Document) { d.Sequence = -1 },
			[]string{`/document/sequence: sequence -1 is not 1 or more`}},
		{"blank title", func(o *koers.Organisation, d *koers.Document) { d.Title = "  " },
			[]string{`/document/title: title is blank`}},
		{"reserved document slug", func(o *koers.Organisation, d *koers.Document) { d.Slug = "cyclus" },
			[]string{`/document/slug: "cyclus" is reserved for the organisation's own pages`}},
		{"no document slug", func(o *koers.Organisation, d *koers.Document) { d.Slug = "" },
			[]string{`/document/slug: slug is required`}},

		// Pages.
		{"page kind", func(o *koers.Organisation, d *koers.Document) { d.Pages[0].Kind = "hoofdstuk" },
			[]string{`/document/pages/0/kind: kind "hoofdstuk" is not chapter, programme, subprogramme or page`}},
		{"blank page number", func(o *koers.Organisation, d *koers.Document) { sub(d).Number = " " },
			[]string{`/document/pages/0/children/0/number: number is blank`}},
		{"page number with a slash", func(o *koers.Organisation, d *koers.Document) { sub(d).Number = "1/C" },
			[]string{`/document/pages/0/children/0/number: number "1/C" holds one of / \ ? # %; a page number is part of URLs (/cyclus/1c/2022)`}},
		{"page number with spaces around", func(o *koers.Organisation, d *koers.Document) { sub(d).Number = "1C " },
			[]string{`/document/pages/0/children/0/number: number "1C " has spaces around it`}},
		{"goals without a page number", func(o *koers.Organisation, d *koers.Document) { sub(d).Number = "" },
			[]string{`/document/pages/0/children/0: a page with SMART goals or activities needs a "number" (such as "1C"): they keep their identity by it`}},
		{"page slug with a slash", func(o *koers.Organisation, d *koers.Document) { sub(d).Slug = "1c/inwoners" },
			[]string{`/document/pages/0/children/0/slug: slug "1c/inwoners" holds a "/"; a slug is one URL segment`}},
		{"sibling slugs", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[1].Slug = "1c-ondersteunde-inwoners"
		},
			[]string{`/document/pages/0/children/1/slug: slug "1c-ondersteunde-inwoners" is already the slug of the page "1C Ondersteunde inwoners" on the same level`}},
		{"blank page title", func(o *koers.Organisation, d *koers.Document) { d.Pages[0].Title = "\n" },
			[]string{`/document/pages/0/title: title is blank`}},
		{"too deep", func(o *koers.Organisation, d *koers.Document) { deep(d) },
			[]string{`/document/pages/0/children/2/children/0/children/0/children/0/children/0/children/0/children/0/children: pages nest deeper than 8 levels`}},
		{"nil page", func(o *koers.Organisation, d *koers.Document) { d.Pages = append(d.Pages, nil) },
			[]string{`/document/pages/1: the page is missing`}},

		// SMART goals and activities.
		{"goal number twice", func(o *koers.Organisation, d *koers.Document) { sub(d).SmartGoals[1].Number = "1" },
			[]string{`/document/pages/0/children/0/smart_goals/1/number: SMART goal 1 appears twice`,
				`/document/pages/0/children/0/activities/0/number: activity 2.2 belongs to SMART goal 2, which the page does not have`,
				`/document/pages/0/children/0/blocks/7/deviations/1/ref: SMART goal "2" is not on this page`}},
		{"goal renumbered", func(o *koers.Organisation, d *koers.Document) { sub(d).SmartGoals[0].Number = "I.a" },
			[]string{`/document/pages/0/children/0/blocks/4/explanations/0/ref: SMART goal "1" is not on this page`,
				`/document/pages/0/children/0/blocks/7/deviations/0/ref: SMART goal "1" is not on this page`}},
		{"blank goal title", func(o *koers.Organisation, d *koers.Document) { sub(d).SmartGoals[0].Title = " " },
			[]string{`/document/pages/0/children/0/smart_goals/0/title: title is blank`}},
		{"activity of a missing goal", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Activities = append(sub(d).Activities, koers.Activity{Number: "4.2", Title: "Iets."})
		}, []string{`/document/pages/0/children/0/activities/1/number: activity 4.2 belongs to SMART goal 4, which the page does not have`}},
		{"activity twice", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Activities = append(sub(d).Activities, koers.Activity{Number: "2.2", Title: "Iets."})
		}, []string{`/document/pages/0/children/0/activities/1/number: activity 2.2 appears twice`}},
		{"activity number form", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Activities = append(sub(d).Activities, koers.Activity{Number: "2", Title: "Iets."})
		}, []string{`/document/pages/0/children/0/activities/1/number: activity number "2" names no SMART goal; it starts with the goal's number and a full stop, such as "2.2" or "I.d.1"`}},
		{"goal number with spaces around", func(o *koers.Organisation, d *koers.Document) {
			sub(d).SmartGoals[0].Number = " 1"
			sub(d).Blocks[4].Explanations[0].Ref = " 1"
			sub(d).Blocks[7].Deviations[0].Ref = " 1"
		}, []string{`/document/pages/0/children/0/smart_goals/0/number: SMART goal number " 1" has spaces around it`}},
		{"goal number too long", func(o *koers.Organisation, d *koers.Document) {
			n := strings.Repeat("I", 41)
			sub(d).SmartGoals[0].Number, sub(d).Blocks[4].Explanations[0].Ref, sub(d).Blocks[7].Deviations[0].Ref = n, n, n
		}, []string{`/document/pages/0/children/0/smart_goals/0/number: SMART goal number "` + strings.Repeat("I", 41) + `" is longer than 40 characters`}},
		{"activity number with a line break", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Activities = append(sub(d).Activities, koers.Activity{Number: "2.3\n(MD10)", Title: "Iets."})
		}, []string{`/document/pages/0/children/0/activities/1/number: activity number "2.3\n(MD10)" holds a control character`}},
		{"activity of a missing goal in free numbering", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Activities = append(sub(d).Activities, koers.Activity{Number: "I.d.1 (MD10, IBK BE28)", Title: "Iets."})
		}, []string{`/document/pages/0/children/0/activities/1/number: activity I.d.1 (MD10, IBK BE28) belongs to SMART goal I.d, which the page does not have`}},

		// Statuses and the legend.
		{"status not in the default legend", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[7].Deviations[1].Status = "groen" },
			[]string{`/document/pages/0/children/0/blocks/7/deviations/1/status: status "groen" is not in the organisation's legend (op-schema, risico, achter, gereed)`}},
		{"status not in the own legend", func(o *koers.Organisation, d *koers.Document) {
			o.StatusLegend = koers.StatusLegend{{Key: "groen", Label: "Loopt", Symbol: "+", Colour: "#2e7d32"}}
			sub(d).Blocks[8].Deviations[0].Status = "gereed"
		}, []string{`/document/pages/0/children/0/blocks/8/deviations/0/status: status "gereed" is not in the organisation's legend (groen)`}},
		{"status in a begroting", func(o *koers.Organisation, d *koers.Document) {
			d.Kind, d.Sequence = koers.Begroting, 0
			sub(d).Blocks[8].Deviations[0].Status = "risico"
		}, []string{`/document/pages/0/children/0/blocks/8/deviations/0/status: a begroting reports no status; only a bestuursrapportage or jaarstukken do`}},
		{"legend entry broken everywhere", func(o *koers.Organisation, d *koers.Document) {
			o.StatusLegend = koers.StatusLegend{{Key: "Op Schema", Label: " ", Symbol: "< >", Colour: "green"}}
		}, []string{`/organisation/status_legend/0/key: status key "Op Schema" is not lower-case letters and digits joined by hyphens, at most 32 long`,
			`/organisation/status_legend/0/label: label is blank`,
			`/organisation/status_legend/0/symbol: symbol "< >" is not one to 4 characters without spaces or < > &`,
			`/organisation/status_legend/0/colour: colour "green" is not of the form #rrggbb`}},
		{"legend colour without contrast, key twice", func(o *koers.Organisation, d *koers.Document) {
			o.StatusLegend = koers.StatusLegend{{Key: "a", Label: "A", Symbol: "●", Colour: "#ffd700"}, {Key: "a", Label: "B", Symbol: "■", Colour: "#000000"}}
		}, []string{`/organisation/status_legend/0/colour: colour #ffd700 has a contrast of 1.4:1 against white; WCAG 1.4.11 needs at least 3.0:1`,
			`/organisation/status_legend/1/key: status "a" appears twice in the legend`}},
		{"sub-heading with items", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Blocks[0].Content = append(sub(d).Blocks[0].Content, koers.TextElement{Type: koers.SubHeading, Text: "Wmo", Items: []string{"x"}})
		}, []string{`/document/pages/0/children/0/blocks/0/content/2: a heading has no "items" or "ordered"`}},
		{"blank sub-heading", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Blocks[0].Content = append(sub(d).Blocks[0].Content, koers.TextElement{Type: koers.SubHeading, Text: " "})
		}, []string{`/document/pages/0/children/0/blocks/0/content/2/text: text is blank`}},
		{"blank footnote", func(o *koers.Organisation, d *koers.Document) { sub(d).Activities[0].Footnote.Text = " " },
			[]string{`/document/pages/0/children/0/activities/0/footnote/text: text is blank`}},

		// Indicators and values.
		{"indicator key twice on a page", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[1].Key = "jeugdhulp" },
			[]string{`/document/pages/0/children/0/indicators/1/key: indicator key "jeugdhulp" appears twice on this page`,
				`/document/pages/0/children/0/blocks/6/indicators/1: indicator "meldingen" is not on this page`}},
		{"indicator key on two pages", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[1].Indicators = []*koers.Indicator{{Key: "jeugdhulp", Number: "1", Name: "x", Unit: koers.Count}}
		}, []string{`/document/pages/0/children/1/indicators/0/key: indicator key "jeugdhulp" is already used on the page "1C Ondersteunde inwoners"`}},
		{"indicator key not a slug", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[1].Key = "Meldingen"
			sub(d).Blocks[6].Indicators[1] = "Meldingen"
		}, []string{`/document/pages/0/children/0/indicators/1/key: indicator key "Meldingen" is not lower-case letters and digits in groups joined by single hyphens`}},
		{"blank indicator number", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Number = " " },
			[]string{`/document/pages/0/children/0/indicators/0/number: number is blank`}},
		{"missing indicator name", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Name = "" },
			[]string{`/document/pages/0/children/0/indicators/0/name: name is required`}},
		{"unknown unit", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[1].Unit = "liters" },
			[]string{`/document/pages/0/children/0/indicators/1/unit: unit "liters" is not count, percentage or amount`,
				`/document/pages/0/children/0/indicators/1/privacy_threshold: a privacy threshold applies to counts only, and this indicator's unit is liters`}},
		{"unknown direction", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Direction = "up" },
			[]string{`/document/pages/0/children/0/indicators/0/direction: direction "up" is not higher_is_better, lower_is_better, at_least or at_most`}},
		{"blank definition", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Definition = " " },
			[]string{`/document/pages/0/children/0/indicators/0/definition: definition is blank`}},
		{"threshold on a percentage", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Threshold = 10 },
			[]string{`/document/pages/0/children/0/indicators/0/privacy_threshold: a privacy threshold applies to counts only, and this indicator's unit is percentage`}},
		{"threshold of one", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[1].Threshold = 1 },
			[]string{`/document/pages/0/children/0/indicators/1/privacy_threshold: privacy threshold 1 is outside 2 to 1000`}},
		{"two values for a year", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[0].Values[1].Kind = koers.Realised
			sub(d).Indicators[0].Values[1].Year = 2019
		},
			[]string{`/document/pages/0/children/0/indicators/0/values/1: indicator "jeugdhulp" has two realised values for 2019`}},
		{"value year", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Values[1].Year = 20200 },
			[]string{`/document/pages/0/children/0/indicators/0/values/1/year: year 20200 is outside 1900 to 2200`}},
		{"value kind", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Values[1].Kind = "begroot" },
			[]string{`/document/pages/0/children/0/indicators/0/values/1/kind: kind "begroot" is not realised or budgeted`}},
		{"percentage out of range", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[0].Values[0].Number = num(116) },
			[]string{`/document/pages/0/children/0/indicators/0/values/0/value: percentage 116 is outside 0 to 100`}},
		{"amount as a float", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[0].Unit = koers.Amount
			sub(d).Indicators[0].Values[0].Number = num(11.605)
		}, []string{`/document/pages/0/children/0/indicators/0/values/0/value: amount 11.605 is not in whole cents`}},
		{"money for a count", func(o *koers.Organisation, d *koers.Document) {
			m := koers.Money(500)
			sub(d).Indicators[1].Values[0] = koers.Value{Year: 2019, Kind: koers.Realised, Amount: &m}
		}, []string{`/document/pages/0/children/0/indicators/1/values/0/value: an amount of money for an indicator whose unit is count`}},
		{"amount out of range", func(o *koers.Organisation, d *koers.Document) {
			m := koers.MaxMoney + 1
			sub(d).Indicators[0].Unit = koers.Amount
			sub(d).Indicators[0].Values[0] = koers.Value{Year: 2019, Kind: koers.Realised, Amount: &m}
		}, []string{`/document/pages/0/children/0/indicators/0/values/0/value: amount 1000000000000.01 is beyond the largest koers stores, € 1.000.000.000.000 either way`}},
		{"number and amount", func(o *koers.Organisation, d *koers.Document) {
			m := koers.Money(1)
			sub(d).Indicators[0].Values[0].Amount = &m
		}, []string{`/document/pages/0/children/0/indicators/0/values/0/value: a value is a number or an amount, not both`}},
		{"NaN", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[1].Values[0].Number = num(math.NaN())
		},
			[]string{`/document/pages/0/children/0/indicators/1/values/0/value: value NaN is not a number`}},
		{"infinity", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[1].Values[0].Number = num(math.Inf(-1))
		},
			[]string{`/document/pages/0/children/0/indicators/1/values/0/value: value -Inf is not a number`}},
		{"too large", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Indicators[1].Values[0].Number = num(-4000000000000000)
		},
			[]string{`/document/pages/0/children/0/indicators/1/values/0/value: value -4e+15 is beyond the largest koers stores, 10^12 (a million million) either way`}},
		{"too close to zero", func(o *koers.Organisation, d *koers.Document) { sub(d).Indicators[1].Values[0].Number = num(1e-7) },
			[]string{`/document/pages/0/children/0/indicators/1/values/0/value: value 1e-07 is closer to zero than 10^-6, the smallest koers stores`}},
		{"too many digits", func(o *koers.Organisation, d *koers.Document) {
			a, b := 0.1, 0.2
			sub(d).Indicators[1].Values[0].Number = num(a + b)
		},
			[]string{`/document/pages/0/children/0/indicators/1/values/0/value: value 0.30000000000000004 has more than 15 significant digits`}},

		// Blocks.
		{"unknown block type", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[2].Type = "doelen" },
			[]string{`/document/pages/0/children/0/blocks/2/type: type "doelen" is not a block type`}},
		{"field of another block type", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[1].Indicators = []string{"jeugdhulp"} },
			[]string{`/document/pages/0/children/0/blocks/1/indicators: a goal block has no "indicators"`}},
		{"blank heading", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Heading = " " },
			[]string{`/document/pages/0/children/0/blocks/0/heading: heading is blank`}},
		{"text block without content", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content = nil },
			[]string{`/document/pages/0/children/0/blocks/0: a text block needs its "content"`}},
		{"blank paragraph", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[0].Text = " " },
			[]string{`/document/pages/0/children/0/blocks/0/content/0/text: text is blank`}},
		{"blank list item", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[1].Items[1] = "" },
			[]string{`/document/pages/0/children/0/blocks/0/content/1/items/1: item is required`}},
		{"list with text", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[1].Text = "x" },
			[]string{`/document/pages/0/children/0/blocks/0/content/1/text: a list has no "text"`}},
		{"empty list", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[1].Items = nil },
			[]string{`/document/pages/0/children/0/blocks/0/content/1/items: a list needs its "items"`}},
		{"paragraph with items", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[0].Items = []string{"x"} },
			[]string{`/document/pages/0/children/0/blocks/0/content/0/items: a paragraph has no "items"`}},
		{"element type", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[0].Content[0].Type = "quote" },
			[]string{`/document/pages/0/children/0/blocks/0/content/0/type: type "quote" is not paragraph, list or heading`}},
		{"blank goal text", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[1].Text = "" },
			[]string{`/document/pages/0/children/0/blocks/1/text: text is required`}},
		{"smart_goals block without goals", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[1].Blocks = []koers.Block{{Type: koers.SmartGoalsBlock}}
		}, []string{`/document/pages/0/children/1/blocks/0: a smart_goals block needs the page's "smart_goals"`}},
		{"activities block without activities", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[1].Blocks = []koers.Block{{Type: koers.ActivitiesBlock}}
		}, []string{`/document/pages/0/children/1/blocks/0: an activities block needs the page's "activities"`}},
		{"explanation of an unknown goal", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[4].Explanations[0].Ref = "7" },
			[]string{`/document/pages/0/children/0/blocks/4/explanations/0/ref: SMART goal "7" is not on this page`}},
		{"explanation of a goal in an activity block", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[5].Explanations[0].Ref = "1" },
			[]string{`/document/pages/0/children/0/blocks/5/explanations/0/ref: activity "1" is not on this page`}},
		{"explanation twice", func(o *koers.Organisation, d *koers.Document) {
			b := &sub(d).Blocks[4]
			b.Explanations = append(b.Explanations, b.Explanations[0])
		}, []string{`/document/pages/0/children/0/blocks/4/explanations/1/ref: SMART goal "1" appears twice in this block`}},
		{"explanation without paragraphs", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[4].Explanations[0].Paragraphs = nil },
			[]string{`/document/pages/0/children/0/blocks/4/explanations/0/paragraphs: paragraphs are required`}},
		{"blank explanation paragraph", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[5].Explanations[0].Paragraphs[0] = "\t" },
			[]string{`/document/pages/0/children/0/blocks/5/explanations/0/paragraphs/0: paragraph is blank`}},
		{"empty explanations", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[4].Explanations = nil },
			[]string{`/document/pages/0/children/0/blocks/4: a goal_explanations block needs its "explanations"`}},
		{"unknown indicator in a table", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[6].Indicators[0] = "jeugdzorg" },
			[]string{`/document/pages/0/children/0/blocks/6/indicators/0: indicator "jeugdzorg" is not on this page`}},
		{"indicator twice in a table", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[6].Indicators[1] = "jeugdhulp" },
			[]string{`/document/pages/0/children/0/blocks/6/indicators/1: indicator "jeugdhulp" appears twice in this block`}},
		{"deviation of an unknown goal", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[7].Deviations[1].Ref = "7" },
			[]string{`/document/pages/0/children/0/blocks/7/deviations/1/ref: SMART goal "7" is not on this page`}},
		{"deviation of an unknown activity", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[8].Deviations[0].Ref = "9.9" },
			[]string{`/document/pages/0/children/0/blocks/8/deviations/0/ref: activity "9.9" is not on this page`}},
		{"deviations scope", func(o *koers.Organisation, d *koers.Document) { sub(d).Blocks[8].Scope = "" },
			[]string{`/document/pages/0/children/0/blocks/8/scope: scope "" is not smart_goals or activities`}},
		{"blank deviation", func(o *koers.Organisation, d *koers.Document) {
			sub(d).Blocks[8].Deviations[0].Paragraphs = []string{"ok", "   "}
		},
			[]string{`/document/pages/0/children/0/blocks/8/deviations/0/paragraphs/1: paragraph is blank`}},

		// Several problems are all reported, in the order of the fields.
		{"everything at once", func(o *koers.Organisation, d *koers.Document) {
			o.Name = ""
			d.Title = ""
			sub(d).Indicators[0].Values[0].Number = num(math.Inf(1))
		}, []string{`/organisation/name: name is required`, `/document/title: title is required`,
			`/document/pages/0/children/0/indicators/0/values/0/value: value +Inf is not a number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, d := validOrg(), validDoc()
			tt.change(o, d)
			got := problems(t, koers.ValidateDocument(o, d))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestValidateParts checks that Organisation.Validate and Document.Validate
// report paths from their own value.
func TestValidateParts(t *testing.T) {
	o := validOrg()
	o.Slug = "api"
	if got := problems(t, o.Validate()); !reflect.DeepEqual(got, []string{`/slug: "api" is reserved for the site's own pages`}) {
		t.Errorf("organisation: %q", got)
	}
	d := validDoc()
	sub(d).Number = "1/C"
	err := d.Validate()
	if got := problems(t, err); len(got) != 1 || !strings.HasPrefix(got[0], "/pages/0/children/0/number: ") {
		t.Errorf("document: %q", got)
	}
	// The error's text says what was checked and lists the problems.
	want := "invalid document \"bestuursrapportage-2020-1\" (1 problem):\n  /pages/0/children/0/number: number \"1/C\" holds"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() = %q, want it to start %q", err.Error(), want)
	}
	var e *koers.Error
	errors.As(err, &e)
	if p := e.Problems[0]; !reflect.DeepEqual(p.Path, []any{"pages", 0, "children", 0, "number"}) {
		t.Errorf("path = %#v", p.Path)
	}
	for _, err := range []error{koers.ValidateDocument(nil, nil), (*koers.Organisation)(nil).Validate(), (*koers.Document)(nil).Validate()} {
		if koers.ErrorCode(err) != koers.EINVALID {
			t.Errorf("nil value: %v", err)
		}
	}
}

// TestValidateManyProblems bounds the error text, not the list.
func TestValidateManyProblems(t *testing.T) {
	d := validDoc()
	for range 30 {
		sub(d).Indicators = append(sub(d).Indicators, &koers.Indicator{Key: "jeugdhulp", Number: "1", Name: "x", Unit: koers.Count})
	}
	err := d.Validate()
	if got := problems(t, err); len(got) != 30 {
		t.Errorf("%d problems, want 30", len(got))
	}
	if !strings.HasSuffix(err.Error(), "\n  ... and 10 more") || strings.Count(err.Error(), "\n") != 21 {
		t.Errorf("Error() = %s", err)
	}
}

func TestProblemPointerEscapes(t *testing.T) {
	p := koers.Problem{Path: []any{"a/b", 3, "c~d"}}
	if got := p.Pointer(); got != "/a~1b/3/c~0d" {
		t.Errorf("Pointer() = %q", got)
	}
	if got := (koers.Problem{Message: "x"}).String(); got != "/: x" {
		t.Errorf("String() = %q", got)
	}
}
