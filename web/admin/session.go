package admin

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/httpx"
)

// cookieName is the session cookie's name: with the __Host- prefix over
// https, which binds it to this host and path "/" and requires Secure.
func (s *Server) cookieName() string {
	if s.secure {
		return "__Host-koers-sessie"
	}
	return "koers-sessie"
}

// now is the clock; tests replace it.
var now = time.Now

// authenticate finds the signed-in user from the session cookie. A session
// that expired or whose user was disabled is ended and its cookie removed.
func (s *Server) authenticate(w http.ResponseWriter, r *request) error {
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" || len(c.Value) > 64 {
		return nil
	}
	hash := auth.TokenHash(c.Value)
	sess, user, err := s.store.Session(r.Context(), hash)
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		s.clearCookie(w)
		return nil
	} else if err != nil {
		return err
	}
	t := now()
	if !sess.Live(t) || user.Disabled {
		_ = s.store.EndSession(koers.WithActor(r.Context(), user), hash)
		s.clearCookie(w)
		return nil
	}
	if t.Sub(sess.SeenAt) >= koers.SessionTouch {
		if err := s.store.TouchSession(r.Context(), hash, t); err != nil {
			return err
		}
	}
	r.user, r.session, r.token = user, sess, c.Value
	return nil
}

func (s *Server) setCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: int(koers.SessionLifetime / time.Second)})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// signInPage is the sign-in form.
type signInPage struct {
	layout
	Email string
	Back  string
	Form  form
}

func (s *Server) signInForm(w http.ResponseWriter, r *request) error {
	if r.user != nil {
		http.Redirect(w, r.Request, safeBack(r.URL.Query().Get("terug")), http.StatusSeeOther)
		return nil
	}
	data := &signInPage{Back: safeBack(r.URL.Query().Get("terug"))}
	data.Title = "Aanmelden"
	s.render(w, r, http.StatusOK, "signin", data)
	return nil
}

// refused is the one answer to a failed sign-in, whatever failed: it does
// not tell whether the account exists.
const refused = "Het e-mailadres of het wachtwoord klopt niet, of dit account kan zich nu niet aanmelden."

// waitFor says, in Dutch, how long the account or the address of keys
// must wait before a password is checked again; "" when it need not.
func (s *Server) waitFor(ctx context.Context, keys []string) (string, error) {
	attempts, err := s.store.Attempts(ctx, keys...)
	if err != nil {
		return "", err
	}
	t := now()
	var until time.Time
	for _, a := range attempts {
		if u := a.LockedUntil(t); u.After(until) {
			until = u
		}
	}
	if until.IsZero() {
		return "", nil
	}
	return fmt.Sprintf("Er is te vaak een verkeerd wachtwoord ingevuld. Wacht %s en probeer het dan opnieuw.", waitText(until.Sub(t))), nil
}

// signIn checks the e-mail address and the password and starts a new
// session: a new ID at every sign-in, so that a session ID planted before
// it (session fixation) is worth nothing.
func (s *Server) signIn(w http.ResponseWriter, r *request) error {
	email := koers.NormalizeEmail(r.PostFormValue("email"))
	if utf8.RuneCountInString(email) > koers.MaxNameLength { // no account has one; the log keeps it short
		email = string([]rune(email)[:koers.MaxNameLength])
	}
	password := r.PostFormValue("wachtwoord")
	back := safeBack(r.PostFormValue("terug"))
	data := &signInPage{Email: email, Back: back}
	data.Title = "Aanmelden"
	ctx := r.Context()
	address := httpx.ClientAddress(r.Request, s.client)
	keys := []string{koers.AttemptKey("account", email), koers.AttemptKey("address", address)}
	if wait, err := s.waitFor(ctx, keys); err != nil {
		return err
	} else if wait != "" {
		data.Form.Summary = append(data.Form.Summary, problem{Message: wait})
		s.render(w, r, http.StatusTooManyRequests, "signin", data)
		return nil
	}
	if email == "" || password == "" {
		if email == "" {
			data.Form.add("email", "Vul uw e-mailadres in.")
		}
		if password == "" {
			data.Form.add("wachtwoord", "Vul uw wachtwoord in.")
		}
		s.render(w, r, http.StatusUnprocessableEntity, "signin", data)
		return nil
	}
	user, hash, err := s.store.UserByEmail(ctx, email)
	ok := false
	switch {
	case err == nil:
		ok, err = auth.Verify(password, hash)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user", user.ID, "err", err)
			ok = false
		}
		ok = ok && !user.Disabled
	case koers.ErrorCode(err) == koers.ENOTFOUND:
		auth.VerifyNothing(password) // as long as a real check
	default:
		return err
	}
	if !ok {
		if err := s.store.RecordFailure(ctx, email, address, keys...); err != nil {
			return err
		}
		data.Form.Summary = append(data.Form.Summary, problem{Message: refused})
		s.render(w, r, http.StatusUnauthorized, "signin", data)
		return nil
	}
	// The account's failures are forgiven; the address's are not, so that
	// signing in to one's own account does not reset a count of guesses
	// at others'.
	if err := s.store.ClearFailures(ctx, keys[0]); err != nil {
		return err
	}
	if r.token != "" { // whoever was signed in in this browser is no more
		_ = s.store.EndSession(r.Context(), auth.TokenHash(r.token))
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	t := now()
	sess := &koers.Session{IDHash: tokenHash, UserID: user.ID, CreatedAt: t, SeenAt: t, Address: address}
	if err := s.store.CreateSession(koers.WithActor(ctx, user), sess); err != nil {
		return err
	}
	s.setCookie(w, token)
	http.Redirect(w, r.Request, back, http.StatusSeeOther)
	return nil
}

