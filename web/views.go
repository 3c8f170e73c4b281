package web

import (
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/urls"
)

// layout is what every page type gives the layout template.
type layout struct {
	Title     string // <title>, before the organisation's name
	Canonical string
	Org       *koers.Organisation
	OrgURL    string
	Doc       *koers.Document
	DocURL    string
	Crumbs    []crumb
	PDF       *pdfControls
	Nav       []navItem
	NavLabel  string
	Concept   *concept // a preview of a draft (Preview)
	// VersionsURL lists the document's versions, when it has that page.
	VersionsURL string
	// OldVersion marks a page of a version that is no longer current.
	OldVersion *oldVersion
	// NoIndex keeps search engines from indexing the page.
	NoIndex bool
}

// ThemeCSS sets the organisation's colour on the design tokens.
func (l layout) ThemeCSS() template.CSS {
	if l.Org == nil || l.Org.Theme.Colour == "" {
		return ""
	}
	if _, bad := l.Org.Theme.Check()["colour"]; bad {
		return ""
	}
	c := l.Org.Theme.Colour
	return template.CSS(":root{--koers-color-primary:" + c + ";--koers-color-primary-dark:" + koers.Darker(c, 0.7) + "}")
}

// LogoURL is where the organisation's logo is served, if it has one.
func (l layout) LogoURL() string {
	if l.Org == nil || l.Org.Theme.Logo == "" {
		return ""
	}
	return urls.Organisation(l.Org) + "/logo.svg"
}

type crumb struct {
	Label   string // possibly shortened
	Full    string
	URL     string
	Current bool
}

type navItem struct {
	Title    string
	URL      string
	Current  bool
	Children []navItem
}

type pdfControls struct {
	PageID      int64
	Title       string
	Back        string // the page's own URL, to return to after selecting
	PDFURL      string
	Selected    int
	InSelection bool
}

type link struct{ Title, URL string }

type homePage struct {
	layout
	Organisations []orgLink
}

type orgLink struct{ Name, URL string }

type organisationPage struct {
	layout
	Years []yearGroup
}

type yearGroup struct {
	Year      int
	Documents []docLink
}

type docLink struct{ Title, Kind, URL string }

type documentPage struct {
	layout
	KindLabel string
	PDFURL    string
	FullURL   string
	Tree      []navItem
	// OverviewURL is the overview per taakveld, when the document has money.
	OverviewURL string
}

type contentPage struct {
	layout
	Page     *koers.Page
	Blocks   []blockView
	Cycle    *link     // the sub-programme through its year's documents
	Children []navItem // for pages that only group others
}

// fullPage is a whole document on one page, for reading and printing.
type fullPage struct {
	layout
	KindLabel string
	PDFURL    string
	Sections  []fullSection
	FiscalURL string // the Fiscal Data Package, when the document has money
	// OverviewURL is the overview per taakveld, when the document has money.
	OverviewURL string
}

type fullSection struct {
	ID     string
	Title  string
	URL    string
	Blocks []blockView
}

type notFoundPage struct {
	layout
	Heading string
	Message string
	Links   []link
}

// blockView is one block prepared for its template; only the field its
// type needs is set.
type blockView struct {
	Type       koers.BlockType
	Sub        bool // one level deeper: h3 for the heading, h4 within
	Heading    string
	ID         string // anchor of the heading
	Source     koers.Block
	SmartGoals []koers.SmartGoal
	Grid       *activityGrid
	// Explanations of goals or activities.
	Explanations []explanationView
	Table        *indicatorTable
	Deviations   *deviationTable
	Finance      *present.FinanceTable
	Printed      *printedTable // indicator_table with a printed layout
	FinanceData  dataLinks     // the finance table as open data
	Comparison   *present.ComparisonTable
}

type activityGrid struct {
	Goals     []string
	Rows      [][]*activityCell
	Footnotes []footnoteView
}

type activityCell struct {
	ID, Number, Title string
	Footnote          *footnoteView
}

type footnoteView struct{ ID, Marker, Text string }

type explanationView struct {
	ID         string
	Heading    string
	Paragraphs []string
}

type indicatorTable struct {
	Caption   string
	Columns   []string
	Trend     bool // some row has a course to draw: a "Verloop" column
	Rows      []indicatorRow
	Footnotes []footnoteView
	Data      dataLinks // relative to the page
}

type indicatorRow struct {
	key       string
	Label     string
	URL       string // the indicator's own page
	Footnote  *footnoteView
	Cells     []string
	Sparkline template.HTML
}

type deviationTable struct {
	Caption   string
	RefHeader string
	Rows      []deviationRow
	Data      dataLinks
	// Status is set when some row has a status: a "Status" column, and the
	// legend of the statuses used under the table.
	Status bool
	Legend []present.StatusMark
}

type deviationRow struct {
	Ref        string
	Label      string
	URL        string // the goal or activity in that year's begroting
	Paragraphs []string
	Status     *present.StatusMark
}

