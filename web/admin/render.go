package admin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

//go:embed all:templates
var templateFS embed.FS

// templates are the back office's page types, each the layout and the
// partials with the page's own "main" block.
type templates map[string]*template.Template

func loadTemplates(asset func(string) (string, error)) (templates, error) {
	funcs := template.FuncMap{
		"asset":    asset,
		"date":     func(t time.Time) string { return t.In(amsterdam).Format("2-1-2006 15:04") },
		"roleList": roleList,
		"field": func(f form, id, label, hint, autocomplete string) fieldView {
			return newField(f, id, label, hint, "", autocomplete, 0)
		},
		"input": func(f form, id, label, hint, value string) fieldView {
			return newField(f, id, label, hint, value, "", 0)
		},
		"named":    func(name string, f fieldView) fieldView { f.Name = name; return f },
		"lower":    strings.ToLower,
		"pageKind": pageKindLabel,
		"area": func(f form, id, label, hint, value string, rows int) fieldView {
			return newField(f, id, label, hint, value, "", rows)
		},
	}
	partials, err := fs.Glob(templateFS, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, append([]string{"templates/layout.html"}, partials...)...)
	if err != nil {
		return nil, fmt.Errorf("parse back office layout: %w", err)
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := templates{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t[name], err = clone.ParseFS(templateFS, p); err != nil {
			return nil, fmt.Errorf("parse back office page %s: %w", name, err)
		}
	}
	return t, nil
}

// amsterdam is the time zone the back office shows times in.
var amsterdam = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.FixedZone("CET", 3600)
}()

func (t templates) execute(buf *bytes.Buffer, name string, data any) error {
	tmpl, ok := t[name]
	if !ok {
		return fmt.Errorf("no back office template %q", name)
	}
	return tmpl.ExecuteTemplate(buf, "layout", data)
}

func roleList(roles []koers.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = strings.ToLower(r.Label())
	}
	return strings.Join(names, ", ")
}

// page is what every page type's data is: it embeds layout.
type page interface{ base() *layout }

// layout is what the layout shows around every page.
type layout struct {
	Title  string
	User   *koers.User
	Org    *koers.Organisation // the organisation whose back office this is
	Flash  string              // a message from the form before (seeOther)
	Crumbs []crumb
	// Section is the part of the organisation's back office the page is
	// in, for its navigation: documenten, gebruikers, api-sleutels, logboek,
	// instellingen, register; "" shows none.
	Section string
}

// navLink is one part of an organisation's back office.
type navLink struct {
	Label, URL string
	Current    bool
}

// sections are the parts of an organisation's back office, each with the
// action that reaches it.
var sections = []struct {
	key, label, path string
	action           koers.Action
}{
	{"documenten", "Documenten", "", koers.SeeBackOffice},
	{"gebruikers", "Gebruikers", "/gebruikers", koers.ManageUsers},
	{"api-sleutels", "API-sleutels", "/api-sleutels", koers.ManageAPITokens},
	{"logboek", "Logboek", "/logboek", koers.ReadAuditLog},
	{"instellingen", "Instellingen", "/instellingen", koers.ManageOrganisation},
	{"register", "Register", "/register", koers.ManageRegister},
}

// OrgNav lists the parts of the organisation's back office the person may
// reach.
func (l *layout) OrgNav() []navLink {
	if l.Org == nil || l.Section == "" {
		return nil
	}
	var out []navLink
	for _, sec := range sections {
		if koers.Can(l.User, sec.action, l.Org.ID) {
			out = append(out, navLink{sec.label, orgURL(l.Org, sec.path), sec.key == l.Section})
		}
	}
	return out
}

func (l *layout) base() *layout { return l }

// setUser fills what the layout shows of the request.
func (l *layout) setUser(r *request) {
	l.User, l.Org = r.user, r.org
}

type crumb struct{ Label, URL string }

// errorPage is any refusal or failure.
type errorPage struct {
	layout
	Message string
	Status  int
	SignIn  string // for someone not signed in: the sign-in, back to where they were
}

// form is the state of a submitted form: the problems per field and the
// summary at the top (the NL Design System / GOV.UK pattern).
type form struct {
	Fields  map[string]string // field name -> its problem
	Summary []problem         // in the order of the form
}

// problem is one line of the summary: a link to its field.
type problem struct {
	Field   string // the field's id, "" for a problem of the whole form
	Message string
}

func (f *form) add(field, msg string) {
	if f.Fields == nil {
		f.Fields = map[string]string{}
	}
	if _, dup := f.Fields[field]; !dup {
		f.Fields[field] = msg
	}
	f.Summary = append(f.Summary, problem{Field: field, Message: msg})
}

func (f *form) failed() bool { return len(f.Summary) > 0 }

// Error is the field's problem, for the template.
func (f form) Error(field string) string { return f.Fields[field] }

// flashCookie carries a message across a redirect after a form.
const flashCookie = "koers-melding"

func setFlash(w http.ResponseWriter, secure bool, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/beheer", HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// takeFlash reads the message of the form before and forgets it.
func (s *Server) takeFlash(w http.ResponseWriter, r *request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/beheer", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil || len(msg) > 300 {
		return ""
	}
	return msg
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// fieldView is one form field for the field templates: its label, hint
// and problem tied to it by id.
type fieldView struct {
	ID, Label, Hint, Error, Value, Autocomplete string
	Name                                        string // the form's name for it, when not its ID
	Rows                                        int
}

// FieldName is the field's name in the form.
func (f fieldView) FieldName() string {
	if f.Name != "" {
		return f.Name
	}
	return f.ID
}

// pageKindLabel is a page kind as authors know it.
func pageKindLabel(k koers.PageKind) string {
	switch k {
	case koers.Chapter:
		return "Hoofdstuk"
	case koers.Programme:
		return "Programma"
	case koers.SubProgramme:
		return "Deelprogramma"
	case koers.PlainPage:
		return "Pagina"
	}
	return string(k)
}

func newField(f form, id, label, hint, value, autocomplete string, rows int) fieldView {
	return fieldView{ID: id, Label: label, Hint: hint, Error: f.Error(id), Value: value, Autocomplete: autocomplete, Rows: max(rows, 3)}
}

// Describedby lists the ids of the field's hint and problem.
func (f fieldView) Describedby() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-fout")
	}
	return strings.Join(ids, " ")
}
