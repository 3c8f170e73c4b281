package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/markup"
)

// addBlock adds a block of the chosen type at the end of the page.
func (s *Server) addBlock(w http.ResponseWriter, r *request) error {
	t := koers.BlockType(r.PostFormValue("type"))
	return s.changePage(w, r, "Het blok is toegevoegd.", func(d *koers.Draft, key int64, p *koers.Page) (koers.DraftChange, error) {
		b, err := koers.StarterBlockFor(d.Document, p, t)
		if err != nil {
			return koers.DraftChange{}, err
		}
		if err := koers.AddBlock(p, b, len(p.Blocks)); err != nil {
			return koers.DraftChange{}, err
		}
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: p.Path, Block: blockName(len(p.Blocks)-1, t),
			After: "blok toegevoegd", Keys: []int64{key}}, nil
	})
}

// blockName names a block in the audit log: "3: indicator_table".
func blockName(i int, t koers.BlockType) string { return strconv.Itoa(i+1) + ": " + string(t) }

// saveBlock saves, moves or deletes block n of a page, by the form's
// "actie". A save reads the block's form with the domain's parser for
// its type; with any problem, nothing is saved and the page shows the
// problems next to the fields, with the input kept.
func (s *Server) saveBlock(w http.ResponseWriter, r *request) error {
	key := routePage(r)
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return errNoBlock
	}
	i := n - 1
	action := r.PostFormValue("actie")
	legend := r.org.StatusLegendOrDefault()
	done := map[string]string{"omhoog": "Het blok is verplaatst.", "omlaag": "Het blok is verplaatst.",
		"verwijderen": "Het blok is verwijderd."}[action]
	if done == "" {
		done = "Het blok is opgeslagen."
	}
	err = s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		// Stale first: a block or page someone removed since the form was
		// made is a conflict, answered with the input kept.
		p := d.Page(key)
		if p == nil {
			return koers.DraftChange{}, goneOrStale(d, r, errNoPage)
		}
		if d.Stale(key, seenVersion(r)) {
			return koers.DraftChange{}, errStale
		}
		if i >= len(p.Blocks) {
			return koers.DraftChange{}, errNoBlock
		}
		b := p.Blocks[i]
		change := koers.DraftChange{Action: koers.AuditDraftChange, Page: p.Path, Block: blockName(i, b.Type), Keys: []int64{key}}
		switch action {
		case "omhoog", "omlaag":
			delta := map[string]int{"omhoog": -1, "omlaag": 1}[action]
			change.After = "verplaatst naar plaats " + strconv.Itoa(i+1+delta)
			return change, koers.MoveBlock(p, i, delta)
		case "verwijderen":
			change.Before, change.After = blockSummary(p, b), "blok verwijderd"
			return change, koers.DeleteBlock(p, i)
		}
		change.Before = blockSummary(p, b)
		if err := readBlock(r, d.Document, p, i, legend); err != nil {
			return koers.DraftChange{}, err
		}
		change.After = blockSummary(p, p.Blocks[i])
		return change, nil
	})
	if err == nil {
		return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft"), "/paginas/", itoa(key), "#b", strconv.Itoa(n)), done)
	}
	return s.pageProblem(w, r, err, i)
}

// errNoBlock answers a block the page does not hold.
var errNoBlock = koers.Errorf(koers.ENOTFOUND, "Dit blok bestaat niet op de pagina.")

