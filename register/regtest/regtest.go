// Package regtest is the contract every register store passes (as
// storetest is the publication store's): imports all or nothing,
// idempotent and tolerant of order; counts equal to the domain's
// reference (*koers.CountRule).Evaluate for the demo's rules and for many
// random rules over random facts; forgetting, ceilings and rule versions.
package regtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// Store is what the contract tests: the register, and its rules.
type Store interface {
	koers.Register
	SaveRules(ctx context.Context, orgID int64, rules []koers.CountRule) ([]koers.CountRule, error)
	Rules(ctx context.Context, orgID int64) ([]koers.CountRule, error)
}

// Run runs the contract on stores from open, a new empty one per test.
func Run(t *testing.T, open func(testing.TB) Store) {
	tests := []struct {
		name string
		test func(*testing.T, Store)
	}{
		{"AllOrNothing", testAllOrNothing},
		{"Idempotent", testIdempotent},
		{"OrderTolerant", testOrderTolerant},
		{"ImportAll", testImportAll},
		{"Withdrawn", testWithdrawn},
		{"Clients", testClients},
		{"Organisations", testOrganisations},
		{"DemoRules", testDemoRules},
		{"RandomRules", testRandomRules},
		{"CountAll", testCountAll},
		{"Forget", testForget},
		{"CeilingUse", testCeilingUse},
		{"Rules", testRules},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open(t)) })
	}
}

// PostgresURL is the URL of a fresh schema in the database of
// KOERS_TEST_POSTGRES, dropped when the test ends, so that tests running
// at once on one database never meet. Without the variable the test is
// skipped, unless CI=true: then it fails. It opens the database with the
// "pgx" driver, which the store under test registers (sqlreg does).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	return storetest.PostgresURL(tb)
}

// DemoRules are the demo's counting rules, demo/register/rules.json.
func DemoRules(tb testing.TB) []koers.CountRule {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "demo", "register", "rules.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var rules []koers.CountRule
	if err := json.Unmarshal(data, &rules); err != nil {
		tb.Fatal(err)
	}
	return rules
}
