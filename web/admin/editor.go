package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/markup"
)

// editorPage is the page editor: the page's properties and place, and a
// form for each of its blocks.
type editorPage struct {
	layout
	Draft      *koers.Draft
	DraftURL   string
	URL        string // the page's editor
	PreviewURL string
	Page       *koers.Page
	Values     map[string]string // the properties form
	Form       form              // every problem of the page, in the summary
	Blocks     []blockView
	Parents    []parentOption // where the page can move
	Kinds      []koers.PageKind
	PageKinds  []koers.PageKind // for a new page under this one
	BlockTypes []blockTypeOption
	Can        map[string]bool
	Stale      *staleView // a save refused because someone changed the page
	Comments   []commentView
}

type parentOption struct {
	Key   int64
	Label string
}

type blockTypeOption struct {
	Type  koers.BlockType
	Label string
}

// blockView is one block's form.
type blockView struct {
	N       int    // 1-based, as people count
	ID      string // the prefix of its fields' ids: "b3"
	Type    koers.BlockType
	Label   string
	Heading string
	// Kind is how the block is edited: "text" (one text area) or "refs"
	// (a form per explanation or deviation).
	Kind     string
	Text     string
	Rows     int
	Hint     string
	Refs     []refView
	RefLabel string   // "Doel" or "Activiteit"
	Statuses []string // the organisation's status keys, for deviations
	Error    string   // the text area's problem
	// HasColumns: an indicator table with a printed layout, whose row
	// header and columns are a second text area ("kolommen").
	HasColumns   bool
	Columns      string
	ColumnsRows  int
	ColumnsHint  string
	ColumnsError string
	First        bool
	Last         bool
	// Register are the values the register computed for the table's
	// indicators that the draft does not hold, to take over.
	Register []registerOffer
}

type refView struct {
	I                          int
	Ref, Heading, Status, Text string
	RefError, TextError        string
}

// blockLabels are the block types as authors know them.
var blockLabels = map[koers.BlockType]string{
	koers.TextBlock:                 "Tekst",
	koers.GoalBlock:                 "Doel",
	koers.SmartGoalsBlock:           "SMART-doelen",
	koers.ActivitiesBlock:           "Activiteiten",
	koers.GoalExplanationsBlock:     "Wat willen we bereiken? (toelichting per doel)",
	koers.ActivityExplanationsBlock: "Wat gaan we ervoor doen? (toelichting per activiteit)",
	koers.IndicatorTableBlock:       "Prestatie-indicatoren",
	koers.DeviationsBlock:           "Afwijkingen",
	koers.FinanceTableBlock:         "Financiën",
	koers.ComparisonTableBlock:      "Vergelijking met andere gemeenten",
}

// blockHints explain each text area's form; doc/editing.md has the whole.
var blockHints = map[koers.BlockType]string{
	koers.TextBlock:           "Alinea’s gescheiden door een lege regel. Een tussenkop begint met ##, een opsomming met - of 1. per regel.",
	koers.GoalBlock:           "Het doel van dit programma, in een paar zinnen.",
	koers.SmartGoalsBlock:     "Eén doel per regel: het nummer, een tab of spatie, en de titel. Bijvoorbeeld: 2 Inwoners zijn zelfredzaam.",
	koers.ActivitiesBlock:     "Eén activiteit per regel: nummer (zoals 2.3), tab, titel; eventueel tab, voetnootteken, tab, voetnoot.",
	koers.IndicatorTableBlock: "Een tabel met tabs, zoals u die uit een spreadsheet plakt. De eerste regel noemt de kolommen. Getallen schrijft u zoals gewoonlijk: 1.992, 11,6%, € 60.000, of nnb.",
	koers.FinanceTableBlock:   "Een tabel met tabs, zoals u die uit een spreadsheet plakt. De eerste regel noemt de kolommen; bedragen zoals 60.000 of -1.250.",
	koers.ComparisonTableBlock: "Een tabel met tabs, zoals u die uit een spreadsheet plakt. Eventueel eerst een regel peildatum met een datum (1-1-2024). " +
		"De kopregel: indicator, eenheid, periode, eventueel bron en streven, dan de kop van de kolom van de gemeente en de gebieden, met een regiocode tussen haakjes: Nederland (NL01). " +
		"Cijfers zoals 1.992 of 11,6; geen cijfer: - (nihil), . (onbekend of geheim), n.n.b. of n.v.t.",
}

