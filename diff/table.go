package diff

import (
	"strconv"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// compareFinance compares two finance tables: columns by year, version
// and amendment; lines by kind and taakveld, programme or label, with the
// amounts that changed per column in euros ("€ 60.000 → € 65.000"), exact
// whatever the table's scale; and the explanations per line.
func compareFinance(b *Block, old, new *koers.FinanceTable, year int) {
	if old == nil {
		old = &koers.FinanceTable{}
	}
	if new == nil {
		new = &koers.FinanceTable{}
	}
	if old.Scale != 0 && new.Scale != 0 {
		b.Properties = appendValue(b.Properties, "Eenheid", koers.ScaleLabel(old.Scale), koers.ScaleLabel(new.Scale))
	}
	colKeys := func(t *koers.FinanceTable) []string {
		out := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			out[i] = strconv.Itoa(c.Year) + "\x00" + string(c.Version) + "\x00" + strconv.Itoa(c.Amendment)
		}
		return out
	}
	ock, nck := colKeys(old), colKeys(new)
	b.Columns = keyed(ock, nck, func(o bool, i int) string {
		if o {
			return old.Columns[i].Title()
		}
		return new.Columns[i].Title()
	}, noNote)
	for i := range b.Columns {
		b.Columns[i].Key, b.Columns[i].Label = "", "" // the title says which column
	}
	colOldToNew := byKey(ock, nck)
	newToOldCol := make([]int, len(nck))
	for j := range newToOldCol {
		newToOldCol[j] = -1
	}
	for i, j := range colOldToNew {
		if j >= 0 {
			newToOldCol[j] = i
		}
	}

	lineKeys := func(t *koers.FinanceTable) []string {
		out := make([]string, len(t.Lines))
		for i, l := range t.Lines {
			out[i] = lineKey(l)
		}
		return out
	}
	olk, nlk := lineKeys(old), lineKeys(new)
	oldToNew := byKey(olk, nlk)
	mv := moved(oldToNew)
	money := func(m *koers.Money) string {
		if m == nil {
			return ""
		}
		return m.String()
	}
	for _, pr := range interleave(oldToNew, len(nlk)) {
		it := Item{Status: Modified}
		switch {
		case pr.old < 0:
			l := new.Lines[pr.new]
			it.Status, it.Text = Added, Words("", lineLabel(l, year))
			for j, c := range new.Columns {
				it.Values = appendValue(it.Values, c.Title(), "", money(koers.AmountAt(l.Amounts, j)))
			}
		case pr.new < 0:
			l := old.Lines[pr.old]
			it.Status, it.Text = Removed, Words(lineLabel(l, year), "")
			for i, c := range old.Columns {
				it.Values = appendValue(it.Values, c.Title(), money(koers.AmountAt(l.Amounts, i)), "")
			}
		default:
			ol, nl := old.Lines[pr.old], new.Lines[pr.new]
			it.Text = Words(lineLabel(ol, year), lineLabel(nl, year))
			for j, c := range new.Columns {
				if i := newToOldCol[j]; i >= 0 {
					it.Values = appendValue(it.Values, c.Title(), money(koers.AmountAt(ol.Amounts, i)), money(koers.AmountAt(nl.Amounts, j)))
				}
			}
			if mv[pr.old] {
				it.Status, it.Position = Moved, Position{pr.old + 1, pr.new + 1}
			} else if len(it.Values) == 0 {
				continue
			}
		}
		b.Rows = append(b.Rows, it)
	}

	// Explanations belong to a line: compare them by the line's key.
	expl := func(t *koers.FinanceTable, keys []string) ([]string, [][]string, []string) {
		var ks, labels []string
		var paras [][]string
		for _, e := range t.Explanations {
			if e.Line < 0 || e.Line >= len(t.Lines) {
				continue
			}
			ks = append(ks, keys[e.Line])
			labels = append(labels, lineLabel(t.Lines[e.Line], year))
			paras = append(paras, e.Paragraphs)
		}
		return ks, paras, labels
	}
	oek, oep, oel := expl(old, olk)
	nek, nep, nel := expl(new, nlk)
	for _, pr := range interleave(byKey(oek, nek), len(nek)) {
		var o, n []string
		x := Explanation{Status: Modified}
		switch {
		case pr.old < 0:
			x.Status, x.Ref, x.Label, n = Added, nek[pr.new], nel[pr.new], nep[pr.new]
		case pr.new < 0:
			x.Status, x.Ref, x.Label, o = Removed, oek[pr.old], oel[pr.old], oep[pr.old]
		default:
			x.Ref, x.Label, o, n = nek[pr.new], nel[pr.new], oep[pr.old], nep[pr.new]
		}
		x.Ref = "" // the label says which line
		x.Paragraphs = compareParagraphs(o, n)
		if x.Status == Modified && len(x.Paragraphs) == 0 {
			continue
		}
		b.Explanations = append(b.Explanations, x)
	}
}

