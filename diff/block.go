package diff

import (
	"strings"

	"github.com/koers-nl/koers"
)

// compareBlocks matches the blocks of two versions of a page by type (a
// type a page has once on both sides pairs directly) and, for repeated
// types such as text, by a longest common subsequence of their
// signatures; it returns the blocks that differ, in the new order.
func compareBlocks(op, np *koers.Page, year int) []Block {
	old, new := op.Blocks, np.Blocks
	oldToNew := make([]int, len(old))
	for i := range oldToNew {
		oldToNew[i] = -1
	}
	byType := func(bs []koers.Block) map[koers.BlockType][]int {
		m := map[koers.BlockType][]int{}
		for i, b := range bs {
			m[b.Type] = append(m[b.Type], i)
		}
		return m
	}
	ot, nt := byType(old), byType(new)
	for t, is := range ot {
		js := nt[t]
		if len(js) == 0 {
			continue
		}
		if len(is) == 1 && len(js) == 1 {
			oldToNew[is[0]] = js[0]
			continue
		}
		for _, pr := range align(len(is), len(js),
			func(a, b int) bool { return signature(old[is[a]]) == signature(new[js[b]]) },
			func(a, b int) bool { return true }) {
			if pr.old >= 0 && pr.new >= 0 {
				oldToNew[is[pr.old]] = js[pr.new]
			}
		}
	}
	mv := moved(oldToNew)
	var out []Block
	for _, pr := range interleave(oldToNew, len(new)) {
		var ob, nb koers.Block
		b := Block{Status: Modified}
		switch {
		case pr.old < 0:
			nb = new[pr.new]
			b.Status, b.Type, ob.Type = Added, nb.Type, nb.Type
		case pr.new < 0:
			ob = old[pr.old]
			b.Status, b.Type, nb.Type = Removed, ob.Type, ob.Type
		default:
			ob, nb = old[pr.old], new[pr.new]
			b.Type = nb.Type
			if mv[pr.old] {
				b.Status, b.Position = Moved, Position{pr.old + 1, pr.new + 1}
			}
		}
		b.Heading = Words(ob.Heading, nb.Heading)
		compareBlock(&b, ob, nb, op, np, year)
		if b.Status == Added || b.Status == Removed {
			// A whole block's settings and columns say nothing its
			// content does not.
			b.Properties, b.Columns = nil, nil
		}
		if b.Status == Modified && !Changed(b.Heading) && !Changed(b.Text) && len(b.Elements)+len(b.Explanations)+len(b.Rows)+len(b.Columns)+len(b.Properties) == 0 {
			continue
		}
		out = append(out, b)
	}
	return out
}

// signature is what identifies a block among others of its type: its
// heading and the start of its first text.
func signature(b koers.Block) string {
	s := string(b.Type) + "\x00" + b.Heading
	if len(b.Content) > 0 {
		s += "\x00" + b.Content[0].Text
	}
	return s
}

func compareBlock(b *Block, ob, nb koers.Block, op, np *koers.Page, year int) {
	switch b.Type {
	case koers.TextBlock:
		b.Elements = compareElements(ob.Content, nb.Content)
	case koers.GoalBlock:
		b.Text = Words(ob.Text, nb.Text)
	case koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock:
		scope := koers.ScopeSmartGoals
		if b.Type == koers.ActivityExplanationsBlock {
			scope = koers.ScopeActivities
		}
		b.Explanations = compareExplanations(ob.Explanations, nb.Explanations, scope, op, np)
	case koers.DeviationsBlock:
		b.Properties = appendValue(b.Properties, "Over", scopeLabel(ob.Scope), scopeLabel(nb.Scope))
		b.Explanations = compareDeviations(ob.Deviations, nb.Deviations, nb.Scope, op, np)
	case koers.IndicatorTableBlock:
		label := func(p *koers.Page, key string) string {
			if in := p.Indicator(key); in != nil {
				return strings.TrimSpace(in.Number + " " + in.Name)
			}
			return key
		}
		b.Rows = keyed(ob.Indicators, nb.Indicators, func(o bool, i int) string {
			if o {
				return label(op, ob.Indicators[i])
			}
			return label(np, nb.Indicators[i])
		}, noNote)
		// Only the order and presence of rows belong to the table: the
		// rows' wording and values are the page's indicators.
		for i := range b.Rows {
			if b.Rows[i].Status == Modified {
				b.Rows[i].Status = Same
			}
			b.Rows[i].Label = "" // the text names the row
		}
		b.Rows = dropSame(b.Rows)
	case koers.FinanceTableBlock:
		compareFinance(b, ob.Finance, nb.Finance, year)
	case koers.ComparisonTableBlock:
		compareComparison(b, ob.Comparison, nb.Comparison)
	}
}

func dropSame(items []Item) []Item {
	out := items[:0]
	for _, it := range items {
		if it.Status != Same {
			out = append(out, it)
		}
	}
	return out
}

func scopeLabel(s koers.Scope) string {
	switch s {
	case koers.ScopeSmartGoals:
		return "SMART-doelen"
	case koers.ScopeActivities:
		return "activiteiten"
	}
	return string(s)
}

