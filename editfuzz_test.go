package koers_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// The forms' fuzz targets: whatever a Parse accepts holds to the rules
// in a valid document, and reads back the same after its Format.

func FuzzParseSmartGoals(f *testing.F) {
	for _, s := range []string{"1\tA.\n2 B.", "1 A.\r\n2\tB.\t\n3 C.", "I.a\tX\n1 A.\n2 B.", "1\n", "\t\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, p := formDoc()
		goals, ps := koers.ParseSmartGoals(p, s)
		if ps != nil {
			return
		}
		p.SmartGoals = goals
		if len(goals) == 0 {
			p.Blocks = p.Blocks[1:] // a smart_goals block needs goals
		}
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParseSmartGoals(%q) = %#v: %v", s, goals, err)
		}
		again, ps := koers.ParseSmartGoals(p, koers.FormatSmartGoals(goals))
		if ps != nil || !reflect.DeepEqual(again, goals) {
			t.Fatalf("round trip of %q: %#v, %v; want %#v", s, again, ps, goals)
		}
	})
}

func FuzzParseActivities(f *testing.F) {
	for _, s := range []string{"1.1\tA.\n2.1 B.", "1.1\tA.\t*\tNoot.\t\r\n2.1\tB.", "1.2 x\n1.1\ty"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, p := formDoc()
		acts, ps := koers.ParseActivities(p, s)
		if ps != nil {
			return
		}
		p.Activities = acts
		if len(acts) == 0 {
			p.Blocks = append(p.Blocks[:1], p.Blocks[2:]...) // an activities block needs activities
		}
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParseActivities(%q) = %#v: %v", s, acts, err)
		}
		again, ps := koers.ParseActivities(p, koers.FormatActivities(acts))
		if ps != nil || !reflect.DeepEqual(again, acts) {
			t.Fatalf("round trip of %q: %#v, %v; want %#v", s, again, ps, acts)
		}
	})
}

func FuzzParseParagraphs(f *testing.F) {
	for _, s := range []string{"Een.\n\nTwee\ndrie.", "\r\n\r\n a \r\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paras := koers.ParseParagraphs(s)
		for _, para := range paras {
			if para == "" || strings.TrimSpace(para) != para || strings.ContainsAny(para, "\r\n") {
				t.Fatalf("ParseParagraphs(%q) gave paragraph %q", s, para)
			}
		}
		if again := koers.ParseParagraphs(koers.FormatParagraphs(paras)); !reflect.DeepEqual(again, paras) {
			t.Fatalf("round trip of %q: %q; want %q", s, again, paras)
		}
	})
}

func FuzzParseIndicatorTable(f *testing.F) {
	doc, p := formDoc()
	f.Add(koers.FormatIndicatorTable(p, p.Blocks[3]))
	_ = doc
	for _, s := range []string{
		"sleutel\tnummer\tnaam\teenheid\trichting\t2021 realisatie\t2022 streefwaarde\tbron\tdefinitie\tdrempel\tvoetnootteken\tvoetnoot\r\nleden\t1.1\tLeden\taantal\thoger is beter\t1.992\tnnb\tCBS\tTel.\t5\t*\tNoot.\t\r\n",
		"nummer\tnaam\teenheid\t2020 (w)\t2020 (b)\n1\tA\tpercentage\t11,6%\t-0\n2\tB\tbedrag\t€ -1.234,5\t€ 0,01\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, p := formDoc()
		change, ps := koers.ParseIndicatorTable(doc, p, 3, s)
		if ps != nil {
			return
		}
		change.Apply(p, 3)
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParseIndicatorTable(%q): %v", s, err)
		}
		want := *p
		form := koers.FormatIndicatorTable(p, p.Blocks[3])
		again, ps := koers.ParseIndicatorTable(doc, p, 3, form)
		if ps != nil {
			t.Fatalf("round trip of %q: %v\nform %q", s, ps, form)
		}
		got := want
		got.Blocks = append([]koers.Block(nil), p.Blocks...)
		again.Apply(&got, 3)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip of %q changed the page\nform %q", s, form)
		}
	})
}

