package koers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Roll-forward makes the next document of the cycle from a published one:
// the next begroting from a begroting, a bestuursrapportage or the
// jaarstukken of its year. The plan keeps its identity (page numbers, SMART
// goal and activity numbers, indicator keys), so the indicator series and
// the cycle view run on through the new document. What the new document
// has to say is never copied as if it were known: an indicator value it
// must report is "nnb" (a Value with neither Number nor Amount), an amount
// it must give is an empty cell (nil), and a deviation it must report holds
// the Unfilled marker. doc/rollforward.md tells what is copied, shifted and
// left to fill in.

// Unfilled is the one paragraph of a deviation that roll-forward made and
// nobody wrote yet. A deviation needs a paragraph to be stored, and a
// placeholder that reads as one keeps an unfinished report from passing
// for a finished one, in the back office and, if published, on the site.
const Unfilled = "[in te vullen]"

// Filled reports whether someone wrote the deviation's toelichting: it is
// not the placeholder roll-forward left.
func (d Deviation) Filled() bool {
	return !(len(d.Paragraphs) == 1 && d.Paragraphs[0] == Unfilled)
}

// RollForward names a document that can be made from a published one.
type RollForward string

// The documents roll-forward makes.
const (
	RollNextBegroting      RollForward = "begroting"
	RollBestuursrapportage RollForward = "bestuursrapportage"
	RollJaarstukken        RollForward = "jaarstukken"
)

// RollForwards lists what can be made from a document of the kind: from a
// begroting, the next begroting, a bestuursrapportage and the jaarstukken;
// from the other kinds nothing yet.
func RollForwards(k DocumentKind) []RollForward {
	if k == Begroting {
		return []RollForward{RollNextBegroting, RollBestuursrapportage, RollJaarstukken}
	}
	return nil
}

// Valid reports whether r is a known roll-forward.
func (r RollForward) Valid() bool {
	return r == RollNextBegroting || r == RollBestuursrapportage || r == RollJaarstukken
}

// rollSource checks that roll-forward can start from doc: a begroting with
// a year that has a next one.
func rollSource(doc *Document) error {
	if doc == nil {
		return Errorf(EINVALID, "Er is geen document om van uit te gaan.")
	}
	if doc.Kind != Begroting {
		return Errorf(EINVALID, "Alleen van een begroting kan een volgend document worden gemaakt; dit is een %s.", strings.ToLower(doc.Kind.Label()))
	}
	if doc.Year < MinYear || doc.Year >= MaxYear {
		return Errorf(EINVALID, "Het jaar %d ligt buiten %d tot %d.", doc.Year, MinYear, MaxYear)
	}
	return nil
}

// NextBegroting makes the begroting of the year after b's: the same page
// tree with the same slugs and numbers, the same SMART goals, activities
// and indicators in the same words, and the text blocks as the text to
// rewrite. Every dated column moves one year on. A realised value, or a
// target of a year before the new one, that b also reports is b's value
// (the same fact, reported again, known or not); every other value, and
// every target of the new begroting's own years, is nnb. Finance tables
// keep their lines with empty amounts, on the taakvelden of the new year. Deviations, which a begroting does
// not report, and the printed layout of indicator tables, whose labels and
// given values are the old year's, are left out.
func NextBegroting(b *Document) (*Document, error) {
	if err := rollSource(b); err != nil {
		return nil, err
	}
	year := b.Year + 1
	doc := &Document{Kind: Begroting, Year: year, Title: nextTitle(b.Title, b.Year, year)}
	doc.Slug = doc.DefaultSlug()
	doc.Pages = rollPages(b.Pages, func(src, dst *Page) {
		for _, in := range src.Indicators {
			c := copyIndicator(in)
			c.Values = make([]Value, 0, len(in.Values))
			for _, v := range in.Values {
				if v.Year >= MaxYear {
					continue // a column beyond what koers stores
				}
				nv := Value{Year: v.Year + 1, Kind: v.Kind}
				// The targets of the new begroting's own years are its
				// to set; the old ones stay in the old begroting.
				if old, ok := in.Value(nv.Year, nv.Kind); ok && !(nv.Kind == Budgeted && nv.Year >= year) {
					nv.Number, nv.Amount = copyNumber(old.Number), copyMoney(old.Amount)
				}
				c.Values = append(c.Values, nv)
			}
			dst.Indicators = append(dst.Indicators, c)
		}
		for _, bl := range src.Blocks {
			if bl.Type == DeviationsBlock {
				continue
			}
			nb := copyBlock(bl)
			nb.Heading = replaceYear(bl.Heading, b.Year, year)
			nb.Printed = nil
			if bl.Finance != nil {
				nb.Finance = shiftFinance(bl.Finance, b.Year)
			}
			dst.Blocks = append(dst.Blocks, nb)
		}
	})
	doc.SetPaths()
	return doc, nil
}

