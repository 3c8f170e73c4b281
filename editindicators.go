package koers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The indicator table form: the rows of an indicator_table block as a
// tab-separated table, as a spreadsheet copies it. The first line names
// the columns; every other line is one indicator. doc/editing.md lists
// the column names.

// The column names of the indicator table form.
const (
	colKey        = "sleutel"
	colNumber     = "nummer"
	colName       = "naam"
	colUnit       = "eenheid"
	colDirection  = "richting"
	colDefinition = "definitie"
	colSource     = "bron"
	colThreshold  = "drempel"
	colMarker     = "voetnootteken"
	colFootnote   = "voetnoot"
)

// indicatorTextColumns are the named columns in the order Format writes
// them (value columns come after colDirection).
var indicatorTextColumns = []string{colKey, colNumber, colName, colUnit, colDirection, colSource, colDefinition, colThreshold, colMarker, colFootnote}

// unitWords are the unit column's words; the first of each is written.
var unitWords = map[string]Unit{"aantal": Count, "percentage": Percentage, "%": Percentage, "bedrag": Amount, "euro": Amount, "€": Amount}

// unitWord is the word Format writes for a unit.
func unitWord(u Unit) string {
	switch u {
	case Percentage:
		return "percentage"
	case Amount:
		return "bedrag"
	}
	return "aantal"
}

// directionWords are the direction column's words.
var directionWords = map[string]Direction{"": "", "hoger is beter": HigherIsBetter, "lager is beter": LowerIsBetter,
	"ten minste": AtLeast, "ten minste de streefwaarde": AtLeast, "ten hoogste": AtMost, "ten hoogste de streefwaarde": AtMost}

// kindWords are the words after a value column's year.
var kindWords = map[string]ValueKind{"realisatie": Realised, "werkelijk": Realised, "w": Realised, "(w)": Realised,
	"streefwaarde": Budgeted, "begroting": Budgeted, "begroot": Budgeted, "b": Budgeted, "(b)": Budgeted}

// valueHeader is the header Format writes for a value column.
func valueHeader(c Column) string {
	if c.Kind == Realised {
		return fmt.Sprintf("%d realisatie", c.Year)
	}
	return fmt.Sprintf("%d streefwaarde", c.Year)
}

