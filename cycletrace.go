package koers

import (
	"fmt"
	"sort"
	"strings"
)

// Trajectory is one SMART goal or one activity of a sub-programme through
// an organisation's documents: how each document words it, the targets and
// realised values of the indicators that measure it, and what the
// bestuursrapportages and jaarstukken report on it.
type Trajectory struct {
	Programme string // the sub-programme's number as asked, e.g. "1c"
	Scope     Scope  // ScopeSmartGoals or ScopeActivities
	Number    string // the goal's or activity's own number, e.g. "2.2"
	// Steps are the documents that name it, measure it or report on it,
	// and the plan that dropped it, in the order the cycle publishes them.
	Steps []TraceStep
}

// TraceStep is the goal or activity in one document.
type TraceStep struct {
	Document *Document // without its tree
	Page     *Page     // the sub-programme's page, with content
	Title    string    // its wording here; "" when this document does not name it
	// Previous is the wording of the last earlier document that named it,
	// for comparing words; "" when there is none.
	Previous   string
	Indicators []*Indicator // those that measure it, with this document's values
	Deviation  *Deviation   // what this document reports on it, if anything
	Changes    []TraceChange
}

// Named reports whether the step's document names the goal or activity.
func (s TraceStep) Named() bool { return s.Title != "" }

// The kinds of a TraceChange.
const (
	TraceAdded            = "added"   // a plan names it for the first time
	TraceDropped          = "dropped" // a plan of the sub-programme no longer names it
	TraceWording          = "wording"
	TraceTarget           = "target"
	TraceIndicatorAdded   = "indicator-added"
	TraceIndicatorDropped = "indicator-dropped"
	TraceStatus           = "status"
)

// TraceChange is one thing a document changed against the documents
// before it.
type TraceChange struct {
	Kind      string
	Indicator string // the indicator's name, for targets and indicators
	Key       string // the indicator's key, for targets
	Year      int    // the target's year
	From, To  string // wordings, displayed targets or status keys
}

// Sentence says the change in Dutch, for readers; legend names statuses.
func (c TraceChange) Sentence(legend StatusLegend) string {
	status := func(key string) string {
		if e, ok := legend.Entry(key); ok {
			return strings.ToLower(e.Label)
		}
		return key
	}
	switch c.Kind {
	case TraceAdded:
		return "Nieuw opgenomen."
	case TraceDropped:
		return "Niet meer opgenomen."
	case TraceWording:
		return "De formulering veranderde."
	case TraceTarget:
		return fmt.Sprintf("De streefwaarde van %s voor %d veranderde van %s in %s.", c.Indicator, c.Year, c.From, c.To)
	case TraceIndicatorAdded:
		return fmt.Sprintf("Nieuwe indicator: %s.", c.Indicator)
	case TraceIndicatorDropped:
		return fmt.Sprintf("Indicator %s wordt niet meer vermeld.", c.Indicator)
	case TraceStatus:
		if c.From == "" {
			return fmt.Sprintf("Status: %s.", status(c.To))
		}
		return fmt.Sprintf("De status veranderde van %s in %s.", status(c.From), status(c.To))
	}
	return ""
}

// MeasuredScope is what an indicator's Number refers to: an activity
// ("2.2", goal and sequence) or a SMART goal ("2").
func MeasuredScope(number string) Scope {
	if strings.Contains(number, ".") {
		return ScopeActivities
	}
	return ScopeSmartGoals
}

