package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

// userRoutes are the management of an organisation's people by its
// beheerder: who holds which role in it, adding people, blocking accounts
// and setting passwords. A beheerder sees and changes only what concerns
// their own organisation; the store records every change in the audit log.
func (s *Server) userRoutes() []route {
	return []route{
		{"GET /beheer/{org}/gebruikers", Org, koers.ManageUsers, s.users},
		{"GET /beheer/{org}/gebruikers/nieuw", Org, koers.ManageUsers, s.newUserForm},
		{"POST /beheer/{org}/gebruikers/nieuw", Org, koers.ManageUsers, s.addUser},
		{"GET /beheer/{org}/gebruikers/{id}", Org, koers.ManageUsers, s.userForm},
		{"POST /beheer/{org}/gebruikers/{id}", Org, koers.ManageUsers, s.changeUser},
	}
}

// The refusals that keep an organisation from locking itself out: a
// beheerder cannot take away their own way in.
const (
	selfDemotion = "U kunt uw eigen rol beheerder niet weghalen. Vraag een andere beheerder van deze organisatie om dat te doen."
	selfDisable  = "U kunt uw eigen account niet blokkeren. Vraag een andere beheerder van deze organisatie om dat te doen."
	noRole       = "Kies minstens één rol."
	unknownForm  = "Dit formulier kennen we niet. Laad de pagina opnieuw en probeer het nog eens."
	emailTaken   = "Er bestaat al een account met dit e-mailadres."
	unknownState = "Kies of het account actief of geblokkeerd is."
	// sharedAccount refuses a change of an account that works elsewhere.
	sharedAccount = "Deze persoon werkt ook voor een andere organisatie. Alleen een beheerder van al die organisaties kan het wachtwoord wijzigen of het account blokkeren."
)

// usersPage lists the people who hold a role in the organisation.
type usersPage struct {
	layout
	Users  []userRow
	NewURL string
}

type userRow struct {
	User  *koers.User
	Roles []koers.Role
	URL   string
	Self  bool
}

func (s *Server) users(w http.ResponseWriter, r *request) error {
	list, err := s.store.Users(r.Context(), r.org.ID)
	if err != nil {
		return err
	}
	data := &usersPage{NewURL: orgURL(r.org, "/gebruikers/nieuw")}
	data.Title, data.Section = "Gebruikers", "gebruikers"
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "Gebruikers"})
	for _, u := range list {
		roles := u.RolesIn(r.org.ID)
		if len(roles) == 0 { // the store's business, but never show a stranger
			continue
		}
		data.Users = append(data.Users, userRow{User: u, Roles: roles, URL: userURL(r.org, u.ID), Self: u.ID == r.user.ID})
	}
	s.render(w, r, http.StatusOK, "users", data)
	return nil
}

// roleChoice is one checkbox of the roles.
type roleChoice struct {
	ID, Value, Label, Hint, HintID string
	Checked                        bool
}

// roleHints say what each role may do, next to its checkbox.
var roleHints = map[koers.Role]string{
	koers.Redacteur:         "Schrijft en wijzigt concepten.",
	koers.Beoordelaar:       "Beoordeelt concepten voordat ze worden gepubliceerd.",
	koers.Publicist:         "Publiceert documenten en trekt ze terug.",
	koers.Beheerder:         "Beheert de gebruikers en de instellingen, en leest het logboek.",
	koers.Registerbeheerder: "Leest bestanden in het register van het sociaal domein in, berekent de indicatoren en bekijkt de budgetplafonds. Het register bevat gegevens over cliënten.",
}

// roleChoices are the checkboxes of the roles; the first has the id
// of the whole field, so that the error summary leads to it.
func roleChoices(checked []koers.Role) []roleChoice {
	out := make([]roleChoice, len(koers.Roles))
	for i, role := range koers.Roles {
		id := "rollen"
		if i > 0 {
			id += "-" + string(role)
		}
		out[i] = roleChoice{ID: id, Value: string(role), Label: role.Label(), Hint: roleHints[role],
			HintID: "rollen-" + string(role) + "-hint", Checked: slices.Contains(checked, role)}
	}
	return out
}

