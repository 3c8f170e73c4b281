// Package admin is the back office (/beheer): where the people of an
// organisation sign in, write their documents as drafts, preview and
// publish them, manage who may do what and read the audit log. It works
// without JavaScript. Every route states the action it needs (routes.go);
// koers.Can decides, and a person without any role in an organisation
// learns nothing of it (404), one without the action's role is refused
// (403). The public site never reads what this package writes until it is
// published.
package admin

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web"
)

// Options configure a Server. Zero values pick the defaults.
type Options struct {
	Logger *slog.Logger
	// BaseURL is the public address of the site; when it is https, the
	// session cookie is Secure (and __Host- prefixed).
	BaseURL string
	// ClientHeader names the header in which a reverse proxy passes the
	// client's address (see web.Options).
	ClientHeader string
	// Params are the costs of password hashes; zero: auth.DefaultParams.
	Params auth.Params
	// Published is called after a document was published, withdrawn or
	// restored, so that this process's caches look at the store at once.
	Published func()
	// Register are the social-domain register's services for the
	// register role's pages; nil: the register is not set up.
	Register *RegisterServices
}

// Server is the back office.
type Server struct {
	store     koers.Store
	site      *web.Server
	log       *slog.Logger
	tmpl      templates
	secure    bool // the cookie is Secure
	client    string
	params    auth.Params
	published func()
	register  *RegisterServices
	routes    []route
}

// New builds the back office on the store; site renders previews.
func New(store koers.Store, site *web.Server, opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Params == (auth.Params{}) {
		opt.Params = auth.DefaultParams
	}
	if opt.Published == nil {
		opt.Published = func() {}
	}
	t, err := loadTemplates(site.AssetURL)
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, site: site, log: opt.Logger, tmpl: t, client: opt.ClientHeader,
		params: opt.Params, published: opt.Published, register: opt.Register, secure: strings.HasPrefix(opt.BaseURL, "https://")}
	s.routes = s.routeTable()
	return s, nil
}

// Register adds the back office's routes to m.
func (s *Server) Register(m *httpx.Mux) {
	for _, rt := range s.routes {
		m.Handle(rt.pattern, s.handler(rt))
	}
}

// Routes are the back office's routes with the action each needs, for the
// permission matrix test.
func (s *Server) Routes() []RouteInfo {
	out := make([]RouteInfo, len(s.routes))
	for i, rt := range s.routes {
		out[i] = RouteInfo{Pattern: rt.pattern, Action: rt.action, Access: rt.access}
	}
	return out
}

// RouteInfo describes one route.
type RouteInfo struct {
	Pattern string
	Action  koers.Action // for Access Org: what Can must allow
	Access  Access
}

// Access is who may reach a route.
type Access int

const (
	// Anyone: the sign-in page and the back office's style sheet.
	Anyone Access = iota
	// SignedIn: any signed-in person (their own account, the list of
	// their organisations).
	SignedIn
	// Org: a signed-in person whom Can allows the route's action in the
	// organisation named by {org}.
	Org
)

// request is what a handler knows of the request beyond http.Request.
type request struct {
	*http.Request
	user    *koers.User
	session *koers.Session
	token   string              // the session cookie's value
	org     *koers.Organisation // for Org routes
}

// route is one pattern with its access rule and handler.
type route struct {
	pattern string
	access  Access
	action  koers.Action
	handle  func(w http.ResponseWriter, r *request) error
}

// handler wraps a route: no caching, the back office's security headers,
// the session, the permission check, and errors as pages.
func (s *Server) handler(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", policy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		req := &request{Request: r}
		if err := s.authenticate(w, req); err != nil {
			s.fail(w, req, err)
			return
		}
		if err := s.allow(rt, req); err != nil {
			s.fail(w, req, err)
			return
		}
		if req.user != nil {
			req.Request = r.WithContext(koers.WithActor(r.Context(), req.user))
		}
		if err := rt.handle(w, req); err != nil {
			s.fail(w, req, err)
		}
	})
}