// TrajectoryOf follows a goal or activity through an organisation's
// documents with their trees and the sub-programme's pages' content, and
// decides what each document changed. A document is compared with the one
// before it in the same year (begroting, bestuursrapportages,
// jaarstukken) or, for the first of a year, with the latest of the year
// before (one begroting to the next): its wording against the last such
// document that named it, each target against the last that stated one
// for that indicator and year, the indicators that measure it, its status
// against the last status of the year. A begroting that lists the
// sub-programme's goals (or activities) without it drops it; one that
// names it after such a begroting without it adds it. Steps is empty when no
// document has it.
func TrajectoryOf(programme string, scope Scope, number string, docs []*Document) *Trajectory {
	t := &Trajectory{Programme: programme, Scope: scope, Number: number}
	ordered := append([]*Document(nil), docs...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[j].Later(ordered[i]) })
	var seen []traced // every page of the sub-programme so far, oldest first
	for _, d := range ordered {
		bare := *d
		bare.Pages = nil
		_ = d.Walk(func(p *Page) error {
			if !strings.EqualFold(p.Number, programme) || !p.HasContentHint() {
				return nil
			}
			step := TraceStep{Document: &bare, Page: p}
			// Only a begroting plans; a bestuursrapportage or the
			// jaarstukken may list just the goals they report on.
			listed := false
			if scope == ScopeActivities {
				listed = d.Kind == Begroting && len(p.Activities) > 0
				if a, ok := p.Activity(number); ok {
					step.Title = a.Title
				}
			} else {
				listed = d.Kind == Begroting && len(p.SmartGoals) > 0
				if g, ok := p.SmartGoal(number); ok {
					step.Title = g.Title
				}
			}
			for _, in := range p.Indicators {
				if in.Number == number {
					step.Indicators = append(step.Indicators, in)
				}
			}
			for _, b := range p.Blocks {
				for i := range b.Deviations {
					if b.Scope == scope && b.Deviations[i].Ref == number && step.Deviation == nil {
						step.Deviation = &b.Deviations[i]
					}
				}
			}
			step.Changes = traceChanges(&step, listed, d.Year, seen)
			seen = append(seen, traced{step: step, year: d.Year, listed: listed, measured: len(p.Indicators) > 0})
			dropped := len(step.Changes) > 0 && step.Changes[0].Kind == TraceDropped
			if step.Named() || step.Deviation != nil || len(step.Indicators) > 0 || dropped {
				t.Steps = append(t.Steps, step)
			}
			return nil
		})
	}
	return t
}

// traced is a page of the sub-programme TrajectoryOf has seen.
type traced struct {
	step     TraceStep
	year     int
	listed   bool // a begroting that lists goals (or activities) of the scope
	measured bool // it shows indicators
}

// previous is the page a document of the year compares with: of the
// earlier ones that match, one of the latest year up to year, and of
// those the latest published.
func previous(seen []traced, year int, match func(traced) bool) (traced, bool) {
	best := -1
	for i, s := range seen {
		if s.year <= year && match(s) && (best < 0 || s.year >= seen[best].year) {
			best = i
		}
	}
	if best < 0 {
		return traced{}, false
	}
	return seen[best], true
}

// traceChanges decides what a step changed against the pages seen before
// it, and sets its Previous wording.
func traceChanges(step *TraceStep, listed bool, year int, seen []traced) []TraceChange {
	var out []TraceChange
	if plan, ok := previous(seen, year, func(s traced) bool { return s.listed }); ok && listed {
		switch {
		case plan.step.Named() && !step.Named():
			out = append(out, TraceChange{Kind: TraceDropped, From: plan.step.Title})
		case !plan.step.Named() && step.Named():
			out = append(out, TraceChange{Kind: TraceAdded, To: step.Title})
		}
	}
	if step.Named() {
		if w, ok := previous(seen, year, func(s traced) bool { return s.step.Named() }); ok {
			step.Previous = w.step.Title
			if w.step.Title != step.Title {
				out = append(out, TraceChange{Kind: TraceWording, From: w.step.Title, To: step.Title})
			}
		}
	}
	if step.Named() && step.Page != nil && len(step.Page.Indicators) > 0 {
		if m, ok := previous(seen, year, func(s traced) bool { return s.step.Named() && s.measured }); ok {
			out = append(out, indicatorChanges(m.step.Indicators, step.Indicators)...)
		}
	}
	for _, in := range step.Indicators {
		for _, v := range in.Values {
			if v.Kind != Budgeted {
				continue
			}
			shown := in.Display(v)
			was, ok := previous(seen, year, func(s traced) bool { _, ok := statedTarget(s.step, in.Key, v.Year); return ok })
			if !ok {
				continue
			}
			if from, _ := statedTarget(was.step, in.Key, v.Year); from != shown {
				out = append(out, TraceChange{Kind: TraceTarget, Indicator: in.Name, Key: in.Key, Year: v.Year, From: from, To: shown})
			}
		}
	}
	if dv := step.Deviation; dv != nil && dv.Status != "" {
		last, _ := previous(seen, year, func(s traced) bool { return s.year == year && s.step.Deviation != nil && s.step.Deviation.Status != "" })
		if from := last.step.Deviation; from == nil || from.Status != dv.Status {
			c := TraceChange{Kind: TraceStatus, To: dv.Status}
			if from != nil {
				c.From = from.Status
			}
			out = append(out, c)
		}
	}
	return out
}

// statedTarget is the target a step's indicators state for an indicator
// and year, as displayed.
func statedTarget(s TraceStep, key string, year int) (string, bool) {
	for _, in := range s.Indicators {
		if in.Key == key {
			if v, ok := in.Value(year, Budgeted); ok {
				return in.Display(v), true
			}
		}
	}
	return "", false
}

