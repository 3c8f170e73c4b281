package admin

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// The social-domain register in the back office, for the register role
// (koers.ManageRegister) alone: an overview, the import of its files, the
// computation of the indicators, the budget ceilings and the counting
// rules. The back office never reads the register's tables: it calls the
// services of RegisterServices, which cmd/koers wires to the register's
// packages, and which return aggregates only. Every page that shows what
// was counted from client-level data is recorded in the audit log, as is
// every import and computation.

// UploadedFile is one file of the import form.
type UploadedFile struct {
	Name string
	Data []byte
}

// Importer reads register files (iWmo/iJw messages, the register's CSV
// formats) and writes them to the register: all of them or, when one file
// has a problem, nothing. Problems come as a *koers.Error whose Problems
// are located: the file, line and element, in Dutch.
type Importer interface {
	Import(ctx context.Context, orgID int64, files []UploadedFile) (koers.ImportResult, error)
}

// Computer computes every counting rule of the organisation for years,
// with small numbers suppressed: what may leave the register.
type Computer interface {
	Compute(ctx context.Context, orgID int64, years []int) ([]koers.ComputedValue, error)
}

// RegisterReader answers the back office's questions about the register,
// in aggregates.
type RegisterReader interface {
	Status(ctx context.Context, orgID int64) (RegisterStatus, error)
	CeilingUse(ctx context.Context, orgID int64, year int) ([]koers.CeilingUse, error)
	Rules(ctx context.Context, orgID int64) ([]koers.CountRule, error)
}

// RegisterStatus is what the overview shows.
type RegisterStatus struct {
	Facts       []FactCount // per kind of fact, in the register's order
	LastImport  time.Time   // zero: never
	LastCompute time.Time   // zero: never
}

// FactCount is how many facts of one kind the register holds.
type FactCount struct {
	Label string // "Toewijzingen", "Cliënten"
	Count int64
}

// RegisterServices are the register's services the back office uses. With
// none (Options.Register nil) the register pages say that the register is
// not set up.
type RegisterServices struct {
	Importer Importer
	Computer Computer
	Reader   RegisterReader
	// Values keeps computed values on the publication side; nil: the
	// store, when it keeps them.
	Values koers.ComputedValues
}

// Limits of one import through the form.
const (
	maxRegisterFiles  = 100
	maxRegisterUpload = 64 << 20 // bytes, all files together
	maxImportProblems = 50
)

// registerRoutes are the register's pages.
func (s *Server) registerRoutes() []route {
	return []route{
		{"GET /beheer/{org}/register", Org, koers.ManageRegister, s.registerOverview},
		{"GET /beheer/{org}/register/inlezen", Org, koers.ManageRegister, s.registerImportForm},
		{"POST /beheer/{org}/register/inlezen", Org, koers.ManageRegister, s.registerImport},
		{"GET /beheer/{org}/register/berekenen", Org, koers.ManageRegister, s.registerComputeForm},
		{"POST /beheer/{org}/register/berekenen", Org, koers.ManageRegister, s.registerCompute},
		{"GET /beheer/{org}/register/plafonds", Org, koers.ManageRegister, s.registerCeilings},
		{"GET /beheer/{org}/register/telregels", Org, koers.ManageRegister, s.registerRules},
	}
}

// registerPage is every register page: its sub-navigation and its part.
type registerPage struct {
	layout
	Nav     []navLink
	Action  string // where the page's form is sent
	Missing bool   // the register is not set up on this installation
	Status  *registerStatusView
	Form    form
	Years   string
	Result  *importResultView
	Values  []computedRow
	Year    int
	YearNav []navLink
	Use     []ceilingRow
	Rules   []ruleRow
}

type registerStatusView struct {
	Facts       []factRow
	LastImport  string
	LastCompute string
}

type factRow struct{ Label, Count string }

type importResultView struct{ Files, Added, Known string }

type computedRow struct {
	Indicator string
	Year      int
	Value     string
	Version   int
}