// viewer prepares pages for their templates.
type viewer struct {
	org  *koers.Organisation
	doc  *koers.Document
	plan *plan // the begroting a bestuursrapportage reports on, if koers has it
	sub  bool  // headings one level deeper, for pages shown inside another
	// noData leaves out the links to tables as open data: a draft's and an
	// old version's tables are not served.
	noData bool
	ids    map[string]int
}

// plan is the page of the begroting that a bestuursrapportage's deviations
// refer to: the same year and sub-programme.
type plan struct {
	url  string
	page *koers.Page
}

// link returns where a deviation's goal or activity is in the plan, or "".
func (pl *plan) link(scope koers.Scope, ref string) string {
	if pl == nil {
		return ""
	}
	if scope == koers.ScopeActivities {
		if _, ok := pl.page.Activity(ref); ok {
			return pl.url + "#" + activityAnchor(ref)
		}
	} else if _, ok := pl.page.SmartGoal(ref); ok {
		return pl.url + "#" + goalAnchor(ref)
	}
	return ""
}

// data links a page's table as open data.
func (vw *viewer) data(p *koers.Page, name string) dataLinks {
	if vw.org == nil || vw.doc == nil || vw.noData {
		return dataLinks{}
	}
	base := urls.Page(vw.org, vw.doc, p) + "/" + name
	return dataLinks{CSV: base + ".csv", JSON: base + ".json"}
}

func activityAnchor(number string) string { return "activiteit-" + koers.Slugify(number) }

// goalAnchor is "doel-2" for goal 2, "doel-i-a" for goal I.a.
func goalAnchor(number string) string { return "doel-" + koers.Slugify(number) }

// blockViews prepares a page's blocks. Anchors are unique within the page,
// or within everything that shares the viewer.
func (vw *viewer) blockViews(p *koers.Page) []blockView {
	sub := vw.sub
	if vw.ids == nil {
		vw.ids = map[string]int{}
	}
	ids := vw.ids
	anchor := func(s string) string {
		id := koers.Slugify(s)
		if id == "" {
			id = "blok"
		}
		ids[id]++
		if n := ids[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
		}
		return id
	}
	var out []blockView
	for i, b := range p.Blocks {
		v := blockView{Type: b.Type, Sub: sub, Heading: b.Heading, Source: b}
		if b.Heading != "" {
			v.ID = anchor(b.Heading)
		}
		switch b.Type {
		case koers.SmartGoalsBlock:
			v.SmartGoals = p.SmartGoals
		case koers.ActivitiesBlock:
			v.Grid = newActivityGrid(p, i)
		case koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock:
			for _, e := range b.Explanations {
				v.Explanations = append(v.Explanations, explain(p, b.Type, e, anchor))
			}
		case koers.IndicatorTableBlock:
			v.Table = newIndicatorTable(p, b, i)
			for j := range v.Table.Rows {
				if vw.org != nil {
					v.Table.Rows[j].URL = urls.Indicator(vw.org, v.Table.Rows[j].key)
				}
			}
			v.Table.Data = vw.data(p, "indicatoren")
			if b.Printed != nil {
				v.Printed = vw.printed(p, b, i, v.Table.Data)
			}
		case koers.DeviationsBlock:
			v.Deviations = newDeviationTable(p, b, vw.plan)
			v.Deviations.Data = vw.data(p, "afwijkingen")
			vw.statuses(v.Deviations, b)
		case koers.FinanceTableBlock:
			year := 0
			if vw.doc != nil {
				year = vw.doc.Year
			}
			if b.Finance != nil {
				var signs koers.SignConvention
				if vw.org != nil {
					signs = vw.org.Finance.Signs
				}
				v.Finance = present.FinanceSigned(b.Finance, year, signs)
				v.Finance.Caption = financeCaption(b, p)
				v.FinanceData = vw.financeData(p)[i]
			}
		case koers.ComparisonTableBlock:
			v.Comparison = vw.comparison(b)
		}
		out = append(out, v)
	}
	return out
}

// financeCaption names a finance table for readers of assistive
// technology: its heading, or the page's money.
func financeCaption(b koers.Block, p *koers.Page) string {
	if b.Heading != "" {
		return b.Heading
	}
	return "Financiën van " + p.Title
}

// explain prepares one explanation with an anchor of its own.
func explain(p *koers.Page, t koers.BlockType, e koers.Explanation, anchor func(string) string) explanationView {
	id := "wat-gaan-we-doen-"
	if t == koers.GoalExplanationsBlock {
		id = "wat-willen-we-bereiken-"
	}
	return explanationView{ID: anchor(id + e.Ref), Heading: p.ExplanationHeading(t, e), Paragraphs: e.Paragraphs}
}

