package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/web/admin"
)

// registerWeb gives the back office's register pages the register:
// admin.Importer, admin.Computer and admin.RegisterReader on the
// register's store, through registerBackend.
type registerWeb struct {
	reg   registerStore
	key   pseudonymiser
	muni  string
	store koers.Store
}

// openRegisterWeb opens the register on the database of the site, with
// the installation's key, for koers serve.
func openRegisterWeb(ctx context.Context, db, keyFile, muni string, s koers.Store) (*registerWeb, error) {
	if backend.Open == nil || backend.LoadKey == nil || backend.Decode == nil || backend.Compute == nil || backend.Rules == nil {
		return nil, errNoRegister
	}
	key, err := backend.LoadKey(keyFile)
	if err != nil {
		return nil, fmt.Errorf("register key: %s", koers.ErrorMessage(err))
	}
	reg, err := backend.Open(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	return &registerWeb{reg: reg, key: key, muni: muni, store: s}, nil
}

func (rw *registerWeb) services() *admin.RegisterServices {
	return &admin.RegisterServices{Importer: rw, Computer: rw, Reader: rw}
}

// Import decodes every file, and writes them in one batch when none has a
// problem; otherwise it returns every file's problems, located.
func (rw *registerWeb) Import(ctx context.Context, orgID int64, files []admin.UploadedFile) (koers.ImportResult, error) {
	var all koers.RegisterBatch
	var ps koers.Problems
	for _, f := range files {
		b, err := backend.Decode(f.Name, f.Data, rw.key, rw.muni)
		if err != nil {
			var e *koers.Error
			if errors.As(err, &e) && len(e.Problems) > 0 {
				ps = append(ps, e.Problems...)
			} else {
				ps = append(ps, koers.Problem{Path: []any{f.Name}, Message: koers.ErrorMessage(err)})
			}
			continue
		}
		all.Add(b)
	}
	if len(ps) > 0 {
		return koers.ImportResult{}, ps.Err("import")
	}
	return rw.reg.Import(ctx, orgID, &all)
}

// Compute counts the organisation's stored rules for years, under the
// thresholds its documents publish under.
func (rw *registerWeb) Compute(ctx context.Context, orgID int64, years []int) ([]koers.ComputedValue, error) {
	rules, err := backend.Rules(ctx, rw.reg, orgID)
	if err != nil {
		return nil, err
	}
	if len(rules) == 0 {
		return nil, koers.Errorf(koers.EINVALID, "Er zijn nog geen telregels vastgelegd (koers register compute --rules legt ze vast).")
	}
	thresholds, _ := indicatorThresholds(ctx, rw.store, orgID, rules)
	return backend.Compute(ctx, rw.reg, orgID, rules, thresholds, years, time.Now().UTC().Truncate(time.Second))
}

// Status counts the register's facts (where the register can) and reads
// the last import and computation from the audit log.
func (rw *registerWeb) Status(ctx context.Context, orgID int64) (admin.RegisterStatus, error) {
	var st admin.RegisterStatus
	if backend.Facts != nil {
		facts, err := backend.Facts(ctx, rw.reg, orgID)
		if err != nil {
			return st, err
		}
		st.Facts = facts
	}
	for _, a := range []struct {
		action koers.AuditAction
		to     *time.Time
	}{{koers.AuditRegisterImport, &st.LastImport}, {koers.AuditRegisterCompute, &st.LastCompute}} {
		log, err := rw.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: orgID, Action: a.action, Limit: 1})
		if err != nil {
			return st, err
		}
		if len(log) > 0 {
			*a.to = log[0].At
		}
	}
	return st, nil
}

// CeilingUse is the register's.
func (rw *registerWeb) CeilingUse(ctx context.Context, orgID int64, year int) ([]koers.CeilingUse, error) {
	return rw.reg.CeilingUse(ctx, orgID, year)
}

// Rules are the organisation's stored rules.
func (rw *registerWeb) Rules(ctx context.Context, orgID int64) ([]koers.CountRule, error) {
	return backend.Rules(ctx, rw.reg, orgID)
}