// BestuursrapportageFrom makes the bestuursrapportage with the sequence
// number of b's year: b's tree and plan, and on every page with SMART
// goals or activities a deviations table per scope with one deviation per
// goal or activity to fill in, without status. Indicators show the year's
// target as b gave it and its realised value as nnb. The text, the
// explanations and the finance tables of b are b's own and are left out.
func BestuursrapportageFrom(b *Document, sequence int) (*Document, error) {
	if err := rollSource(b); err != nil {
		return nil, err
	}
	if sequence < 1 {
		return nil, Errorf(EINVALID, "Het volgnummer van een bestuursrapportage is 1 of hoger, niet %d.", sequence)
	}
	doc := &Document{Kind: Bestuursrapportage, Year: b.Year, Sequence: sequence,
		Title: fmt.Sprintf("%de bestuursrapportage %d", sequence, b.Year)}
	doc.Slug = doc.DefaultSlug()
	doc.Pages = rollPages(b.Pages, func(src, dst *Page) {
		reportPage(src, dst, b.Year, nil, false)
	})
	doc.SetPaths()
	return doc, nil
}

// JaarstukkenFrom makes the jaarstukken of b's year from b and the
// bestuursrapportages of that year: b's tree and plan, in the latest words
// the reports gave a goal, activity or indicator (identity by page number
// and own number, or by key); a deviations table per scope to fill in;
// indicators with the year's target and the realised value nnb; and every
// finance table laid out as primitieve begroting, begroting na wijziging,
// realisatie and their difference, with the primitieve begroting's
// amounts from b (they are known) and the others empty.
func JaarstukkenFrom(b *Document, reports []*Document) (*Document, error) {
	if err := rollSource(b); err != nil {
		return nil, err
	}
	reports = slices.Clone(reports)
	for _, r := range reports {
		switch {
		case r == nil:
			return nil, Errorf(EINVALID, "Een bestuursrapportage ontbreekt.")
		case r.Kind != Bestuursrapportage:
			return nil, Errorf(EINVALID, "%q is geen bestuursrapportage.", r.Title)
		case r.Year != b.Year:
			return nil, Errorf(EINVALID, "%q gaat over %d, niet over %d.", r.Title, r.Year, b.Year)
		case r.OrganisationID != b.OrganisationID:
			return nil, Errorf(EINVALID, "%q is van een andere organisatie.", r.Title)
		}
	}
	slices.SortStableFunc(reports, func(x, y *Document) int { return x.Sequence - y.Sequence })
	w := latestWording(reports)
	doc := &Document{Kind: Jaarstukken, Year: b.Year, Title: fmt.Sprintf("Jaarstukken %d", b.Year)}
	doc.Slug = doc.DefaultSlug()
	doc.Pages = rollPages(b.Pages, func(src, dst *Page) {
		reportPage(src, dst, b.Year, w, true)
	})
	doc.SetPaths()
	return doc, nil
}

// wording is the latest words the bestuursrapportages gave the plan: goal
// and activity titles by page number and own number, indicators by key.
type wording struct {
	goals      map[[2]string]string
	activities map[[2]string]Activity
	indicators map[string]*Indicator
}

func latestWording(reports []*Document) *wording {
	w := &wording{goals: map[[2]string]string{}, activities: map[[2]string]Activity{}, indicators: map[string]*Indicator{}}
	for _, r := range reports {
		_ = r.Walk(func(p *Page) error {
			for _, g := range p.SmartGoals {
				w.goals[[2]string{p.Number, g.Number}] = g.Title
			}
			for _, a := range p.Activities {
				w.activities[[2]string{p.Number, a.Number}] = a
			}
			for _, in := range p.Indicators {
				w.indicators[in.Key] = in
			}
			return nil
		})
	}
	return w
}

