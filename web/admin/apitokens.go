package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

// apiTokenRoutes are the organisation's tokens for the write API, made and
// revoked by its beheerder. A token is shown once, in the answer to the
// form that made it; the store keeps only its hash.
func (s *Server) apiTokenRoutes() []route {
	return []route{
		{"GET /beheer/{org}/api-sleutels", Org, koers.ManageAPITokens, s.apiTokens},
		{"POST /beheer/{org}/api-sleutels", Org, koers.ManageAPITokens, s.createAPIToken},
		{"POST /beheer/{org}/api-sleutels/{id}/intrekken", Org, koers.ManageAPITokens, s.revokeAPIToken},
	}
}

// apiTokensPage lists the tokens, with the form for a new one and, right
// after it was made, the new token itself.
type apiTokensPage struct {
	layout
	Tokens  []apiTokenRow
	Action  string
	Name    string
	Role    selectView
	Expires string // yyyy-mm-dd
	Min     string
	Max     string
	Form    form
	// Secret is the token just made, shown this once.
	Secret     string
	SecretName string
}

type apiTokenRow struct {
	koers.APIToken
	Status    string
	Live      bool
	RevokeURL string
}

// apiTokenDay is how an expiry date is written in the form.
const apiTokenDay = "2006-01-02"

func (s *Server) apiTokensPage(r *request, role koers.Role) (*apiTokensPage, error) {
	list, err := s.store.APITokens(r.Context(), r.org.ID)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	today := now.In(amsterdam)
	data := &apiTokensPage{Action: orgURL(r.org, "/api-sleutels"),
		Expires: today.Add(koers.DefaultAPITokenLife).Format(apiTokenDay),
		Min:     today.AddDate(0, 0, 1).Format(apiTokenDay), Max: today.AddDate(1, 0, 0).Format(apiTokenDay)}
	data.Title, data.Section = "API-sleutels", "api-sleutels"
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "API-sleutels"})
	data.Role = selectView{ID: "rol", Label: "Rol"}
	for _, ro := range koers.APITokenRoles {
		data.Role.Options = append(data.Role.Options, option{Value: string(ro), Label: ro.Label() + ": " + apiTokenRoleHints[ro], Selected: ro == role})
	}
	for _, t := range list {
		data.Tokens = append(data.Tokens, apiTokenRow{APIToken: t, Status: t.Status(now), Live: t.Live(now),
			RevokeURL: orgURL(r.org, "/api-sleutels/"+strconv.FormatInt(t.ID, 10)+"/intrekken")})
	}
	return data, nil
}

// apiTokenRoleHints say what a token of each role may do.
var apiTokenRoleHints = map[koers.Role]string{
	koers.Redacteur: "levert concepten en waarden aan en biedt ze ter beoordeling aan",
	koers.Publicist: "publiceert goedgekeurde concepten",
}

func (s *Server) apiTokens(w http.ResponseWriter, r *request) error {
	data, err := s.apiTokensPage(r, koers.Redacteur)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "api-tokens", data)
	return nil
}

// createAPIToken makes a token and shows it once.
func (s *Server) createAPIToken(w http.ResponseWriter, r *request) error {
	if err := r.ParseForm(); err != nil {
		return koers.Errorf(koers.EINVALID, "Het formulier kon niet worden gelezen.")
	}
	name := strings.TrimSpace(r.PostFormValue("naam"))
	role := koers.Role(r.PostFormValue("rol"))
	expires := r.PostFormValue("verloopt") // yyyy-mm-dd, or d-m-yyyy typed where the browser has no date input
	data, err := s.apiTokensPage(r, role)
	if err != nil {
		return err
	}
	example := data.Expires
	// A date input shows again only a date; the error says what to fill in.
	expires = dateValue(strings.TrimSpace(expires))
	data.Name, data.Expires = name, expires
	tok := &koers.APIToken{OrganisationID: r.org.ID, Name: name, Role: role}
	day, dayErr := time.ParseInLocation(apiTokenDay, expires, amsterdam)
	// Valid through the day chosen; without one, the rest is checked
	// against a day that holds.
	tok.ExpiresAt = day.AddDate(0, 0, 1)
	if dayErr != nil {
		tok.ExpiresAt = time.Now().Add(24 * time.Hour)
	}
	if err := tok.Validate(time.Now()); err != nil && !formProblems(&data.Form, err, apiTokenFieldOf) {
		return err
	}
	if dayErr != nil {
		data.Form.add("verloopt", "Kies een vervaldatum, zoals "+example+".")
	}
	if !data.Form.failed() {
		secret, hash, err := auth.NewAPIToken()
		if err != nil {
			return err
		}
		switch err := s.store.CreateAPIToken(r.Context(), tok, hash); {
		case koers.ErrorCode(err) == koers.ECONFLICT:
			data.Form.add("naam", koers.ErrorMessage(err))
		case err != nil:
			return err
		default:
			// Shown in this answer and nowhere else; the list is read again
			// to show the new token in it.
			if data, err = s.apiTokensPage(r, koers.Redacteur); err != nil {
				return err
			}
			data.Secret, data.SecretName = secret, tok.Name
			w.Header().Set("Cache-Control", "no-store")
			s.render(w, r, http.StatusOK, "api-tokens", data)
			return nil
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "api-tokens", data)
	return nil
}

// apiTokenFieldOf names the form field of a problem of APIToken.Validate.
func apiTokenFieldOf(p koers.Problem) string {
	if len(p.Path) == 1 {
		if name, ok := p.Path[0].(string); ok {
			return map[string]string{"name": "naam", "role": "rol", "expires": "verloopt"}[name]
		}
	}
	return ""
}

// revokeAPIToken ends a token at once.
func (s *Server) revokeAPIToken(w http.ResponseWriter, r *request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return koers.Errorf(koers.ENOTFOUND, "Deze API-sleutel bestaat niet.")
	}
	if err := s.store.RevokeAPIToken(r.Context(), r.org.ID, id); err != nil {
		return err
	}
	return s.seeOther(w, r, orgURL(r.org, "/api-sleutels"), "De API-sleutel is ingetrokken; hij werkt vanaf nu niet meer.")
}