// policy is the back office's content security policy: nothing but its
// own style sheets and images, no scripts at all, no framing, forms only
// to itself.
const policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// allow applies the route's access rule.
func (s *Server) allow(rt route, r *request) error {
	if rt.access == Anyone {
		return nil
	}
	if r.user == nil {
		return errSignIn
	}
	if rt.access == SignedIn {
		return nil
	}
	org, err := s.store.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	// Someone without any role in the organisation learns nothing of it.
	if !koers.Can(r.user, koers.SeeBackOffice, org.ID) {
		return koers.Errorf(koers.ENOTFOUND, "Deze pagina bestaat niet.")
	}
	if !koers.Can(r.user, rt.action, org.ID) {
		return koers.Errorf(koers.EFORBIDDEN, "Hiervoor hebt u bij %s de rol %s nodig.", org.Name, rolesFor(rt.action))
	}
	r.org = org
	return nil
}

// rolesFor names the roles that may do action, for the refusal.
func rolesFor(action koers.Action) string {
	var names []string
	for _, role := range koers.RolesFor(action) {
		names = append(names, strings.ToLower(role.Label()))
	}
	return strings.Join(names, " of ")
}

// cameFrom is the back-office page a form was sent from, when the browser
// says so and it is this site's; else /beheer.
func cameFrom(r *request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host {
		return "/beheer"
	}
	return safeBack(u.RequestURI())
}

// errSignIn sends someone who is not signed in to the sign-in page.
var errSignIn = koers.Errorf(koers.EUNAUTHORIZED, "Meld u aan om verder te gaan.")

// fail answers an error: the sign-in page for someone not signed in, and
// otherwise a page with the status of its code and its Dutch message.
func (s *Server) fail(w http.ResponseWriter, r *request, err error) {
	code := koers.ErrorCode(err)
	if code == koers.EUNAUTHORIZED && r.Method == http.MethodGet {
		http.Redirect(w, r.Request, "/beheer/aanmelden?terug="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code == koers.EINTERNAL {
		s.log.Error("back office request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := httpx.Status(err)
	data := errorPage{Message: koers.ErrorMessage(err), Status: status}
	switch code {
	case koers.ENOTFOUND:
		data.Message = "Deze pagina bestaat niet, of u hebt er geen toegang toe."
	case koers.EUNAUTHORIZED:
		// A form sent after the session ended (30 minutes idle): say so,
		// and lead back to where it came from.
		data.Message = "U bent niet (meer) aangemeld, bijvoorbeeld omdat u een half uur niets hebt gedaan. Wat u verstuurde is niet opgeslagen."
		data.SignIn = "/beheer/aanmelden?terug=" + url.QueryEscape(cameFrom(r))
	}
	data.setUser(r)
	data.Title = map[int]string{http.StatusNotFound: "Niet gevonden", http.StatusForbidden: "Geen toegang",
		http.StatusUnauthorized: "Niet aangemeld"}[status]
	if data.Title == "" {
		data.Title = "Er ging iets mis"
	}
	s.render(w, r, status, "error", &data)
}

// render writes a page type: rendered into a buffer first, so that a
// failure shows an error page and never half a page.
func (s *Server) render(w http.ResponseWriter, r *request, status int, name string, data page) {
	b := data.base()
	if b.User == nil {
		b.setUser(r)
	}
	b.Flash = s.takeFlash(w, r)
	var buf bytes.Buffer
	if err := s.tmpl.execute(&buf, name, data); err != nil {
		s.log.Error("render back office page", "page", name, "err", err)
		httpx.Plain(w, http.StatusInternalServerError, "Er ging iets mis aan onze kant. Probeer het later opnieuw.")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// seeOther answers a form that succeeded: back to a page, with a message
// for the next one (see flash).
func (s *Server) seeOther(w http.ResponseWriter, r *request, to, message string) error {
	if message != "" {
		setFlash(w, s.secure, message)
	}
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return nil
}

// orgURL is the address of an organisation's back office, with more path.
func orgURL(org *koers.Organisation, more ...string) string {
	return "/beheer/" + url.PathEscape(org.Slug) + strings.Join(more, "")
}