// formRoles are the roles ticked in the form, as sent: an unknown one is
// for Validate to refuse.
func formRoles(r *request) []koers.Role {
	var roles []koers.Role
	for _, v := range r.PostForm["rollen"] {
		roles = append(roles, koers.Role(v))
	}
	return roles
}

// withRoles replaces a user's roles in one organisation and keeps those in
// every other, in the order of the grants and then of Roles.
func withRoles(grants []koers.Grant, orgID int64, roles []koers.Role) []koers.Grant {
	var out []koers.Grant
	for _, g := range grants {
		if g.OrganisationID != orgID {
			out = append(out, g)
		}
	}
	for _, role := range roles {
		out = append(out, koers.Grant{OrganisationID: orgID, Role: role})
	}
	return out
}

// userFieldOf names the form field of a problem of User.Validate.
func userFieldOf(p koers.Problem) string {
	if len(p.Path) == 1 {
		if name, ok := p.Path[0].(string); ok {
			return map[string]string{"email": "email", "name": "naam", "roles": "rollen"}[name]
		}
	}
	return ""
}

// newUserPage is the form that adds a person to the organisation.
type newUserPage struct {
	layout
	Email, Name string
	Roles       []roleChoice
	Action      string
	Form        form
}

func (s *Server) newUserPage(r *request) *newUserPage {
	data := &newUserPage{Action: orgURL(r.org, "/gebruikers/nieuw"), Roles: roleChoices(nil)}
	data.Title, data.Section = "Gebruiker toevoegen", "gebruikers"
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "Gebruikers", URL: orgURL(r.org, "/gebruikers")}, crumb{Label: "Toevoegen"})
	return data
}

func (s *Server) newUserForm(w http.ResponseWriter, r *request) error {
	s.render(w, r, http.StatusOK, "user-new", s.newUserPage(r))
	return nil
}

// addUser adds a person with roles in this organisation. When an account
// with the address exists (the person works for another organisation, or
// had a role here before), it gets the roles and keeps its name and
// password: a beheerder sets the password of new accounts only.
func (s *Server) addUser(w http.ResponseWriter, r *request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return koers.Errorf(koers.EINVALID, "Het formulier kon niet worden gelezen.")
	}
	email := koers.NormalizeEmail(r.PostFormValue("email"))
	name := strings.TrimSpace(r.PostFormValue("naam"))
	roles := formRoles(r)
	password := r.PostFormValue("wachtwoord")
	data := s.newUserPage(r)
	data.Email, data.Name, data.Roles = email, name, roleChoices(roles)

	u := &koers.User{Email: email, Name: name, Grants: withRoles(nil, r.org.ID, roles)}
	if err := u.Validate(); err != nil && !formProblems(&data.Form, err, userFieldOf) {
		return err
	}
	if len(roles) == 0 {
		data.Form.add("rollen", noRole)
	}
	var existing *koers.User
	if data.Form.Error("email") == "" {
		found, _, err := s.store.UserByEmail(ctx, email)
		switch {
		case err == nil:
			existing = found
		case koers.ErrorCode(err) != koers.ENOTFOUND:
			return err
		}
	}
	if existing == nil {
		if err := auth.CheckPassword(password, email, name); err != nil {
			data.Form.add("wachtwoord", koers.ErrorMessage(err))
		}
	}
	if data.Form.failed() {
		s.render(w, r, http.StatusUnprocessableEntity, "user-new", data)
		return nil
	}

	if existing != nil {
		next := *existing
		held := existing.RolesIn(r.org.ID)
		for _, role := range roles {
			if !slices.Contains(held, role) {
				held = append(held, role)
			}
		}
		next.Grants = withRoles(existing.Grants, r.org.ID, inRoleOrder(held))
		if err := s.store.UpdateUser(ctx, &next); err != nil {
			if !formProblems(&data.Form, err, userFieldOf) {
				return err
			}
			s.render(w, r, http.StatusUnprocessableEntity, "user-new", data)
			return nil
		}
		msg := "Er was al een account voor " + email + ". Het heeft nu bij " + r.org.Name + " " +
			rolesPhrase(next.RolesIn(r.org.ID)) + "; de naam en het wachtwoord zijn niet gewijzigd."
		if existing.Disabled {
			msg += " Het account is geblokkeerd."
		}
		return s.seeOther(w, r, userURL(r.org, existing.ID), msg)
	}

	hash, err := auth.Hash(password, s.params)
	if err != nil {
		return err
	}
	if err := s.store.CreateUser(ctx, u, hash); err != nil {
		switch {
		case koers.ErrorCode(err) == koers.ECONFLICT: // added meanwhile
			data.Form.add("email", emailTaken)
		case !formProblems(&data.Form, err, userFieldOf):
			return err
		}
		s.render(w, r, http.StatusUnprocessableEntity, "user-new", data)
		return nil
	}
	to := orgURL(r.org, "/gebruikers")
	if u.ID != 0 {
		to = userURL(r.org, u.ID)
	}
	return s.seeOther(w, r, to, email+" is toegevoegd als "+roleNames(u.RolesIn(r.org.ID))+
		". Geef het wachtwoord op een veilige manier door.")
}

