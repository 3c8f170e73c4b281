package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
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
}

type cycleColumn struct {
	Title string // the document
	Role  string // gepland, afwijkingen, gerealiseerd
	URL   string // the page in that document
}

type cycleRow struct {
	Label string // "Doel 1", "Activiteit 2.2", an indicator
	Cells []cycleCell
}

type cycleCell struct {
	Title string   // the wording in that document
	Text  []string // its explanation, deviations or values
	URL   string
}

// cycle routes /{org}/cyclus/{programme}/{year}.
func (s *Server) cycle(ctx context.Context, org *koers.Organisation, rest []string) (*response, bool, error) {
	if len(rest) != 2 {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	programme := rest[0]
	year, err := strconv.Atoi(rest[1])
	if err != nil {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil {
		return nil, false, err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[j].Later(docs[i]) })
	data := cyclePage{layout: s.orgLayout(org), Year: year}
	years := map[int]bool{}
	type entry struct {
		doc  *koers.Document
		page *koers.Page
		url  string
	}
	var entries []entry
	for _, d := range docs {
		tree, err := s.store.Document(ctx, d.ID, false)
		if err != nil {
			return nil, false, err
		}
		_ = tree.Walk(func(p *koers.Page) error {
			if !strings.EqualFold(p.Number, programme) || !p.HasContentHint() {
				return nil
			}
			years[d.Year] = true
			if d.Year == year {
				entries = append(entries, entry{doc: tree, page: p, url: pageURL(org, tree, p)})
			}
			return nil
		})
	}
	if len(entries) == 0 {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "Programma %s heeft geen documenten in %d.", strings.ToUpper(programme), year)
	}
	var yearList []int
	for y := range years {
		yearList = append(yearList, y)
	}
	sort.Ints(yearList)
	for _, y := range yearList {
		data.Years = append(data.Years, link{Title: strconv.Itoa(y), URL: orgURL(org) + "/cyclus/" + strings.ToLower(programme) + "/" + strconv.Itoa(y)})
	}
	// Rows: every goal, activity and indicator any document names.
	type rowKey struct{ kind, ref string }
	rows := map[rowKey]*cycleRow{}
	var order []rowKey
	row := func(k rowKey, label string) *cycleRow {
		if r := rows[k]; r != nil {
			return r
		}
		r := &cycleRow{Label: label, Cells: make([]cycleCell, len(entries))}
		rows[k] = r
		order = append(order, k)
		return r
	}
	for i, e := range entries {
		p, err := s.store.Page(ctx, e.page.ID)
		if err != nil {
			return nil, false, err
		}
		data.Programme = p.Title
		role := map[koers.DocumentKind]string{koers.Begroting: "gepland", koers.Bestuursrapportage: "afwijkingen",
			koers.Jaarstukken: "gerealiseerd", koers.Kadernota: "kader"}[e.doc.Kind]
		data.Columns = append(data.Columns, cycleColumn{Title: e.doc.Title, Role: role, URL: e.url})
		for _, g := range p.SmartGoals {
			row(rowKey{"doel", g.Number}, "SMART-doel "+g.Number).Cells[i] = cycleCell{Title: g.Title, URL: e.url + "#doel-" + g.Number}
		}
		for _, a := range p.Activities {
			row(rowKey{"activiteit", a.Number}, "Activiteit "+a.Number).Cells[i] = cycleCell{Title: a.Title, URL: e.url + "#" + activityAnchor(a.Number)}
		}
		for _, b := range p.Blocks {
			for _, d := range b.Deviations {
				kind := "doel"
				if b.Scope == koers.ScopeActivities {
					kind = "activiteit"
				}
				if r := rows[rowKey{kind, d.Ref}]; r != nil {
					r.Cells[i].Text = append(r.Cells[i].Text, d.Paragraphs...)
				}
			}
		}
		for _, in := range p.Indicators {
			r := row(rowKey{"indicator", in.Key}, strings.TrimSpace(in.Number+" "+in.Name))
			cell := cycleCell{Title: in.Name, URL: indicatorURL(org, in.Key)}
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
	data.Title = data.Programme + " door de cyclus van " + strconv.Itoa(year)
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: orgURL(org)}, {Label: data.Title, Full: data.Title, Current: true}}
	res, err := s.tmpl.html(http.StatusOK, "cycle", data)
	return res, true, err
}