// FormatIndicatorTable writes the indicators block b of page p shows as
// the table form. Optional columns appear when an indicator uses them.
func FormatIndicatorTable(p *Page, b Block) string {
	var rows []*Indicator
	for _, key := range b.Indicators {
		if in := p.Indicator(key); in != nil {
			rows = append(rows, in)
		}
	}
	uses := map[string]bool{colKey: true, colNumber: true, colName: true, colUnit: true, colDirection: true}
	for _, in := range rows {
		uses[colSource] = uses[colSource] || in.Source != ""
		uses[colDefinition] = uses[colDefinition] || in.Definition != ""
		uses[colThreshold] = uses[colThreshold] || in.Threshold != 0
		uses[colMarker] = uses[colMarker] || in.Footnote != nil
		uses[colFootnote] = uses[colFootnote] || in.Footnote != nil
	}
	cols := Columns(rows)
	var header []string
	for _, c := range indicatorTextColumns {
		if uses[c] {
			header = append(header, c)
		}
		if c == colDirection {
			for _, vc := range cols {
				header = append(header, valueHeader(vc))
			}
		}
	}
	var out strings.Builder
	out.WriteString(strings.Join(header, "\t") + "\n")
	for _, in := range rows {
		var cells []string
		for _, c := range indicatorTextColumns {
			if !uses[c] {
				continue
			}
			var s string
			switch c {
			case colKey:
				s = in.Key
			case colNumber:
				s = in.Number
			case colName:
				s = in.Name
			case colUnit:
				s = unitWord(in.Unit)
			case colDirection:
				s = in.Direction.Label()
				if in.Direction == AtLeast {
					s = "ten minste"
				} else if in.Direction == AtMost {
					s = "ten hoogste"
				}
			case colSource:
				s = in.Source
			case colDefinition:
				s = in.Definition
			case colThreshold:
				if in.Threshold != 0 {
					s = strconv.Itoa(in.Threshold)
				}
			case colMarker:
				if in.Footnote != nil {
					s = in.Footnote.Marker
				}
			case colFootnote:
				if in.Footnote != nil {
					s = in.Footnote.Text
				}
			}
			cells = append(cells, s)
			if c == colDirection {
				for _, vc := range cols {
					v, ok := in.Value(vc.Year, vc.Kind)
					if !ok {
						cells = append(cells, "")
					} else {
						cells = append(cells, v.Display(in.Unit))
					}
				}
			}
		}
		out.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return out.String()
}

// IndicatorTableChange is what ParseIndicatorTable makes of the form:
// the page's indicators and the block's rows.
type IndicatorTableChange struct {
	Indicators []*Indicator // the page's, all of them
	Keys       []string     // the block's rows
}

// Apply puts the change into block i of page p; printed rows of
// indicators the block no longer shows go with them.
func (c IndicatorTableChange) Apply(p *Page, i int) {
	p.Indicators = c.Indicators
	b := &p.Blocks[i]
	b.Indicators = c.Keys
	gone := func(r PrintedRow) bool { return !slices.Contains(c.Keys, r.Indicator) }
	if b.Printed != nil && slices.ContainsFunc(b.Printed.Rows, gone) {
		t := b.Printed.Clone()
		t.Rows = slices.DeleteFunc(t.Rows, gone)
		b.Printed = t
	}
}

// indicatorField is the block field the table form's problems are at.
const indicatorField = "indicators"

// ParseIndicatorTable reads the table form of block i (an
// indicator_table) of page p in doc. An indicator keeps its identity by
// its key; a row without a key gets one made from its name. Indicators
// the block no longer shows leave the page unless another of its blocks
// shows them.
func ParseIndicatorTable(doc *Document, p *Page, i int, text string) (IndicatorTableChange, Problems) {
	var ps Problems
	lines := formLines(text)
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:] // a blank line above the header; line numbers below count it
	}
	offset := len(formLines(text)) - len(lines)
	if len(lines) == 0 {
		return IndicatorTableChange{}, Problems{{Path: []any{indicatorField}, Message: "De tabel is leeg; een indicatorentabel heeft een kopregel en ten minste één indicator."}}
	}
	header, hps := indicatorHeader(splitCells(lines[0]), offset+1)
	if len(hps) > 0 {
		return IndicatorTableChange{}, hps
	}
	taken := map[string]string{} // keys on other pages -> their page's title
	_ = doc.Walk(func(o *Page) error {
		if o != p {
			for _, in := range o.Indicators {
				taken[in.Key] = o.Title
			}
		}
		return nil
	})
	var rows []*Indicator
	seen := map[string]int{}
	for j, line := range lines[1:] {
		n := offset + j + 2
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells := splitCells(line)
		if len(cells) > len(header) {
			ps = append(ps, lineProblem(indicatorField, n, "deze regel heeft %d kolommen en de kopregel %d", len(cells), len(header)))
			continue
		}
		in, rps := indicatorRow(header, cells, n)
		if len(rps) > 0 {
			ps = append(ps, rps...)
			continue
		}
		keyGiven := in.Key != ""
		if !keyGiven {
			in.Key = Slugify(in.Name)
			base := in.Key
			for k := 2; seen[in.Key] > 0 || taken[in.Key] != ""; k++ {
				in.Key = base + "-" + strconv.Itoa(k)
			}
		}
		switch {
		case in.Key == "":
			ps = append(ps, cellProblem(indicatorField, n, colKey, "geef de indicator een sleutel"))
		case !ValidSlug(in.Key):
			ps = append(ps, cellProblem(indicatorField, n, colKey, "de sleutel %q mag alleen kleine letters en cijfers bevatten, in groepjes met een streepje ertussen", in.Key))
		case seen[in.Key] > 0:
			ps = append(ps, cellProblem(indicatorField, n, colKey, "de sleutel %q staat al op regel %d", in.Key, seen[in.Key]))
		case taken[in.Key] != "":
			ps = append(ps, cellProblem(indicatorField, n, colKey, "de sleutel %q hoort al bij een indicator op de pagina %q", in.Key, taken[in.Key]))
		}
		seen[in.Key] = n
		if old := p.Indicator(in.Key); old != nil {
			in.ID, in.PageID = old.ID, old.PageID
			for k := range in.Values {
				if ov, ok := old.Value(in.Values[k].Year, in.Values[k].Kind); ok {
					in.Values[k].DocumentID = ov.DocumentID
				}
			}
			// Values the indicator had stay in their order; new ones
			// follow in year order.
			at := func(v Value) int {
				if k := slices.IndexFunc(old.Values, func(o Value) bool { return o.Year == v.Year && o.Kind == v.Kind }); k >= 0 {
					return k
				}
				return len(old.Values)
			}
			slices.SortStableFunc(in.Values, func(a, b Value) int { return at(a) - at(b) })
		}
		rows = append(rows, in)
	}
	if len(ps) == 0 && len(rows) == 0 {
		ps = append(ps, Problem{Path: []any{indicatorField}, Message: "De tabel heeft geen indicatoren; een indicatorentabel heeft er ten minste één."})
	}
	if len(ps) > 0 {
		return IndicatorTableChange{}, ps
	}
	// The page's indicators: the others as they were, the rows in their
	// place, new rows after them.
	shownElsewhere := map[string]bool{}
	for k, b := range p.Blocks {
		if k == i {
			continue
		}
		for _, key := range b.Indicators {
			shownElsewhere[key] = true
		}
		if b.Comparison != nil {
			for _, r := range b.Comparison.Rows {
				shownElsewhere[r.Indicator] = true
			}
		}
	}
	inBlock := map[string]bool{}
	if i >= 0 && i < len(p.Blocks) {
		for _, key := range p.Blocks[i].Indicators {
			inBlock[key] = true
		}
	}
	byKey := map[string]*Indicator{}
	var keys []string
	for _, in := range rows {
		byKey[in.Key] = in
		keys = append(keys, in.Key)
	}
	var all []*Indicator
	placed := map[string]bool{}
	for _, old := range p.Indicators {
		switch {
		case byKey[old.Key] != nil:
			all = append(all, byKey[old.Key])
			placed[old.Key] = true
		case !inBlock[old.Key] || shownElsewhere[old.Key]:
			all = append(all, old)
		}
	}
	for _, in := range rows {
		if !placed[in.Key] {
			all = append(all, in)
		}
	}
	return IndicatorTableChange{Indicators: all, Keys: keys}, nil
}