// rolesPhrase names roles in a sentence: "de rol redacteur", "de rollen
// redacteur en beheerder".
func rolesPhrase(roles []koers.Role) string {
	if len(roles) == 1 {
		return "de rol " + roleNames(roles)
	}
	return "de rollen " + roleNames(roles)
}

// roleNames lists roles as a sentence does: "redacteur, publicist en
// beheerder".
func roleNames(roles []koers.Role) string {
	names := strings.Split(roleList(roles), ", ")
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
}

// inRoleOrder sorts roles in the order of Roles.
func inRoleOrder(roles []koers.Role) []koers.Role {
	var out []koers.Role
	for _, role := range koers.Roles {
		if slices.Contains(roles, role) {
			out = append(out, role)
		}
	}
	return out
}

// userPage shows one person of the organisation: their name, their roles
// here and whether the account is blocked, and a form for a new password.
type userPage struct {
	layout
	Person   *koers.User
	Name     string
	Roles    []roleChoice
	Disabled bool
	Self     bool
	// Shared: the person works for an organisation the beheerder does not
	// manage, so their password and whether the account is blocked are
	// not this beheerder's to change (see koers.CanManageAccount).
	Shared bool
	Action string
	Form   form
}

// orgUser is the user of the {id} in the path, if they hold a role in the
// organisation: of anyone else a beheerder learns nothing.
func (s *Server) orgUser(r *request) (*koers.User, error) {
	notFound := koers.Errorf(koers.ENOTFOUND, "Deze gebruiker bestaat niet.")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, notFound
	}
	u, err := s.store.User(r.Context(), id)
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		return nil, notFound
	} else if err != nil {
		return nil, err
	}
	if !slices.Contains(u.OrganisationIDs(), r.org.ID) {
		return nil, notFound
	}
	return u, nil
}

func (s *Server) userPage(r *request, u *koers.User) *userPage {
	data := &userPage{Person: u, Name: u.Name, Roles: roleChoices(u.RolesIn(r.org.ID)), Disabled: u.Disabled,
		Self: u.ID == r.user.ID, Shared: !koers.CanManageAccount(r.user, u), Action: userURL(r.org, u.ID)}
	data.Title, data.Section = u.Email, "gebruikers"
	if u.Name != "" {
		data.Title = u.Name
	}
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "Gebruikers", URL: orgURL(r.org, "/gebruikers")}, crumb{Label: data.Title})
	return data
}

func (s *Server) userForm(w http.ResponseWriter, r *request) error {
	u, err := s.orgUser(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "user", s.userPage(r, u))
	return nil
}

// changeUser takes either of the person's two forms: their details and
// roles, or a new password.
func (s *Server) changeUser(w http.ResponseWriter, r *request) error {
	u, err := s.orgUser(r)
	if err != nil {
		return err
	}
	switch r.PostFormValue("actie") {
	case "gegevens":
		return s.changeDetails(w, r, u)
	case "wachtwoord":
		return s.resetPassword(w, r, u)
	}
	return koers.Errorf(koers.EINVALID, unknownForm)
}

