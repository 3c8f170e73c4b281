package api

import (
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// The shapes of /api/v1. They are the API's own, documented in
// openapi.json, and converted from the domain's types here: the domain and
// the store's shapes may change; these stay as they are within v1.

// DocumentList is GET /documents: a window of the list.
type DocumentList struct {
	Documents []Document `json:"documents"`
	Window
}

// Window is where a list goes on: null at its end.
type Window struct {
	NextCursor *string `json:"next_cursor"` // the cursor parameter of the next window
	Next       *string `json:"next"`        // the next window's address
}

// Organisation is the body that publishes a document.
type Organisation struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	CBSCode string `json:"cbs_code,omitempty"`
	URL     string `json:"url"`
}

// Document is a published document; GET /documents/{id} adds its pages.
type Document struct {
	ID           int64        `json:"id"`
	Organisation Organisation `json:"organisation"`
	Kind         string       `json:"kind"`
	Year         int          `json:"year"`
	Sequence     int          `json:"sequence,omitempty"`
	Title        string       `json:"title"`
	URL          string       `json:"url"`
	PDFURL       string       `json:"pdf_url"`
	UpdatedAt    string       `json:"updated_at"`
	Pages        []PageNode   `json:"pages,omitempty"`
}

// PageNode is a page in a document's tree.
type PageNode struct {
	ID       int64      `json:"id"`
	Kind     string     `json:"kind"`
	Number   string     `json:"number,omitempty"`
	Title    string     `json:"title"`
	URL      string     `json:"url"`
	PDFURL   string     `json:"pdf_url"`
	Children []PageNode `json:"children"`
}

// Page is GET /pages/{id}: a page with its plan and content.
type Page struct {
	ID         int64       `json:"id"`
	DocumentID int64       `json:"document_id"`
	ParentID   *int64      `json:"parent_id"`
	Kind       string      `json:"kind"`
	Number     string      `json:"number,omitempty"`
	Title      string      `json:"title"`
	URL        string      `json:"url"`
	PDFURL     string      `json:"pdf_url"`
	SmartGoals []SmartGoal `json:"smart_goals"`
	Activities []Activity  `json:"activities"`
	Indicators []Indicator `json:"indicators"`
	Blocks     []Block     `json:"blocks"`
}

// SmartGoal is a SMART goal as this document words it; its ID is the same
// in every document.
type SmartGoal struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

// Activity is an activity as this document words it; its ID is the same
// in every document.
type Activity struct {
	ID       int64     `json:"id"`
	Number   string    `json:"number"`
	Title    string    `json:"title"`
	Footnote *Footnote `json:"footnote,omitempty"`
}

// Footnote is a note under a grid or table.
type Footnote struct {
	Marker string `json:"marker"`
	Text   string `json:"text"`
}

// DocumentIndicators is GET /documents/{id}/indicators: a window of the
// list.
type DocumentIndicators struct {
	DocumentID int64       `json:"document_id"`
	Indicators []Indicator `json:"indicators"`
	Window
}

// DocumentVersions is GET /documents/{id}/versions: every published
// version of the document, newest first.
type DocumentVersions struct {
	DocumentID int64     `json:"document_id"`
	Versions   []Version `json:"versions"`
}

// Version is one publication of a document.
type Version struct {
	Number      int     `json:"number"`
	PublishedAt string  `json:"published_at"`
	Publisher   *string `json:"publisher"` // the name; null when unknown
	Note        string  `json:"note"`
	Current     bool    `json:"current"`
	URL         string  `json:"url"`         // where the site shows it
	ChangesURL  *string `json:"changes_url"` // its changes from the one before; null for the first
}

// Indicator is a performance indicator with the values a document reports.
type Indicator struct {
	ID       int64     `json:"id"`
	Key      string    `json:"key"`
	Number   string    `json:"number"`
	Name     string    `json:"name"`
	Unit     string    `json:"unit"`
	Footnote *Footnote `json:"footnote,omitempty"`
	PageID   int64     `json:"page_id"`
	Values   []Value   `json:"values"`
}

// Value is one yearly value: null when not known or withheld.
type Value struct {
	Year    int      `json:"year"`
	Kind    string   `json:"kind"`
	Value   *float64 `json:"value"`
	Display string   `json:"display"`
}

// Series is GET /indicators/{id}: an indicator through every document.
type Series struct {
	ID         int64       `json:"id"`
	Key        string      `json:"key"`
	Number     string      `json:"number"`
	Name       string      `json:"name"`
	Unit       string      `json:"unit"`
	Direction  string      `json:"direction,omitempty"`
	Definition string      `json:"definition,omitempty"`
	Source     string      `json:"source,omitempty"`
	URL        string      `json:"url"`
	Values     []Value     `json:"values"`
	Reports    []Report    `json:"reports"`
	Benchmarks []Benchmark `json:"benchmarks"`
}

