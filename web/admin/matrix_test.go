package admin

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// wildcard is a path segment pattern of ServeMux: {name} or {name...}.
var wildcard = regexp.MustCompile(`\{[a-z]+(\.\.\.)?\}`)

// fill makes a route's pattern into a request: the method and a path with
// the organisation's slug for {org} and a plausible value elsewhere.
func fill(pattern, org string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.ReplaceAll(path, "{org}", org)
	path = wildcard.ReplaceAllStringFunc(path, func(w string) string {
		if strings.HasSuffix(w, "...}") {
			return "a/b"
		}
		return "1"
	})
	return method, path
}

// TestPermissionMatrix walks every back-office route for every role, in
// the person's own organisation and in another, and signed out. The
// handlers are replaced by one that answers 204, so that what is tested is
// the access rule alone; TestOtherOrganisationsObjects holds the handlers
// to the organisation of what they act on.
func TestPermissionMatrix(t *testing.T) {
	o := newOffice(t)
	routes := o.server.Routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes: the table is not the back office's", len(routes))
	}
	// Signed in before the sign-in is replaced too.
	clients := map[koers.Role]*client{}
	for _, role := range koers.Roles {
		clients[role] = o.signIn(o.orgs[0].Slug + "/" + string(role))
	}
	for i := range o.server.routes {
		o.server.routes[i].handle = func(w http.ResponseWriter, r *request) error {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
	}
	o.handler = o.mount(o.server)
	checked := 0
	expect := func(t *testing.T, c *client, method, path string, want int) {
		t.Helper()
		var form url.Values
		if method == http.MethodPost {
			form = url.Values{}
		}
		rec := c.do(method, path, form)
		got := rec.Code
		if got != want {
			t.Errorf("%s %s: status %d, want %d", method, path, got, want)
		}
		if want == http.StatusSeeOther && !strings.HasPrefix(rec.Header().Get("Location"), "/beheer/aanmelden?terug=") {
			t.Errorf("%s %s: sent to %q, want the sign-in", method, path, rec.Header().Get("Location"))
		}
		checked++
	}
	own, other := o.orgs[0], o.orgs[1]
	for _, rt := range routes {
		t.Run(rt.Pattern, func(t *testing.T) {
			method, ownPath := fill(rt.Pattern, own.Slug)
			_, otherPath := fill(rt.Pattern, other.Slug)
			_, nobodyPath := fill(rt.Pattern, "bestaat-niet")
			signedOut := http.StatusSeeOther
			if method == http.MethodPost {
				signedOut = http.StatusUnauthorized
			}
			if rt.Access == Anyone {
				signedOut = http.StatusNoContent
			}
			expect(t, o.browser(), method, ownPath, signedOut)
			for _, role := range koers.Roles {
				c := clients[role]
				switch rt.Access {
				case Anyone, SignedIn:
					expect(t, c, method, ownPath, http.StatusNoContent)
				case Org:
					want := http.StatusForbidden
					if koers.Can(o.users[own.Slug+"/"+string(role)], rt.Action, own.ID) {
						want = http.StatusNoContent
					}
					expect(t, c, method, ownPath, want)
					// Another organisation, and one that does not exist,
					// look the same: not found.
					expect(t, c, method, otherPath, http.StatusNotFound)
					expect(t, c, method, nobodyPath, http.StatusNotFound)
				}
			}
		})
	}
	if want := len(routes) * (1 + len(koers.Roles)); checked < want {
		t.Fatalf("checked %d requests, want at least %d", checked, want)
	}
}

// TestEveryRouteIsInTheMatrix: what the mux serves under /beheer is what
// Routes lists, so that the matrix cannot miss a route.
func TestEveryRouteIsInTheMatrix(t *testing.T) {
	o := newOffice(t)
	listed := map[string]bool{}
	for _, rt := range o.server.Routes() {
		listed[rt.Pattern] = true
		if rt.Access == Org && !slices.Contains(koers.Actions, rt.Action) {
			t.Errorf("%s: unknown action %q", rt.Pattern, rt.Action)
		}
		if rt.Access != Org && rt.Action != "" {
			t.Errorf("%s: an action on a route that is not an organisation's", rt.Pattern)
		}
	}
	mux := newMux(o.server)
	n := 0
	for _, p := range mux.Patterns() {
		if _, path, _ := strings.Cut(p, " "); strings.HasPrefix(path, "/beheer") {
			n++
			if !listed[p] {
				t.Errorf("%s is served but not in Routes", p)
			}
		}
	}
	if n != len(listed) {
		t.Errorf("the mux serves %d back-office routes, Routes lists %d", n, len(listed))
	}
}
