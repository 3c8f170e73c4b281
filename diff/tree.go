package diff

import (
	"strconv"

	"github.com/koers-nl/koers"
)

// Status is what happened to a page, block, item or row between two
// versions.
type Status string

// The statuses. A page or item that is both moved and changed is Moved,
// with its changes listed; Same things are left out of a diff's lists,
// except pages, which are kept (Unchanged) so a reader sees the tree.
const (
	Same     Status = "same"
	Added    Status = "added"
	Removed  Status = "removed"
	Moved    Status = "moved"
	Modified Status = "changed"
)

// Label is the status in Dutch, as a list of changes marks an item.
func (s Status) Label() string {
	switch s {
	case Added:
		return "Toegevoegd"
	case Removed:
		return "Verwijderd"
	case Moved:
		return "Verplaatst"
	case Modified:
		return "Gewijzigd"
	}
	return "Ongewijzigd"
}

// Document is the difference between two versions of a document: its
// title word by word, every page of both versions in reading order (the
// new tree, with removed pages where they stood), and counts.
type Document struct {
	Title   []Span
	Pages   []*Page
	Summary Summary
}

// Summary counts the pages by what happened to them. A page counts once
// in Added, Removed or Modified (its content, title or place changed);
// Moved and Renamed count again those of the changed ones that moved or
// got another title or slug.
type Summary struct {
	Added, Removed, Changed, Same int
	Moved, Renamed                int
}

// Changed reports whether the two versions differ at all.
func (d *Document) Changed() bool {
	return d != nil && (Changed(d.Title) || d.Summary.Added+d.Summary.Removed+d.Summary.Changed > 0)
}

// Page is the difference of one page. Old and New are the page as it was
// and as it is (nil when added or removed): a template reads their paths,
// numbers and kinds from them.
type Page struct {
	Status Status // Added, Removed, Moved, Modified or Same
	// Unchanged says nothing at all differs: a template skips the page.
	Unchanged bool
	Old, New  *koers.Page
	// OldPath and NewPath are the page's paths in either version ("" where
	// it is not): its Path, or the slugs from the top when that is not set.
	OldPath, NewPath string
	Depth            int    // 0 for a top-level page, in the tree it is shown in
	Title            []Span // word by word
	Renamed          bool   // title or slug changed
	// Moved says the page has another parent, or another place among its
	// siblings; Position says where, Parent from under which page when it
	// changed.
	Moved      bool
	Position   Position
	Parent     *Move
	Properties []Value // slug, kind, number: as "Slug: a → b"
	Goals      []Item  // SMART goals by number
	Activities []Item  // activities by number
	Indicators []Indicator
	Blocks     []Block
}

// Path is the page's path in the new version, or the old one's when it was
// removed.
func (p *Page) Path() string {
	if p.New != nil {
		return p.NewPath
	}
	return p.OldPath
}

// Anchor is an HTML id for the page's section: stable, made from the path.
func (p *Page) Anchor() string { return "wijziging-" + slugID(p.Path()) }

// Position is where something stood among its siblings, from 1; 0 when it
// was not there.
type Position struct{ Old, New int }

// String reads "was 3e, nu 1e" (Dutch ordinals).
func (p Position) String() string {
	return "was " + Ordinal(p.Old) + ", nu " + Ordinal(p.New)
}

// Ordinal writes n as a Dutch ordinal in figures: "1e", "3e".
func Ordinal(n int) string { return strconv.Itoa(n) + "e" }

// Move is a page's parent before and after, by title ("" is the top of the
// document).
type Move struct{ Old, New string }

// Value is one changed value as a reader sees it: "2022 (b)", "12%",
// "11,5%". An empty Old or New means there was no value (not "nnb", which
// is a value readers see): see Absent.
type Value struct {
	Label    string
	Old, New string
}

// Absent is what a missing value reads as.
const Absent = "geen"

// OldText and NewText are the sides as shown, Absent for none.
func (v Value) OldText() string { return orAbsent(v.Old) }

// NewText is the new side as shown.
func (v Value) NewText() string { return orAbsent(v.New) }

func orAbsent(s string) string {
	if s == "" {
		return Absent
	}
	return s
}

// String reads "2022 (b): 12% → 11,5%".
func (v Value) String() string {
	s := v.OldText() + " → " + v.NewText()
	if v.Label != "" {
		return v.Label + ": " + s
	}
	return s
}

// Item is a SMART goal, activity, list item, table row or column that was
// added, removed, moved or reworded. Key is its identity (number, key or
// label), Label what a reader sees before its text (a goal's or
// activity's number; often empty); Text its wording, word by word; Note
// its footnote.
type Item struct {
	Status   Status
	Key      string
	Label    string
	Text     []Span
	Position Position // for Moved: old and new place among the others
	Note     []Span   // footnote, word by word
	Values   []Value  // for rows: changed values per column
}

// Indicator is a changed indicator, matched by key.
type Indicator struct {
	Status     Status // Added, Removed or Modified
	Key        string
	Number     []Span
	Name       []Span
	Definition []Span
	Properties []Value // unit, direction, source, threshold
	Values     []Value // per column: "2022 (b)": "12%" → "11,5%"
	Note       []Span  // footnote
}

// Block is a changed block of a page. Which fields are filled depends on
// Type, as in koers.Block.
type Block struct {
	Status   Status // Added, Removed, Moved or Modified
	Type     koers.BlockType
	Heading  []Span
	Position Position
	// text: changed paragraphs, headings and lists, in order.
	Elements []Element
	// goal: the goal's text.
	Text []Span
	// goal_explanations, activity_explanations, deviations: per ref.
	Explanations []Explanation
	// indicator_table: rows added, removed, moved; finance_table: lines;
	// comparison_table: rows.
	Rows []Item
	// finance_table, comparison_table: columns added or removed; other
	// settings (scale, scope, reference date) as values.
	Columns    []Item
	Properties []Value
}

// Element is a changed paragraph, heading or list of a text block.
type Element struct {
	Status Status // Added, Removed or Modified
	Type   koers.TextElementType
	Text   []Span // paragraph or heading
	Items  []Item // list: items added, removed, reworded
}

// Explanation is a changed explanation or deviation, by the goal or
// activity it is about (Ref, Label as the new version names it).
type Explanation struct {
	Status       Status
	Ref          string
	Label        string
	Heading      []Span
	StatusChange *Value   // deviations: the status key before and after, when it changed
	Paragraphs   [][]Span // changed paragraphs only; all of them when added or removed
}

// BlockLabel names a block type in Dutch, for headings of a diff.
func BlockLabel(t koers.BlockType) string {
	switch t {
	case koers.TextBlock:
		return "Tekst"
	case koers.GoalBlock:
		return "Doel"
	case koers.SmartGoalsBlock:
		return "SMART-doelen"
	case koers.ActivitiesBlock:
		return "Activiteiten"
	case koers.GoalExplanationsBlock:
		return "Toelichting op de doelen"
	case koers.ActivityExplanationsBlock:
		return "Toelichting op de activiteiten"
	case koers.IndicatorTableBlock:
		return "Prestatie-indicatoren"
	case koers.DeviationsBlock:
		return "Afwijkingen"
	case koers.FinanceTableBlock:
		return "Financiën"
	case koers.ComparisonTableBlock:
		return "Vergelijking"
	}
	return string(t)
}

func slugID(path string) string {
	b := []byte(path)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}
