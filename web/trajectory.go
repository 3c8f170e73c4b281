package web

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/diff"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// A SMART goal or an activity through the cycle: its wording, its
// indicators' targets and realised values, and its status in every
// document, side by side, with what each document changed.

type trajectoryPage struct {
	layout
	What      string // "SMART-doel 2", "Activiteit 2.2"
	Wording   string // the latest wording
	Programme link   // the sub-programme's page in the latest document
	Columns   []traceHead
	Rows      []traceRow
	Changes   []traceChanges
	Legend    []present.StatusMark
}

// traceHead is a document's column.
type traceHead struct {
	ID, Title, URL string
}

// traceRow is one row of the side-by-side table.
type traceRow struct {
	ID, Label, URL string
	Cells          []traceCell
}

// traceCell is what one document says in a row: text compared word by
// word with the document before, or a value, a status and paragraphs.
type traceCell struct {
	Headers string // the ids of its column and row headers
	Link    *link  // instead of Spans
	Spans   []traceSpan
	Missing string // shown muted when the document says nothing
	Status  *present.StatusMark
	Text    []string
}

// traceSpan is a run of words: kept, added ("ins") or removed ("del").
type traceSpan struct{ Op, Text string }

// traceChanges are a document's changes, in sentences.
type traceChanges struct {
	Document  string
	URL       string
	Sentences []string
}

