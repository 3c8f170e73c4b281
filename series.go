package koers

import (
	"fmt"
	"sort"
)

// Series is one indicator through every document that reports it.
type Series struct {
	// Indicator has the wording of the latest document that shows it, and
	// as Values, per year and kind, the value of the latest document that
	// reports one in the same unit. Its Threshold is the strictest of the
	// documents whose values it shows.
	Indicator *Indicator
	Reports   []Report  // every value with its document, latest first per year and kind
	Mentions  []Mention // the pages that show it, latest document first
	// Changes are the documents that changed what the indicator is: its
	// unit or its definition, oldest first.
	Changes []Change
	// Benchmarks are comparison figures for the indicator's key, from any
	// area (the country, a region, another municipality).
	Benchmarks []Benchmark
	// Computed are the values the register computed for the indicator, one
	// per year, oldest first, each with the rule that made it. A document
	// may state another value for the same year: both are kept.
	Computed []ComputedValue
}

// Report is one value as one document reported it.
type Report struct {
	Value    Value
	Document *Document
	Unit     Unit // as its document gives it
	// Threshold is the privacy threshold its document gives: a count that
	// document published as "<N" stays "<N" wherever the value appears.
	Threshold int
	// Current marks the value shown: no later document reports this year
	// and kind in the series' unit. A value in another unit is never
	// current: it is not drawn or compared with the others.
	Current bool
}

// Wording is in as the report's document words it: in that document's
// unit and under its privacy threshold.
func (r Report) Wording(in *Indicator) *Indicator {
	w := *in
	w.Unit, w.Threshold, w.Values = r.Unit, r.Threshold, nil
	return &w
}

// Display is the reported value as a reader sees it, as its own document
// published it.
func (r Report) Display(in *Indicator) string { return r.Wording(in).Display(r.Value) }

// Public is the reported value as a number, as its own document published
// it: none for a count under that document's threshold.
func (r Report) Public(in *Indicator) *float64 { return r.Wording(in).Public(r.Value) }

// Mention is a page that shows the indicator, with the indicator in that
// page's words (without values).
type Mention struct {
	Document  *Document
	Page      *Page // without content
	Indicator *Indicator
}

// Change is a document that changed what an indicator is.
type Change struct {
	Document *Document
	Field    string // "unit", "definition" or, in a SeriesTrace, "name"
	From, To string
}

// Sentence says the change in Dutch, for readers.
func (c Change) Sentence() string {
	if c.Field == "unit" {
		return fmt.Sprintf("De eenheid veranderde van %s in %s.", Unit(c.From).Label(), Unit(c.To).Label())
	}
	if c.Field == "name" {
		return fmt.Sprintf("De naam veranderde van %s in %s.", c.From, c.To)
	}
	switch {
	case c.From == "":
		return fmt.Sprintf("De telregel werd vastgelegd: %s", c.To)
	case c.To == "":
		return fmt.Sprintf("De telregel (%s) werd niet meer vermeld.", c.From)
	}
	return fmt.Sprintf("De telregel veranderde van: %s in: %s", c.From, c.To)
}

// Chronology orders documents as the cycle publishes them: the kadernota
// for a year in the spring before it, the begroting that autumn, the
// bestuursrapportages during the year, the jaarstukken the spring after.
func (d *Document) Chronology() int {
	switch d.Kind {
	case Kadernota:
		return (d.Year-1)*100 + 40
	case Begroting:
		return (d.Year-1)*100 + 75
	case Bestuursrapportage:
		return d.Year*100 + 30 + 20*d.Sequence
	case Jaarstukken:
		return (d.Year+1)*100 + 45
	}
	return d.Year * 100
}

// Later reports whether d was published after o, by Chronology and then ID.
func (d *Document) Later(o *Document) bool {
	if a, b := d.Chronology(), o.Chronology(); a != b {
		return a > b
	}
	return d.ID > o.ID
}