// indicatorChanges are the indicators that came and went between two
// documents' lists, by key.
func indicatorChanges(before, after []*Indicator) []TraceChange {
	var out []TraceChange
	has := func(list []*Indicator, key string) bool {
		for _, in := range list {
			if in.Key == key {
				return true
			}
		}
		return false
	}
	for _, in := range after {
		if !has(before, in.Key) {
			out = append(out, TraceChange{Kind: TraceIndicatorAdded, Indicator: in.Name})
		}
	}
	for _, in := range before {
		if !has(after, in.Key) {
			out = append(out, TraceChange{Kind: TraceIndicatorDropped, Indicator: in.Name})
		}
	}
	return out
}

// SeriesTrace is an indicator through the cycle: per document its wording
// and, per year, the target and the realised value that document stated,
// side by side.
type SeriesTrace struct {
	Columns []SeriesColumn // the documents, in the order the cycle publishes them
	Years   []SeriesYear   // the years any document gives a value for, in order
}

// SeriesColumn is the indicator in one document.
type SeriesColumn struct {
	Document *Document
	// Mention is the first page of the document that shows it; nil when
	// the document reports values without a page that shows it.
	Mention *Mention
	// Changes are what the document changed of the indicator's wording:
	// its name ("name"), unit or definition, against the document before.
	Changes []Change
}

// SeriesYear is one year's figures, one cell per column.
type SeriesYear struct {
	Year  int
	Cells []SeriesCell
}

// SeriesCell is what one document stated for one year, as it published
// it; empty when it stated nothing.
type SeriesCell struct {
	Target, Realised string
}

// Trace decides the indicator's way through the cycle from a resolved
// series: a column per document that shows it or reports a value, in the
// cycle's order, with the name, unit and definition changes each made, and per
// year each document's target and realised value in its own unit.
func (s *Series) Trace() *SeriesTrace {
	t := &SeriesTrace{}
	index := map[int64]int{}
	add := func(d *Document) int {
		if i, ok := index[d.ID]; ok {
			return i
		}
		index[d.ID] = len(t.Columns)
		t.Columns = append(t.Columns, SeriesColumn{Document: d})
		return len(t.Columns) - 1
	}
	var docs []*Document
	for _, m := range s.Mentions {
		docs = append(docs, m.Document)
	}
	for _, r := range s.Reports {
		docs = append(docs, r.Document)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[j].Later(docs[i]) })
	for _, d := range docs {
		add(d)
	}
	// Mentions come latest first: the last one of a document is its first page.
	for i := len(s.Mentions) - 1; i >= 0; i-- {
		c := &t.Columns[index[s.Mentions[i].Document.ID]]
		if c.Mention == nil {
			c.Mention = &s.Mentions[i]
		}
	}
	// Each column compares with the one before it in its year or, for the
	// first of a year, the latest of an earlier year, as TrajectoryOf does.
	for i := range t.Columns {
		c := &t.Columns[i]
		if c.Mention == nil {
			continue
		}
		best := -1
		for j := range t.Columns[:i] {
			o := t.Columns[j]
			if o.Mention != nil && o.Document.Year <= c.Document.Year && (best < 0 || o.Document.Year >= t.Columns[best].Document.Year) {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		was, is := t.Columns[best].Mention.Indicator, c.Mention.Indicator
		for _, f := range []struct{ field, from, to string }{
			{"name", was.Name, is.Name}, {"unit", string(was.Unit), string(is.Unit)}, {"definition", was.Definition, is.Definition},
		} {
			if f.from != f.to {
				c.Changes = append(c.Changes, Change{Document: c.Document, Field: f.field, From: f.from, To: f.to})
			}
		}
	}
	rows := map[int]int{}
	for _, r := range s.Reports {
		y, ok := rows[r.Value.Year]
		if !ok {
			y = len(t.Years)
			rows[r.Value.Year] = y
			t.Years = append(t.Years, SeriesYear{Year: r.Value.Year, Cells: make([]SeriesCell, len(t.Columns))})
		}
		cell := &t.Years[y].Cells[index[r.Document.ID]]
		if r.Value.Kind == Budgeted {
			cell.Target = r.Display(s.Indicator)
		} else {
			cell.Realised = r.Display(s.Indicator)
		}
	}
	sort.Slice(t.Years, func(i, j int) bool { return t.Years[i].Year < t.Years[j].Year })
	return t
}