// compareElements aligns the paragraphs, headings and lists of two text
// blocks and returns those that differ.
func compareElements(old, new []koers.TextElement) []Element {
	key := func(e koers.TextElement) string {
		return string(e.Type) + "\x00" + e.Text + "\x00" + strings.Join(e.Items, "\x00")
	}
	keys := func(es []koers.TextElement) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = key(e)
		}
		return out
	}
	ok, nk := keys(old), keys(new)
	var out []Element
	for _, pr := range align(len(old), len(new),
		func(i, j int) bool { return ok[i] == nk[j] },
		func(i, j int) bool { return old[i].Type == new[j].Type }) {
		var o, n koers.TextElement
		e := Element{Status: Modified}
		switch {
		case pr.old < 0:
			n = new[pr.new]
			e.Status, o.Type = Added, n.Type
		case pr.new < 0:
			o = old[pr.old]
			e.Status, n.Type = Removed, o.Type
		default:
			o, n = old[pr.old], new[pr.new]
			if ok[pr.old] == nk[pr.new] {
				continue
			}
		}
		e.Type = n.Type
		e.Text = Words(o.Text, n.Text)
		e.Items = compareTexts(o.Items, n.Items)
		out = append(out, e)
	}
	return out
}

// compareTexts aligns two lists of texts (list items) and returns those
// added, removed and reworded, word by word.
func compareTexts(old, new []string) []Item {
	var out []Item
	for _, pr := range align(len(old), len(new),
		func(i, j int) bool { return old[i] == new[j] },
		func(i, j int) bool { return true }) {
		var o, n string
		st := Modified
		switch {
		case pr.old < 0:
			st, n = Added, new[pr.new]
		case pr.new < 0:
			st, o = Removed, old[pr.old]
		default:
			o, n = old[pr.old], new[pr.new]
			if o == n {
				continue
			}
		}
		out = append(out, Item{Status: st, Text: Words(o, n)})
	}
	return out
}

// compareParagraphs returns the paragraphs that differ, word by word.
func compareParagraphs(old, new []string) [][]Span {
	var out [][]Span
	for _, it := range compareTexts(old, new) {
		out = append(out, it.Text)
	}
	return out
}

// compareExplanations compares explanations by the goal or activity they
// are about.
func compareExplanations(old, new []koers.Explanation, scope koers.Scope, op, np *koers.Page) []Explanation {
	return compareByRef(old, new, func(e koers.Explanation) string { return e.Ref }, scope, op, np,
		func(o, n koers.Explanation, x *Explanation) bool {
			x.Heading = Words(o.Heading, n.Heading)
			x.Paragraphs = compareParagraphs(o.Paragraphs, n.Paragraphs)
			return Changed(x.Heading) || len(x.Paragraphs) > 0
		})
}

// compareDeviations compares deviations by the goal or activity they are
// about: their status and their toelichting.
func compareDeviations(old, new []koers.Deviation, scope koers.Scope, op, np *koers.Page) []Explanation {
	return compareByRef(old, new, func(d koers.Deviation) string { return d.Ref }, scope, op, np,
		func(o, n koers.Deviation, x *Explanation) bool {
			if o.Status != n.Status && x.Status != Removed {
				x.StatusChange = &Value{Label: "Status", Old: o.Status, New: n.Status}
			}
			x.Paragraphs = compareParagraphs(o.Paragraphs, n.Paragraphs)
			return x.StatusChange != nil || len(x.Paragraphs) > 0
		})
}

// compareByRef pairs old and new items by the goal or activity they are
// about (ref), in the new order with the removed ones where they stood.
// fill compares a pair into x (the zero T stands for the side an added or
// removed item lacks) and reports whether it changed: a kept item that did
// not is left out.
func compareByRef[T any](old, new []T, ref func(T) string, scope koers.Scope, op, np *koers.Page,
	fill func(o, n T, x *Explanation) bool) []Explanation {
	refs := func(items []T) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = ref(it)
		}
		return out
	}
	oldToNew := byKey(refs(old), refs(new))
	var out []Explanation
	for _, pr := range interleave(oldToNew, len(new)) {
		var o, n T
		x := Explanation{Status: Modified}
		switch {
		case pr.old < 0:
			n = new[pr.new]
			x.Status, x.Ref = Added, ref(n)
		case pr.new < 0:
			o = old[pr.old]
			x.Status, x.Ref = Removed, ref(o)
		default:
			o, n = old[pr.old], new[pr.new]
			x.Ref = ref(n)
		}
		if !fill(o, n, &x) && x.Status == Modified {
			continue
		}
		x.Label = refLabel(x, scope, op, np)
		out = append(out, x)
	}
	return out
}

// refLabel names the goal or activity an explanation is about, as the
// version that has it does.
func refLabel(x Explanation, scope koers.Scope, op, np *koers.Page) string {
	if x.Status == Removed {
		return op.RefLabel(scope, x.Ref)
	}
	return np.RefLabel(scope, x.Ref)
}