// pageState is what a refused form leaves for the page it shows again.
type pageState struct {
	form   form
	values map[string]string   // the properties form's input
	block  int                 // the block whose input is kept, or -1
	input  map[string][]string // that block's input
}

func (s *Server) pageEditor(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	_, p, err := pageKey(r, d)
	if err != nil {
		return err
	}
	return s.renderPage(w, r, http.StatusOK, d, p, pageState{block: -1})
}

// renderPage shows the page editor, with what a refused form left.
func (s *Server) renderPage(w http.ResponseWriter, r *request, status int, d *koers.Draft, p *koers.Page, st pageState) error {
	data := s.editorData(r, d, p, st)
	s.render(w, r, status, "editor", data)
	return nil
}

func (s *Server) editorData(r *request, d *koers.Draft, p *koers.Page, st pageState) *editorPage {
	draftAddr := draftURL(r.org, d.ID)
	data := &editorPage{Draft: d, DraftURL: draftAddr, URL: draftAddr + "/paginas/" + itoa(p.ID),
		PreviewURL: draftAddr + "/voorbeeld/" + p.Path, Page: p, Values: st.values, Form: st.form,
		Kinds: koers.PageKinds, PageKinds: koers.PageKinds, Can: can(r.user, r.org)}
	// The beoordelaars' remarks on this page; without them (a failed
	// read) the editor still works.
	if all, err := s.store.Comments(r.Context(), d.ID); err != nil {
		s.log.Error("comments of draft", "draft", d.ID, "err", err)
	} else {
		data.Comments = pageComments(r.org, d, p.ID, all)
	}
	if data.Values == nil {
		data.Values = map[string]string{"kind": string(p.Kind), "number": p.Number, "title": p.Title, "slug": p.Slug}
	}
	for _, t := range koers.BlockTypes {
		data.BlockTypes = append(data.BlockTypes, blockTypeOption{t, blockLabels[t]})
	}
	// Where the page can go: the top, or under any page but itself and
	// those under it.
	data.Parents = append(data.Parents, parentOption{0, "Bovenaan (geen bovenliggende pagina)"})
	_ = d.Document.Walk(func(q *koers.Page) error {
		if !strings.HasPrefix(q.Path+"/", p.Path+"/") {
			data.Parents = append(data.Parents, parentOption{q.ID, strings.Repeat("– ", strings.Count(q.Path, "/")) + q.Title})
		}
		return nil
	})
	for i, b := range p.Blocks {
		v := s.blockView(r.org, d.Document.Kind, p, i, b)
		if b.Type == koers.IndicatorTableBlock && data.Can["edit"] {
			v.Register = s.registerOffers(r, p, b)
		}
		if i == st.block {
			keepInput(&v, st.input)
		}
		v.Error = st.form.Error(v.ID + "-inhoud")
		v.ColumnsError = st.form.Error(v.ID + "-kolommen")
		for j := range v.Refs {
			v.Refs[j].RefError = st.form.Error(v.ID + "-ref-" + strconv.Itoa(j))
			v.Refs[j].TextError = st.form.Error(v.ID + "-tekst-" + strconv.Itoa(j))
		}
		data.Blocks = append(data.Blocks, v)
	}
	data.Title = p.Title + " | Concept: " + d.Document.Title
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {r.org.Name, orgURL(r.org)}, {"Concept: " + d.Document.Title, draftAddr}}
	for _, t := range d.Document.Trail(p.ID) {
		c := crumb{t.Title, draftAddr + "/paginas/" + itoa(t.ID)}
		if t.ID == p.ID {
			c.URL = ""
		}
		data.Crumbs = append(data.Crumbs, c)
	}
	return data
}