func lineKey(l koers.FinanceLine) string {
	return string(l.Kind) + "\x00" + l.Taakveld + "\x00" + l.Programme + "\x00" + l.Label
}

// lineLabel names a line as the table does, with its side: "6.1
// Samenkracht en burgerparticipatie (lasten)".
func lineLabel(l koers.FinanceLine, year int) string {
	return present.LineLabel(l, year) + " (" + string(l.Kind) + ")"
}

// compareComparison compares two comparison tables: areas by name, rows
// by the indicator they report on or their name, with the figures that
// changed per column as printed.
func compareComparison(b *Block, old, new *koers.ComparisonTable) {
	if old == nil {
		old = &koers.ComparisonTable{}
	}
	if new == nil {
		new = &koers.ComparisonTable{}
	}
	b.Properties = appendValue(b.Properties, "Peildatum", old.Reference, new.Reference)
	b.Properties = appendValue(b.Properties, "Kolom gemeente", old.Municipality, new.Municipality)
	areaNames := func(t *koers.ComparisonTable) []string {
		out := make([]string, len(t.Areas))
		for i, a := range t.Areas {
			out[i] = a.Name
		}
		return out
	}
	oan, nan := areaNames(old), areaNames(new)
	b.Columns = keyed(oan, nan, func(o bool, i int) string {
		if o {
			return oan[i]
		}
		return nan[i]
	}, noNote)
	for i := range b.Columns {
		b.Columns[i].Label = ""
	}
	areaOldToNew := byKey(oan, nan)
	municipality := new.Municipality
	if municipality == "" {
		municipality = "Gemeente"
	}
	rowKeys := func(t *koers.ComparisonTable) []string {
		out := make([]string, len(t.Rows))
		for i, r := range t.Rows {
			out[i] = r.Name
			if r.Indicator != "" {
				out[i] = "\x00" + r.Indicator
			}
		}
		return out
	}
	figure := func(fs []koers.Figure, i int) string {
		if i < 0 || i >= len(fs) {
			return ""
		}
		return fs[i].String()
	}
	ork, nrk := rowKeys(old), rowKeys(new)
	oldToNew := byKey(ork, nrk)
	mv := moved(oldToNew)
	for _, pr := range interleave(oldToNew, len(nrk)) {
		it := Item{Status: Modified}
		var o, n koers.ComparisonRow
		switch {
		case pr.old < 0:
			n = new.Rows[pr.new]
			it.Status = Added
		case pr.new < 0:
			o = old.Rows[pr.old]
			it.Status = Removed
		default:
			o, n = old.Rows[pr.old], new.Rows[pr.new]
			if mv[pr.old] {
				it.Status, it.Position = Moved, Position{pr.old + 1, pr.new + 1}
			}
		}
		it.Text = Words(o.Name, n.Name)
		for _, v := range []Value{{"Eenheid", o.Unit, n.Unit}, {"Periode", o.Period, n.Period},
			{municipality, o.Value.String(), n.Value.String()}} {
			it.Values = appendValue(it.Values, v.Label, v.Old, v.New)
		}
		for i, a := range old.Areas {
			if j := areaOldToNew[i]; j >= 0 {
				it.Values = appendValue(it.Values, a.Name, figure(o.Areas, i), figure(n.Areas, j))
			}
		}
		if pr.old < 0 {
			for j, a := range new.Areas {
				it.Values = appendValue(it.Values, a.Name, "", figure(n.Areas, j))
			}
		}
		for _, v := range []Value{{"Doel", o.Target, n.Target}, {"Bron", o.Source, n.Source}} {
			it.Values = appendValue(it.Values, v.Label, v.Old, v.New)
		}
		if it.Status == Modified && !Changed(it.Text) && len(it.Values) == 0 {
			continue
		}
		b.Rows = append(b.Rows, it)
	}
}
