package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// The cycle view shows one sub-programme over one year side by side: what
// the begroting planned, what the bestuursrapportages reported, what the
// jaarstukken realised. Goals and activities line up by their identity.

type cyclePage struct {
	layout
	Programme string
	Year      int
	Columns   []cycleColumn
	Rows      []cycleRow
	Years     []link
	Legend    []present.StatusMark // of the statuses the rows show
}

type cycleColumn struct {
	Title string // the document
	Role  string // gepland, afwijkingen, gerealiseerd
	URL   string // the page in that document
}

type cycleRow struct {
	Label string // "Doel 1", "Activiteit 2.2", an indicator
	URL   string // a goal or activity through the whole cycle
	Cells []cycleCell
}

type cycleCell struct {
	Title  string   // the wording in that document
	Text   []string // its explanation, deviations or values
	URL    string
	Status *present.StatusMark // its status in a bestuursrapportage or jaarstukken
}

// cycle serves /{org}/cyclus/{programme}/{year}.
func (s *Server) cycle(r *http.Request) (*httpcache.Response, bool, error) {
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	programme := r.PathValue("programme")
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	c, err := s.pub.Cycle(r.Context(), org.ID, programme, year)
	if err != nil {
		return nil, false, err
	}
	data := cyclePage{layout: s.orgLayout(org), Year: year}
	for _, y := range c.Years {
		data.Years = append(data.Years, link{Title: strconv.Itoa(y), URL: urls.Cycle(org, programme, y)})
	}
	// Rows: every goal, activity and indicator any document names.
	type rowKey struct{ kind, ref string }
	rows := map[rowKey]*cycleRow{}
	var order []rowKey
	row := func(k rowKey, label string) *cycleRow {
		if r := rows[k]; r != nil {
			return r
		}
		r := &cycleRow{Label: label, Cells: make([]cycleCell, len(c.Entries))}
		rows[k] = r
		order = append(order, k)
		return r
	}
	legend, used := org.StatusLegendOrDefault(), map[string]bool{}
	for i, e := range c.Entries {
		p, u := e.Page, urls.Page(org, e.Document, e.Page)
		data.Programme = p.Title
		role := map[koers.DocumentKind]string{koers.Begroting: "gepland", koers.Bestuursrapportage: "afwijkingen",
			koers.Jaarstukken: "gerealiseerd", koers.Kadernota: "kader"}[e.Document.Kind]
		data.Columns = append(data.Columns, cycleColumn{Title: e.Document.Title, Role: role, URL: u})
		for _, g := range p.SmartGoals {
			r := row(rowKey{"doel", g.Number}, "SMART-doel "+g.Number)
			r.Cells[i] = cycleCell{Title: g.Title, URL: u + "#" + goalAnchor(g.Number)}
			r.URL = urls.Trajectory(org, programme, koers.ScopeSmartGoals, g.Number)
		}
		for _, a := range p.Activities {
			r := row(rowKey{"activiteit", a.Number}, "Activiteit "+a.Number)
			r.Cells[i] = cycleCell{Title: a.Title, URL: u + "#" + activityAnchor(a.Number)}
			r.URL = urls.Trajectory(org, programme, koers.ScopeActivities, a.Number)
		}
		for _, b := range p.Blocks {
			for _, d := range b.Deviations {
				kind := "doel"
				if b.Scope == koers.ScopeActivities {
					kind = "activiteit"
				}
				if r := rows[rowKey{kind, d.Ref}]; r != nil {
					r.Cells[i].Text = append(r.Cells[i].Text, d.Paragraphs...)
					if d.Status != "" {
						r.Cells[i].Status = present.Status(legend, d.Status)
						used[d.Status] = true
					}
				}
			}
		}
		for _, in := range p.Indicators {
			r := row(rowKey{"indicator", in.Key}, strings.TrimSpace(in.Number+" "+in.Name))
			cell := cycleCell{Title: in.Name, URL: urls.Indicator(org, in.Key)}
			for _, v := range in.Values {
				if v.Year == year {
					kind := "werkelijk"
					if v.Kind == koers.Budgeted {
						kind = "begroot"
					}
					cell.Text = append(cell.Text, kind+": "+in.Display(v))
				}
			}
			r.Cells[i] = cell
		}
	}
	rank := map[string]int{"doel": 0, "activiteit": 1, "indicator": 2}
	sort.SliceStable(order, func(i, j int) bool { return rank[order[i].kind] < rank[order[j].kind] })
	for _, k := range order {
		data.Rows = append(data.Rows, *rows[k])
	}
	for _, e := range legend.Used(used) {
		data.Legend = append(data.Legend, *present.Status(legend, e.Key))
	}
	data.Title = data.Programme + " door de cyclus van " + strconv.Itoa(year)
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: urls.Organisation(org)}, {Label: data.Title, Full: data.Title, Current: true}}
	res, err := s.tmpl.html(http.StatusOK, "cycle", data)
	return res, true, err
}
