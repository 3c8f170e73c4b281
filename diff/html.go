package diff

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// HTMLOptions fit a rendered diff into a page.
type HTMLOptions struct {
	// Level is the heading level of each page's section (2 gives <h2>);
	// the parts of a page get the level below. 0 is 2.
	Level int
	// Legend names deviation statuses ("op-schema" → "Op schema"); empty
	// shows the keys through koers.DefaultStatusLegend.
	Legend koers.StatusLegend
	// All shows unchanged pages too, as a heading with "Ongewijzigd".
	All bool
}

//go:embed diff.html
var templateText string

var tmpl = template.Must(template.New("diff").Funcs(template.FuncMap{
	"spans":   spansHTML,
	"open":    openHeading,
	"close":   closeHeading,
	"changed": Changed,
	"plain":   Plain,
	"valuesOf": func(caption string, vs []Value) valueTable {
		return valueTable{caption, vs}
	},
}).Parse(templateText))

// view is what the templates render: a page or a document with the
// options.
type view struct {
	Doc   *Document
	Page  *Page
	Pages []view
	L     int // the level of this page's heading
	opts  *HTMLOptions
}

// valueTable is a table of changed values with its caption.
type valueTable struct {
	Caption string
	Values  []Value
}

// SummaryText is the document's summary; a document whose pages are the
// same but whose title changed says so.
func (v view) SummaryText() string {
	if v.Doc.Summary.Added+v.Doc.Summary.Removed+v.Doc.Summary.Changed == 0 && Changed(v.Doc.Title) {
		return "Titel van het document gewijzigd"
	}
	return v.Doc.Summary.String()
}

// Sub is the heading level of a page's parts.
func (v view) Sub() int { return min(v.L+1, 6) }

// SubSub is the level below that.
func (v view) SubSub() int { return min(v.L+2, 6) }

// StatusText is how a page's status reads: "Verplaatst (was 3e, nu 1e)".
func (v view) StatusText() string {
	p := v.Page
	var parts []string
	switch p.Status {
	case Added, Removed:
		return p.Status.Label()
	case Same:
		return Same.Label()
	}
	if p.Moved {
		s := "Verplaatst"
		if p.Parent != nil {
			s += " van " + parentName(p.Parent.Old) + " naar " + parentName(p.Parent.New)
		} else {
			s += " (" + p.Position.String() + ")"
		}
		parts = append(parts, s)
	}
	if p.Renamed {
		parts = append(parts, "hernoemd")
	}
	if len(p.Properties)+len(p.Goals)+len(p.Activities)+len(p.Indicators)+len(p.Blocks) > 0 {
		parts = append(parts, "inhoud gewijzigd")
	}
	if len(parts) == 0 {
		return Modified.Label()
	}
	s := strings.Join(parts, ", ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func parentName(title string) string {
	if title == "" {
		return "het begin van het document"
	}
	return "„" + title + "”"
}

// DeviationStatus names a deviation's status key by the legend.
func (v view) DeviationStatus(key string) string {
	if key == "" {
		return Absent
	}
	legend := v.opts.Legend
	if len(legend) == 0 {
		legend = koers.DefaultStatusLegend
	}
	if e, ok := legend.Entry(key); ok {
		return e.Label
	}
	return key
}

// Mark is how an item's status reads: "Toegevoegd", "Verplaatst (was
// 3e, nu 1e)".
func (it Item) Mark() string {
	if it.Status == Moved {
		return "Verplaatst (" + it.Position.String() + ")"
	}
	return it.Status.Label()
}

// Mark is how a block's status reads.
func (b Block) Mark() string {
	if b.Status == Moved {
		return "Verplaatst (" + b.Position.String() + ")"
	}
	return b.Status.Label()
}

// Label names the block in Dutch.
func (b Block) Label() string { return BlockLabel(b.Type) }

// String says what changed in a few words: "3 pagina's gewijzigd, 1
// toegevoegd", or "Geen wijzigingen".
func (s Summary) String() string {
	var parts []string
	add := func(n int, what string) {
		if n == 0 {
			return
		}
		if len(parts) == 0 {
			noun := " pagina's "
			if n == 1 {
				noun = " pagina "
			}
			parts = append(parts, strconv.Itoa(n)+noun+what)
			return
		}
		parts = append(parts, strconv.Itoa(n)+" "+what)
	}
	add(s.Changed, "gewijzigd")
	add(s.Added, "toegevoegd")
	add(s.Removed, "verwijderd")
	if len(parts) == 0 {
		return "Geen wijzigingen"
	}
	return strings.Join(parts, ", ")
}

// HTML renders the whole diff as an HTML fragment: a summary, a legend,
// and a section per changed page. It is rendered into a buffer: on an
// error nothing is returned.
func (d *Document) HTML(opts HTMLOptions) (template.HTML, error) {
	v := view{Doc: d, opts: &opts, L: level(opts)}
	for _, p := range d.Pages {
		if p.Unchanged && !opts.All {
			continue
		}
		v.Pages = append(v.Pages, view{Page: p, L: v.L, opts: &opts})
	}
	return render("document", v)
}

// HTML renders one page's diff as an HTML fragment with a legend: for a
// reviewer who looks page by page.
func (p *Page) HTML(opts HTMLOptions) (template.HTML, error) {
	if p == nil {
		return "", errors.New("diff: no page to render")
	}
	return render("single", view{Page: p, L: level(opts), opts: &opts})
}

// PageHTML renders the diff of the page at path (see Page) as HTML does;
// a path in neither version is an error.
func (d *Document) PageHTML(path string, opts HTMLOptions) (template.HTML, error) {
	return d.Page(path).HTML(opts)
}

// Page returns the diff of the page at path (new path, or the old one of
// a removed page), or nil.
func (d *Document) Page(path string) *Page {
	for _, p := range d.Pages {
		if p.New != nil && p.NewPath == path {
			return p
		}
	}
	for _, p := range d.Pages {
		if p.New == nil && p.OldPath == path {
			return p
		}
	}
	return nil
}

func level(opts HTMLOptions) int {
	if opts.Level < 1 || opts.Level > 6 {
		return 2
	}
	return opts.Level
}

func render(name string, v view) (template.HTML, error) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, v); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// spansHTML writes spans as text with <del> and <ins>, each starting with
// hidden words that say what it is, for those who do not see the styling.
func spansHTML(spans []Span) template.HTML {
	var b strings.Builder
	for _, s := range spans {
		text := template.HTMLEscapeString(s.Text)
		switch s.Op {
		case Insert:
			b.WriteString(`<ins class="diff-ins"><span class="visually-hidden">ingevoegd: </span>` + text + `</ins>`)
		case Delete:
			b.WriteString(`<del class="diff-del"><span class="visually-hidden">verwijderd: </span>` + text + `</del>`)
		default:
			b.WriteString(text)
		}
	}
	return template.HTML(b.String())
}

// openHeading and closeHeading write a heading of a level the caller
// chooses; html/template does not let a tag name be a value.
func openHeading(level int, id string) template.HTML {
	h := "<h" + strconv.Itoa(min(max(level, 1), 6))
	if id != "" {
		h += ` id="` + template.HTMLEscapeString(id) + `"`
	}
	return template.HTML(h + ">")
}

func closeHeading(level int) template.HTML {
	return template.HTML("</h" + strconv.Itoa(min(max(level, 1), 6)) + ">")
}

// Mark is how an element's status reads.
func (e Element) Mark() string { return e.Status.Label() }

// Mark is how an explanation's status reads.
func (x Explanation) Mark() string { return x.Status.Label() }
