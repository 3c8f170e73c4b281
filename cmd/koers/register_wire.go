package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register"
	"github.com/koers-nl/koers/register/istd"
	"github.com/koers-nl/koers/register/regcsv"
	"github.com/koers-nl/koers/register/sqlreg"
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
		Compute: register.Compute,
	}
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