// blockView is block i of page p, in a document of kind, as its form
// shows it.
func (s *Server) blockView(org *koers.Organisation, kind koers.DocumentKind, p *koers.Page, i int, b koers.Block) blockView {
	v := blockView{N: i + 1, ID: "b" + strconv.Itoa(i+1), Type: b.Type, Label: blockLabels[b.Type], Heading: b.Heading,
		Kind: "text", Hint: blockHints[b.Type], First: i == 0, Last: i == len(p.Blocks)-1}
	text, ok := blockText(p, b)
	if b.Type == koers.IndicatorTableBlock && b.Printed != nil {
		v.HasColumns, v.Columns, v.ColumnsHint = true, koers.FormatPrintedColumns(b.Printed), columnsHint
	}
	switch {
	case ok:
		v.Text = text
	case b.Type == koers.GoalExplanationsBlock || b.Type == koers.ActivityExplanationsBlock || b.Type == koers.DeviationsBlock:
		v.Kind, v.RefLabel = "refs", "Doel"
		var forms []koers.RefForm
		if b.Type == koers.DeviationsBlock {
			forms = koers.FormatDeviations(b)
			for _, st := range statusKeys(org, kind) {
				v.Statuses = append(v.Statuses, st.Key)
			}
			if b.Scope == koers.ScopeActivities {
				v.RefLabel = "Activiteit"
			}
		} else {
			forms = koers.FormatExplanations(b)
			if b.Type == koers.ActivityExplanationsBlock {
				v.RefLabel = "Activiteit"
			}
		}
		for j, f := range append(forms, koers.RefForm{}) { // and one to add
			v.Refs = append(v.Refs, refView{I: j, Ref: f.Ref, Heading: f.Heading, Status: f.Status, Text: f.Text})
		}
	default:
		// Every known type has a form; a type this build does not know
		// shows an empty text area, and readBlock refuses to save it.
		v.Hint = "Dit soort blok kan niet in de browser worden bewerkt."
	}
	v.Rows = min(max(strings.Count(v.Text, "\n")+3, 4), 30)
	v.ColumnsRows = min(max(strings.Count(v.Columns, "\n")+2, 4), 30)
	return v
}

// columnsHint explains the printed layout's columns form.
const columnsHint = "Zoals de gemeente de tabel drukt: eventueel eerst een regel rijkop met de kop van de eerste kolom, " +
	"dan de kopregel sleutel, kop, groep, soort, jaar, periode, wijziging en één regel per kolom. " +
	"Soort: realisatie, begroting, primitieve begroting, begroting na wijziging of streefwaarde."

// keepInput puts a refused form's input back in its block's view, so that
// nothing typed is lost.
func keepInput(v *blockView, in map[string][]string) {
	first := func(name string) string {
		if vals := in[name]; len(vals) > 0 {
			return vals[0]
		}
		return ""
	}
	v.Heading = first("kop")
	if v.Kind == "text" {
		v.Text = first("inhoud")
		v.Rows = min(max(strings.Count(v.Text, "\n")+3, 4), 30)
	}
	if _, ok := in["kolommen"]; ok && v.HasColumns {
		v.Columns = first("kolommen")
		v.ColumnsRows = min(max(strings.Count(v.Columns, "\n")+2, 4), 30)
	}
	if v.Kind == "refs" {
		v.Refs = nil
		for j, f := range postedRefs(in) {
			v.Refs = append(v.Refs, refView{I: j, Ref: f.Ref, Heading: f.Heading, Status: f.Status, Text: f.Text})
		}
	}
}

// statusKeys are the statuses a deviation may have in a document of kind:
// the organisation's legend where the kind reports a status, else none.
func statusKeys(org *koers.Organisation, kind koers.DocumentKind) koers.StatusLegend {
	if !koers.KindHasStatus(kind) {
		return nil
	}
	return org.StatusLegendOrDefault()
}

// blockText is a block as the text area of its form holds it; false for
// the blocks edited otherwise (a form per explanation or deviation) or not
// at all.
func blockText(p *koers.Page, b koers.Block) (string, bool) {
	switch b.Type {
	case koers.TextBlock:
		return markup.Format(b.Content), true
	case koers.GoalBlock:
		return b.Text, true
	case koers.SmartGoalsBlock:
		return koers.FormatSmartGoals(p.SmartGoals), true
	case koers.ActivitiesBlock:
		return koers.FormatActivities(p.Activities), true
	case koers.IndicatorTableBlock:
		return koers.FormatIndicatorTable(p, b), true
	case koers.FinanceTableBlock:
		return koers.FormatFinanceTable(b.Finance), true
	case koers.ComparisonTableBlock:
		return koers.FormatComparisonTable(b.Comparison), true
	}
	return "", false
}