func FuzzParseFinanceTable(f *testing.F) {
	for _, s := range []string{
		"schaal\t1000\nsoort\ttaakveld\tprogramma\tomschrijving\tRealisatie 2020\tBegroting 2021 na 2e wijziging | Na\nlasten\t0.1\t\t\t1.234.567\t-\nbaten\t\t1A\t\t€ 10,50\t\t\ntotaal lasten\t\t\t\t1.234.567\t\n",
		"soort\ttaakveld\tprogramma\tomschrijving\tRaming 2023\r\nonttrekking\t\t\tReserve\t-5\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		table, ps := koers.ParseFinanceTable(nil, 2022, s)
		if ps != nil {
			return
		}
		doc := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "B", Slug: "b", Pages: []*koers.Page{
			{Kind: koers.PlainPage, Title: "P", Slug: "p", Blocks: []koers.Block{{Type: koers.FinanceTableBlock, Finance: table}}}}}
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParseFinanceTable(%q): %v", s, err)
		}
		form := koers.FormatFinanceTable(table)
		again, ps := koers.ParseFinanceTable(table, 2022, form)
		if ps != nil || !reflect.DeepEqual(again, table) {
			t.Fatalf("round trip of %q: %#v, %v\nform %q", s, again, ps, form)
		}
	})
}

func FuzzParseExplanations(f *testing.F) {
	f.Add("1", "", "Een.\n\nTwee.", "2.1", "Noot")
	f.Add("1", "Kop", "", "9", "x")
	f.Fuzz(func(t *testing.T, ref, heading, text, ref2, text2 string) {
		doc, p := formDoc()
		forms := []koers.RefForm{{Ref: ref, Heading: heading, Text: text}, {Ref: ref2, Text: text2}}
		for _, bt := range []koers.BlockType{koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock} {
			got, ps := koers.ParseExplanations(p, bt, forms)
			if ps != nil || len(got) == 0 {
				continue
			}
			p.Blocks = append(p.Blocks, koers.Block{Type: bt, Explanations: got})
			if err := koers.ValidateDocument(formOrg, doc); err != nil {
				t.Fatalf("ParseExplanations(%s, %#v): %v", bt, forms, err)
			}
			again, ps := koers.ParseExplanations(p, bt, koers.FormatExplanations(p.Blocks[len(p.Blocks)-1]))
			if ps != nil || !reflect.DeepEqual(again, got) {
				t.Fatalf("round trip of %#v: %#v, %v", forms, again, ps)
			}
		}
	})
}

func FuzzParseComparisonTable(f *testing.F) {
	f.Add(koers.FormatComparisonTable(cmpOld()))
	for _, s := range []string{
		"peildatum\t1-5-2024\nindicator\teenheid\tperiode\tbron\tstreven\tStreven\tRegio (ABC) ()\tNL (NL01)\nA\tkg\t2020-H2\tCBS\tAfname\t-\t-0,5\tn.v.t.\t\n",
		"indicator\teenheid\tperiode\tGemeente\r\nB\t\t2021-12\t1.234.567,000\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		table, ps := koers.ParseComparisonTable(nil, s)
		if ps != nil {
			return
		}
		doc := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "B", Slug: "b", Pages: []*koers.Page{
			{Kind: koers.PlainPage, Title: "P", Slug: "p", Blocks: []koers.Block{{Type: koers.ComparisonTableBlock, Comparison: table}}}}}
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParseComparisonTable(%q): %v", s, err)
		}
		form := koers.FormatComparisonTable(table)
		again, ps := koers.ParseComparisonTable(table, form)
		if ps != nil || !reflect.DeepEqual(again, table) {
			t.Fatalf("round trip of %q: %#v, %v\nform %q", s, again, ps, form)
		}
	})
}

func FuzzParsePrintedColumns(f *testing.F) {
	f.Add(koers.FormatPrintedColumns(printedLayout()))
	f.Add("rijkop\tX\r\nsleutel\tkop\tgroep\tsoort\tjaar\tperiode\twijziging\r\nb24\tB\t\tna wijziging\t2024\tq1\t07\n\tDoel\t\tstreefwaarde\t\t\t\n\tDoel\t\tbegroot\t2025\n")
	f.Fuzz(func(t *testing.T, s string) {
		doc, p := formDoc()
		layout, ps := koers.ParsePrintedColumns(printedLayout(), s)
		if ps != nil {
			return
		}
		p.Blocks[3].Printed = layout
		if err := koers.ValidateDocument(formOrg, doc); err != nil {
			t.Fatalf("ParsePrintedColumns(%q): %v", s, err)
		}
		form := koers.FormatPrintedColumns(layout)
		again, ps := koers.ParsePrintedColumns(layout, form)
		if ps != nil || !reflect.DeepEqual(again, layout) {
			t.Fatalf("round trip of %q: %#v, %v\nform %q", s, again, ps, form)
		}
	})
}