// waitText says how long to wait, in Dutch.
func waitText(d time.Duration) string {
	minutes := int(math.Ceil(d.Minutes()))
	if minutes <= 1 {
		return "een minuut"
	}
	return strconv.Itoa(minutes) + " minuten"
}

// safeBack keeps a return address within the back office, so that the
// sign-in cannot send anyone elsewhere (an open redirect).
func safeBack(back string) string {
	u, err := url.Parse(back)
	if err != nil || back == "" || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(u.Path, "/beheer") || strings.HasPrefix(back, "//") || strings.Contains(back, "\\") {
		return "/beheer"
	}
	return u.RequestURI()
}

func (s *Server) signOut(w http.ResponseWriter, r *request) error {
	if r.token != "" {
		if err := s.store.EndSession(r.Context(), auth.TokenHash(r.token)); err != nil {
			return err
		}
	}
	s.clearCookie(w)
	return s.seeOther(w, r, "/beheer/aanmelden", "U bent afgemeld.")
}

// passwordPage is the form to change one's own password.
type passwordPage struct {
	layout
	Form form
}

func (s *Server) passwordForm(w http.ResponseWriter, r *request) error {
	data := &passwordPage{}
	data.Title = "Wachtwoord wijzigen"
	s.render(w, r, http.StatusOK, "password", data)
	return nil
}

func (s *Server) changePassword(w http.ResponseWriter, r *request) error {
	data := &passwordPage{}
	data.Title = "Wachtwoord wijzigen"
	current, next, again := r.PostFormValue("huidig"), r.PostFormValue("nieuw"), r.PostFormValue("herhaling")
	ctx := r.Context()
	// Guessing the current password from a session counts as failed
	// sign-ins of the account, and waits as they do.
	address := httpx.ClientAddress(r.Request, s.client)
	keys := []string{koers.AttemptKey("account", r.user.Email), koers.AttemptKey("address", address)}
	if wait, err := s.waitFor(ctx, keys); err != nil {
		return err
	} else if wait != "" {
		data.Form.Summary = append(data.Form.Summary, problem{Message: wait})
		s.render(w, r, http.StatusTooManyRequests, "password", data)
		return nil
	}
	_, hash, err := s.store.UserByEmail(ctx, r.user.Email)
	if err != nil {
		return err
	}
	if ok, _ := auth.Verify(current, hash); !ok {
		if err := s.store.RecordFailure(ctx, r.user.Email, address, keys...); err != nil {
			return err
		}
		data.Form.add("huidig", "Het huidige wachtwoord klopt niet.")
	}
	if err := auth.CheckPassword(next, r.user.Email, r.user.Name); err != nil {
		data.Form.add("nieuw", koers.ErrorMessage(err))
	} else if next != again {
		data.Form.add("herhaling", "De herhaling is niet gelijk aan het nieuwe wachtwoord.")
	}
	if data.Form.failed() {
		s.render(w, r, http.StatusUnprocessableEntity, "password", data)
		return nil
	}
	newHash, err := auth.Hash(next, s.params)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(r.Context(), r.user.ID, newHash, r.session.IDHash); err != nil {
		return err
	}
	return s.seeOther(w, r, "/beheer", "Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd.")
}
