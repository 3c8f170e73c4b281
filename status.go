package koers

import (
	"strings"
	"unicode/utf8"
)

// StatusEntry is one status of an organisation's legend for the progress of
// goals and activities: a key the documents refer to, the label a reader
// reads, a text symbol and a colour. The label and the symbol carry the
// meaning; the colour only adds to it (WCAG 1.4.1).
type StatusEntry struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
	Colour string `json:"colour"` // "#rrggbb"
}

// StatusLegend is an organisation's list of statuses, in the order its
// legend prints them.
type StatusLegend []StatusEntry

// MinStatusContrast is the WCAG 2.1 contrast for non-text content (1.4.11):
// a status's colour against the white page.
const MinStatusContrast = 3.0

// Limits that keep a legend a legend.
const (
	MaxStatusEntries = 12
	MaxStatusSymbol  = 4  // characters
	MaxStatusLabel   = 60 // characters
	MaxStatusKey     = 32
)

// DefaultStatusLegend is the legend of an organisation that gives none: the
// four statuses most Dutch municipalities report with, in symbols that the
// PDFs' font (Go) has and that differ in shape, not only in colour.
var DefaultStatusLegend = StatusLegend{
	{Key: "op-schema", Label: "Op schema", Symbol: "●", Colour: "#2e7d32"},
	{Key: "risico", Label: "Risico", Symbol: "▲", Colour: "#a15c00"},
	{Key: "achter", Label: "Achter", Symbol: "■", Colour: "#c62828"},
	{Key: "gereed", Label: "Gereed", Symbol: "√", Colour: "#1f5fa8"},
}

// StatusLegendOrDefault is the organisation's legend, or the default one
// when it gives none.
func (o *Organisation) StatusLegendOrDefault() StatusLegend {
	if o == nil || len(o.StatusLegend) == 0 {
		return DefaultStatusLegend
	}
	return o.StatusLegend
}

// Entry returns the legend's entry with the given key.
func (l StatusLegend) Entry(key string) (StatusEntry, bool) {
	for _, e := range l {
		if e.Key == key {
			return e, true
		}
	}
	return StatusEntry{}, false
}

// Keys lists the legend's keys, for messages.
func (l StatusLegend) Keys() []string {
	keys := make([]string, len(l))
	for i, e := range l {
		keys[i] = e.Key
	}
	return keys
}

// Used returns the entries of the legend that the given keys use, in the
// legend's order: the legend a page prints under its statuses.
func (l StatusLegend) Used(keys map[string]bool) StatusLegend {
	var out StatusLegend
	for _, e := range l {
		if keys[e.Key] {
			out = append(out, e)
		}
	}
	return out
}

// KindHasStatus reports whether documents of the kind report progress per
// goal and activity: a begroting plans, it has nothing to report yet.
func KindHasStatus(k DocumentKind) bool { return k == Bestuursrapportage || k == Jaarstukken }

// Statuses returns the status keys the page uses, per deviations scope and
// reference: the cycle view follows a goal's status through the year.
func (p *Page) Statuses(scope Scope) map[string]string {
	out := map[string]string{}
	for _, b := range p.Blocks {
		if b.Type != DeviationsBlock || b.Scope != scope {
			continue
		}
		for _, d := range b.Deviations {
			if d.Status != "" {
				out[d.Ref] = d.Status
			}
		}
	}
	return out
}

func (c *checker) statusLegend(base []any, l StatusLegend) {
	if len(l) > MaxStatusEntries {
		c.at(base, "the status legend has %d entries; at most %d", len(l), MaxStatusEntries)
		return
	}
	seen := map[string]bool{}
	for i, e := range l {
		ep := join(base, i)
		switch {
		case !ValidSlug(e.Key) || len(e.Key) > MaxStatusKey:
			c.at(join(ep, "key"), "status key %q is not lower-case letters and digits joined by hyphens, at most %d long", e.Key, MaxStatusKey)
		case seen[e.Key]:
			c.at(join(ep, "key"), "status %q appears twice in the legend", e.Key)
		}
		seen[e.Key] = true
		c.text(ep, "label", "label", e.Label, true)
		if utf8.RuneCountInString(e.Label) > MaxStatusLabel {
			c.at(join(ep, "label"), "label is longer than %d characters", MaxStatusLabel)
		}
		c.text(ep, "symbol", "symbol", e.Symbol, true)
		if n := utf8.RuneCountInString(e.Symbol); n > MaxStatusSymbol || strings.ContainsAny(e.Symbol, " \t\n<>&") {
			c.at(join(ep, "symbol"), "symbol %q is not one to %d characters without spaces or < > &", e.Symbol, MaxStatusSymbol)
		}
		switch {
		case !hexColour.MatchString(e.Colour):
			c.at(join(ep, "colour"), "colour %q is not of the form #rrggbb", e.Colour)
		case Contrast(e.Colour, "#ffffff") < MinStatusContrast:
			c.at(join(ep, "colour"), "colour %s has a contrast of %.1f:1 against white; WCAG 1.4.11 needs at least %.1f:1", e.Colour, Contrast(e.Colour, "#ffffff"), MinStatusContrast)
		}
	}
}

// statuses checks the statuses of a document's deviations: allowed only in
// a bestuursrapportage or jaarstukken, and each one of the legend's keys.
func statusProblems(legend StatusLegend, doc *Document) Problems {
	c := &checker{}
	var walk func(base []any, pages []*Page)
	walk = func(base []any, pages []*Page) {
		for i, p := range pages {
			if p == nil {
				continue
			}
			pp := join(base, i)
			for bi, b := range p.Blocks {
				for di, d := range b.Deviations {
					if d.Status == "" {
						continue
					}
					sp := join(pp, "blocks", bi, "deviations", di, "status")
					if !KindHasStatus(doc.Kind) {
						c.at(sp, "a %s reports no status; only a bestuursrapportage or jaarstukken do", doc.Kind)
					} else if _, ok := legend.Entry(d.Status); !ok && legend != nil {
						c.at(sp, "status %q is not in the organisation's legend (%s)", d.Status, strings.Join(legend.Keys(), ", "))
					}
				}
			}
			walk(join(pp, "children"), p.Children)
		}
	}
	walk(path("pages"), doc.Pages)
	return c.ps
}