// changeDetails stores a person's name, roles in this organisation and
// whether their account is blocked. Without any role left here they leave
// the organisation's list.
func (s *Server) changeDetails(w http.ResponseWriter, r *request, u *koers.User) error {
	name := strings.TrimSpace(r.PostFormValue("naam"))
	roles := formRoles(r)
	state := r.PostFormValue("status")
	data := s.userPage(r, u)
	data.Name, data.Roles = name, roleChoices(roles)
	if !data.Shared { // else the form has no state, and it stays
		data.Disabled = state == "geblokkeerd"
	}

	next := *u
	next.Name, next.Disabled = name, data.Disabled
	next.Grants = withRoles(u.Grants, r.org.ID, roles)
	if err := next.Validate(); err != nil && !formProblems(&data.Form, err, userFieldOf) {
		return err
	}
	if data.Self && !slices.Contains(roles, koers.Beheerder) {
		data.Form.add("rollen", selfDemotion)
	}
	switch {
	case data.Shared:
	case state != "actief" && state != "geblokkeerd":
		data.Form.add("status", unknownState)
	case data.Self && data.Disabled:
		data.Form.add("status", selfDisable)
	}
	if !data.Form.failed() {
		err := s.store.UpdateUser(r.Context(), &next)
		if err != nil && !formProblems(&data.Form, err, userFieldOf) {
			return err
		}
	}
	if data.Form.failed() {
		s.render(w, r, http.StatusUnprocessableEntity, "user", data)
		return nil
	}
	who := displayName(&next)
	if len(roles) == 0 {
		return s.seeOther(w, r, orgURL(r.org, "/gebruikers"), who+" heeft geen rol meer bij "+r.org.Name+".")
	}
	return s.seeOther(w, r, userURL(r.org, u.ID), "De gegevens van "+who+" zijn opgeslagen.")
}

// resetPassword gives a person a new password, as when they forgot theirs;
// it ends their sessions (but the beheerder's own, when it is theirs).
func (s *Server) resetPassword(w http.ResponseWriter, r *request, u *koers.User) error {
	password := r.PostFormValue("wachtwoord")
	data := s.userPage(r, u)
	if data.Shared {
		return koers.Errorf(koers.EFORBIDDEN, sharedAccount)
	}
	if data.Self {
		// One's own password changes with the current one, which a
		// stolen session does not know.
		data.Form.add("wachtwoord", "Uw eigen wachtwoord wijzigt u bij Wachtwoord wijzigen, met uw huidige wachtwoord.")
		s.render(w, r, http.StatusUnprocessableEntity, "user", data)
		return nil
	}
	if err := auth.CheckPassword(password, u.Email, u.Name); err != nil {
		data.Form.add("wachtwoord", koers.ErrorMessage(err))
		s.render(w, r, http.StatusUnprocessableEntity, "user", data)
		return nil
	}
	hash, err := auth.Hash(password, s.params)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(r.Context(), u.ID, hash, ""); err != nil {
		return err
	}
	return s.seeOther(w, r, userURL(r.org, u.ID), "Het wachtwoord van "+displayName(u)+
		" is gewijzigd; alle sessies van dit account zijn beëindigd. Geef het nieuwe wachtwoord op een veilige manier door.")
}

// displayName is a person's name, or their address when they have none.
func displayName(u *koers.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

// userURL is the address of a person's page in an organisation.
func userURL(org *koers.Organisation, id int64) string {
	return orgURL(org, "/gebruikers/", itoa(id))
}

// orgCrumbs is the breadcrumb trail of a page of an organisation's back
// office: the overview, the organisation and then more.
func orgCrumbs(org *koers.Organisation, more ...crumb) []crumb {
	return append([]crumb{{Label: "Beheer", URL: "/beheer"}, {Label: org.Name, URL: orgURL(org)}}, more...)
}