type ceilingRow struct {
	Provider, AGB       string
	Ceiling, Assigned   string
	Percent             string
	Assignments, Client string
	Warn, Over, None    bool
	WarnAt              string
}

type ruleRow struct {
	Indicator string
	Version   int
	Sentence  string
}

// registerTabs are the register's parts.
var registerTabs = []struct{ key, label, path string }{
	{"overzicht", "Overzicht", ""},
	{"inlezen", "Inlezen", "/inlezen"},
	{"berekenen", "Berekenen", "/berekenen"},
	{"plafonds", "Budgetplafonds", "/plafonds"},
	{"telregels", "Telregels", "/telregels"},
}

func (s *Server) registerPage(r *request, tab, title string) *registerPage {
	data := &registerPage{Missing: s.register == nil}
	data.Title, data.Section = title, "register"
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "Register", URL: orgURL(r.org, "/register")}, crumb{Label: title})
	if tab == "overzicht" {
		data.Crumbs = orgCrumbs(r.org, crumb{Label: "Register"})
	}
	for _, t := range registerTabs {
		if t.key == tab {
			data.Action = orgURL(r.org, "/register"+t.path)
		}
		data.Nav = append(data.Nav, navLink{Label: t.label, URL: orgURL(r.org, "/register"+t.path), Current: t.key == tab})
	}
	return data
}

// readAudited records that someone looked at what was counted from
// client-level data, before it is shown: no record, no page.
func (s *Server) readAudited(r *request, what string) error {
	return s.store.RecordAudit(r.Context(), koers.AuditEntry{OrganisationID: r.org.ID, Action: koers.AuditRegisterRead, Page: what})
}

func (s *Server) registerOverview(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "overzicht", "Register")
	if !data.Missing && s.register.Reader != nil {
		if err := s.readAudited(r, "register/overzicht"); err != nil {
			return err
		}
		st, err := s.register.Reader.Status(r.Context(), r.org.ID)
		if err != nil {
			return err
		}
		v := &registerStatusView{LastImport: "nooit", LastCompute: "nooit"}
		for _, f := range st.Facts {
			v.Facts = append(v.Facts, factRow{Label: f.Label, Count: koers.FormatNumber(float64(f.Count))})
		}
		if !st.LastImport.IsZero() {
			v.LastImport = dateTime(st.LastImport)
		}
		if !st.LastCompute.IsZero() {
			v.LastCompute = dateTime(st.LastCompute)
		}
		data.Status = v
	}
	s.render(w, r, http.StatusOK, "register", data)
	return nil
}

func (s *Server) registerImportForm(w http.ResponseWriter, r *request) error {
	s.render(w, r, http.StatusOK, "register-import", s.registerPage(r, "inlezen", "Bestanden inlezen"))
	return nil
}

