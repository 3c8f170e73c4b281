package koers

import "sort"

// Series is one indicator through every document that reports it.
type Series struct {
	// Indicator has the wording of the latest document that shows it, and
	// as Values, per year and kind, the value of the latest document that
	// reports one.
	Indicator *Indicator
	Reports   []Report  // every value with its document, latest first per year and kind
	Mentions  []Mention // the pages that show it, latest document first
	// Benchmarks are comparison figures for the indicator's key, from any
	// area (the country, a region, another municipality).
	Benchmarks []Benchmark
}

// Report is one value as one document reported it.
type Report struct {
	Value    Value
	Document *Document
	Current  bool // the value shown: no later document reports this year and kind
}

// Mention is a page that shows the indicator.
type Mention struct {
	Document *Document
	Page     *Page // without content
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

// Resolve fills Indicator.Values with the current value per year and kind
// and marks the reports that are current. Reports may come in any order.
func (s *Series) Resolve() {
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
	s.Indicator.Values = nil
	seen := map[Column]bool{}
	for i := range s.Reports {
		r := &s.Reports[i]
		c := Column{r.Value.Year, r.Value.Kind}
		r.Current = !seen[c]
		if r.Current {
			seen[c] = true
			s.Indicator.Values = append(s.Indicator.Values, r.Value)
		}
	}
	sort.SliceStable(s.Mentions, func(i, j int) bool { return s.Mentions[i].Document.Later(s.Mentions[j].Document) })
}

// Benchmark is a comparison figure: an indicator's value for an area and
// period, from an outside source (CBS, waarstaatjegemeente.nl).
type Benchmark struct {
	Indicator     string // the key of the indicator it compares with
	Area          string // "NL01" for the Netherlands, "GM0547" for a municipality, a region code
	Period        string // "2020", "2020-05" or "2020-05-31"
	Value         float64
	Unit          Unit
	Source        string
	ReferenceDate string // "2020-06-30": when the source published it
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
