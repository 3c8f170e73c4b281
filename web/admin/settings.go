package admin

import (
	"io"
	"net/http"
	"strings"

	"github.com/koers-nl/koers"
)

// settingsRoutes are the organisation's own settings: its name, CBS code,
// theme and how its money is signed.
func (s *Server) settingsRoutes() []route {
	return []route{
		{"GET /beheer/{org}/instellingen", Org, koers.ManageOrganisation, s.settingsForm},
		{"POST /beheer/{org}/instellingen", Org, koers.ManageOrganisation, s.saveSettings},
	}
}

// settingsPage is the organisation's settings form.
type settingsPage struct {
	layout
	Values  map[string]string
	HasLogo bool
	Signs   []signOption
	Form    form
}

type signOption struct {
	Value, Label string
}

// signOptions are the sign conventions as authors know them.
var signOptions = []signOption{
	{string(koers.BothPositive), "Lasten en baten allebei positief"},
	{string(koers.ExpensesPositive), "Lasten positief, baten negatief"},
	{string(koers.IncomePositive), "Baten positief, lasten negatief"},
}

// maxLogo bounds an uploaded logo; the domain's rules bound it further.
const maxLogo = 1 << 20

func (s *Server) settingsForm(w http.ResponseWriter, r *request) error {
	s.renderSettings(w, r, http.StatusOK, nil, form{})
	return nil
}

func (s *Server) renderSettings(w http.ResponseWriter, r *request, status int, values map[string]string, f form) {
	org := r.org
	if values == nil {
		values = map[string]string{"naam": org.Name, "cbs": org.CBSCode, "kleur": org.Theme.Colour, "tekens": string(org.Finance.Signs)}
		if org.SelfReview {
			values["eigen-goedkeuring"] = "1"
		}
	}
	data := &settingsPage{Values: values, HasLogo: org.Theme.Logo != "", Signs: signOptions, Form: f}
	data.Title, data.Section = "Instellingen", "instellingen"
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {org.Name, orgURL(org)}, {"Instellingen", ""}}
	s.render(w, r, status, "settings", data)
}

// saveSettings stores the settings; a logo is an SVG file, checked by the
// domain's rules (no scripts, nothing loaded from elsewhere).
func (s *Server) saveSettings(w http.ResponseWriter, r *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxLogo+1<<16)
	var f form
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		f.add("logo", "Kies een logo (een SVG-bestand) van hoogstens 1 MB.")
		s.renderSettings(w, r, http.StatusUnprocessableEntity, formValues(r, "naam", "cbs", "kleur", "tekens", "eigen-goedkeuring"), f)
		return nil
	}
	values := formValues(r, "naam", "cbs", "kleur", "tekens", "eigen-goedkeuring")
	org := *r.org
	org.Name, org.CBSCode, org.Theme.Colour = values["naam"], strings.ToUpper(values["cbs"]), strings.ToLower(values["kleur"])
	org.Finance.Signs = koers.SignConvention(values["tekens"])
	org.SelfReview = values["eigen-goedkeuring"] != ""
	if r.PostFormValue("logo-weg") != "" {
		org.Theme.Logo = ""
	}
	if file, _, err := r.FormFile("logo"); err == nil {
		body, err := io.ReadAll(io.LimitReader(file, maxLogo+1))
		file.Close()
		if err != nil || len(body) > maxLogo {
			f.add("logo", "Kies een logo (een SVG-bestand) van hoogstens 1 MB.")
		} else {
			org.Theme.Logo = string(body)
		}
	}
	if !f.failed() {
		err := s.store.UpdateOrganisation(r.Context(), &org)
		if err == nil {
			s.published()
			return s.seeOther(w, r, orgURL(r.org, "/instellingen"), "De instellingen zijn opgeslagen.")
		}
		if !formProblems(&f, err, settingsFieldOf) {
			return err
		}
	}
	s.renderSettings(w, r, http.StatusUnprocessableEntity, values, f)
	return nil
}

// settingsFieldOf names the form field of a problem of the organisation.
func settingsFieldOf(p koers.Problem) string {
	switch p.Pointer() {
	case "/name":
		return "naam"
	case "/cbs_code":
		return "cbs"
	case "/theme/colour":
		return "kleur"
	case "/theme/logo_svg":
		return "logo"
	case "/finance/signs":
		return "tekens"
	}
	return ""
}
