package koers_test

import (
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/koers-nl/koers"

// imports says, for every package of the module, which of the module's
// packages it may import directly ("" is the domain, the root). A package
// missing here fails the test: a new one must be given its place. See
// doc/architecture.md.
var imports = map[string][]string{
	"":                 nil,              // the domain imports nothing of ours
	"dutch":            nil,              // Dutch stems and snippets: a library
	"pdf/pdftest":      {"pdf/pdfcheck"}, // test helper: reads PDFs with poppler, checks tagging with pdfcheck
	"pdf/pdfcheck":     nil,              // reads a PDF back and checks its tagging: a library for tests
	"bundle":           {""},
	"demo":             {"", "bundle"},
	"synth":            {""},
	"storetest":        {""},
	"register":         {""},              // the register's service layer: pseudonyms, rules files, Compute
	"register/sqlreg":  {""},              // the register's store on SQLite and PostgreSQL
	"register/regtest": {"", "storetest"}, // the register store's contract
	"pdf":              {"", "chart", "present"},
	"sqlstore":         {"", "dutch"},
	"sqlite":           {"", "sqlstore", "dutch"},
	"postgres":         {"", "sqlstore"},
	"httpx":            {""},
	"web/httpcache":    nil,
	"web/urls":         {""},
	"web":              {"", "chart", "diff", "dutch", "pdf", "present", "httpx", "web/httpcache", "web/urls"},
	"web/api":          {"", "dutch", "present", "httpx", "web/httpcache", "web/urls"},
	"web/api/write":    {"", "auth", "bundle", "httpx"}, // the write API: drafts through API tokens
	"cmd/koers": {"", "auth", "bundle", "demo", "synth", "sqlite", "postgres", "httpx", "web", "web/admin", "web/api", "web/api/write", "web/httpcache", "statline", "statimport", "synth/register",
		"register", "register/sqlreg", "register/istd", "register/regcsv"},
	"auth":                {""},
	"web/admin":           {"", "auth", "bundle", "diff", "httpx", "markup", "web"},
	"e2e":                 nil, // browser tests only
	"schematest":          nil, // tests only: both engines' schemas and migrations compared
	"scripts/crashinject": nil, // drives the koers binary from outside
	"scripts/scaleload":   nil, // HTTP load for scripts/scale.sh
	"scripts/plainhttp":   nil, // a bare net/http yardstick for scripts/load.sh
	"present":             {""},
	"chart":               {""},            // charts' layout and words, for the site and the PDF
	"markup":              {""},            // the editor's Markdown for text blocks
	"diff":                {"", "present"}, // versions compared for readers
	"statline":            nil,             // CBS StatLine exports: imports nothing of ours
	"statimport":          {"", "statline"},
	"register/istd":       {""}, // iWmo and iJw messages into the register
	"register/regcsv":     {""}, // the register's CSV formats
	"synth/register":      {""}, // synthetic register data: iWmo/iJw messages and CSVs
}

// never says what a package must not depend on at all, directly or
// through others.
var never = map[string][]string{
	"":              {"*"},
	"web":           {"sqlstore", "sqlite", "postgres", "bundle", "web/api", "storetest", "demo", "register", "register/sqlreg"},
	"web/admin":     {"sqlstore", "sqlite", "postgres", "web/api", "storetest", "demo", "register", "register/sqlreg", "register/istd", "register/regcsv"},
	"web/api":       {"web", "sqlstore", "sqlite", "postgres", "bundle", "pdf", "storetest", "demo", "register", "register/sqlreg"},
	"web/api/write": {"web", "web/admin", "sqlstore", "sqlite", "postgres", "pdf", "storetest", "demo"},
	"httpx":         {"web", "web/api", "web/httpcache", "sqlstore", "sqlite", "postgres", "bundle", "pdf"},
	"sqlite":        {"web", "httpx", "bundle", "pdf", "postgres"},
	"postgres":      {"web", "httpx", "bundle", "pdf", "sqlite"},
	"sqlstore":      {"web", "httpx", "bundle", "pdf", "sqlite", "postgres"},
	"bundle":        {"web", "httpx", "sqlstore", "sqlite", "postgres", "pdf"},
	"pdf":           {"web", "httpx", "sqlstore", "sqlite", "postgres", "bundle", "register", "register/sqlreg"},
	"web/httpcache": {"*"},
}

// TestArchitecture holds the module's packages to their import rules,
// over what go list reports: the direct imports, and every dependency.
func TestArchitecture(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("go is not on PATH; CI must run the architecture test")
		}
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-f", "{{.ImportPath}}|{{join .Imports \",\"}}|{{join .Deps \",\"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	ours := func(list string) []string {
		var out []string
		for _, p := range strings.Split(list, ",") {
			if p == module {
				out = append(out, "")
			} else if rest, ok := strings.CutPrefix(p, module+"/"); ok {
				out = append(out, rest)
			}
		}
		sort.Strings(out)
		return out
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			t.Fatalf("go list: %q", line)
		}
		name := strings.TrimPrefix(strings.TrimPrefix(parts[0], module), "/")
		allowed, known := imports[name]
		if !known {
			t.Errorf("package %q has no import rules in arch_test.go", name)
			continue
		}
		seen++
		for _, imp := range ours(parts[1]) {
			if !slices.Contains(allowed, imp) {
				t.Errorf("%s imports %s, which it may not (allowed: %q)", show(name), show(imp), allowed)
			}
			if strings.HasPrefix(imp, "cmd/") {
				t.Errorf("%s imports the command %s", show(name), imp)
			}
		}
		for _, dep := range ours(parts[2]) {
			for _, bad := range never[name] {
				if bad == "*" || dep == bad {
					t.Errorf("%s depends on %s", show(name), show(dep))
				}
			}
		}
	}
	if seen != len(imports) {
		t.Errorf("go list reported %d of the %d packages with rules; remove the rules of packages that are gone", seen, len(imports))
	}
}

func show(p string) string {
	if p == "" {
		return "koers"
	}
	return p
}
