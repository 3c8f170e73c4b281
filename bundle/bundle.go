// Package bundle reads and writes koers bundles: one whole P&C document as
// versioned JSON, the interchange format behind `koers import`, `koers
// export` and `koers check`. The format is described by the JSON Schema in
// schema/ and explained in doc/bundle.md.
//
// Decoding checks a bundle in three passes, each reporting every problem it
// finds with the file, JSON pointer, line and column: the JSON itself
// (syntax, fields named twice, numbers that are not plain decimals, text
// that is not valid Unicode), the schema (types, required and unknown
// fields, ranges), then the domain's rules (koers.ValidateDocument: unique
// numbers, references between goals, activities, indicators and
// deviations, slugs, ranges of values), whose field paths this package
// maps to the file.
//
// The bundle has its own types, blocks included, so that how koers stores
// and serves a document can change without changing bundle version 1.
//
// The package also reads comparison figures (benchmarks) from CSV, a line at
// a time and within size limits, with the same kind of located problems.
package bundle

import "github.com/koers-nl/koers"

// Format and Version identify the bundle format. A reader refuses versions
// it does not know.
const (
	Format  = "koers-bundle"
	Version = 1
)

// Bundle is one document with the organisation that publishes it.
type Bundle struct {
	Schema       string       `json:"$schema,omitempty"`
	Format       string       `json:"format"`
	Version      int          `json:"version"`
	Organisation Organisation `json:"organisation"`
	Document     Document     `json:"document"`
}

// Organisation is the publisher of the document.
type Organisation struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	CBSCode string `json:"cbs_code,omitempty"`
	Theme   *Theme `json:"theme,omitempty"`
	// StatusLegend is the organisation's own legend for statuses; without
	// it koers's default applies.
	StatusLegend []StatusEntry    `json:"status_legend,omitempty"`
	Finance      *FinanceSettings `json:"finance,omitempty"`
}

// StatusEntry is one status of the organisation's legend.
type StatusEntry struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
	Colour string `json:"colour"`
}

// FinanceSettings are the organisation's rules for its finance tables.
type FinanceSettings struct {
	Signs     koers.SignConvention `json:"signs,omitempty"`
	Threshold koers.Money          `json:"threshold,omitempty"`
}

// Theme is the organisation's colour and logo on the site.
type Theme struct {
	Colour  string `json:"colour,omitempty"`
	LogoSVG string `json:"logo_svg,omitempty"`
}

// Document is the document's metadata and page tree.
type Document struct {
	Kind     koers.DocumentKind `json:"kind"`
	Year     int                `json:"year"`
	Sequence int                `json:"sequence,omitempty"`
	Title    string             `json:"title"`
	Slug     string             `json:"slug,omitempty"`
	Pages    []Page             `json:"pages"`
}

// Page is one node of the page tree. SmartGoals, Activities and Indicators
// are the plan the page states or reports on; Blocks refer to them by
// number or key.
type Page struct {
	Kind       koers.PageKind `json:"kind"`
	Number     string         `json:"number,omitempty"`
	Title      string         `json:"title"`
	Slug       string         `json:"slug,omitempty"`
	SmartGoals []SmartGoal    `json:"smart_goals,omitempty"`
	Activities []Activity     `json:"activities,omitempty"`
	Indicators []Indicator    `json:"indicators,omitempty"`
	Blocks     []Block        `json:"blocks,omitempty"`
	Children   []Page         `json:"children,omitempty"`
}

// SmartGoal is a SMART goal in this document's wording.
type SmartGoal struct {
	Number string `json:"number"`
	Title  string `json:"title"`
}

// Activity is an activity in this document's wording.
type Activity struct {
	Number   string    `json:"number"`
	Title    string    `json:"title"`
	Footnote *Footnote `json:"footnote,omitempty"`
}

// Indicator is a performance indicator with the values this document
// reports. Key is its identity across documents.
type Indicator struct {
	Key    string     `json:"key"`
	Number string     `json:"number"`
	Name   string     `json:"name"`
	Unit   koers.Unit `json:"unit"`
	// Unit, Direction, Definition, Source and PrivacyThreshold are this
	// document's words about the indicator: another document may word the
	// same key otherwise without changing this one.
	Direction        koers.Direction `json:"direction,omitempty"`
	Definition       string          `json:"definition,omitempty"`
	Source           string          `json:"source,omitempty"`
	PrivacyThreshold int             `json:"privacy_threshold,omitempty"`
	Footnote         *Footnote       `json:"footnote,omitempty"`
	Values           []Value         `json:"values"`
}

// Value is one yearly value; a null Value is "nnb" (not yet known).
type Value struct {
	Year  int             `json:"year"`
	Kind  koers.ValueKind `json:"kind"`
	Value *float64        `json:"value"`
}

// Footnote is a note under an activity grid or an indicator table.
type Footnote struct {
	Marker string `json:"marker"`
	Text   string `json:"text"`
}

// Block is one typed piece of a page's content; Type decides which of the
// other fields it has (see doc/bundle.md).
type Block struct {
	Type    string `json:"type"`
	Heading string `json:"heading,omitempty"`

	Content      []TextElement `json:"content,omitempty"`      // text
	Text         string        `json:"text,omitempty"`         // goal
	Explanations []Explanation `json:"explanations,omitempty"` // goal_explanations, activity_explanations
	Indicators   []string      `json:"indicators,omitempty"`   // indicator_table: keys of the page's indicators
	Scope        string        `json:"scope,omitempty"`        // deviations: smart_goals or activities
	Deviations   []Deviation   `json:"deviations,omitempty"`   // deviations
	// Finance is a finance_table's table, in the domain's shape.
	Finance *koers.FinanceTable `json:"finance,omitempty"`
	// Printed is an indicator_table's printed layout, in the domain's shape.
	Printed *koers.PrintedTable `json:"printed,omitempty"`
	// Comparison is a comparison_table's table, in the domain's shape.
	Comparison *koers.ComparisonTable `json:"comparison,omitempty"`
}

// TextElement is a paragraph or a list in a text block.
type TextElement struct {
	Type    string   `json:"type"`              // paragraph, list or heading
	Text    string   `json:"text,omitempty"`    // paragraph, heading
	Items   []string `json:"items,omitempty"`   // list
	Ordered bool     `json:"ordered,omitempty"` // list
}

// Explanation explains one SMART goal or activity, named by its number.
type Explanation struct {
	Ref        string   `json:"ref"`
	Heading    string   `json:"heading,omitempty"`
	Paragraphs []string `json:"paragraphs"`
}

// Deviation is what a bestuursrapportage reports on one SMART goal or
// activity.
type Deviation struct {
	Ref        string   `json:"ref"`
	Paragraphs []string `json:"paragraphs"`
	Status     string   `json:"status,omitempty"` // a key of the organisation's legend
}
