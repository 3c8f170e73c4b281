package admin

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/diff"
)

// reviewRoutes are a draft's review: its steps, the beoordelaars'
// comments, publishing now or at a set time, and the changes a
// beoordelaar is asked to approve. The step's route names the role that
// usually takes it; the domain (koers.Review.Step) decides the rest.
func (s *Server) reviewRoutes() []route {
	return []route{
		{"POST /beheer/{org}/concepten/{draft}/aanbieden", Org, koers.EditDrafts, s.stepper(koers.Submit)},
		{"POST /beheer/{org}/concepten/{draft}/terugsturen", Org, koers.ReviewDrafts, s.stepper(koers.Return)},
		{"POST /beheer/{org}/concepten/{draft}/goedkeuren", Org, koers.ReviewDrafts, s.stepper(koers.Approve)},
		{"POST /beheer/{org}/concepten/{draft}/heropenen", Org, koers.SeeBackOffice, s.stepper(koers.Reopen)},
		{"POST /beheer/{org}/concepten/{draft}/opmerkingen", Org, koers.ReviewDrafts, s.comment},
		{"POST /beheer/{org}/concepten/{draft}/opmerkingen/{comment}/afgehandeld", Org, koers.SeeBackOffice, s.resolve},
		{"POST /beheer/{org}/concepten/{draft}/plannen", Org, koers.PublishDocuments, s.schedule},
		{"POST /beheer/{org}/concepten/{draft}/planning-annuleren", Org, koers.PublishDocuments, s.unschedule},
		{"GET /beheer/{org}/concepten/{draft}/wijzigingen", Org, koers.SeeBackOffice, s.changes},
	}
}

// reviewView is the review part of a draft's page: the state, the steps
// the person may take, the comments and the publication forms.
type reviewView struct {
	State    koers.ReviewState
	At       time.Time
	Steps    map[string]bool // the steps the person may take now, by koers.ReviewStep
	FourEyes string          // why this beoordelaar may not approve
	Comment  bool            // may comment
	Publish  bool            // may publish or schedule
	Comments []commentView
	Open     int // comments not yet dealt with
	Targets  []commentTarget
	Values   map[string]string
}

// commentView is a comment with where it is and whether its page changed.
type commentView struct {
	koers.ReviewComment
	Where      string
	PageURL    string
	ResolveURL string
	Changed    bool // the page changed since the comment was made
}

// commentTarget is an option of the comment form's "Bij" list.
type commentTarget struct {
	Value, Label string
}

// newReviewView decides what the person sees of the review of d: every
// step is tried on a copy of the review, so that the buttons are the
// domain's answer.
func (s *Server) newReviewView(r *request, d *koers.Draft, comments []koers.ReviewComment, values map[string]string) reviewView {
	v := reviewView{State: d.Review.State, At: d.Review.StateAt, Steps: map[string]bool{}, Values: values}
	if v.Values == nil {
		v.Values = map[string]string{}
	}
	for _, step := range []koers.ReviewStep{koers.Submit, koers.Return, koers.Approve, koers.Reopen} {
		try := d.Review
		err := try.Step(r.user, r.org, step, 1, now())
		v.Steps[string(step)] = err == nil
		if step == koers.Approve && koers.ErrorCode(err) == koers.ECONFLICT && d.Review.State == koers.InReview {
			v.FourEyes = koers.ErrorMessage(err)
		}
	}
	v.Comment = d.Review.State == koers.InReview && koers.Can(r.user, koers.ReviewDrafts, r.org.ID)
	v.Publish = d.Review.Publishable(r.user, r.org) == nil
	base := draftURL(r.org, d.ID)
	for _, c := range comments {
		cv := commentView{ReviewComment: c, Where: "Het hele document", ResolveURL: base + "/opmerkingen/" + itoa(c.ID) + "/afgehandeld"}
		if p := d.Page(c.PageKey); p != nil {
			cv.Where, cv.PageURL = "Pagina “"+p.Title+"”", base+"/paginas/"+itoa(p.ID)
			if c.Block > 0 {
				cv.Where += ", blok " + strconv.Itoa(c.Block)
			}
			cv.Changed = d.PageVersions[c.PageKey] > c.Version
		} else if c.PageKey != 0 {
			cv.Where = "Een verwijderde pagina"
		}
		if !c.Resolved {
			v.Open++
		}
		v.Comments = append(v.Comments, cv)
	}
	if v.Comment {
		v.Targets = append(v.Targets, commentTarget{"0", "Het hele document"})
		_ = d.Document.Walk(func(p *koers.Page) error {
			key := itoa(p.ID)
			v.Targets = append(v.Targets, commentTarget{key, "Pagina “" + p.Title + "”"})
			for i := range p.Blocks {
				v.Targets = append(v.Targets, commentTarget{key + "-" + strconv.Itoa(i+1), "Pagina “" + p.Title + "”, blok " + strconv.Itoa(i+1)})
			}
			return nil
		})
	}
	return v
}