// splitCells splits a line at its tabs, trims every cell and drops the
// empty cells at its end (a spreadsheet's trailing tab).
func splitCells(line string) []string {
	cells := strings.Split(line, "\t")
	for k := range cells {
		cells[k] = strings.TrimSpace(cells[k])
	}
	for len(cells) > 1 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// indicatorColumn is one column of the header: a named column or a value
// column.
type indicatorColumn struct {
	name  string // as the header gives it
	field string // one of the col constants, or "" for a value column
	value Column
}

func indicatorHeader(cells []string, n int) ([]indicatorColumn, Problems) {
	var ps Problems
	var cols []indicatorColumn
	seen := map[string]bool{}
	for _, cell := range cells {
		name := strings.ToLower(strings.Join(strings.Fields(cell), " "))
		c := indicatorColumn{name: cell}
		if slices.Contains(indicatorTextColumns, name) {
			c.field = name
		} else if y, k, ok := strings.Cut(name, " "); ok && digits(y) && len(y) == 4 {
			kind, known := kindWords[k]
			year, _ := strconv.Atoi(y)
			switch {
			case !known:
				ps = append(ps, cellProblem(indicatorField, n, cell, "onbekende soort waarde %q; schrijf realisatie of streefwaarde na het jaar", k))
				continue
			case year < MinYear || year > MaxYear:
				ps = append(ps, cellProblem(indicatorField, n, cell, "het jaar %d ligt niet tussen %d en %d", year, MinYear, MaxYear))
				continue
			}
			c.value = Column{Year: year, Kind: kind}
			name = valueHeader(c.value)
		} else {
			if cell == "" {
				cell = strconv.Itoa(len(cols) + 1)
			}
			ps = append(ps, cellProblem(indicatorField, n, cell, "onbekende kolom; gebruik %s, of een jaar met realisatie of streefwaarde, zoals \"2022 realisatie\"", strings.Join(indicatorTextColumns, ", ")))
			continue
		}
		if seen[name] {
			ps = append(ps, cellProblem(indicatorField, n, cell, "deze kolom staat twee keer in de kopregel"))
			continue
		}
		seen[name] = true
		cols = append(cols, c)
	}
	for _, req := range []string{colNumber, colName, colUnit} {
		if !seen[req] && len(ps) == 0 {
			ps = append(ps, lineProblem(indicatorField, n, "de kopregel mist de kolom %q", req))
		}
	}
	return cols, ps
}

// indicatorRow reads one row of the table on line n.
func indicatorRow(header []indicatorColumn, cells []string, n int) (*Indicator, Problems) {
	var ps Problems
	in := &Indicator{Unit: Count}
	cell := func(k int) string {
		if k < len(cells) {
			return cells[k]
		}
		return ""
	}
	// The unit first: the values are read in it.
	for k, c := range header {
		if c.field == colUnit {
			u, ok := unitWords[strings.ToLower(cell(k))]
			if !ok {
				ps = append(ps, cellProblem(indicatorField, n, c.name, "onbekende eenheid %q; schrijf aantal, percentage of bedrag", cell(k)))
				return nil, ps
			}
			in.Unit = u
		}
	}
	var marker, note string
	for k, c := range header {
		s := cell(k)
		if msg := textProblem(s, "de cel"); msg != "" {
			ps = append(ps, cellProblem(indicatorField, n, c.name, "%s", msg))
			continue
		}
		switch c.field {
		case colKey:
			in.Key = s
		case colNumber:
			if s == "" {
				ps = append(ps, cellProblem(indicatorField, n, c.name, "het nummer ontbreekt (het SMART-doel of de activiteit die de indicator meet, zoals 2.1)"))
			}
			in.Number = s
		case colName:
			if s == "" {
				ps = append(ps, cellProblem(indicatorField, n, c.name, "de naam ontbreekt"))
			}
			in.Name = s
		case colDirection:
			d, ok := directionWords[strings.ToLower(s)]
			if !ok {
				ps = append(ps, cellProblem(indicatorField, n, c.name, "onbekende richting %q; schrijf hoger is beter, lager is beter, ten minste of ten hoogste, of laat de cel leeg", s))
			}
			in.Direction = d
		case colDefinition:
			in.Definition = s
		case colSource:
			in.Source = s
		case colThreshold:
			if s == "" {
				continue
			}
			t, err := strconv.Atoi(s)
			switch {
			case err != nil || t < 2 || t > MaxPrivacyThreshold:
				ps = append(ps, cellProblem(indicatorField, n, c.name, "de drempel %q is geen heel getal van 2 tot en met %d", s, MaxPrivacyThreshold))
			case in.Unit != Count:
				ps = append(ps, cellProblem(indicatorField, n, c.name, "een drempel geldt alleen voor aantallen"))
			}
			in.Threshold = t
		case colMarker:
			marker = s
		case colFootnote:
			note = s
		case "":
			if s == "" {
				continue
			}
			v, msg := ParseDutchValue(s, in.Unit)
			if msg != "" {
				ps = append(ps, cellProblem(indicatorField, n, c.name, "%s", msg))
				continue
			}
			v.Year, v.Kind = c.value.Year, c.value.Kind
			in.Values = append(in.Values, v)
		}
	}
	switch {
	case marker != "" && note != "":
		in.Footnote = &Footnote{Marker: marker, Text: note}
	case marker != "" || note != "":
		ps = append(ps, lineProblem(indicatorField, n, "een voetnoot heeft een teken (kolom %s) en een tekst (kolom %s)", colMarker, colFootnote))
	}
	slices.SortStableFunc(in.Values, func(a, b Value) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return kindOrder(a.Kind) - kindOrder(b.Kind)
	})
	if len(ps) > 0 {
		return nil, ps
	}
	return in, nil
}