// newActivityGrid lays the activities out as the page's grid.
func newActivityGrid(p *koers.Page, block int) *activityGrid {
	g := &activityGrid{}
	goals, rows := p.ActivityGrid()
	g.Goals = goals
	for _, row := range rows {
		cells := make([]*activityCell, len(row))
		for c, a := range row {
			if a == nil {
				continue
			}
			cell := &activityCell{ID: activityAnchor(a.Number), Number: a.Number, Title: a.Title}
			if a.Footnote != nil {
				fn := footnoteView{ID: fmt.Sprintf("voetnoot-%d-%s", block, koers.Slugify(a.Number)), Marker: a.Footnote.Marker, Text: a.Footnote.Text}
				cell.Footnote = &fn
			}
			cells[c] = cell
		}
		g.Rows = append(g.Rows, cells)
	}
	// Footnotes in the order of the activities, as the documents list them.
	for _, a := range p.Activities {
		if a.Footnote != nil {
			g.Footnotes = append(g.Footnotes, footnoteView{ID: fmt.Sprintf("voetnoot-%d-%s", block, koers.Slugify(a.Number)), Marker: a.Footnote.Marker, Text: a.Footnote.Text})
		}
	}
	return g
}

func newIndicatorTable(p *koers.Page, b koers.Block, block int) *indicatorTable {
	var indicators []*koers.Indicator
	for _, key := range b.Indicators {
		if in := p.Indicator(key); in != nil {
			indicators = append(indicators, in)
		}
	}
	caption := b.Heading
	if caption == "" {
		caption = "Prestatie-indicatoren"
	}
	t := &indicatorTable{Caption: caption + " " + p.Title}
	cols := koers.Columns(indicators)
	for _, c := range cols {
		t.Columns = append(t.Columns, c.Label())
	}
	for _, in := range indicators {
		row := indicatorRow{key: in.Key, Label: strings.TrimSpace(in.Number + " " + in.Name), Sparkline: sparkline(in)}
		// A course needs values in two years to draw; the values of one
		// year (budgeted and realised) are their own cells.
		years := map[int]bool{}
		for _, v := range in.Values {
			if in.Public(v) != nil {
				years[v.Year] = true
			}
		}
		t.Trend = t.Trend || len(years) > 1
		if in.Footnote != nil {
			fn := footnoteView{ID: fmt.Sprintf("voetnoot-%d-%s", block, in.Key), Marker: in.Footnote.Marker, Text: in.Footnote.Text}
			row.Footnote = &fn
			t.Footnotes = append(t.Footnotes, fn)
		}
		for _, c := range cols {
			cell := ""
			if v, ok := in.Value(c.Year, c.Kind); ok {
				cell = in.Display(v)
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// statuses adds the statuses of a deviations block, in the organisation's
// legend, to its table.
func (vw *viewer) statuses(t *deviationTable, b koers.Block) {
	marks, used := present.DeviationStatuses(vw.org.StatusLegendOrDefault(), b)
	if marks == nil {
		return
	}
	t.Status, t.Legend = true, used
	for i := range t.Rows {
		t.Rows[i].Status = marks[i]
	}
}

func newDeviationTable(p *koers.Page, b koers.Block, pl *plan) *deviationTable {
	t := &deviationTable{RefHeader: "SMART-doel", Caption: "Afwijkingen per SMART-doel"}
	if b.Scope == koers.ScopeActivities {
		t.RefHeader, t.Caption = "Activiteit", "Afwijkingen per activiteit"
	}
	for _, d := range b.Deviations {
		t.Rows = append(t.Rows, deviationRow{Ref: d.Ref, Label: p.RefLabel(b.Scope, d.Ref), URL: pl.link(b.Scope, d.Ref), Paragraphs: d.Paragraphs})
	}
	return t
}

// crumbKeep is how many characters of an ancestor's title the breadcrumbs
// keep before they complete the word and mark the cut, as the published
// documents do.
const crumbKeep = 22

// shorten keeps the first crumbKeep characters of a title, completed to
// the end of the word they end in (or the word after, when they end in a
// space), and marks the cut with "...": "Programma 1: Meedoen in...",
// "Programma 1 : Meedoen in...", "Programma 2: Aantrekkelijk...". A title
// that ends within that is shown whole.
func shorten(title string) string {
	runes := []rune(strings.TrimSpace(title))
	end := crumbKeep
	for end < len(runes) && !unicode.IsSpace(runes[end]) {
		end++
	}
	if end >= len(runes) {
		return string(runes)
	}
	return strings.TrimRightFunc(string(runes[:end]), unicode.IsSpace) + "..."
}

// financeView is a finance table with the level of the heading above its
// toelichtingen: one below the block's heading, as a sub-heading is.
type financeView struct {
	*present.FinanceTable
	ExplanationsLevel int
}

// FinanceView is the block's finance table for the template, nil when it
// has none.
func (v blockView) FinanceView() *financeView {
	if v.Finance == nil {
		return nil
	}
	return &financeView{FinanceTable: v.Finance, ExplanationsLevel: v.SubHeadingLevel()}
}

// SubHeadingLevel is the level of a sub-heading inside a text block: one
// below the block's own heading, or below the page's sections when the
// block has none.
func (v blockView) SubHeadingLevel() int {
	level := 2
	if v.Heading != "" {
		level++
	}
	if v.Sub {
		level++
	}
	return level
}