// reportPage fills dst, a page of a bestuursrapportage or jaarstukken, from
// src, the begroting's page: the plan in the latest wording (w, nil for
// the begroting's), the goal and plan blocks, deviations to fill in, the
// year's indicators and, for the jaarstukken, the finance laid out.
func reportPage(src, dst *Page, year int, w *wording, annual bool) {
	if w != nil {
		for i, g := range dst.SmartGoals {
			if t, ok := w.goals[[2]string{dst.Number, g.Number}]; ok {
				dst.SmartGoals[i].Title = t
			}
		}
		for i, a := range dst.Activities {
			if l, ok := w.activities[[2]string{dst.Number, a.Number}]; ok {
				dst.Activities[i].Title, dst.Activities[i].Footnote = l.Title, copyFootnote(l.Footnote)
			}
		}
	}
	for _, in := range src.Indicators {
		words := in
		if w != nil && w.indicators[in.Key] != nil {
			words = w.indicators[in.Key]
		}
		c := copyIndicator(words)
		c.Key = in.Key
		c.Values = []Value{{Year: year, Kind: Realised}}
		if v, ok := in.Value(year, Budgeted); ok {
			target := Value{Year: year, Kind: Budgeted}
			// A target in another unit than the latest words' is not
			// the same fact: the author gives it again.
			if c.Unit == in.Unit {
				target.Number, target.Amount = copyNumber(v.Number), copyMoney(v.Amount)
			}
			c.Values = append(c.Values, target)
		}
		dst.Indicators = append(dst.Indicators, c)
	}
	for _, bl := range src.Blocks {
		switch bl.Type {
		case GoalBlock, SmartGoalsBlock, ActivitiesBlock:
			dst.Blocks = append(dst.Blocks, copyBlock(bl))
		}
	}
	goalsHeading, activitiesHeading := "Afwijkingen SMART doelen", "Afwijkingen activiteiten"
	if annual {
		goalsHeading, activitiesHeading = "Wat hebben we bereikt?", "Wat hebben we ervoor gedaan?"
	}
	if len(dst.SmartGoals) > 0 {
		d := Block{Type: DeviationsBlock, Heading: goalsHeading, Scope: ScopeSmartGoals}
		for _, g := range dst.SmartGoals {
			d.Deviations = append(d.Deviations, Deviation{Ref: g.Number, Paragraphs: []string{Unfilled}})
		}
		dst.Blocks = append(dst.Blocks, d)
	}
	if len(dst.Activities) > 0 {
		d := Block{Type: DeviationsBlock, Heading: activitiesHeading, Scope: ScopeActivities}
		for _, a := range dst.Activities {
			d.Deviations = append(d.Deviations, Deviation{Ref: a.Number, Paragraphs: []string{Unfilled}})
		}
		dst.Blocks = append(dst.Blocks, d)
	}
	for _, bl := range src.Blocks {
		switch {
		case bl.Type == IndicatorTableBlock:
			nb := copyBlock(bl)
			nb.Printed = nil
			dst.Blocks = append(dst.Blocks, nb)
		case bl.Type == FinanceTableBlock && annual && bl.Finance != nil:
			dst.Blocks = append(dst.Blocks, Block{Type: FinanceTableBlock, Heading: "Wat heeft het gekost?", Finance: annualFinance(bl.Finance, year)})
		}
	}
}

// rollPages copies the tree: every page's place, kind, number, title and
// slug, and its plan in the same words without values; fill adds the rest.
func rollPages(pages []*Page, fill func(src, dst *Page)) []*Page {
	if pages == nil {
		return nil
	}
	out := make([]*Page, 0, len(pages))
	for _, p := range pages {
		if p == nil {
			continue
		}
		n := &Page{Kind: p.Kind, Number: p.Number, Title: p.Title, Slug: p.Slug, Position: p.Position,
			SmartGoals: make([]SmartGoal, 0, len(p.SmartGoals)), Activities: make([]Activity, 0, len(p.Activities))}
		for _, g := range p.SmartGoals {
			n.SmartGoals = append(n.SmartGoals, SmartGoal{Number: g.Number, Title: g.Title})
		}
		for _, a := range p.Activities {
			n.Activities = append(n.Activities, Activity{Number: a.Number, Title: a.Title, Footnote: copyFootnote(a.Footnote)})
		}
		if len(n.SmartGoals) == 0 {
			n.SmartGoals = nil
		}
		if len(n.Activities) == 0 {
			n.Activities = nil
		}
		fill(p, n)
		n.Children = rollPages(p.Children, fill)
		out = append(out, n)
	}
	return out
}

