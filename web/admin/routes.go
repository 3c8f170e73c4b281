package admin

import "github.com/koers-nl/koers"

// routeTable is every route of the back office with who may reach it. Each
// part of the back office lists its own routes; the permission matrix test
// walks them all.
func (s *Server) routeTable() []route {
	var all []route
	for _, part := range [][]route{s.accountRoutes(), s.organisationRoutes(), s.documentRoutes(), s.reviewRoutes(), s.pageRoutes(),
		s.userRoutes(), s.apiTokenRoutes(), s.auditRoutes(), s.settingsRoutes(), s.registerRoutes()} {
		all = append(all, part...)
	}
	return all
}

// accountRoutes are signing in and out and one's own account.
func (s *Server) accountRoutes() []route {
	return []route{
		{"GET /beheer/aanmelden", Anyone, "", s.signInForm},
		{"POST /beheer/aanmelden", Anyone, "", s.signIn},
		{"POST /beheer/afmelden", SignedIn, "", s.signOut},
		{"GET /beheer/wachtwoord", SignedIn, "", s.passwordForm},
		{"POST /beheer/wachtwoord", SignedIn, "", s.changePassword},
		{"GET /beheer", SignedIn, "", s.home},
	}
}

// organisationRoutes are an organisation's own pages.
func (s *Server) organisationRoutes() []route {
	return []route{
		{"GET /beheer/{org}", Org, koers.SeeBackOffice, s.organisation},
	}
}
