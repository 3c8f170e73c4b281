package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

const userUsage = `Usage:
  koers user add --org SLUG --role ROLE[,ROLE] [--name NAME] [--db DB] EMAIL
  koers user list [--org SLUG] [--db DB]
  koers user disable [--db DB] EMAIL
  koers user reset [--db DB] EMAIL

ROLE is redacteur, beoordelaar, publicist, beheerder or register. "add" gives an
existing user the roles; a new user gets a password, read from standard
input when it is not a terminal (one line), and otherwise made up and
printed once. "reset" sets a new password the same way and ends the user's
sessions; "disable" stops the account and ends its sessions.
`

// user manages back-office accounts: the first administrator is made here,
// the rest in the browser.
func (m *Main) user(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, userUsage)
		return errors.New("user: no subcommand given")
	}
	sub, rest := args[0], args[1:]
	fs := m.flags("user "+sub, "[flags] EMAIL")
	db := m.dbFlag(fs)
	orgSlug := fs.String("org", "", "the organisation's slug")
	roles := fs.String("role", "", "roles, comma-separated: redacteur, beoordelaar, publicist, beheerder, register")
	name := fs.String("name", "", "the person's name")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	email := koers.NormalizeEmail(fs.Arg(0))
	switch {
	case sub != "list" && sub != "add" && sub != "disable" && sub != "reset":
		fmt.Fprint(m.Stderr, userUsage)
		return fmt.Errorf("user: unknown subcommand %q", sub)
	case sub == "list" && fs.NArg() > 0:
		return fmt.Errorf("user list: unexpected argument %q", fs.Arg(0))
	case sub != "list" && fs.NArg() != 1:
		return fmt.Errorf("user %s: give one e-mail address", sub)
	case sub == "add" && (*orgSlug == "" || *roles == ""):
		return errors.New("user add: --org and --role are required")
	}
	return withStore(ctx, *db, func(s koers.Store) error {
		switch sub {
		case "add":
			return m.userAdd(ctx, s, email, *name, *orgSlug, *roles)
		case "list":
			return m.userList(ctx, s, *orgSlug)
		case "disable":
			u, _, err := s.UserByEmail(ctx, email)
			if err != nil {
				return fmt.Errorf("user disable: %s", koers.ErrorMessage(err))
			}
			u.Disabled = true
			if err := s.UpdateUser(ctx, u); err != nil {
				return fmt.Errorf("user disable: %w", err)
			}
			fmt.Fprintf(m.Stdout, "%s is disabled\n", email)
			return nil
		default: // reset
			u, _, err := s.UserByEmail(ctx, email)
			if err != nil {
				return fmt.Errorf("user reset: %s", koers.ErrorMessage(err))
			}
			hash, err := m.newPassword(u)
			if err != nil {
				return fmt.Errorf("user reset: %w", err)
			}
			if err := s.SetPassword(ctx, u.ID, hash, ""); err != nil {
				return fmt.Errorf("user reset: %w", err)
			}
			fmt.Fprintf(m.Stdout, "%s has a new password; their sessions are ended\n", email)
			return nil
		}
	})
}

func (m *Main) userAdd(ctx context.Context, s koers.Store, email, name, orgSlug, roleList string) error {
	org, err := s.OrganisationBySlug(ctx, orgSlug)
	if err != nil {
		return fmt.Errorf("user add: organisation %q: %s", orgSlug, koers.ErrorMessage(err))
	}
	var grants []koers.Grant
	for _, r := range strings.Split(roleList, ",") {
		role := koers.Role(strings.TrimSpace(r))
		if !role.Valid() {
			return fmt.Errorf("user add: role %q is not redacteur, beoordelaar, publicist or beheerder", r)
		}
		grants = append(grants, koers.Grant{OrganisationID: org.ID, Role: role})
	}
	u, _, err := s.UserByEmail(ctx, email)
	switch {
	case err == nil: // an existing user gets the roles
		for _, g := range grants {
			if !u.Has(g.OrganisationID, g.Role) {
				u.Grants = append(u.Grants, g)
			}
		}
		if name != "" {
			u.Name = name
		}
		if err := s.UpdateUser(ctx, u); err != nil {
			return fmt.Errorf("user add: %s", problems(err))
		}
		fmt.Fprintf(m.Stdout, "%s now holds %s in %s\n", email, roleNames(u.RolesIn(org.ID)), org.Slug)
		return nil
	case koers.ErrorCode(err) != koers.ENOTFOUND:
		return fmt.Errorf("user add: %w", err)
	}
	u = &koers.User{Email: email, Name: name, Grants: grants}
	if err := u.Validate(); err != nil {
		return fmt.Errorf("user add: %s", problems(err))
	}
	hash, err := m.newPassword(u)
	if err != nil {
		return fmt.Errorf("user add: %w", err)
	}
	if err := s.CreateUser(ctx, u, hash); err != nil {
		return fmt.Errorf("user add: %s", problems(err))
	}
	fmt.Fprintf(m.Stdout, "%s added with %s in %s\n", email, roleNames(u.RolesIn(org.ID)), org.Slug)
	return nil
}

// problems is an error's message for the command line, with the problems
// of the rules it lists.
func problems(err error) string {
	var e *koers.Error
	if !errors.As(err, &e) || e.Code == koers.EINTERNAL {
		return err.Error()
	}
	msg := e.Message
	for _, p := range e.Problems {
		msg += "\n  " + p.Message
	}
	return msg
}

func roleNames(roles []koers.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

func (m *Main) userList(ctx context.Context, s koers.Store, orgSlug string) error {
	var orgID int64
	if orgSlug != "" {
		org, err := s.OrganisationBySlug(ctx, orgSlug)
		if err != nil {
			return fmt.Errorf("user list: organisation %q: %s", orgSlug, koers.ErrorMessage(err))
		}
		orgID = org.ID
	}
	users, err := s.Users(ctx, orgID)
	if err != nil {
		return fmt.Errorf("user list: %w", err)
	}
	orgs, err := s.Organisations(ctx)
	if err != nil {
		return fmt.Errorf("user list: %w", err)
	}
	slugs := map[int64]string{}
	for _, o := range orgs {
		slugs[o.ID] = o.Slug
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tSTATUS\tROLES")
	for _, u := range users {
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		var grants []string
		for _, g := range u.Grants {
			grants = append(grants, slugs[g.OrganisationID]+":"+string(g.Role))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Email, u.Name, status, strings.Join(grants, " "))
	}
	return tw.Flush()
}

// newPassword reads a new password from standard input when it is not a
// terminal, so that scripts and tests can set one, and otherwise makes one
// up and prints it once. It returns the hash.
func (m *Main) newPassword(u *koers.User) (string, error) {
	var password string
	if f, ok := m.Stdin.(*os.File); ok && isTerminal(f) {
		password = madeUpPassword()
		fmt.Fprintf(m.Stdout, "password for %s (shown once; they change it after signing in): %s\n", u.Email, password)
	} else {
		line, err := bufio.NewReader(io.LimitReader(m.Stdin, koers.MaxPasswordLength+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		if err := auth.CheckPassword(password, u.Email, u.Name); err != nil {
			return "", errors.New(koers.ErrorMessage(err))
		}
	}
	return auth.Hash(password, auth.DefaultParams)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// madeUpPassword is 26 random base32 characters (130 bits).
func madeUpPassword() string { return rand.Text() }