// numberOK reports whether a goal's, activity's or programme's number in an
// address can be one: short, of letters, digits and dots. Anything else
// is not found without asking the store.
func numberOK(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if !(r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// goalTrajectory serves /{org}/cyclus/{programme}/doelen/{number}.
func (s *Server) goalTrajectory(r *http.Request) (*httpcache.Response, bool, error) {
	return s.trajectory(r, koers.ScopeSmartGoals)
}

// activityTrajectory serves /{org}/cyclus/{programme}/activiteiten/{number}.
func (s *Server) activityTrajectory(r *http.Request) (*httpcache.Response, bool, error) {
	return s.trajectory(r, koers.ScopeActivities)
}

func (s *Server) trajectory(r *http.Request, scope koers.Scope) (*httpcache.Response, bool, error) {
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	programme, number := r.PathValue("programme"), r.PathValue("number")
	if !numberOK(programme) || !numberOK(number) {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "Dit is geen nummer van een programma, doel of activiteit.")
	}
	t, err := s.pub.Trajectory(r.Context(), org.ID, programme, number, scope)
	if err != nil {
		return nil, false, err
	}
	data := trajectoryPage{layout: s.orgLayout(org), What: "SMART-doel " + number}
	anchor := goalAnchor
	if scope == koers.ScopeActivities {
		data.What, anchor = "Activiteit "+number, activityAnchor
	}
	legend, used := org.StatusLegendOrDefault(), map[string]bool{}
	wording := traceRow{ID: "formulering", Label: "Formulering"}
	status := traceRow{ID: "status", Label: "Status en afwijkingen"}
	// Indicator rows: per indicator, targets and then realised values per year.
	type valueKey struct {
		key  string
		kind koers.ValueKind
		year int
	}
	values := map[valueKey][]traceCell{}
	names := map[string]string{} // the latest name of each indicator
	var keys []string
	years := map[string]map[valueKey]bool{}
	changed := map[valueKey]map[int]koers.TraceChange{} // target changes per step
	for i, st := range t.Steps {
		col := "doc-" + strconv.Itoa(i+1)
		u := urls.Page(org, st.Document, st.Page)
		if st.Named() {
			u += "#" + anchor(number)
			data.Wording = st.Title
		}
		data.Columns = append(data.Columns, traceHead{ID: col, Title: st.Document.Title, URL: u})
		data.Programme = link{Title: st.Page.Title, URL: urls.Page(org, st.Document, st.Page)}
		cell := traceCell{Headers: col + " formulering"}
		switch {
		case !st.Named():
			cell.Missing = "niet genoemd"
		case st.Previous == "" || st.Previous == st.Title:
			cell.Spans = []traceSpan{{Text: st.Title}}
		default:
			cell.Spans = wordSpans(st.Previous, st.Title)
		}
		wording.Cells = append(wording.Cells, cell)
		cell = traceCell{Headers: col + " status", Missing: "geen melding"}
		if dv := st.Deviation; dv != nil {
			cell.Missing, cell.Text = "", dv.Paragraphs
			if cell.Status = present.Status(legend, dv.Status); cell.Status != nil {
				used[dv.Status] = true
			}
		}
		status.Cells = append(status.Cells, cell)
		for _, in := range st.Indicators {
			if _, ok := names[in.Key]; !ok {
				keys = append(keys, in.Key)
				years[in.Key] = map[valueKey]bool{}
			}
			names[in.Key] = in.Name
			for _, v := range in.Values {
				k := valueKey{in.Key, v.Kind, v.Year}
				if values[k] == nil {
					values[k] = make([]traceCell, len(t.Steps))
					years[in.Key][k] = true
				}
				values[k][i] = traceCell{Spans: []traceSpan{{Text: in.Display(v)}}}
			}
		}
		var sentences []string
		for _, c := range st.Changes {
			sentences = append(sentences, c.Sentence(legend))
			if c.Kind == koers.TraceTarget {
				k := valueKey{c.Key, koers.Budgeted, c.Year}
				if changed[k] == nil {
					changed[k] = map[int]koers.TraceChange{}
				}
				changed[k][i] = c
			}
		}
		if len(sentences) > 0 {
			data.Changes = append(data.Changes, traceChanges{Document: st.Document.Title, URL: u, Sentences: sentences})
		}
	}
	data.Rows = append(data.Rows, wording)
	for _, key := range keys {
		var ks []valueKey
		for k := range years[key] {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool {
			if ks[i].kind != ks[j].kind {
				return ks[i].kind == koers.Budgeted // targets first
			}
			return ks[i].year < ks[j].year
		})
		for _, k := range ks {
			label := names[key] + ": streefwaarde " + strconv.Itoa(k.year)
			if k.kind == koers.Realised {
				label = names[key] + ": realisatie " + strconv.Itoa(k.year)
			}
			row := traceRow{ID: "waarde-" + koers.Slugify(key) + "-" + string(k.kind) + "-" + strconv.Itoa(k.year), Label: label, URL: urls.Indicator(org, key)}
			for i, c := range values[k] {
				c.Headers = "doc-" + strconv.Itoa(i+1) + " " + row.ID
				if ch, ok := changed[k][i]; ok {
					c.Spans = []traceSpan{{Op: "del", Text: ch.From}, {Text: " "}, {Op: "ins", Text: ch.To}}
				}
				if len(c.Spans) == 0 {
					c.Missing = "niet vermeld"
				}
				row.Cells = append(row.Cells, c)
			}
			data.Rows = append(data.Rows, row)
		}
	}
	data.Rows = append(data.Rows, status)
	for _, e := range legend.Used(used) {
		data.Legend = append(data.Legend, *present.Status(legend, e.Key))
	}
	data.Title = "Door de cyclus: " + data.Wording
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: urls.Organisation(org)},
		{Label: data.Programme.Title, Full: data.Programme.Title, URL: data.Programme.URL},
		{Label: data.What + " door de cyclus", Full: data.What + " door de cyclus", Current: true}}
	res, err := s.tmpl.html(http.StatusOK, "trajectory", data)
	return res, true, err
}

// traceTitle is a goal's or activity's name in a sentence.
func traceTitle(scope koers.Scope, number string) string {
	if scope == koers.ScopeActivities {
		return "activiteit " + number
	}
	return "SMART-doel " + number
}

// traceTable is an indicator through the cycle, for its page: a column
// per document, rows for its wording, the goal or activity it measures,
// and per year each document's target and realised value.
type traceTable struct {
	Columns []traceHead
	Rows    []traceRow
	Changes []traceChanges
}