func kindOrder(k ValueKind) int {
	if k == Realised {
		return 0
	}
	return 1
}

// ParseDutchValue reads a value of unit u written the Dutch way: "1.992",
// "-400.670", "11,6%", "€ 60.000", "€ 1.234,10", or "nnb" (not yet
// known). msg says in Dutch what is wrong, or is "".
func ParseDutchValue(s string, u Unit) (v Value, msg string) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "nnb") {
		return Value{}, ""
	}
	orig := s
	if rest, ok := strings.CutPrefix(s, "€"); ok {
		if u != Amount {
			return Value{}, fmt.Sprintf("%q is een bedrag, maar de eenheid is %s", orig, unitWord(u))
		}
		s = strings.TrimSpace(rest)
	}
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		if u != Percentage {
			return Value{}, fmt.Sprintf("%q is een percentage, maar de eenheid is %s", orig, unitWord(u))
		}
		s = strings.TrimSpace(rest)
	}
	dec, ok := dutchDecimal(s)
	if !ok {
		return Value{}, fmt.Sprintf("%q is geen getal; schrijf het zoals 1.992, 11,6%% of € 60.000, of nnb als het nog niet bekend is", orig)
	}
	if u == Amount {
		m, err := ParseMoney(dec)
		if err != nil {
			return Value{}, fmt.Sprintf("%q is geen bedrag in hele centen tot %s", orig, MaxMoney)
		}
		return Value{Amount: &m}, ""
	}
	f, err := strconv.ParseFloat(dec, 64)
	if err != nil {
		return Value{}, fmt.Sprintf("%q is geen getal", orig)
	}
	switch {
	case f > MaxValue || f < -MaxValue:
		return Value{}, fmt.Sprintf("%q is groter dan koers bewaart (10^12)", orig)
	case f != 0 && f < MinValue && f > -MinValue:
		return Value{}, fmt.Sprintf("%q ligt dichter bij nul dan koers bewaart (10^-6)", orig)
	case significantDigits(dec) > MaxDigits:
		return Value{}, fmt.Sprintf("%q heeft meer dan %d cijfers", orig, MaxDigits)
	case u == Percentage && (f < 0 || f > 100):
		return Value{}, fmt.Sprintf("het percentage %q ligt niet tussen 0 en 100", orig)
	}
	if f == 0 {
		f = 0 // no negative zero
	}
	return Value{Number: &f}, ""
}

// dutchDecimal turns a number in Dutch notation (points between
// thousands, a decimal comma) into a plain decimal ("-1234.5").
func dutchDecimal(s string) (string, bool) {
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, rest
	} else if rest, ok := strings.CutPrefix(s, "−"); ok {
		neg, s = true, rest
	}
	whole, frac, hasFrac := strings.Cut(s, ",")
	if hasFrac && !digits(frac) {
		return "", false
	}
	if strings.Contains(whole, ".") {
		groups := strings.Split(whole, ".")
		if len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' {
			return "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	if !digits(whole) {
		return "", false
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out, true
}