// Resolve decides what the series shows: the latest document's wording,
// the current value per year and kind among the values in that wording's
// unit, and where the unit or the definition changed. Reports and mentions
// may come in any order.
func (s *Series) Resolve() {
	sort.SliceStable(s.Mentions, func(i, j int) bool { return s.Mentions[i].Document.Later(s.Mentions[j].Document) })
	units := map[int64]Unit{}
	thresholds := map[int64]int{}
	for i := len(s.Mentions) - 1; i >= 0; i-- {
		m := s.Mentions[i]
		units[m.Document.ID] = m.Indicator.Unit
		thresholds[m.Document.ID] = m.Indicator.Threshold
	}
	if len(s.Mentions) > 0 {
		w := s.Mentions[0].Indicator
		in := s.Indicator
		in.Number, in.Name, in.Unit, in.Direction = w.Number, w.Name, w.Unit, w.Direction
		in.Definition, in.Source, in.Threshold, in.Footnote = w.Definition, w.Source, w.Threshold, w.Footnote
		in.PageID = s.Mentions[0].Page.ID
	}
	s.Changes = nil
	for i := len(s.Mentions) - 2; i >= 0; i-- {
		older, newer := s.Mentions[i+1], s.Mentions[i]
		if older.Document.ID == newer.Document.ID {
			continue
		}
		if a, b := older.Indicator.Unit, newer.Indicator.Unit; a != b {
			s.Changes = append(s.Changes, Change{Document: newer.Document, Field: "unit", From: string(a), To: string(b)})
		}
		if a, b := older.Indicator.Definition, newer.Indicator.Definition; a != b {
			s.Changes = append(s.Changes, Change{Document: newer.Document, Field: "definition", From: a, To: b})
		}
	}
	for i := range s.Reports {
		r := &s.Reports[i]
		if u, ok := units[r.Document.ID]; ok {
			r.Unit, r.Threshold = u, thresholds[r.Document.ID]
		} else {
			r.Unit, r.Threshold = s.Indicator.Unit, s.Indicator.Threshold
		}
	}
	sort.SliceStable(s.Reports, func(i, j int) bool {
		a, b := s.Reports[i], s.Reports[j]
		if a.Value.Year != b.Value.Year {
			return a.Value.Year < b.Value.Year
		}
		if a.Value.Kind != b.Value.Kind {
			return a.Value.Kind == Realised
		}
		return a.Document.Later(b.Document)
	})
	sort.SliceStable(s.Computed, func(i, j int) bool { return s.Computed[i].Year < s.Computed[j].Year })
	s.Indicator.Values = nil
	seen := map[Column]bool{}
	for i := range s.Reports {
		r := &s.Reports[i]
		c := Column{r.Value.Year, r.Value.Kind}
		r.Current = !seen[c] && r.Unit == s.Indicator.Unit
		if r.Current {
			seen[c] = true
			s.Indicator.Values = append(s.Indicator.Values, r.Value)
			// The series shows values of several documents under one
			// threshold: the strictest of theirs, so that no count a
			// document kept as "<N" is published here.
			s.Indicator.Threshold = max(s.Indicator.Threshold, r.Threshold)
		}
	}
}

// Reckoning is a computed value beside what the documents state for the
// same year. The document's value is what the council adopted: it counts
// in the series (Indicator.Values); the register's is shown beside it.
type Reckoning struct {
	Computed ComputedValue
	// Report is the current realised value of a document for the year,
	// nil when no document states one.
	Report *Report
	// Differs is set when both are numbers and not the same; Difference
	// is then the register's minus the document's.
	Differs    bool
	Difference float64
}

// Reckonings pairs each computed value with the realised value the
// documents state for its year, oldest year first. Call after Resolve.
func (s *Series) Reckonings() []Reckoning {
	out := make([]Reckoning, 0, len(s.Computed))
	for _, c := range s.Computed {
		r := Reckoning{Computed: c}
		for i := range s.Reports {
			rep := &s.Reports[i]
			if rep.Current && rep.Value.Year == c.Year && rep.Value.Kind == Realised {
				r.Report = rep
				break
			}
		}
		if r.Report != nil && c.Number != nil {
			if doc := r.Report.Public(s.Indicator); doc != nil && *doc != *c.Number {
				r.Differs, r.Difference = true, *c.Number-*doc
			}
		}
		out = append(out, r)
	}
	return out
}

// Benchmark is a comparison figure: an indicator's value for an area and
// period, from an outside source (CBS, waarstaatjegemeente.nl).
type Benchmark struct {
	Indicator     string  // the key of the indicator it compares with
	Area          string  // "NL01" for the Netherlands, "GM0547" for a municipality, a region code
	Period        string  // "2020", "2020-05" or "2020-05-31"
	Value         float64 // a count or a percentage
	Amount        Money   // an amount (unit Amount), exact; Value is then 0
	Unit          Unit
	Source        string
	ReferenceDate string // "2020-06-30": when the source published it
}

// Float is the figure as a float, for drawing and comparing.
func (b Benchmark) Float() float64 {
	if b.Unit == Amount {
		return b.Amount.Float()
	}
	return b.Value
}

// Display is the figure as a reader sees it, in Dutch notation.
func (b Benchmark) Display() string {
	if b.Unit == Amount {
		return b.Amount.String()
	}
	return FormatValue(b.Value, b.Unit)
}

// Year is the year of the benchmark's period.
func (b Benchmark) Year() int {
	y := 0
	for _, r := range b.Period {
		if r < '0' || r > '9' {
			break
		}
		y = y*10 + int(r-'0')
	}
	return y
}

// AreaName is the area in words where koers knows it.
func AreaName(code string, orgs []*Organisation) string {
	if code == "NL01" {
		return "Nederland"
	}
	for _, o := range orgs {
		if o.CBSCode == code {
			return o.Name
		}
	}
	return code
}
