// Package write is koers's write API under /api/v1/organisaties: programs
// that hold an API token of an organisation (koers.APIToken) deliver
// drafts as bundles, change the indicator values of a draft, and submit or
// publish it, each within the token's role. It is described with the
// read API in web/api's openapi.json.
//
// A call authenticates with "Authorization: Bearer koers_..." and nothing
// else: cookies are ignored, so a browser's session gives no access and
// the API has no cross-site request surface. Every call of a token is
// rate-limited by the token, and recorded in the audit log: what it wrote
// by the store's write, what was refused as koers.AuditAPIRefused.
package write

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/httpx"
)

// Store is what the write API reads and writes.
type Store interface {
	koers.APITokens
	koers.Drafts
	koers.Reviews
	koers.Audit
	Organisation(ctx context.Context, id int64) (*koers.Organisation, error)
	DocumentBySlug(ctx context.Context, orgID int64, slug string) (*koers.Document, error)
}

// Options configure a Server. Zero values pick the defaults.
type Options struct {
	Logger *slog.Logger
	// Published is called after a document was published, so that the
	// site forgets what it kept of it.
	Published func()
	// Rate is how many calls one token may make per minute, after a burst
	// of as many; 0 is DefaultRate.
	Rate int
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// DefaultRate is the calls per minute per token.
const DefaultRate = 60

// MaxBody bounds a request's body: a bundle, as the back office's upload.
const MaxBody = 32 << 20

// Server serves the write API.
type Server struct {
	store     Store
	log       *slog.Logger
	published func()
	limit     *limiter
	now       func() time.Time
}

// New returns the write API on store.
func New(store Store, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Published == nil {
		opt.Published = func() {}
	}
	if opt.Rate <= 0 {
		opt.Rate = DefaultRate
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Server{store: store, log: opt.Logger, published: opt.Published,
		limit: newLimiter(opt.Rate, time.Minute, opt.Now), now: opt.Now}
}

// Prefix is where the write API's addresses start.
const Prefix = "/api/v1/organisaties/{org}/documenten/{slug}/concept"

// Register adds the write API's routes to m.
func (s *Server) Register(m *httpx.Mux) {
	m.HandleFunc("PUT "+Prefix, s.serve(koers.EditDrafts, s.putDraft))
	m.HandleFunc("PATCH "+Prefix+"/indicatoren", s.serve(koers.EditDrafts, s.patchValues))
	m.HandleFunc("POST "+Prefix+"/indienen", s.serve(koers.EditDrafts, s.submit))
	m.HandleFunc("POST "+Prefix+"/publiceren", s.serve(koers.PublishDocuments, s.publish))
}

// call is one authenticated call: the token, the user it acts as, its
// organisation, and the document's slug from the address.
type call struct {
	r     *http.Request
	w     http.ResponseWriter
	token *koers.APIToken
	user  *koers.User
	org   *koers.Organisation
	slug  string
}

// answer is a handler's result: a status and a value to encode.
type answer struct {
	status int
	body   any
}

type handler func(c *call) (answer, error)

// serve authenticates the call, limits its rate, checks that the token's
// organisation is the address's and that its role may do action, and
// runs h as the token's user. A refusal after authentication is audited.
func (s *Server) serve(action koers.Action, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		tok, err := s.authenticate(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if wait, ok := s.limit.allow(strconv.FormatInt(tok.ID, 10)); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
			writeJSON(w, http.StatusTooManyRequests, errorBody(koers.Errorf("rate_limited",
				"Te veel aanroepen met deze sleutel; probeer het over %d seconden opnieuw.", int(wait.Seconds()+0.999))))
			return
		}
		u := tok.Actor()
		c := &call{r: r.WithContext(koers.WithActor(r.Context(), u)), w: w, token: tok, user: u, slug: r.PathValue("slug")}
		res, err := s.run(c, action, h)
		if err != nil {
			s.refused(c, err)
			s.fail(w, r, err)
			return
		}
		writeJSON(w, res.status, res.body)
	}
}

func (s *Server) run(c *call, action koers.Action, h handler) (answer, error) {
	ctx := c.r.Context()
	if now := s.now(); now.Sub(c.token.LastUsedAt) >= koers.APITokenTouch {
		if err := s.store.TouchAPIToken(ctx, c.token.ID, now); err != nil {
			s.log.Warn("API token: last use not recorded", "token", c.token.ID, "err", err)
		}
	}
	org, err := s.store.Organisation(ctx, c.token.OrganisationID)
	if err != nil {
		return answer{}, err
	}
	c.org = org
	if c.r.PathValue("org") != org.Slug {
		return answer{}, koers.Errorf(koers.EFORBIDDEN, "Deze API-sleutel hoort bij %s; het adres noemt een andere organisatie.", org.Name)
	}
	if !koers.Can(c.user, action, org.ID) {
		return answer{}, koers.Errorf(koers.EFORBIDDEN, "Een API-sleutel met de rol %s mag dit niet; daarvoor is de rol %s nodig.",
			strings.ToLower(c.token.Role.Label()), roleNames(koers.RolesFor(action)))
	}
	return h(c)
}

// roleNames lists roles in Dutch: "redacteur", "redacteur of publicist".
func roleNames(roles []koers.Role) string {
	var names []string
	for _, r := range roles {
		names = append(names, strings.ToLower(r.Label()))
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " of " + names[len(names)-1]
}

// authenticate finds the live token of the request's bearer credentials.
func (s *Server) authenticate(r *http.Request) (*koers.APIToken, error) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return nil, errNoToken
	}
	if !strings.HasPrefix(token, koers.APITokenPrefix) {
		return nil, errBadToken
	}
	tok, err := s.store.APITokenByHash(r.Context(), auth.TokenHash(token))
	if koers.ErrorCode(err) == koers.EUNAUTHORIZED || koers.ErrorCode(err) == koers.ENOTFOUND {
		return nil, errBadToken
	}
	return tok, err
}