// Report is a value as one document reported it.
type Report struct {
	Value
	Unit       string `json:"unit"` // as its document gives it
	DocumentID int64  `json:"document_id"`
	Document   string `json:"document"`
	Current    bool   `json:"current"`
}

// Benchmark is a comparison figure from an outside source.
type Benchmark struct {
	Indicator     string  `json:"indicator"`
	Area          string  `json:"area"`
	Period        string  `json:"period"`
	Value         float64 `json:"value"`
	Unit          string  `json:"unit"`
	Source        string  `json:"source"`
	ReferenceDate string  `json:"reference_date"`
}

// SearchResults is GET /search: a window of the results.
type SearchResults struct {
	Query   string         `json:"query"`
	Results []SearchResult `json:"results"`
	Window
}

// SearchResult is a page that matched, with where it is and a snippet.
type SearchResult struct {
	PageID  int64    `json:"page_id"`
	Title   string   `json:"title"`
	URL     string   `json:"url"`
	Trail   []string `json:"breadcrumb"`
	Snippet string   `json:"snippet"`
	Matches []string `json:"matches"`
}

// Block is a typed content block of a page. Which fields are present
// depends on Type; see openapi.json.
type Block struct {
	Type         string           `json:"type"`
	Heading      string           `json:"heading,omitempty"`
	Content      []TextElement    `json:"content,omitempty"`      // text
	Text         string           `json:"text,omitempty"`         // goal
	Explanations []Explanation    `json:"explanations,omitempty"` // goal_explanations, activity_explanations
	Indicators   []string         `json:"indicators,omitempty"`   // indicator_table
	Scope        string           `json:"scope,omitempty"`        // deviations
	Deviations   []Deviation      `json:"deviations,omitempty"`   // deviations
	Finance      *FinanceTable    `json:"finance,omitempty"`      // finance_table
	Comparison   *ComparisonTable `json:"comparison,omitempty"`   // comparison_table
	Printed      *PrintedTable    `json:"printed,omitempty"`      // indicator_table: its printed layout
}

// FinanceTable is a finance table with its computed figures: amounts in
// euros, exact, as spent or received; differences with V (voordelig) or N
// (nadelig).
type FinanceTable struct {
	Scale        int64                `json:"scale"`
	ScaleLabel   string               `json:"scale_label"`
	Columns      []FinanceColumn      `json:"columns"`
	Differences  []FinanceDifference  `json:"differences"`
	Lines        []FinanceLine        `json:"lines"`
	Totals       []FinanceTotal       `json:"totals"`
	Explanations []FinanceExplanation `json:"explanations"`
}

// FinanceColumn is a (year, version) column.
type FinanceColumn struct {
	Year      int    `json:"year"`
	Version   string `json:"version"`
	Amendment int    `json:"amendment,omitempty"`
	Title     string `json:"title"`
}

// FinanceDifference is a computed column: to minus from.
type FinanceDifference struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Title string `json:"title"`
}

// FinanceLine is one line with its amounts per column and differences.
type FinanceLine struct {
	Kind        string         `json:"kind"`
	Taakveld    string         `json:"taakveld,omitempty"`
	Programme   string         `json:"programme,omitempty"`
	Label       string         `json:"label"` // as shown: "6.1 Samenkracht en burgerparticipatie"
	Amounts     []*koers.Money `json:"amounts"`
	Differences []Judged       `json:"differences"`
}

// FinanceTotal is a computed total: lasten, baten, saldo, toevoegingen,
// onttrekkingen, resultaat.
type FinanceTotal struct {
	Kind        string         `json:"kind"`
	Label       string         `json:"label"`
	Amounts     []*koers.Money `json:"amounts"`
	Differences []Judged       `json:"differences"`
}

// Judged is a difference and whether it is voordelig (V) or nadelig (N);
// both are null where there is nothing to compare.
type Judged struct {
	Amount    *koers.Money `json:"amount"`
	Judgement string       `json:"judgement,omitempty"`
}

// FinanceExplanation is a toelichting on a line's difference.
type FinanceExplanation struct {
	Line       int          `json:"line"`
	Amount     *koers.Money `json:"amount,omitempty"`
	Structural *bool        `json:"structural,omitempty"`
	Paragraphs []string     `json:"paragraphs"`
}