// registerImport reads the files of the form into the register: all of
// them, or with one problem none, with every problem located.
func (s *Server) registerImport(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "inlezen", "Bestanden inlezen")
	if data.Missing || s.register.Importer == nil {
		return koers.Errorf(koers.ENOTFOUND, "Het register is op deze installatie niet ingericht.")
	}
	fail := func(msg string) error {
		data.Form.add("bestanden", msg)
		s.render(w, r, http.StatusUnprocessableEntity, "register-import", data)
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRegisterUpload+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return fail(fmt.Sprintf("Kies een of meer bestanden (XML of CSV), samen hoogstens %d MB.", maxRegisterUpload>>20))
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	heads := r.MultipartForm.File["bestanden"]
	switch {
	case len(heads) == 0:
		return fail("Kies een of meer bestanden (XML of CSV) om in te lezen.")
	case len(heads) > maxRegisterFiles:
		return fail(fmt.Sprintf("Lees hoogstens %d bestanden tegelijk in.", maxRegisterFiles))
	}
	files := make([]UploadedFile, 0, len(heads))
	for _, h := range heads {
		f, err := h.Open()
		if err != nil {
			return fail("Het bestand " + h.Filename + " kon niet worden gelezen.")
		}
		b, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			return fail("Het bestand " + h.Filename + " kon niet worden gelezen.")
		}
		files = append(files, UploadedFile{Name: h.Filename, Data: b})
	}
	res, err := s.register.Importer.Import(r.Context(), r.org.ID, files)
	if err != nil {
		var ps koers.Problems
		if e, ok := err.(*koers.Error); ok {
			ps = e.Problems
		}
		if koers.ErrorCode(err) != koers.EINVALID {
			return err
		}
		if len(ps) == 0 {
			return fail(koers.ErrorMessage(err))
		}
		for i, p := range ps {
			if i == maxImportProblems {
				data.Form.Summary = append(data.Form.Summary, problem{Message: fmt.Sprintf("… en nog %d problemen.", len(ps)-i)})
				break
			}
			data.Form.Summary = append(data.Form.Summary, problem{Message: locatedProblem(p)})
		}
		data.Form.Fields = map[string]string{"bestanden": fmt.Sprintf("Er is niets ingelezen: de bestanden hebben %d %s; de lijst bovenaan noemt elke plaats.",
			len(ps), map[bool]string{true: "probleem", false: "problemen"}[len(ps) == 1])}
		s.render(w, r, http.StatusUnprocessableEntity, "register-import", data)
		return nil
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	summary := fmt.Sprintf("%d %s (%s): %d nieuw, %d al bekend", len(files), map[bool]string{true: "bestand", false: "bestanden"}[len(files) == 1],
		strings.Join(names, ", "), res.Added, res.Known)
	if err := s.store.RecordAudit(r.Context(), koers.AuditEntry{OrganisationID: r.org.ID, Action: koers.AuditRegisterImport, After: summary}); err != nil {
		return err
	}
	data.Result = &importResultView{Files: strconv.Itoa(len(files)), Added: koers.FormatNumber(float64(res.Added)), Known: koers.FormatNumber(float64(res.Known))}
	s.render(w, r, http.StatusOK, "register-import", data)
	return nil
}

// locatedProblem writes a problem of an import as its place and its
// message: "bericht.xml:12:Toewijzing/Ingangsdatum: …".
func locatedProblem(p koers.Problem) string {
	if len(p.Path) == 0 {
		return p.Message
	}
	parts := make([]string, len(p.Path))
	for i, e := range p.Path {
		parts[i] = fmt.Sprint(e)
	}
	return strings.Join(parts, ":") + ": " + p.Message
}

func (s *Server) registerComputeForm(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "berekenen", "Indicatoren berekenen")
	y := time.Now().In(amsterdam).Year()
	data.Years = fmt.Sprintf("%d-%d", y-10, y-1)
	s.render(w, r, http.StatusOK, "register-compute", data)
	return nil
}

// registerCompute computes every rule for the chosen years and keeps the
// values on the publication side (SaveComputed records it in the audit
// log), then shows them.
func (s *Server) registerCompute(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "berekenen", "Indicatoren berekenen")
	values := s.computedValues()
	if data.Missing || s.register.Computer == nil || values == nil {
		return koers.Errorf(koers.ENOTFOUND, "Het register is op deze installatie niet ingericht.")
	}
	if err := r.ParseForm(); err != nil {
		return koers.Errorf(koers.EINVALID, "Het formulier kon niet worden gelezen.")
	}
	data.Years = strings.TrimSpace(r.PostFormValue("jaren"))
	years, err := koers.ParseYears(data.Years)
	if err != nil {
		data.Form.add("jaren", koers.ErrorMessage(err))
		s.render(w, r, http.StatusUnprocessableEntity, "register-compute", data)
		return nil
	}
	list, err := s.register.Computer.Compute(r.Context(), r.org.ID, years)
	if koers.ErrorCode(err) == koers.EINVALID {
		// No rules yet, or a rule the register refuses: said at the form.
		data.Form.add("jaren", koers.ErrorMessage(err))
		s.render(w, r, http.StatusUnprocessableEntity, "register-compute", data)
		return nil
	}
	if err != nil {
		return err
	}
	if err := values.SaveComputed(r.Context(), r.org.ID, list); err != nil {
		return err
	}
	s.published()
	for _, v := range list {
		data.Values = append(data.Values, computedRow{Indicator: v.Indicator, Year: v.Year, Value: v.Display(ruleUnit(v)), Version: v.RuleVersion})
	}
	s.render(w, r, http.StatusOK, "register-compute", data)
	return nil
}