var (
	errNoToken  = &koers.Error{Code: koers.EUNAUTHORIZED, Message: "Meld de aanroep aan met een API-sleutel: Authorization: Bearer koers_…"}
	errBadToken = &koers.Error{Code: koers.EUNAUTHORIZED, Message: "Deze API-sleutel is onbekend, verlopen of ingetrokken."}
)

// refused records a refused call in the audit log, as the token.
func (s *Server) refused(c *call, err error) {
	if koers.ErrorCode(err) == koers.EINTERNAL {
		return // the log has it; the audit log records what someone did
	}
	e := koers.AuditEntry{OrganisationID: c.token.OrganisationID, Action: koers.AuditAPIRefused, Document: c.slug,
		Before: c.r.Method + " " + c.r.URL.Path, After: koers.ErrorMessage(err)}
	if err := s.store.RecordAudit(c.r.Context(), e); err != nil {
		s.log.Error("API: refusal not audited", "err", err)
	}
}

// ErrorBody is the answer to a call that failed: the read API's shape,
// with the located problems of a bundle or a body that was refused.
type ErrorBody struct {
	Error struct {
		Code     string    `json:"code"`
		Message  string    `json:"message"`
		Problems []Problem `json:"problems,omitempty"`
	} `json:"error"`
}

// Problem is one located problem. For a bundle it is what `koers check`
// prints (Text) and its parts; for the other bodies a JSON pointer into
// the body and a message.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Pointer string `json:"pointer"`
	Message string `json:"message"`
	Text    string `json:"text,omitempty"`
}

// problemsError is a refusal with located problems: 422.
type problemsError struct {
	message  string
	problems []Problem
}

func (e *problemsError) Error() string { return e.message }

func errorBody(err error) ErrorBody {
	var body ErrorBody
	body.Error.Code = koers.ErrorCode(err)
	body.Error.Message = koers.ErrorMessage(err)
	var pe *problemsError
	if errors.As(err, &pe) {
		body.Error.Code, body.Error.Message, body.Error.Problems = koers.EINVALID, pe.message, pe.problems
	}
	return body
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if koers.ErrorCode(err) == koers.EINTERNAL && !errors.As(err, new(*problemsError)) {
		s.log.Error("API call failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := httpx.Status(err)
	var pe *problemsError
	switch {
	case errors.As(err, &pe), koers.ErrorCode(err) == koers.EINVALID && status == http.StatusBadRequest:
		// The body was read and refused: unprocessable, not malformed.
		status = http.StatusUnprocessableEntity
	case status == http.StatusUnauthorized:
		challenge := `Bearer realm="koers"`
		if err == errBadToken {
			challenge += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeJSON(w, status, errorBody(err))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, fmt.Sprint(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
