package diff

import (
	"fmt"
	"strings"
)

// outline writes a diff as plain lines, so a test pins the whole result:
// spans as "[-deleted-]" and "{+inserted+}".
func outline(d *Document) string {
	var b strings.Builder
	w := func(depth int, format string, args ...any) {
		line := strings.Repeat("  ", depth) + fmt.Sprintf(format, args...)
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	w(0, "document %s: %s", text(d.Title), d.Summary)
	for _, p := range d.Pages {
		if p.Unchanged {
			w(0, "page %s same", p.Path())
			continue
		}
		line := fmt.Sprintf("page %s %s %s", p.Path(), p.Status, text(p.Title))
		if p.Renamed {
			line += " renamed"
		}
		if p.Moved {
			line += " moved " + p.Position.String()
			if p.Parent != nil {
				line += fmt.Sprintf(" from %q to %q", p.Parent.Old, p.Parent.New)
			}
		}
		w(0, "%s", line)
		for _, v := range p.Properties {
			w(1, "property %s", v)
		}
		items(w, 1, "goal", p.Goals)
		items(w, 1, "activity", p.Activities)
		for _, in := range p.Indicators {
			w(1, "indicator %s %s %s %s", in.Key, in.Status, text(in.Number), text(in.Name))
			if Changed(in.Definition) {
				w(2, "definition %s", text(in.Definition))
			}
			if Changed(in.Note) {
				w(2, "note %s", text(in.Note))
			}
			for _, v := range in.Properties {
				w(2, "property %s", v)
			}
			for _, v := range in.Values {
				w(2, "value %s", v)
			}
		}
		for _, bl := range p.Blocks {
			w(1, "block %s %s %s", bl.Type, bl.Mark(), text(bl.Heading))
			for _, v := range bl.Properties {
				w(2, "property %s", v)
			}
			if Changed(bl.Text) {
				w(2, "text %s", text(bl.Text))
			}
			for _, e := range bl.Elements {
				w(2, "%s %s %s", e.Type, e.Status, text(e.Text))
				items(w, 3, "item", e.Items)
			}
			for _, x := range bl.Explanations {
				w(2, "ref %q %s %q %s", x.Ref, x.Status, x.Label, text(x.Heading))
				if x.StatusChange != nil {
					w(3, "status %s", x.StatusChange)
				}
				for _, para := range x.Paragraphs {
					w(3, "paragraph %s", text(para))
				}
			}
			items(w, 2, "column", bl.Columns)
			items(w, 2, "row", bl.Rows)
		}
	}
	return b.String()
}

func items(w func(int, string, ...any), depth int, what string, its []Item) {
	for _, it := range its {
		w(depth, "%s %s %s %s", what, it.Label, it.Mark(), text(it.Text))
		if Changed(it.Note) {
			w(depth+1, "note %s", text(it.Note))
		}
		for _, v := range it.Values {
			w(depth+1, "value %s", v)
		}
	}
}

func text(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch s.Op {
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