// seriesTraceTable lays a SeriesTrace out; nil when no document shows the
// indicator.
func seriesTraceTable(org *koers.Organisation, t *koers.SeriesTrace) *traceTable {
	if len(t.Columns) == 0 {
		return nil
	}
	out := &traceTable{}
	name := traceRow{ID: "cyclus-naam", Label: "Naam"}
	unit := traceRow{ID: "cyclus-eenheid", Label: "Eenheid"}
	measures := traceRow{ID: "cyclus-meet", Label: "Meet"}
	for i, c := range t.Columns {
		col := "cyclus-doc-" + strconv.Itoa(i+1)
		u := urls.Document(org, c.Document)
		m := c.Mention
		if m != nil {
			u = urls.Page(org, c.Document, m.Page)
		}
		out.Columns = append(out.Columns, traceHead{ID: col, Title: c.Document.Title, URL: u})
		cell := func(row string) traceCell { return traceCell{Headers: col + " " + row} }
		n, un, me := cell(name.ID), cell(unit.ID), cell(measures.ID)
		if m == nil {
			n.Missing, un.Missing, me.Missing = "niet getoond", "niet getoond", "niet getoond"
		} else {
			n.Spans = []traceSpan{{Text: m.Indicator.Name}}
			un.Spans = []traceSpan{{Text: m.Indicator.Unit.Label()}}
			for _, ch := range c.Changes {
				switch ch.Field {
				case "name":
					n.Spans = wordSpans(ch.From, ch.To)
				case "unit":
					un.Spans = []traceSpan{{Op: "del", Text: koers.Unit(ch.From).Label()}, {Text: " "}, {Op: "ins", Text: koers.Unit(ch.To).Label()}}
				}
			}
			if num := m.Indicator.Number; num != "" && m.Page.Number != "" {
				scope := koers.MeasuredScope(num)
				me.Link = &link{Title: traceTitle(scope, num) + " van " + m.Page.Number,
					URL: urls.Trajectory(org, m.Page.Number, scope, num)}
			} else {
				me.Missing = "niet vermeld"
			}
		}
		name.Cells, unit.Cells, measures.Cells = append(name.Cells, n), append(unit.Cells, un), append(measures.Cells, me)
		var sentences []string
		for _, ch := range c.Changes {
			sentences = append(sentences, ch.Sentence())
		}
		if len(sentences) > 0 {
			out.Changes = append(out.Changes, traceChanges{Document: c.Document.Title, URL: u, Sentences: sentences})
		}
	}
	out.Rows = append(out.Rows, name, unit, measures)
	for _, y := range t.Years {
		target := traceRow{ID: "cyclus-streefwaarde-" + strconv.Itoa(y.Year), Label: "Streefwaarde " + strconv.Itoa(y.Year)}
		realised := traceRow{ID: "cyclus-realisatie-" + strconv.Itoa(y.Year), Label: "Realisatie " + strconv.Itoa(y.Year)}
		for i, c := range y.Cells {
			col := "cyclus-doc-" + strconv.Itoa(i+1)
			target.Cells = append(target.Cells, valueCell(col+" "+target.ID, c.Target))
			realised.Cells = append(realised.Cells, valueCell(col+" "+realised.ID, c.Realised))
		}
		for _, r := range []traceRow{target, realised} {
			for _, c := range r.Cells {
				if c.Missing == "" {
					out.Rows = append(out.Rows, r)
					break
				}
			}
		}
	}
	return out
}

// valueCell is a value as a document stated it, or that it stated none.
func valueCell(headers, shown string) traceCell {
	if shown == "" {
		return traceCell{Headers: headers, Missing: "niet vermeld"}
	}
	return traceCell{Headers: headers, Spans: []traceSpan{{Text: shown}}}
}

// wordSpans compares two texts word by word for a reader.
func wordSpans(before, after string) []traceSpan {
	var out []traceSpan
	for _, sp := range diff.Words(before, after) {
		out = append(out, traceSpan{Op: map[diff.Op]string{diff.Insert: "ins", diff.Delete: "del"}[sp.Op], Text: sp.Text})
	}
	return out
}
