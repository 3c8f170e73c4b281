package koers_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// TestCan pins the whole policy: every action for every role, in the
// role's organisation and in another, signed out and disabled.
func TestCan(t *testing.T) {
	want := map[koers.Role]string{ // the actions each role may do, in Actions order
		koers.Redacteur:         "see edit",
		koers.Beoordelaar:       "see review",
		koers.Publicist:         "see publish",
		koers.Beheerder:         "see users organisation audit api_tokens",
		koers.Registerbeheerder: "see register",
	}
	for _, role := range koers.Roles {
		u := &koers.User{ID: 1, Grants: []koers.Grant{{OrganisationID: 7, Role: role}}}
		var got []string
		for _, a := range koers.Actions {
			if koers.Can(u, a, 7) {
				got = append(got, string(a))
			}
			if koers.Can(u, a, 8) {
				t.Errorf("%s may %s in another organisation", role, a)
			}
			disabled := *u
			disabled.Disabled = true
			if koers.Can(&disabled, a, 7) {
				t.Errorf("a disabled %s may %s", role, a)
			}
		}
		for _, a := range koers.Actions {
			if koers.Can(u, a, 7) != slices.Contains(koers.RolesFor(a), role) {
				t.Errorf("RolesFor(%s) and Can disagree on %s", a, role)
			}
		}
		if strings.Join(got, " ") != want[role] {
			t.Errorf("%s may %q, want %q", role, strings.Join(got, " "), want[role])
		}
	}
	for _, a := range koers.Actions {
		if koers.Can(nil, a, 7) {
			t.Errorf("nobody signed in may %s", a)
		}
	}
	if koers.Can(&koers.User{Grants: []koers.Grant{{OrganisationID: 7, Role: koers.Beheerder}}}, "delete-everything", 7) {
		t.Error("an unknown action is allowed")
	}
}

func TestCanManageAccount(t *testing.T) {
	grant := func(org int64, r koers.Role) koers.Grant { return koers.Grant{OrganisationID: org, Role: r} }
	admin7 := &koers.User{ID: 1, Grants: []koers.Grant{grant(7, koers.Beheerder)}}
	admin78 := &koers.User{ID: 2, Grants: []koers.Grant{grant(7, koers.Beheerder), grant(8, koers.Beheerder)}}
	only7 := &koers.User{ID: 3, Grants: []koers.Grant{grant(7, koers.Redacteur)}}
	both := &koers.User{ID: 4, Grants: []koers.Grant{grant(7, koers.Redacteur), grant(8, koers.Beheerder)}}
	for _, tt := range []struct {
		actor, person *koers.User
		want          bool
	}{
		{admin7, only7, true},
		{admin7, both, false}, // works for 8 too, which admin7 does not manage
		{admin78, both, true},
		{only7, only7, false},
		{nil, only7, false},
	} {
		if got := koers.CanManageAccount(tt.actor, tt.person); got != tt.want {
			t.Errorf("CanManageAccount(%v, %v) = %v", tt.actor, tt.person, got)
		}
	}
}

func TestUserValidate(t *testing.T) {
	for _, tt := range []struct {
		user koers.User
		want string // the problems, "path: message" joined by "; "
	}{
		{koers.User{Email: "anne@leiderdorp.nl", Name: "Anne", Grants: []koers.Grant{{OrganisationID: 1, Role: koers.Redacteur}}}, ""},
		{koers.User{}, "/email: Vul een e-mailadres in."},
		{koers.User{Email: "Anne@leiderdorp.nl"}, "/email: Vul een geldig e-mailadres in, zoals naam@gemeente.nl."},
		{koers.User{Email: "anne@localhost"}, "/email: Vul een geldig e-mailadres in, zoals naam@gemeente.nl."},
		{koers.User{Email: "Anne <anne@leiderdorp.nl>"}, "/email: Vul een geldig e-mailadres in, zoals naam@gemeente.nl."},
		{koers.User{Email: "a@b.nl", Name: "twee\nregels"}, "/name: Vul een naam in van hoogstens 200 tekens, op één regel."},
		{koers.User{Email: "a@b.nl", Grants: []koers.Grant{{OrganisationID: 1, Role: "baas"}}}, "/roles: Kies een rol: redacteur, beoordelaar, publicist, beheerder of register."},
		{koers.User{Email: "a@b.nl", Grants: []koers.Grant{{Role: koers.Redacteur}}}, "/roles: Een rol hoort bij een organisatie."},
		{koers.User{Email: "a@b.nl", Grants: []koers.Grant{{OrganisationID: 1, Role: koers.Redacteur}, {OrganisationID: 1, Role: koers.Redacteur}}},
			"/roles: Deze rol staat er twee keer."},
	} {
		var got []string
		if err := tt.user.Validate(); err != nil {
			var e *koers.Error
			if !errors.As(err, &e) || e.Code != koers.EINVALID {
				t.Fatalf("%+v: %v", tt.user, err)
			}
			for _, p := range e.Problems {
				got = append(got, p.Pointer()+": "+p.Message)
			}
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%+v: %q, want %q", tt.user, strings.Join(got, "; "), tt.want)
		}
	}
}

func TestLockedUntil(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		failures int
		ago      time.Duration
		want     time.Duration // from now; 0: not locked
	}{
		{koers.FreeFailures - 1, 0, 0},
		{koers.FreeFailures, 0, koers.FailureDelay},
		{koers.FreeFailures + 1, 0, 2 * koers.FailureDelay},
		{koers.FreeFailures + 3, time.Second, 8*koers.FailureDelay - time.Second},
		{koers.FreeFailures + 40, 0, koers.MaxFailureDelay},
		{koers.FreeFailures, koers.FailureDelay, 0},
		{koers.FreeFailures + 40, koers.FailureMemory, 0},
	} {
		a := koers.Attempt{Key: "account:a@b.nl", Failures: tt.failures, LastAt: now.Add(-tt.ago)}
		got := a.LockedUntil(now)
		if (tt.want == 0) != got.IsZero() || (tt.want != 0 && got.Sub(now) != tt.want) {
			t.Errorf("%d failures %v ago: locked until %v, want %v from now", tt.failures, tt.ago, got, tt.want)
		}
	}
}

func TestSessionLive(t *testing.T) {
	start := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	s := koers.Session{CreatedAt: start, SeenAt: start}
	for _, tt := range []struct {
		seen, now time.Duration
		live      bool
	}{
		{0, koers.SessionIdle - time.Second, true},
		{0, koers.SessionIdle, false},
		{koers.SessionLifetime - time.Minute, koers.SessionLifetime - time.Second, true},
		{koers.SessionLifetime - time.Minute, koers.SessionLifetime, false},
	} {
		s.SeenAt = start.Add(tt.seen)
		if got := s.Live(start.Add(tt.now)); got != tt.live {
			t.Errorf("seen at +%v, now +%v: live %v", tt.seen, tt.now, got)
		}
	}
}