func finance(t *koers.FinanceTable, year int) *FinanceTable {
	if t == nil {
		return nil
	}
	f := t.Figures()
	out := &FinanceTable{Scale: t.Scale, ScaleLabel: koers.ScaleLabel(t.Scale), Columns: []FinanceColumn{},
		Differences: []FinanceDifference{}, Lines: []FinanceLine{}, Totals: []FinanceTotal{}, Explanations: []FinanceExplanation{}}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, FinanceColumn{Year: c.Year, Version: string(c.Version), Amendment: c.Amendment, Title: c.Title()})
	}
	for _, d := range t.Differences {
		out.Differences = append(out.Differences, FinanceDifference{From: d.From, To: d.To, Title: d.Title()})
	}
	judged := func(d *koers.Money, kind koers.LineKind) Judged {
		if d == nil {
			return Judged{}
		}
		return Judged{Amount: d, Judgement: string(koers.Judge(kind, *d))}
	}
	for i, l := range t.Lines {
		line := FinanceLine{Kind: string(l.Kind), Taakveld: l.Taakveld, Programme: l.Programme, Label: present.LineLabel(l, year),
			Amounts: l.Amounts, Differences: []Judged{}}
		for _, ds := range f.LineDiffs {
			line.Differences = append(line.Differences, judged(ds[i], l.Kind))
		}
		out.Lines = append(out.Lines, line)
	}
	for _, k := range t.TotalKinds() {
		kind := koers.Income // more of a saldo or a result is better
		if k == koers.TotalExpenses || k == koers.TotalToReserve {
			kind = koers.Expenses
		}
		total := FinanceTotal{Kind: string(k), Label: k.Label(), Amounts: f.Totals[k], Differences: []Judged{}}
		for _, ds := range f.TotalDiffs {
			total.Differences = append(total.Differences, judged(ds[k], kind))
		}
		out.Totals = append(out.Totals, total)
	}
	for _, e := range t.Explanations {
		out.Explanations = append(out.Explanations, FinanceExplanation{Line: e.Line, Amount: e.Amount, Structural: e.Structural,
			Paragraphs: nonNil(e.Paragraphs)})
	}
	return out
}

// TextElement is a paragraph or a list in a text block.
type TextElement struct {
	Type    string   `json:"type"`
	Text    string   `json:"text,omitempty"`
	Items   []string `json:"items,omitempty"`
	Ordered bool     `json:"ordered,omitempty"`
}

// Explanation explains one SMART goal or activity.
type Explanation struct {
	Ref        string   `json:"ref"`
	Heading    string   `json:"heading,omitempty"`
	Paragraphs []string `json:"paragraphs"`
}

// Deviation is what a bestuursrapportage reports on a goal or activity.
type Deviation struct {
	Ref        string   `json:"ref"`
	Paragraphs []string `json:"paragraphs"`
	Status     *Status  `json:"status,omitempty"`
}

// Status is a deviation's status as the organisation's legend names it.
type Status struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
	Colour string `json:"colour"`
}

func footnote(f *koers.Footnote) *Footnote {
	if f == nil {
		return nil
	}
	return &Footnote{Marker: f.Marker, Text: f.Text}
}

func value(in *koers.Indicator, v koers.Value) Value {
	return Value{Year: v.Year, Kind: string(v.Kind), Value: in.Public(v), Display: in.Display(v)}
}

func values(in *koers.Indicator, vs []koers.Value) []Value {
	out := []Value{}
	for _, v := range vs {
		out = append(out, value(in, v))
	}
	return out
}

func indicators(list []*koers.Indicator) []Indicator {
	out := []Indicator{}
	for _, in := range list {
		out = append(out, Indicator{ID: in.ID, Key: in.Key, Number: in.Number, Name: in.Name, Unit: string(in.Unit),
			Footnote: footnote(in.Footnote), PageID: in.PageID, Values: values(in, in.Values)})
	}
	return out
}

// blocks converts the domain's blocks, field by field: a new field in
// koers.Block does not appear in the API until it is added here and to
// openapi.json.
func blocks(list []koers.Block, year int, legend koers.StatusLegend) []Block {
	out := []Block{}
	for _, b := range list {
		a := Block{Type: string(b.Type), Heading: b.Heading, Text: b.Text, Scope: string(b.Scope), Finance: finance(b.Finance, year),
			Comparison: comparison(b.Comparison)}
		for _, e := range b.Content {
			a.Content = append(a.Content, TextElement{Type: string(e.Type), Text: e.Text, Items: e.Items, Ordered: e.Ordered})
		}
		for _, e := range b.Explanations {
			a.Explanations = append(a.Explanations, Explanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: nonNil(e.Paragraphs)})
		}
		a.Indicators = append(a.Indicators, b.Indicators...)
		a.Printed = printed(b.Printed)
		for _, d := range b.Deviations {
			a.Deviations = append(a.Deviations, Deviation{Ref: d.Ref, Paragraphs: nonNil(d.Paragraphs), Status: status(legend, d.Status)})
		}
		out = append(out, a)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func status(legend koers.StatusLegend, key string) *Status {
	m := present.Status(legend, key)
	if m == nil {
		return nil
	}
	return &Status{Key: m.Key, Label: m.Label, Symbol: m.Symbol, Colour: m.Colour}
}
