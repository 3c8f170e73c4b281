package koers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rules of this file hold for every organisation and document that is
// stored, whoever writes it: a bundle import, an editor, an API. Stores call
// ValidateDocument before they write; the bundle format maps the problems'
// paths to files, lines and columns.

// Problem is one thing wrong with an organisation or a document.
type Problem struct {
	// Path leads from the validated value to the field: field names as
	// the bundle format spells them ("pages", "children", "indicators",
	// "values", "value") and indexes (int). Empty for the value itself.
	Path    []any
	Message string

	// format and args are what Message was made from, so that Dutch can
	// render it again with the catalogue of problems_nl.go; zero for a
	// problem made elsewhere.
	format string
	args   []any
}

// Pointer is the path as an RFC 6901 JSON pointer, "/pages/0/title"; ""
// for the value itself.
func (p Problem) Pointer() string {
	var b strings.Builder
	for _, e := range p.Path {
		b.WriteByte('/')
		switch e := e.(type) {
		case int:
			b.WriteString(strconv.Itoa(e))
		case string:
			b.WriteString(pointerEscaper.Replace(e))
		default:
			fmt.Fprint(&b, e)
		}
	}
	return b.String()
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func (p Problem) String() string {
	ptr := p.Pointer()
	if ptr == "" {
		ptr = "/"
	}
	return ptr + ": " + p.Message
}

// Problems are every problem found in one value, in the order of its
// fields.
type Problems []Problem

// maxProblemLines bounds the problems an error's text lists; Problems
// holds them all.
const maxProblemLines = 20

func (ps Problems) lines() string {
	var b strings.Builder
	for i, p := range ps {
		if i == maxProblemLines {
			fmt.Fprintf(&b, "\n  ... and %d more", len(ps)-maxProblemLines)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Err returns nil when there are no problems, and else an EINVALID *Error
// that holds them; what names the value that was checked.
func (ps Problems) Err(what string) error {
	if len(ps) == 0 {
		return nil
	}
	noun := "problems"
	if len(ps) == 1 {
		noun = "problem"
	}
	return &Error{Code: EINVALID, Message: fmt.Sprintf("invalid %s (%d %s)", what, len(ps), noun), Problems: ps}
}

// Prefix returns the problems with elems put before every path, as when an
// organisation's problems are reported inside a bundle ("organisation").
func (ps Problems) Prefix(elems ...any) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.Path = join(elems, p.Path...)
		out[i] = p
	}
	return out
}

// The bounds of what koers stores.
const (
	// MinYear and MaxYear bound the years of documents and values.
	MinYear = 1900
	MaxYear = 2200
	// MaxValue bounds an indicator value's magnitude: 10^12 (a million
	// million euros) is beyond any municipal figure, and below it a chart's
	// scale and a float64's precision stay far apart.
	MaxValue = 1e12
	// MinValue is the smallest magnitude of a value other than zero; below
	// it, JSON encoders write exponents, which bundles do not admit.
	MinValue = 1e-6
	// MaxDigits is how many significant digits a value may have: a decimal
	// of up to 15 digits survives a float64 and comes back as written.
	MaxDigits = 15
	// MaxPrivacyThreshold bounds an indicator's privacy threshold.
	MaxPrivacyThreshold = 1000
)

// ReservedOrganisationSlugs cannot name an organisation: the site uses them
// as the first segment of its own URLs.
var ReservedOrganisationSlugs = []string{"api", "static", "healthz", "readyz", "metrics", "pdf", "selectie", "zoeken", "sitemap", "beheer"}

// ReservedDocumentSlugs cannot name a document: they are the second segment
// of an organisation's own pages.
var ReservedDocumentSlugs = []string{"indicatoren", "cyclus", "open-data"}

// Validate returns an EINVALID *Error listing every problem of the
// organisation, or nil.
func (o *Organisation) Validate() error {
	if o == nil {
		return Problems{problemAt(nil, "the organisation is missing")}.Err("organisation")
	}
	return o.problems().Err(fmt.Sprintf("organisation %q", o.Slug))
}

// Validate returns an EINVALID *Error listing every problem of the
// document and its pages, or nil.
func (d *Document) Validate() error {
	if d == nil {
		return Problems{problemAt(nil, "the document is missing")}.Err("document")
	}
	return d.problems(nil).Err(fmt.Sprintf("document %q", d.Slug))
}

// ValidateDocument checks a document with the organisation that publishes
// it, as a store writes them: problems of the organisation have paths that
// start with "organisation", those of the document "document".
func ValidateDocument(org *Organisation, doc *Document) error {
	var ps Problems
	if org == nil {
		ps = append(ps, problemAt(path("organisation"), "the organisation is missing"))
	} else {
		ps = append(ps, org.problems().Prefix("organisation")...)
	}
	if doc == nil {
		ps = append(ps, problemAt(path("document"), "the document is missing"))
	} else {
		var legend StatusLegend
		if org != nil {
			legend = org.StatusLegendOrDefault()
		}
		threshold := Money(0)
		if org != nil {
			threshold = org.Finance.Threshold
		}
		ps = append(ps, doc.problemsWith(legend, threshold).Prefix("document")...)
	}
	what := "document"
	if org != nil && doc != nil {
		what = fmt.Sprintf("document %s/%s", org.Slug, doc.Slug)
	}
	return ps.Err(what)
}

func (o *Organisation) problems() Problems {
	c := &checker{}
	c.slug(nil, o.Slug)
	for _, r := range ReservedOrganisationSlugs {
		if o.Slug == r {
			c.at(path("slug"), "%q is reserved for the site's own pages", r)
		}
	}
	c.text(nil, "name", "name", o.Name, true)
	if o.CBSCode != "" && !cbsCode(o.CBSCode) {
		c.at(path("cbs_code"), "CBS code %q is not GM and four digits, such as GM0547", o.CBSCode)
	}
	problems := o.Theme.problems()
	for _, f := range []struct{ key, field string }{{"colour", "colour"}, {"logo", "logo_svg"}} {
		if m, ok := problems[f.key]; ok {
			c.add(path("theme", f.field), m)
		}
	}
	c.statusLegend(path("status_legend"), o.StatusLegend)
	o.Finance.check(c)
	return c.ps
}

func cbsCode(s string) bool {
	return len(s) == 6 && s[:2] == "GM" && digits(s[2:])
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// problems checks the document; statuses are checked against legend, or
// only for the document's kind when legend is nil.
func (d *Document) problems(legend StatusLegend) Problems { return d.problemsWith(legend, 0) }

// problemsWith checks d, with the organisation's toelichting threshold.
func (d *Document) problemsWith(legend StatusLegend, threshold Money) Problems {
	c := &checker{keys: map[string]*Page{}, year: d.Year, threshold: threshold}
	if !d.Kind.Valid() {
		c.at(path("kind"), "kind %q is not kadernota, begroting, bestuursrapportage or jaarstukken", d.Kind)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		c.at(path("year"), "year %d is outside %d to %d", d.Year, MinYear, MaxYear)
	}
	switch {
	case d.Sequence < 0:
		c.at(path("sequence"), "sequence %d is not 1 or more", d.Sequence)
	case d.Kind == Bestuursrapportage && d.Sequence == 0:
		c.at(nil, "a bestuursrapportage needs its sequence number (1 for the 1ste)")
	case d.Kind != Bestuursrapportage && d.Sequence != 0:
		c.at(path("sequence"), "only a bestuursrapportage has a sequence number")
	}
	c.text(nil, "title", "title", d.Title, true)
	c.slug(nil, d.Slug)
	for _, r := range ReservedDocumentSlugs {
		if d.Slug == r {
			c.at(path("slug"), "%q is reserved for the organisation's own pages", r)
		}
	}
	c.pages(path("pages"), d.Pages, 1)
	c.ps = append(c.ps, statusProblems(legend, d)...)
	return c.ps
}

// checker collects problems while it walks a value.
type checker struct {
	ps   Problems
	keys map[string]*Page // indicator key -> the page that has it first
	year int              // the document's: the taakvelden of its year apply
	// threshold is the organisation's: differences from it need a
	// toelichting (0: none do).
	threshold Money
}

// at reports a problem at p. The format must be a literal with an entry
// in the Dutch catalogue (problems_nl_test.go checks).
func (c *checker) at(p []any, format string, args ...any) {
	c.ps = append(c.ps, problemAt(p, format, args...))
}

// add reports a message made elsewhere (by valueProblem, for one) at p.
func (c *checker) add(p []any, m *message) {
	c.ps = append(c.ps, Problem{Path: p, Message: m.String(), format: m.format, args: m.args})
}

// problemAt is the problem at p; the format must be a literal with an
// entry in the Dutch catalogue.
func problemAt(p []any, format string, args ...any) Problem {
	return Problem{Path: p, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

func path(elems ...any) []any { return elems }

// join returns a new path: base and then elems. It never shares base's
// array, so that paths built from one base stay apart.
func join(base []any, elems ...any) []any {
	out := make([]any, 0, len(base)+len(elems))
	return append(append(out, base...), elems...)
}

// text checks the text field at base/field: valid UTF-8 without NUL (what
// every database stores), and not blank when required or given.
func (c *checker) text(base []any, field any, label fieldLabel, s string, required bool) {
	switch {
	case !utf8.ValidString(s):
		c.at(join(base, field), "%s is not valid UTF-8", label)
	case strings.IndexByte(s, 0) >= 0:
		c.at(join(base, field), "%s holds a NUL character", label)
	case s == "" && required:
		c.at(join(base, field), "%s is required", label)
	case s != "" && strings.TrimSpace(s) == "":
		c.at(join(base, field), "%s is blank", label)
	}
}

// slug checks the slug at base/slug: a URL segment.
func (c *checker) slug(base []any, s string) {
	switch {
	case s == "":
		c.at(join(base, "slug"), "slug is required")
	case strings.Contains(s, "/"):
		c.at(join(base, "slug"), "slug %q holds a \"/\"; a slug is one URL segment", s)
	case !ValidSlug(s):
		c.at(join(base, "slug"), "slug %q is not lower-case letters and digits in groups joined by single hyphens", s)
	}
}

func (c *checker) pages(base []any, pages []*Page, depth int) {
	if len(pages) > 0 && depth > MaxPageDepth {
		c.at(base, "pages nest deeper than %d levels", MaxPageDepth)
		return
	}
	slugs := map[string]*Page{}
	for i, p := range pages {
		pp := join(base, i)
		if p == nil {
			c.at(pp, "the page is missing")
			continue
		}
		c.slug(pp, p.Slug)
		if first, ok := slugs[p.Slug]; ok && p.Slug != "" {
			c.at(join(pp, "slug"), "slug %q is already the slug of the page %q on the same level", p.Slug, first.Title)
		} else {
			slugs[p.Slug] = p
		}
		c.page(pp, p)
		c.pages(join(pp, "children"), p.Children, depth+1)
	}
}

func (c *checker) page(pp []any, p *Page) {
	if !p.Kind.Valid() {
		c.at(join(pp, "kind"), "kind %q is not chapter, programme, subprogramme or page", p.Kind)
	}
	c.text(pp, "title", "title", p.Title, true)
	c.text(pp, "number", "number", p.Number, false)
	if n := p.Number; n != "" && strings.TrimSpace(n) != "" {
		switch {
		case strings.TrimSpace(n) != n:
			c.at(join(pp, "number"), "number %q has spaces around it", n)
		case strings.ContainsAny(n, `/\?#%`):
			c.at(join(pp, "number"), "number %q holds one of / \\ ? # %%; a page number is part of URLs (/cyclus/1c/2022)", n)
		}
	}
	if p.Number == "" && (len(p.SmartGoals) > 0 || len(p.Activities) > 0) {
		c.at(pp, "a page with SMART goals or activities needs a \"number\" (such as \"1C\"): they keep their identity by it")
	}
	goals := map[string]bool{}
	for i, g := range p.SmartGoals {
		gp := join(pp, "smart_goals", i)
		if m := planNumberProblem(g.Number); m != nil {
			c.at(join(gp, "number"), "SMART goal %s", m)
		} else if goals[g.Number] {
			c.at(join(gp, "number"), "SMART goal %s appears twice", g.Number)
		}
		goals[g.Number] = true
		c.text(gp, "title", "title", g.Title, true)
	}
	activities := map[string]bool{}
	for i, a := range p.Activities {
		ap := join(pp, "activities", i)
		goal := a.Goal()
		switch {
		case planNumberProblem(a.Number) != nil:
			c.at(join(ap, "number"), "activity %s", planNumberProblem(a.Number))
		case goal == "":
			c.at(join(ap, "number"), "activity number %q names no SMART goal; it starts with the goal's number and a full stop, such as \"2.2\" or \"I.d.1\"", a.Number)
		case activities[a.Number]:
			c.at(join(ap, "number"), "activity %s appears twice", a.Number)
		case len(p.SmartGoals) > 0 && !goals[goal]:
			c.at(join(ap, "number"), "activity %s belongs to SMART goal %s, which the page does not have", a.Number, goal)
		}
		activities[a.Number] = true
		c.text(ap, "title", "title", a.Title, true)
		c.footnote(ap, a.Footnote)
	}
	indicators := map[string]bool{}
	for i, in := range p.Indicators {
		ip := join(pp, "indicators", i)
		if in == nil {
			c.at(ip, "the indicator is missing")
			continue
		}
		c.indicator(ip, p, in)
		indicators[in.Key] = true
	}
	for i, b := range p.Blocks {
		c.block(join(pp, "blocks", i), b, goals, activities, indicators)
	}
}

func (c *checker) footnote(base []any, f *Footnote) {
	if f == nil {
		return
	}
	fp := join(base, "footnote")
	c.text(fp, "marker", "marker", f.Marker, true)
	c.text(fp, "text", "text", f.Text, true)
}

func (c *checker) indicator(ip []any, p *Page, in *Indicator) {
	if !ValidSlug(in.Key) {
		c.at(join(ip, "key"), "indicator key %q is not lower-case letters and digits in groups joined by single hyphens", in.Key)
	} else if first, ok := c.keys[in.Key]; ok {
		if first == p {
			c.at(join(ip, "key"), "indicator key %q appears twice on this page", in.Key)
		} else {
			c.at(join(ip, "key"), "indicator key %q is already used on the page %q", in.Key, first.Title)
		}
	} else {
		c.keys[in.Key] = p
	}
	c.text(ip, "number", "number", in.Number, true)
	c.text(ip, "name", "name", in.Name, true)
	if !in.Unit.Valid() {
		c.at(join(ip, "unit"), "unit %q is not count, percentage or amount", in.Unit)
	}
	if !in.Direction.Valid() {
		c.at(join(ip, "direction"), "direction %q is not higher_is_better, lower_is_better, at_least or at_most", in.Direction)
	}
	c.text(ip, "definition", "definition", in.Definition, false)
	c.text(ip, "source", "source", in.Source, false)
	switch {
	case in.Threshold != 0 && (in.Threshold < 2 || in.Threshold > MaxPrivacyThreshold):
		c.at(join(ip, "privacy_threshold"), "privacy threshold %d is outside 2 to %d", in.Threshold, MaxPrivacyThreshold)
	case in.Threshold != 0 && in.Unit != Count:
		c.at(join(ip, "privacy_threshold"), "a privacy threshold applies to counts only, and this indicator's unit is %s", in.Unit)
	}
	c.footnote(ip, in.Footnote)
	seen := map[Column]bool{}
	for j, v := range in.Values {
		vp := join(ip, "values", j)
		if v.Year < MinYear || v.Year > MaxYear {
			c.at(join(vp, "year"), "year %d is outside %d to %d", v.Year, MinYear, MaxYear)
		}
		if !v.Kind.Valid() {
			c.at(join(vp, "kind"), "kind %q is not realised or budgeted", v.Kind)
		}
		col := Column{Year: v.Year, Kind: v.Kind}
		if seen[col] {
			c.at(vp, "indicator %q has two %s values for %d", in.Key, v.Kind, v.Year)
		}
		seen[col] = true
		switch {
		case v.Number != nil && v.Amount != nil:
			c.at(join(vp, "value"), "a value is a number or an amount, not both")
		case v.Number != nil && in.Unit == Amount:
			c.at(join(vp, "value"), "amount %s is not in whole cents", strconv.FormatFloat(*v.Number, 'f', -1, 64))
		case v.Number != nil:
			if m := valueProblem(*v.Number, in.Unit); m != nil {
				c.add(join(vp, "value"), m)
			}
		case v.Amount != nil && in.Unit != Amount:
			c.at(join(vp, "value"), "an amount of money for an indicator whose unit is %s", in.Unit)
		case v.Amount != nil && (*v.Amount > MaxMoney || *v.Amount < -MaxMoney):
			c.at(join(vp, "value"), "amount %s is beyond the largest koers stores, %s either way", v.Amount.Decimal(), MaxMoney)
		}
	}
}

// ValueProblem says what is wrong with a value of the unit, or "": the
// bounds every figure koers stores keeps, indicator values and benchmarks
// alike.
func ValueProblem(n float64, u Unit) string {
	if m := valueProblem(n, u); m != nil {
		return m.String()
	}
	return ""
}

// valueProblem is ValueProblem as a message, or nil.
func valueProblem(n float64, u Unit) *message {
	s := strconv.FormatFloat(n, 'g', -1, 64)
	switch {
	case math.IsNaN(n) || math.IsInf(n, 0):
		return newMessage("value %s is not a number", s)
	case math.Abs(n) > MaxValue:
		return newMessage("value %s is beyond the largest koers stores, 10^12 (a million million) either way", s)
	case n != 0 && math.Abs(n) < MinValue:
		return newMessage("value %s is closer to zero than 10^-6, the smallest koers stores", s)
	case significantDigits(s) > MaxDigits:
		return newMessage("value %s has more than %d significant digits", s, MaxDigits)
	case u == Percentage && (n < 0 || n > 100):
		return newMessage("percentage %s is outside 0 to 100", s)
	case u == Amount:
		if m, ok := MoneyFromFloat(n); !ok || m.Float() != n {
			return newMessage("amount %s is not in whole cents", strconv.FormatFloat(n, 'f', -1, 64))
		}
	}
	return nil
}

// Validate checks a comparison figure as a store keeps it: a key, an area
// and a period, a known unit and a value within the bounds of ValueProblem,
// text without NUL or invalid UTF-8.
func (b Benchmark) Validate() error {
	c := &checker{}
	if !ValidSlug(b.Indicator) {
		c.at(path("indicator"), "indicator %q is not an indicator key (lower case, digits and hyphens)", b.Indicator)
	}
	c.text(nil, "area", "area", b.Area, true)
	c.text(nil, "period", "period", b.Period, true)
	if b.Year() < MinYear || b.Year() > MaxYear {
		c.at(path("period"), "period %q does not start with a year from %d to %d", b.Period, MinYear, MaxYear)
	}
	switch {
	case !b.Unit.Valid():
		c.at(path("unit"), "unit %q is not count, percentage or amount", b.Unit)
	case b.Unit == Amount && b.Value != 0:
		c.at(path("value"), "an amount is given in Amount (whole cents), not as a float")
	case b.Unit == Amount && (b.Amount > MaxMoney || b.Amount < -MaxMoney):
		c.at(path("value"), "amount %s is beyond the largest koers stores, %s either way", b.Amount.Decimal(), MaxMoney)
	case b.Unit != Amount && b.Amount != 0:
		c.at(path("value"), "an amount of money for a figure whose unit is %s", b.Unit)
	case b.Unit != Amount:
		if m := valueProblem(b.Value, b.Unit); m != nil {
			c.add(path("value"), m)
		}
	}
	c.text(nil, "source", "source", b.Source, false)
	c.text(nil, "reference_date", "reference_date", b.ReferenceDate, false)
	return c.ps.Err(fmt.Sprintf("benchmark %s %s %s", b.Indicator, b.Area, b.Period))
}

// significantDigits counts the significant digits of a number as
// strconv writes it: the mantissa's digits without leading or trailing
// zeros.
func significantDigits(s string) int {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimLeft(strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1), "0")
	return len(strings.TrimRight(s, "0"))
}

// blockFields are the fields each block type has besides type and heading.
var blockFields = map[BlockType][]string{
	TextBlock:                 {"content"},
	GoalBlock:                 {"text"},
	SmartGoalsBlock:           nil,
	ActivitiesBlock:           nil,
	GoalExplanationsBlock:     {"explanations"},
	ActivityExplanationsBlock: {"explanations"},
	IndicatorTableBlock:       {"indicators", "printed"},
	DeviationsBlock:           {"scope", "deviations"},
	FinanceTableBlock:         {"finance"},
	ComparisonTableBlock:      {"comparison"},
}

func (c *checker) block(bp []any, b Block, goals, activities, indicators map[string]bool) {
	allowed, ok := blockFields[b.Type]
	if !ok {
		c.at(join(bp, "type"), "type %q is not a block type", b.Type)
		return
	}
	c.text(bp, "heading", "heading", b.Heading, false)
	for _, f := range []struct {
		name string
		used bool
	}{
		{"content", len(b.Content) > 0}, {"text", b.Text != ""}, {"explanations", len(b.Explanations) > 0},
		{"indicators", len(b.Indicators) > 0}, {"scope", b.Scope != ""}, {"deviations", len(b.Deviations) > 0},
		{"finance", b.Finance != nil}, {"printed", b.Printed != nil},
		{"comparison", b.Comparison != nil},
	} {
		if f.used && !contains(allowed, f.name) {
			c.at(join(bp, f.name), "a %s block has no %q", b.Type, f.name)
		}
	}
	refs := func(field string, n int, ref func(i int) string, known map[string]bool, what fieldLabel) {
		if n == 0 {
			c.at(bp, "a %s block needs its %q", b.Type, field)
		}
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			r := ref(i)
			rp := join(bp, field, i)
			if field != "indicators" {
				rp = join(rp, "ref")
			}
			if !known[r] {
				c.at(rp, "%s %q is not on this page", what, r)
			}
			if seen[r] {
				c.at(rp, "%s %q appears twice in this block", what, r)
			}
			seen[r] = true
		}
	}
	switch b.Type {
	case TextBlock:
		if len(b.Content) == 0 {
			c.at(bp, "a text block needs its \"content\"")
		}
		for i, el := range b.Content {
			c.element(join(bp, "content", i), el)
		}
	case GoalBlock:
		c.text(bp, "text", "text", b.Text, true)
	case SmartGoalsBlock:
		if len(goals) == 0 {
			c.at(bp, "a smart_goals block needs the page's \"smart_goals\"")
		}
	case ActivitiesBlock:
		if len(activities) == 0 {
			c.at(bp, "an activities block needs the page's \"activities\"")
		}
	case GoalExplanationsBlock, ActivityExplanationsBlock:
		known, what := goals, fieldLabel("SMART goal")
		if b.Type == ActivityExplanationsBlock {
			known, what = activities, fieldLabel("activity")
		}
		refs("explanations", len(b.Explanations), func(i int) string { return b.Explanations[i].Ref }, known, what)
		for i, e := range b.Explanations {
			ep := join(bp, "explanations", i)
			c.text(ep, "heading", "heading", e.Heading, false)
			c.paragraphs(ep, e.Paragraphs)
		}
	case IndicatorTableBlock:
		refs("indicators", len(b.Indicators), func(i int) string { return b.Indicators[i] }, indicators, "indicator")
		if b.Printed != nil {
			c.printed(join(bp, "printed"), b.Printed, b.Indicators)
		}
	case DeviationsBlock:
		switch b.Scope {
		case ScopeSmartGoals:
			refs("deviations", len(b.Deviations), func(i int) string { return b.Deviations[i].Ref }, goals, "SMART goal")
		case ScopeActivities:
			refs("deviations", len(b.Deviations), func(i int) string { return b.Deviations[i].Ref }, activities, "activity")
		default:
			// Without a scope the references cannot be checked.
			c.at(join(bp, "scope"), "scope %q is not smart_goals or activities", b.Scope)
		}
		for i, d := range b.Deviations {
			c.paragraphs(join(bp, "deviations", i), d.Paragraphs)
		}
	case FinanceTableBlock:
		if b.Finance == nil {
			c.at(bp, "a finance_table block needs its \"finance\"")
			return
		}
		c.finance(join(bp, "finance"), b.Finance)
	case ComparisonTableBlock:
		if b.Comparison == nil {
			c.at(bp, "a comparison_table block needs its \"comparison\"")
			return
		}
		c.comparison(join(bp, "comparison"), b.Comparison, indicators)
	}
}

func (c *checker) paragraphs(base []any, paras []string) {
	if len(paras) == 0 {
		c.at(join(base, "paragraphs"), "paragraphs are required")
	}
	pp := join(base, "paragraphs")
	for i, s := range paras {
		c.text(pp, i, "paragraph", s, true)
	}
}

func (c *checker) element(ep []any, el TextElement) {
	switch el.Type {
	case Paragraph:
		c.text(ep, "text", "text", el.Text, true)
		if len(el.Items) > 0 {
			c.at(join(ep, "items"), "a paragraph has no \"items\"")
		}
		if el.Ordered {
			c.at(join(ep, "ordered"), "a paragraph has no \"ordered\"")
		}
	case SubHeading:
		c.text(ep, "text", "text", el.Text, true)
		if len(el.Items) > 0 || el.Ordered {
			c.at(ep, "a heading has no \"items\" or \"ordered\"")
		}
	case List:
		if el.Text != "" {
			c.at(join(ep, "text"), "a list has no \"text\"")
		}
		if len(el.Items) == 0 {
			c.at(join(ep, "items"), "a list needs its \"items\"")
		}
		ip := join(ep, "items")
		for i, s := range el.Items {
			c.text(ip, i, "item", s, true)
		}
	default:
		c.at(join(ep, "type"), "type %q is not paragraph, list or heading", el.Type)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
