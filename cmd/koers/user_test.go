package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/sqlite"
)

// runStdin runs koers with args and standard input.
func runStdin(tb testing.TB, stdin string, args ...string) (stdout string, err error) {
	tb.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err = m.Run(context.Background(), args)
	return out.String(), err
}

func TestUserCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koers.db")
	db := "sqlite:" + path
	mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"))
	const password = "tulp-fiets-molen-kaas"

	for _, tt := range []struct {
		name, stdin string
		args        []string
		want        string // in the error, or in what it printed
		fails       bool
	}{
		{"add", password + "\n", []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "beheerder", "--name", "Anne de Vries", " Anne@Leiderdorp.nl "},
			"anne@leiderdorp.nl added with beheerder in leiderdorp", false},
		{"roles for an existing user", "", []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "redacteur,publicist", "anne@leiderdorp.nl"},
			"anne@leiderdorp.nl now holds redacteur, publicist, beheerder in leiderdorp", false},
		{"weak password", "wachtwoord123\n", []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "redacteur", "piet@leiderdorp.nl"},
			"Dit wachtwoord is te makkelijk te raden", true},
		{"short password", "kort\n", []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "redacteur", "piet@leiderdorp.nl"},
			"Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang.", true},
		{"unknown role", password, []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "baas", "piet@leiderdorp.nl"},
			`role "baas" is not redacteur, beoordelaar, publicist or beheerder`, true},
		{"unknown organisation", password, []string{"user", "add", "--db", db, "--org", "nergens", "--role", "redacteur", "piet@leiderdorp.nl"},
			`user add: organisation "nergens"`, true},
		{"bad address", password, []string{"user", "add", "--db", db, "--org", "leiderdorp", "--role", "redacteur", "geen-adres"},
			"Vul een geldig e-mailadres in, zoals naam@gemeente.nl.", true},
		{"no org", password, []string{"user", "add", "--db", db, "--role", "redacteur", "piet@leiderdorp.nl"},
			"user add: --org and --role are required", true},
		{"list", "", []string{"user", "list", "--db", db, "--org", "leiderdorp"},
			"anne@leiderdorp.nl  Anne de Vries  active  leiderdorp:redacteur leiderdorp:publicist leiderdorp:beheerder", false},
		{"reset", "een-heel-ander-wachtwoord\n", []string{"user", "reset", "--db", db, "anne@leiderdorp.nl"},
			"anne@leiderdorp.nl has a new password; their sessions are ended", false},
		{"disable", "", []string{"user", "disable", "--db", db, "anne@leiderdorp.nl"}, "anne@leiderdorp.nl is disabled", false},
		{"disable unknown", "", []string{"user", "disable", "--db", db, "niemand@leiderdorp.nl"}, "Er is geen gebruiker met dit e-mailadres.", true},
		{"unknown subcommand", "", []string{"user", "promote", "anne@leiderdorp.nl"}, `user: unknown subcommand "promote"`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runStdin(t, tt.stdin, tt.args...)
			got := out
			if err != nil {
				got = err.Error()
			}
			if (err != nil) != tt.fails || !strings.Contains(got, tt.want) {
				t.Fatalf("koers %s: %q (err %v), want %q", strings.Join(tt.args, " "), out, err, tt.want)
			}
		})
	}

	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, hash, err := s.UserByEmail(context.Background(), "anne@leiderdorp.nl")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.Verify("een-heel-ander-wachtwoord", hash); !ok || !u.Disabled || u.Name != "Anne de Vries" {
		t.Errorf("after the commands: %+v, the reset password verifies: %v", u, ok)
	}
	if _, _, err := s.UserByEmail(context.Background(), "piet@leiderdorp.nl"); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("a refused add wrote a user: %v", err)
	}
}