// copyIndicator is in's words without its values and IDs.
func copyIndicator(in *Indicator) *Indicator {
	return &Indicator{Key: in.Key, Number: in.Number, Name: in.Name, Unit: in.Unit, Direction: in.Direction,
		Definition: in.Definition, Source: in.Source, Threshold: in.Threshold, Footnote: copyFootnote(in.Footnote)}
}

// copyBlock is a deep copy of b.
func copyBlock(b Block) Block {
	c := b
	if b.Content != nil {
		c.Content = make([]TextElement, len(b.Content))
		for i, el := range b.Content {
			el.Items = slices.Clone(el.Items)
			c.Content[i] = el
		}
	}
	if b.Explanations != nil {
		c.Explanations = make([]Explanation, len(b.Explanations))
		for i, e := range b.Explanations {
			e.Paragraphs = slices.Clone(e.Paragraphs)
			c.Explanations[i] = e
		}
	}
	if b.Deviations != nil {
		c.Deviations = make([]Deviation, len(b.Deviations))
		for i, d := range b.Deviations {
			d.Paragraphs = slices.Clone(d.Paragraphs)
			c.Deviations[i] = d
		}
	}
	c.Indicators = slices.Clone(b.Indicators)
	c.Finance = b.Finance.Clone()
	c.Comparison = b.Comparison.Clone()
	c.Printed = b.Printed.Clone()
	return c
}

// shiftFinance is t one year on: the same lines and columns, each column's
// year (and the year in its printed label) one later, every amount empty.
// Given totals and explanations were about the old amounts.
func shiftFinance(t *FinanceTable, from int) *FinanceTable {
	c := &FinanceTable{Scale: t.Scale, Differences: slices.Clone(t.Differences)}
	for _, col := range t.Columns {
		col.Label = replaceYear(col.Label, col.Year, col.Year+1)
		col.Year++
		c.Columns = append(c.Columns, col)
	}
	c.Lines = nextTaakvelden(emptyLines(t.Lines, len(c.Columns)), from+1)
	return c
}

// nextTaakvelden moves lines whose taakveld the Iv3 classification of year
// no longer has to the taakvelden that took it over: one line for each,
// as the amounts are empty there is nothing to divide, and none twice. A
// taakveld that ended without a successor keeps its line under its old
// code and name as the label, for the author to place.
func nextTaakvelden(lines []FinanceLine, year int) []FinanceLine {
	rows, err := taakveldCatalogue()
	if err != nil {
		return lines
	}
	type key struct {
		kind     LineKind
		taakveld string
	}
	have := map[key]bool{}
	for _, l := range lines {
		if l.Taakveld != "" {
			have[key{l.Kind, normTaakveldCode(l.Taakveld)}] = true
		}
	}
	out := make([]FinanceLine, 0, len(lines))
	for _, l := range lines {
		if l.Taakveld == "" || ValidateTaakveld(year, l.Taakveld) == nil {
			out = append(out, l)
			continue
		}
		code := normTaakveldCode(l.Taakveld)
		next := successorsIn(rows, code, year)
		if len(next) == 0 {
			if l.Label == "" {
				l.Label = code
				if tv, ok := TaakveldIn(year-1, code); ok {
					l.Label = tv.Code + " " + tv.Name
				}
			}
			l.Taakveld = ""
			out = append(out, l)
			continue
		}
		for _, s := range next {
			if have[key{l.Kind, s}] {
				continue
			}
			have[key{l.Kind, s}] = true
			out = append(out, FinanceLine{Kind: l.Kind, Taakveld: s, Amounts: make([]*Money, len(l.Amounts))})
		}
	}
	return out
}

