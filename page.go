package koers

import "strings"

// PageKind says what a page is in the document's tree.
type PageKind string

// The kinds of page. A chapter groups programmes ("Programma's"); a programme
// ("Programma 1: Meedoen in Leiderdorp") holds sub-programmes ("1C:
// Ondersteunde inwoners"); a plain page is any other content page.
const (
	Chapter      PageKind = "chapter"
	Programme    PageKind = "programme"
	SubProgramme PageKind = "subprogramme"
	PlainPage    PageKind = "page"
)

// PageKinds lists every page kind.
var PageKinds = []PageKind{Chapter, Programme, SubProgramme, PlainPage}

// Valid reports whether k is a known page kind.
func (k PageKind) Valid() bool {
	for _, v := range PageKinds {
		if k == v {
			return true
		}
	}
	return false
}

// MaxPageDepth is how deep a page tree may nest.
const MaxPageDepth = 8

// Page is one node of a document's page tree with its content.
type Page struct {
	ID         int64
	DocumentID int64
	ParentID   int64 // 0 for a top-level page
	Position   int   // among its siblings
	Kind       PageKind
	Number     string // programme code such as "1" or "1C"; empty for chapters
	Title      string // as shown, e.g. "1C: Ondersteunde inwoners"
	Slug       string // URL segment, unique among siblings
	Path       string // slugs from the top of the tree, joined by "/"

	// The plan this page states or reports on, in this document's wording.
	// SMART goals and activities keep their identity (programme + number)
	// across documents; indicators keep theirs by key.
	SmartGoals []SmartGoal
	Activities []Activity
	Indicators []*Indicator

	Blocks   []Block
	Children []*Page // filled only where a method says so
}

// HasContent reports whether the page has anything to show besides its
// children.
func (p *Page) HasContent() bool { return len(p.Blocks) > 0 }

// SmartGoal returns the page's SMART goal with the given number.
func (p *Page) SmartGoal(number string) (SmartGoal, bool) {
	for _, g := range p.SmartGoals {
		if g.Number == number {
			return g, true
		}
	}
	return SmartGoal{}, false
}

// Activity returns the page's activity with the given number.
func (p *Page) Activity(number string) (Activity, bool) {
	for _, a := range p.Activities {
		if a.Number == number {
			return a, true
		}
	}
	return Activity{}, false
}

// Indicator returns the page's indicator with the given key, or nil.
func (p *Page) Indicator(key string) *Indicator {
	for _, in := range p.Indicators {
		if in.Key == key {
			return in
		}
	}
	return nil
}

// SmartGoal is a specific, measurable goal of a (sub-)programme, numbered 1,
// 2, 3 within it.
type SmartGoal struct {
	ID     int64  `json:"id,omitempty"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

// Activity is what the municipality does for a SMART goal, numbered
// "goal.sequence" (1.1, 1.2, 2.1).
type Activity struct {
	ID       int64     `json:"id,omitempty"`
	Number   string    `json:"number"`
	Title    string    `json:"title"`
	Footnote *Footnote `json:"footnote,omitempty"`
}

// Footnote is a note attached to an activity or an indicator, shown under
// its grid or table with the marker ("*", "1").
type Footnote struct {
	Marker string `json:"marker"`
	Text   string `json:"text"`
}

// TrimPeriod returns s without a final full stop. Headings of explanations
// repeat a goal's or activity's title without the period it has in a list.
func TrimPeriod(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), ".") }

// Text is everything a reader can read on the page, for search: title,
// headings, paragraphs, lists, goals, activities, explanations, indicator
// names and deviations.
func (p *Page) Text() string {
	var b strings.Builder
	add := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	add(p.Title)
	for _, blk := range p.Blocks {
		add(blk.Heading)
		add(blk.Text)
		for _, el := range blk.Content {
			add(el.Text)
			for _, it := range el.Items {
				add(it)
			}
		}
		switch blk.Type {
		case SmartGoalsBlock:
			for _, g := range p.SmartGoals {
				add(g.Label())
			}
		case ActivitiesBlock:
			for _, a := range p.Activities {
				add(a.Number + " " + a.Title)
				if a.Footnote != nil {
					add(a.Footnote.Text)
				}
			}
		case IndicatorTableBlock:
			for _, key := range blk.Indicators {
				if in := p.Indicator(key); in != nil {
					add(in.Number + " " + in.Name)
				}
			}
		}
		for _, e := range blk.Explanations {
			add(e.Heading)
			for _, para := range e.Paragraphs {
				add(para)
			}
		}
		for _, d := range blk.Deviations {
			for _, para := range d.Paragraphs {
				add(para)
			}
		}
	}
	return b.String()
}

// HasContentHint reports whether a page from a tree without content is a
// sub-programme page that can carry a plan: it has a number and no
// children.
func (p *Page) HasContentHint() bool { return p.Number != "" && len(p.Children) == 0 }

// RefLabel is how a deviation or an explanation names the SMART goal or
// activity it is about: "1. Meer inwoners ..." or "2.2 We stellen ...".
// A reference the page does not have is shown as it is.
func (p *Page) RefLabel(scope Scope, ref string) string {
	if scope == ScopeActivities {
		if a, ok := p.Activity(ref); ok {
			return a.Number + " " + a.Title
		}
	} else if g, ok := p.SmartGoal(ref); ok {
		return g.Label()
	}
	return ref
}

// ExplanationHeading is the heading above an explanation: the goal's or
// activity's number and title, the title without its final period as the
// documents print it, unless the explanation words it otherwise.
func (p *Page) ExplanationHeading(t BlockType, e Explanation) string {
	title := e.Heading
	if t == GoalExplanationsBlock {
		if g, ok := p.SmartGoal(e.Ref); ok && title == "" {
			title = TrimPeriod(g.Title)
		}
		return SmartGoal{Number: e.Ref, Title: title}.Label()
	}
	if a, ok := p.Activity(e.Ref); ok && title == "" {
		title = TrimPeriod(a.Title)
	}
	return e.Ref + " " + title
}

// ActivityGrid lays the activities out as the documents print them: one
// column per SMART goal, in order of first appearance, read row by row
// (1.1 2.1 3.1, then 1.2 2.2 ...). Empty cells are nil.
func (p *Page) ActivityGrid() (goals []string, rows [][]*Activity) {
	col := map[string]int{}
	var columns [][]*Activity
	for i := range p.Activities {
		a := &p.Activities[i]
		c, ok := col[a.Goal()]
		if !ok {
			c = len(columns)
			col[a.Goal()] = c
			goals = append(goals, a.Goal())
			columns = append(columns, nil)
		}
		columns[c] = append(columns[c], a)
	}
	for r := 0; ; r++ {
		row := make([]*Activity, len(columns))
		filled := false
		for c := range columns {
			if r < len(columns[c]) {
				row[c], filled = columns[c][r], true
			}
		}
		if !filled {
			return goals, rows
		}
		rows = append(rows, row)
	}
}
