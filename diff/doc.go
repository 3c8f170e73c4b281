// Package diff compares versions of documents for readers: text word by
// word, values as "before → after", and the structure (pages, goals,
// activities, indicators, rows, blocks) as added, removed and moved. The
// text comparison is the diff-match-patch algorithm of
// github.com/sergi/go-diff, run over words instead of characters.
//
// The API:
//
//	d := diff.Documents(old, new)      // two *koers.Document with content; either may be nil
//	d.Changed()                         // anything at all?
//	d.Summary.String()                  // "3 pagina's gewijzigd, 1 toegevoegd"
//	html, err := d.HTML(diff.HTMLOptions{Level: 2})      // the whole diff as a fragment
//	html, err := d.PageHTML(path, diff.HTMLOptions{})    // one page's diff, by its new path (or old, if removed)
//	p := d.Page(path)                   // that page's diff as data; nil when path is in neither version
//
// The result is a plain tree a template can walk: Document → Pages (every
// page of both versions in reading order; Unchanged ones are kept so a
// reader sees the tree and are cheap to skip) → Goals, Activities,
// Indicators and Blocks that differ → Items, Elements, Explanations and
// Values. Text is []Span (Equal, Insert, Delete); a value is a Value with
// the old and new sides as readers see them ("12%" → "11,5%", "€ 60.000"
// → "€ 65.000"), formatted by koers. Nothing in the tree is HTML.
//
// HTML renders with the package's own template: <ins> and <del> each with
// hidden words ("ingevoegd: ", "verwijderd: ") and a legend, so the marks
// do not rest on colour; the CSS classes (diff-*) are in the site's and the
// back office's stylesheets. See doc/diffs.md for what is compared and how
// pages, goals and rows keep their identity.
package diff