// annualFinance lays t out for the jaarstukken of year: primitieve
// begroting (t's amounts of that column, when it has one), begroting na
// wijziging and realisatie (empty), and the difference of the last two.
func annualFinance(t *FinanceTable, year int) *FinanceTable {
	c := &FinanceTable{Scale: t.Scale,
		Columns: []FinanceColumn{
			{Year: year, Version: PrimitiveBudget},
			{Year: year, Version: AmendedBudget},
			{Year: year, Version: Realisation},
		},
		Differences: []FinanceDifference{{From: 1, To: 2}},
	}
	primitive := slices.IndexFunc(t.Columns, func(col FinanceColumn) bool {
		return col.Year == year && col.Version == PrimitiveBudget
	})
	c.Lines = emptyLines(t.Lines, len(c.Columns))
	if primitive >= 0 {
		for i, l := range t.Lines {
			c.Lines[i].Amounts[0] = copyMoney(AmountAt(l.Amounts, primitive))
		}
	}
	return c
}

// emptyLines are lines' kinds and names with n empty amounts each.
func emptyLines(lines []FinanceLine, n int) []FinanceLine {
	out := make([]FinanceLine, len(lines))
	for i, l := range lines {
		out[i] = FinanceLine{Kind: l.Kind, Taakveld: l.Taakveld, Programme: l.Programme, Label: l.Label, Amounts: make([]*Money, n)}
	}
	return out
}

// nextTitle is title with the year token from replaced by to, or with to
// appended when it names no year.
func nextTitle(title string, from, to int) string {
	if t := replaceYear(title, from, to); t != title {
		return t
	}
	return strings.TrimSpace(title) + " " + strconv.Itoa(to)
}

// replaceYear replaces the token from (four digits standing alone, not part
// of a longer number, a word or a span such as "2022-2026") by to.
func replaceYear(s string, from, to int) string {
	old, repl := strconv.Itoa(from), strconv.Itoa(to)
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(s[i:], old)
		if j < 0 {
			break
		}
		j += i
		end := j + len(old)
		if yearEdge(s, j-1) && yearEdge(s, end) {
			b.WriteString(s[i:j])
			b.WriteString(repl)
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
	if i == 0 {
		return s
	}
	b.WriteString(s[i:])
	return b.String()
}

// yearEdge reports whether the byte at i may border a year token: the
// string's end, or none of a letter, a digit, a hyphen or a slash.
func yearEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '/' || c >= 0x80)
}

func copyFootnote(f *Footnote) *Footnote {
	if f == nil {
		return nil
	}
	c := *f
	return &c
}

func copyNumber(n *float64) *float64 {
	if n == nil {
		return nil
	}
	c := *n
	return &c
}

func copyMoney(m *Money) *Money {
	if m == nil {
		return nil
	}
	c := *m
	return &c
}

// maxUnfilledPlaces bounds how many pages CheckFilled names: the rest
// are counted.
const maxUnfilledPlaces = 10

// CheckFilled refuses a document that still holds a deviation roll-forward
// left to fill in (Unfilled): it cannot be offered for review or
// published as if it were finished. The ECONFLICT error names the pages
// and their goals or activities, in reading order.
func CheckFilled(doc *Document) error {
	var places []string
	count, pages := 0, 0
	_ = doc.Walk(func(p *Page) error {
		var refs []string
		for _, b := range p.Blocks {
			for _, d := range b.Deviations {
				if !d.Filled() {
					refs = append(refs, d.Ref)
				}
			}
		}
		if len(refs) == 0 {
			return nil
		}
		count, pages = count+len(refs), pages+1
		if len(places) < maxUnfilledPlaces {
			places = append(places, "pagina “"+p.Title+"” ("+strings.Join(refs, ", ")+")")
		}
		return nil
	})
	if count == 0 {
		return nil
	}
	if pages > len(places) {
		places = append(places, fmt.Sprintf("en nog %d pagina's", pages-len(places)))
	}
	what := "de afwijking die nog “" + Unfilled + "” zegt"
	if count > 1 {
		what = fmt.Sprintf("de %d afwijkingen die nog “%s” zeggen", count, Unfilled)
	}
	return Errorf(ECONFLICT, "Vul eerst de toelichting in van %s: %s.", what, strings.Join(places, "; "))
}