// pageComments are the comments of one page, for its editor.
func pageComments(org *koers.Organisation, d *koers.Draft, key int64, all []koers.ReviewComment) []commentView {
	var out []commentView
	base := draftURL(org, d.ID)
	for _, c := range all {
		if c.PageKey != key {
			continue
		}
		cv := commentView{ReviewComment: c, Where: "De pagina", Changed: d.PageVersions[key] > c.Version,
			ResolveURL: base + "/opmerkingen/" + itoa(c.ID) + "/afgehandeld"}
		if c.Block > 0 {
			cv.Where = "Blok " + strconv.Itoa(c.Block)
		}
		out = append(out, cv)
	}
	return out
}

// target reads the comment form's "Bij": "0", a page key, or
// "key-block".
func target(v string) (page int64, block int, ok bool) {
	k, b, hasBlock := strings.Cut(v, "-")
	page, err := strconv.ParseInt(k, 10, 64)
	if err != nil || page < 0 {
		return 0, 0, false
	}
	if hasBlock {
		if block, err = strconv.Atoi(b); err != nil || block < 1 || page == 0 {
			return 0, 0, false
		}
	}
	return page, block, true
}

// reviewFailed shows the draft again with what was refused: a problem of
// the form (EINVALID, ECONFLICT) in its summary, on field when it names
// one; anything else is the error page's.
func (s *Server) reviewFailed(w http.ResponseWriter, r *request, err error, field string, values map[string]string) error {
	code := koers.ErrorCode(err)
	if code != koers.EINVALID && code != koers.ECONFLICT {
		return err
	}
	d, lerr := s.loadDraft(r)
	if lerr != nil {
		return lerr
	}
	var f form
	status := http.StatusConflict
	if code == koers.EINVALID {
		status = http.StatusUnprocessableEntity
	}
	if field != "" && code == koers.EINVALID {
		f.add(field, koers.ErrorMessage(err))
	} else {
		f.Summary = append(f.Summary, problem{Message: koers.ErrorMessage(err)})
	}
	s.renderDraftReview(w, r, status, d, f, values)
	return nil
}

// stepper is the handler of a review step. A step is taken on the draft
// the person saw: submitting, returning or approving something that
// changed since would judge what they have not read.
func (s *Server) stepper(step koers.ReviewStep) func(w http.ResponseWriter, r *request) error {
	return func(w http.ResponseWriter, r *request) error {
		d, ok, err := s.freshDraft(w, r)
		if !ok {
			return err
		}
		values := formValues(r, "terug-opmerking")
		var comments []koers.ReviewComment
		if step == koers.Return {
			if text := values["terug-opmerking"]; text != "" {
				comments = append(comments, koers.ReviewComment{Text: text})
			}
		}
		if _, err := s.store.StepDraft(r.Context(), d.ID, step, comments); err != nil {
			return s.reviewFailed(w, r, err, "terug-opmerking", values)
		}
		msg := map[koers.ReviewStep]string{
			koers.Submit:  "Het concept ligt ter beoordeling.",
			koers.Return:  "Het concept is teruggestuurd met uw opmerking.",
			koers.Approve: "Het concept is goedgekeurd.",
			koers.Reopen:  "Het concept is weer open voor wijzigingen.",
		}[step]
		return s.seeOther(w, r, draftURL(r.org, d.ID), msg)
	}
}

// comment adds a beoordelaar's comment to the draft, the page or a block.
func (s *Server) comment(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	values := formValues(r, "opmerking", "bij")
	page, block, ok := target(values["bij"])
	if !ok {
		return s.reviewFailed(w, r, koers.Errorf(koers.EINVALID, "Kies waar de opmerking bij hoort."), "bij", values)
	}
	c := &koers.ReviewComment{DraftID: d.ID, PageKey: page, Block: block, Text: values["opmerking"]}
	if err := s.store.Comment(r.Context(), c); err != nil {
		return s.reviewFailed(w, r, err, "opmerking", values)
	}
	to := draftURL(r.org, d.ID) + "#opmerkingen"
	if back := r.PostFormValue("terug"); back == "pagina" && page != 0 {
		to = draftURL(r.org, d.ID) + "/paginas/" + itoa(page) + "#opmerkingen"
	}
	return s.seeOther(w, r, to, "Uw opmerking is geplaatst.")
}

// resolve marks a comment dealt with.
func (s *Server) resolve(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("comment"), 10, 64)
	if err != nil {
		return koers.Errorf(koers.ENOTFOUND, "Deze opmerking bestaat niet.")
	}
	if err := s.store.ResolveComment(r.Context(), d.ID, id); err != nil {
		return err
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID)+"#opmerkingen", "De opmerking is afgehandeld.")
}

// scheduleSlack is how far in the past a scheduled time may be: the
// minute the form was filled in.
const scheduleSlack = time.Minute

