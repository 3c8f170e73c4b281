package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register"
	"github.com/koers-nl/koers/register/istd"
	"github.com/koers-nl/koers/register/regcsv"
	"github.com/koers-nl/koers/register/sqlreg"
	"github.com/koers-nl/koers/web/admin"
)

// The register's packages behind the register's commands and the back
// office's register pages.
func init() {
	backend = registerBackend{
		Open: func(ctx context.Context, db string) (registerStore, error) {
			switch {
			case strings.HasPrefix(db, "sqlite:"):
				path := strings.TrimPrefix(strings.TrimPrefix(db, "sqlite:"), "//")
				if path == "" {
					return nil, koers.Errorf(koers.EINVALID, "--db %q names no file; use sqlite:PATH", db)
				}
				return sqlreg.OpenSQLite(ctx, path)
			case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
				return sqlreg.OpenPostgres(ctx, db)
			}
			return nil, koers.Errorf(koers.EINVALID, "--db %q: want sqlite:PATH or postgres://...", db)
		},
		LoadKey: func(path string) (pseudonymiser, error) { return register.LoadKey(path) },
		NewKeyFile: func(path string) error {
			_, err := register.NewKeyFile(path)
			return err
		},
		Decode:      decodeRegisterFile,
		DecodeRules: register.DecodeRules,
		Rules: func(ctx context.Context, reg registerStore, orgID int64) ([]koers.CountRule, error) {
			return reg.(*sqlreg.Store).Rules(ctx, orgID)
		},
		SaveRules: func(ctx context.Context, reg registerStore, orgID int64, rules []koers.CountRule) ([]koers.CountRule, error) {
			return reg.(*sqlreg.Store).SaveRules(ctx, orgID, rules)
		},
		Facts:   registerFacts,
		Compute: register.Compute,
	}
}

// factTables are the register's tables whose rows the back office's
// overview counts, with their words.
var factTables = []struct{ table, label string }{
	{"register_clients", "Cliënten"},
	{"register_assignments", "Toewijzingen"},
	{"register_care", "Start- en stopberichten"},
	{"register_registrations", "Registraties"},
	{"register_benefits", "Uitkeringen"},
	{"register_work", "Werkplekken"},
	{"register_providers", "Aanbieders"},
	{"register_ceilings", "Budgetplafonds"},
	{"register_populations", "Bevolkingscijfers"},
}

// registerFacts counts an organisation's facts per table, in one query.
// It knows sqlreg's table names: sqlreg offers no count of its own yet.
func registerFacts(ctx context.Context, reg registerStore, orgID int64) ([]admin.FactCount, error) {
	s, ok := reg.(*sqlreg.Store)
	if !ok {
		return nil, nil
	}
	var parts []string
	for i, t := range factTables {
		// orgID is a number: written into the query, one form for both engines.
		parts = append(parts, fmt.Sprintf("SELECT %d AS i, COUNT(*) AS n FROM %s WHERE org = %d", i, t.table, orgID))
	}
	rows, err := s.DB().QueryContext(ctx, strings.Join(parts, " UNION ALL ")+" ORDER BY i")
	if err != nil {
		return nil, fmt.Errorf("register facts: %w", err)
	}
	defer rows.Close()
	var out []admin.FactCount
	for rows.Next() {
		var i int
		var n int64
		if err := rows.Scan(&i, &n); err != nil {
			return nil, err
		}
		out = append(out, admin.FactCount{Label: factTables[i].label, Count: n})
	}
	return out, rows.Err()
}

// decodeRegisterFile reads a message (.xml) or a CSV file (.csv), with a
// message's problems as located koers problems: file, line, column and
// element.
func decodeRegisterFile(name string, data []byte, key pseudonymiser, municipality string) (*koers.RegisterBatch, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return regcsv.Decode(name, bytes.NewReader(data), key)
	case ".xml":
		b, err := istd.Decode(name, data, key, municipality)
		var ie *istd.Error
		if errors.As(err, &ie) {
			ps := make(koers.Problems, 0, len(ie.Problems))
			for _, p := range ie.Problems {
				path := []any{ie.File, p.Line, p.Column}
				if p.Path != "" {
					path = append(path, p.Path)
				}
				ps = append(ps, koers.Problem{Path: path, Message: p.Message})
			}
			return nil, ps.Err("message " + ie.File)
		}
		return b, err
	}
	return nil, koers.Errorf(koers.EINVALID, "%s: het register leest iWmo- en iJw-berichten (.xml) en zijn CSV-bestanden (.csv).", filepath.Base(name))
}