// readBlock reads block i's form into page p of doc, or returns an
// EINVALID error with the problems, each at the form's field.
func readBlock(r *request, doc *koers.Document, p *koers.Page, i int, legend koers.StatusLegend) error {
	b := &p.Blocks[i]
	heading := strings.TrimSpace(r.PostFormValue("kop"))
	text := r.PostFormValue("inhoud")
	var ps koers.Problems
	switch b.Type {
	case koers.TextBlock:
		var content []koers.TextElement
		if content, ps = markup.Parse(text); len(ps) == 0 {
			b.Content = content
		}
	case koers.GoalBlock:
		b.Text = strings.TrimSpace(text)
		if b.Text == "" {
			ps = append(ps, koers.Problem{Path: []any{"text"}, Message: "Vul het doel in."})
		}
	case koers.SmartGoalsBlock:
		var goals []koers.SmartGoal
		if goals, ps = koers.ParseSmartGoals(p, text); len(ps) == 0 {
			p.SmartGoals = goals
		}
	case koers.ActivitiesBlock:
		var activities []koers.Activity
		if activities, ps = koers.ParseActivities(p, text); len(ps) == 0 {
			p.Activities = activities
		}
	case koers.IndicatorTableBlock:
		var change koers.IndicatorTableChange
		if change, ps = koers.ParseIndicatorTable(doc, p, i, text); len(ps) == 0 {
			change.Apply(p, i)
		}
		// The printed layout's columns, when the form has them: read
		// against the rows the table keeps.
		if _, ok := r.PostForm["kolommen"]; ok && p.Blocks[i].Printed != nil {
			layout, cps := koers.ParsePrintedColumns(p.Blocks[i].Printed, r.PostFormValue("kolommen"))
			if ps = append(ps, cps...); len(ps) == 0 {
				p.Blocks[i].Printed = layout
			}
		}
	case koers.FinanceTableBlock:
		var t *koers.FinanceTable
		if t, ps = koers.ParseFinanceTable(b.Finance, doc.Year, text); len(ps) == 0 {
			b.Finance = t
		}
	case koers.ComparisonTableBlock:
		var t *koers.ComparisonTable
		if t, ps = koers.ParseComparisonTable(b.Comparison, text); len(ps) == 0 {
			b.Comparison = t
		}
	case koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock:
		var list []koers.Explanation
		if list, ps = koers.ParseExplanations(p, b.Type, refForms(r)); len(ps) == 0 {
			b.Explanations = list
		}
	case koers.DeviationsBlock:
		var list []koers.Deviation
		if list, ps = koers.ParseDeviations(p, b.Scope, doc.Kind, legend, refForms(r)); len(ps) == 0 {
			b.Deviations = list
		}
	default:
		return koers.Errorf(koers.EINVALID, "Dit soort blok kan niet in de browser worden bewerkt; lever het aan in een bundel.")
	}
	if len(ps) > 0 {
		return ps.Err("block")
	}
	b = &p.Blocks[i]
	if !utf8.ValidString(heading) || len(heading) > 500 {
		return koers.Problems{{Path: []any{"heading"}, Message: "Vul een kop in van hoogstens 500 tekens."}}.Err("block")
	}
	b.Heading = heading
	return nil
}

// refForms reads the forms of an explanations or deviations block,
// without the empty one a form offers to add one.
func refForms(r *request) []koers.RefForm {
	var out []koers.RefForm
	for _, f := range postedRefs(r.PostForm) {
		if f.Ref == "" && strings.TrimSpace(f.Heading+f.Text) == "" {
			continue // the empty form to add one, left empty
		}
		out = append(out, f)
	}
	return out
}

// postedRefs are the forms of an explanations or deviations block as
// posted: the fields repeat, one of each per goal or activity.
func postedRefs(form url.Values) []koers.RefForm {
	refs, heads, statuses, texts := form["ref"], form["titel"], form["status"], form["tekst"]
	at := func(list []string, j int) string {
		if j < len(list) {
			return list[j]
		}
		return ""
	}
	out := make([]koers.RefForm, len(refs))
	for j, ref := range refs {
		out[j] = koers.RefForm{Ref: strings.TrimSpace(ref), Heading: at(heads, j), Status: at(statuses, j), Text: at(texts, j)}
	}
	return out
}

// blockFieldOf places a problem of block i's form at its field: the text
// area ("b3-inhoud"), or one explanation's or deviation's ("b3-tekst-2").
// Problems of the domain's rules on the whole document are placed when
// they are of this block.
func blockFieldOf(p *koers.Page, i int) func(koers.Problem) string {
	id := "b" + strconv.Itoa(i+1)
	return func(pr koers.Problem) string {
		path := pr.Path
		// A problem of the whole document is this block's only when it is
		// at pages/.../blocks/i/...
		if len(path) > 0 && path[0] == "pages" {
			k := slices.Index(path, any("blocks"))
			if k < 0 || k+1 >= len(path) || path[k+1] != any(i) {
				return ""
			}
			path = path[k+2:]
		}
		if len(path) >= 2 {
			if name, ok := path[0].(string); ok && (name == "explanations" || name == "deviations") {
				if j, ok := path[1].(int); ok {
					if len(path) >= 3 && path[2] == "ref" {
						return id + "-ref-" + strconv.Itoa(j)
					}
					return id + "-tekst-" + strconv.Itoa(j)
				}
			}
		}
		if len(path) >= 1 && path[0] == "heading" {
			return id + "-kop"
		}
		// The printed layout's own problems are the columns form's; its
		// rows' are the table's (the notes).
		if len(path) >= 1 && path[0] == "printed" && (len(path) == 1 || path[1] != "rows") {
			return id + "-kolommen"
		}
		return id + "-inhoud"
	}
}

// blockSummary is a block's content in short, for the audit log.
func blockSummary(p *koers.Page, b koers.Block) string {
	text, ok := blockText(p, b)
	if b.Type == koers.IndicatorTableBlock {
		text += " " + koers.FormatPrintedColumns(b.Printed)
	}
	if !ok {
		var parts []string
		for _, f := range append(koers.FormatExplanations(b), koers.FormatDeviations(b)...) {
			parts = append(parts, f.Ref+" "+f.Text)
		}
		text = strings.Join(parts, " | ")
	}
	return strings.Join(strings.Fields(text), " ")
}
