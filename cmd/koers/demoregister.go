package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/register"
	regsynth "github.com/koers-nl/koers/synth/register"
)

// The demo's register: Leiderdorp's size and rates, the years its
// indicator series cover and a few more.
const (
	demoRegisterOrg         = "leiderdorp"
	demoRegisterInhabitants = 27_000
	demoRegisterFrom        = 2016
	demoRegisterTo          = 2025
)

// demoRegister fills the register of the demo's Leiderdorp with a
// synthetic one (synth/register) and counts the nine indicators of
// programme 1C from it by the demo's rules, so that the demo's indicator
// pages show values computed from the register beside the typed ones,
// with their rules. The synthetic BSNs are pseudonymised under a key of
// the moment that is kept nowhere: the demo's register can be counted,
// and added to under a key file of its own, but its clients are no one.
func demoRegister(ctx context.Context, s koers.Store, db string, log *slog.Logger) error {
	if backend.Open == nil || backend.DecodeRules == nil || backend.SaveRules == nil || backend.Compute == nil {
		return nil // the register is not built in
	}
	org, err := s.OrganisationBySlug(ctx, demoRegisterOrg)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	f := demo.RegisterRules()
	rules, err := backend.DecodeRules(f.Name, f.Data)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	out, err := regsynth.Generate(regsynth.Options{Inhabitants: demoRegisterInhabitants, From: demoRegisterFrom, To: demoRegisterTo,
		Municipality: regsynth.DefaultMunicipality, Seed: 1})
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	secret := make([]byte, register.KeySize)
	rand.Read(secret)
	key, err := register.NewKeyer(secret)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	batch, err := out.Batch(key)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	reg, err := backend.Open(ctx, db)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	defer reg.Close()
	res, err := reg.Import(ctx, org.ID, batch)
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	if rules, err = backend.SaveRules(ctx, reg, org.ID, rules); err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	var years []int
	for y := demoRegisterFrom; y <= demoRegisterTo; y++ {
		years = append(years, y)
	}
	thresholds, _ := indicatorThresholds(ctx, s, org.ID, rules)
	values, err := backend.Compute(ctx, reg, org.ID, rules, thresholds, years, time.Now().UTC().Truncate(time.Second))
	if err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	cv, ok := s.(koers.ComputedValues)
	if !ok {
		return nil
	}
	if err := cv.SaveComputed(ctx, org.ID, values); err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	log.Info("filled the demo register", "organisation", org.Slug, "facts", res.Added, "indicators", len(rules), "years", len(years))
	return nil
}
