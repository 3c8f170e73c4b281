// Package bundle reads and writes koers bundles: one whole P&C document as
// versioned JSON, the interchange format behind `koers import`, `koers
// export` and `koers check`. The format is described by the JSON Schema in
// schema/ and explained in doc/bundle.md.
//
// Decoding checks a bundle in three passes, each reporting every problem it
// finds with the file, JSON pointer, line and column: the JSON syntax, the
// schema (types, required and unknown fields, ranges), then the rules a
// schema cannot say (unique numbers, references between goals, activities,
// indicators and deviations, slugs).
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
	Blocks     []koers.Block  `json:"blocks,omitempty"`
	Children   []Page         `json:"children,omitempty"`
}

// SmartGoal is a SMART goal in this document's wording.
type SmartGoal struct {
	Number string `json:"number"`
	Title  string `json:"title"`
}

// Activity is an activity in this document's wording.
type Activity struct {
	Number   string          `json:"number"`
	Title    string          `json:"title"`
	Footnote *koers.Footnote `json:"footnote,omitempty"`
}

// Indicator is a performance indicator with the values this document
// reports. Key is its identity across documents.
type Indicator struct {
	Key    string     `json:"key"`
	Number string     `json:"number"`
	Name   string     `json:"name"`
	Unit   koers.Unit `json:"unit"`
	// Direction, Definition, Source and PrivacyThreshold describe the
	// indicator itself; the latest import of its key sets them.
	Direction        koers.Direction `json:"direction,omitempty"`
	Definition       string          `json:"definition,omitempty"`
	Source           string          `json:"source,omitempty"`
	PrivacyThreshold int             `json:"privacy_threshold,omitempty"`
	Footnote         *koers.Footnote `json:"footnote,omitempty"`
	Values           []Value         `json:"values"`
}

// Value is one yearly value; a null Value is "nnb" (not yet known).
type Value struct {
	Year  int             `json:"year"`
	Kind  koers.ValueKind `json:"kind"`
	Value *float64        `json:"value"`
}