// publishTime reads the date and time of the schedule form, in Dutch
// local time.
func publishTime(f *form, date, clock string, at time.Time) time.Time {
	day, _, dayOK := parseFirst(dayLayouts, date)
	hm, _, clockOK := parseFirst(clockLayouts, clock)
	switch {
	case date == "":
		f.add("datum", "Vul de datum in waarop het document gepubliceerd wordt.")
	case !dayOK:
		f.add("datum", "Vul de datum in als dag-maand-jaar, bijvoorbeeld 14-11-2026.")
	}
	switch {
	case clock == "":
		f.add("tijd", "Vul de tijd in, bijvoorbeeld 09:30.")
	case !clockOK:
		f.add("tijd", "Vul de tijd in als uren:minuten, bijvoorbeeld 09:30.")
	}
	if f.failed() {
		return time.Time{}
	}
	when := time.Date(day.Year(), day.Month(), day.Day(), hm.Hour(), hm.Minute(), hm.Second(), 0, amsterdam)
	if when.Before(at.Add(-scheduleSlack)) {
		f.add("datum", "Dit moment is al voorbij. Kies een moment in de toekomst, of publiceer nu.")
		return time.Time{}
	}
	return when
}

// The layouts the schedule form reads: what a date or time input sends
// first, then what a person types where the browser has none. Seconds are
// optional: a browser sends them when a person (or a test) gives them.
var (
	dayLayouts   = []string{"2006-01-02", "2-1-2006"}
	clockLayouts = []string{"15:04", "15:04:05"}
)

// parseFirst reads v, in Dutch local time, by the first of layouts that
// fits it; ok is false when none does.
func parseFirst(layouts []string, v string) (t time.Time, layout string, ok bool) {
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, v, amsterdam); err == nil {
			return t, l, true
		}
	}
	return time.Time{}, "", false
}

// dateValue is what a date input may show again of what was sent: the
// date as yyyy-mm-dd, or nothing when it is not a date (the error says
// what to fill in).
func dateValue(v string) string {
	if t, _, ok := parseFirst(dayLayouts, v); ok {
		return t.Format(dayLayouts[0])
	}
	return ""
}

// timeValue is what a time input may show again: hh:mm or hh:mm:ss, or
// nothing.
func timeValue(v string) string {
	if t, layout, ok := parseFirst(clockLayouts, v); ok {
		return t.Format(layout)
	}
	return ""
}

// schedule sets when the approved draft is published.
func (s *Server) schedule(w http.ResponseWriter, r *request) error {
	d, ok, err := s.freshDraft(w, r)
	if !ok {
		return err
	}
	values := formValues(r, "datum", "tijd", "toelichting")
	var f form
	at := publishTime(&f, values["datum"], values["tijd"], now())
	if f.failed() {
		values["datum"], values["tijd"] = dateValue(values["datum"]), timeValue(values["tijd"])
		s.renderDraftReview(w, r, http.StatusUnprocessableEntity, d, f, values)
		return nil
	}
	if err := s.store.Schedule(r.Context(), d.ID, at, values["toelichting"]); err != nil {
		return s.reviewFailed(w, r, err, "toelichting", values)
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), fmt.Sprintf("“%s” wordt gepubliceerd op %s.", d.Document.Title, clockTime(at)))
}

// clockTime is when a publication is scheduled, in Dutch time: with its
// seconds only when it has them.
func clockTime(at time.Time) string {
	at = at.In(amsterdam)
	if at.Second() != 0 {
		return at.Format("2-1-2006 om 15:04:05")
	}
	return at.Format("2-1-2006 om 15:04")
}

// unschedule cancels the scheduled publication.
func (s *Server) unschedule(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	if err := s.store.Schedule(r.Context(), d.ID, time.Time{}, ""); err != nil {
		return s.reviewFailed(w, r, err, "", nil)
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), "De geplande publicatie is geannuleerd.")
}

// changesPage shows what publishing the draft would change: the draft
// against the published document, for the beoordelaar who approves it.
type changesPage struct {
	layout
	Draft    *koers.Draft
	DraftURL string
	Changed  bool
	Diff     template.HTML
}

func (s *Server) changes(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	var old *koers.Document
	if d.DocumentID != 0 {
		if old, err = s.store.Document(r.Context(), d.DocumentID, true); err != nil && koers.ErrorCode(err) != koers.ENOTFOUND {
			return err
		}
	}
	d.Document.SetPaths()
	cmp := diff.Documents(old, d.Document)
	html, err := cmp.HTML(diff.HTMLOptions{Level: 2, Legend: r.org.StatusLegend})
	if err != nil {
		return err
	}
	data := &changesPage{Draft: d, DraftURL: draftURL(r.org, d.ID), Changed: cmp.Changed(), Diff: html}
	data.Title = "Wijzigingen in het concept: " + d.Document.Title
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {r.org.Name, orgURL(r.org)}, {"Concept: " + d.Document.Title, data.DraftURL}, {"Wijzigingen", ""}}
	s.render(w, r, http.StatusOK, "changes", data)
	return nil
}