// ruleUnit is the unit a computed value is shown in: a percentage when
// its rule's words begin so (koers.CountRule.Sentence).
func ruleUnit(v koers.ComputedValue) koers.Unit {
	if strings.HasPrefix(v.Rule, "Percentage:") {
		return koers.Percentage
	}
	return koers.Count
}

// computedValues is where computed values are kept: the services' own, or
// the store's.
func (s *Server) computedValues() koers.ComputedValues {
	if s.register != nil && s.register.Values != nil {
		return s.register.Values
	}
	if cv, ok := s.store.(koers.ComputedValues); ok {
		return cv
	}
	return nil
}

// registerCeilings shows per provider what was assigned against its
// budget ceiling in a year, with a warning at the ceiling's percentage.
func (s *Server) registerCeilings(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "plafonds", "Budgetplafonds")
	now := time.Now().In(amsterdam).Year()
	data.Year = now
	if q := r.URL.Query().Get("jaar"); q != "" {
		y, err := strconv.Atoi(q)
		if err != nil || y < koers.MinYear || y > koers.MaxYear {
			return koers.Errorf(koers.EINVALID, "Kies een jaar tussen %d en %d, zoals ?jaar=%d.", koers.MinYear, koers.MaxYear, now)
		}
		data.Year = y
	}
	data.Title = "Budgetplafonds " + strconv.Itoa(data.Year)
	data.Crumbs[len(data.Crumbs)-1].Label = data.Title
	for _, y := range []int{data.Year - 1, data.Year + 1} {
		data.YearNav = append(data.YearNav, navLink{Label: strconv.Itoa(y), URL: orgURL(r.org, "/register/plafonds?jaar="+strconv.Itoa(y))})
	}
	if !data.Missing && s.register.Reader != nil {
		if err := s.readAudited(r, "register/plafonds/"+strconv.Itoa(data.Year)); err != nil {
			return err
		}
		list, err := s.register.Reader.CeilingUse(r.Context(), r.org.ID, data.Year)
		if err != nil {
			return err
		}
		for _, u := range list {
			row := ceilingRow{Provider: u.Provider.Name, AGB: u.Provider.AGB, Assigned: u.Assigned.String(),
				Assignments: koers.FormatNumber(float64(u.Assignments)), Client: koers.FormatNumber(float64(u.Clients)),
				Warn: u.Warn() && !u.Over(), Over: u.Over(), None: u.Ceiling <= 0}
			if row.Provider == "" {
				row.Provider = u.Provider.AGB
			}
			if !row.None {
				row.Ceiling, row.Percent = u.Ceiling.String(), strconv.Itoa(u.Percent())+"%"
			}
			if u.WarnAt > 0 {
				row.WarnAt = strconv.Itoa(u.WarnAt) + "%"
			}
			data.Use = append(data.Use, row)
		}
	}
	s.render(w, r, http.StatusOK, "register-ceilings", data)
	return nil
}

// registerRules lists the counting rules in words, with their versions.
func (s *Server) registerRules(w http.ResponseWriter, r *request) error {
	data := s.registerPage(r, "telregels", "Telregels")
	if !data.Missing && s.register.Reader != nil {
		rules, err := s.register.Reader.Rules(r.Context(), r.org.ID)
		if err != nil {
			return err
		}
		for _, rule := range rules {
			data.Rules = append(data.Rules, ruleRow{Indicator: rule.Indicator, Version: rule.Version, Sentence: rule.Sentence()})
		}
	}
	s.render(w, r, http.StatusOK, "register-rules", data)
	return nil
}

// dateTime is a moment as the back office writes it.
func dateTime(t time.Time) string { return t.In(amsterdam).Format("2-1-2006 15:04") }
