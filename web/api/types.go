package api

import "github.com/koers-nl/koers"

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
	Type         string        `json:"type"`
	Heading      string        `json:"heading,omitempty"`
	Content      []TextElement `json:"content,omitempty"`      // text
	Text         string        `json:"text,omitempty"`         // goal
	Explanations []Explanation `json:"explanations,omitempty"` // goal_explanations, activity_explanations
	Indicators   []string      `json:"indicators,omitempty"`   // indicator_table
	Scope        string        `json:"scope,omitempty"`        // deviations
	Deviations   []Deviation   `json:"deviations,omitempty"`   // deviations
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
func blocks(list []koers.Block) []Block {
	out := []Block{}
	for _, b := range list {
		a := Block{Type: string(b.Type), Heading: b.Heading, Text: b.Text, Scope: string(b.Scope)}
		for _, e := range b.Content {
			a.Content = append(a.Content, TextElement{Type: string(e.Type), Text: e.Text, Items: e.Items, Ordered: e.Ordered})
		}
		for _, e := range b.Explanations {
			a.Explanations = append(a.Explanations, Explanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: nonNil(e.Paragraphs)})
		}
		a.Indicators = append(a.Indicators, b.Indicators...)
		for _, d := range b.Deviations {
			a.Deviations = append(a.Deviations, Deviation{Ref: d.Ref, Paragraphs: nonNil(d.Paragraphs)})
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
