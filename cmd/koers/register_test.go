package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/web/admin"
)

// TestRegisterFlags: every way to call the register's commands wrongly is
// refused before anything is opened or read, with a message that says
// what is wrong.
func TestRegisterFlags(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "leeg")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"register"}, "register: no subcommand given"},
		{[]string{"register", "verwijder"}, `register: unknown subcommand "verwijder"`},
		{[]string{"register", "keygen"}, "register keygen: --key-file is required"},
		{[]string{"register", "keygen", "--key-file", "k", "--org", "leiderdorp"}, "register keygen: --org does not belong to this subcommand"},
		{[]string{"register", "keygen", "--key-file", "k", "extra"}, `register keygen: unexpected argument "extra"`},
		{[]string{"register", "import", "--db", db, "x.xml"}, "register import: --org is required\nregister import: --key-file is required\nregister import: --municipality is required"},
		{[]string{"register", "import", "--org", "leiderdorp", "--key-file", "k", "--municipality", "547", "x.xml"}, `register import: --municipality "547": want the four-digit code, e.g. 0547`},
		{[]string{"register", "import", "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547"}, "register import: give the files or directories to read"},
		{[]string{"register", "import", "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547", "--years", "2020", "x.xml"}, "register import: --years does not belong to this subcommand"},
		{[]string{"register", "import", "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547", empty}, "register import: " + empty + " holds no .xml or .csv files"},
		{[]string{"register", "import", "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547", filepath.Join(dir, "nergens.xml")}, "no such file or directory"},
		{[]string{"register", "compute", "--org", "leiderdorp"}, "register compute: --rules is required\nregister compute: --years is required"},
		{[]string{"register", "compute", "--org", "leiderdorp", "--rules", "r.json", "--years", "2025-2016"}, `register compute: --years "2025-2016": Geef jaren als 2020, 2016-2025 of 2016-2018,2020, tussen 1900 en 2200.`},
		{[]string{"register", "compute", "--org", "leiderdorp", "--rules", "r.json", "--years", "2016-2025", "--older-than", "7y"}, "register compute: --older-than does not belong to this subcommand"},
		{[]string{"register", "compute", "--org", "leiderdorp", "--rules", "r.json", "--years", "2016", "extra"}, `register compute: unexpected argument "extra"`},
		{[]string{"register", "forget", "--org", "leiderdorp"}, "register forget: --older-than is required"},
		{[]string{"register", "forget", "--org", "leiderdorp", "--older-than", "zeven jaar"}, `register forget: --older-than "zeven jaar": want a period such as 7y, 18m or 400d`},
		{[]string{"register", "forget", "--org", "leiderdorp", "--older-than", "0y"}, `register forget: --older-than "0y": a period of nothing would forget everything that ended`},
		{[]string{"register", "forget", "--org", "leiderdorp", "--older-than", "7w"}, `want a period such as 7y, 18m or 400d`},
		{[]string{"register", "forget", "--org", "leiderdorp", "--older-than", "7y", "--write"}, "register forget: --write does not belong to this subcommand"},
		{[]string{"register", "compute", "--nope"}, "flag provided but not defined: -nope"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := run(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "koers.db")); err == nil {
		t.Error("a refused command opened the database")
	}
}

// TestRegisterNotBuiltIn: without the register's packages connected the
// commands say so after checking their flags.
func TestRegisterNotBuiltIn(t *testing.T) {
	saved := backend
	backend = registerBackend{}
	defer func() { backend = saved }()
	_, _, err := run(t, "register", "keygen", "--key-file", filepath.Join(t.TempDir(), "k"))
	if err != errNoRegister {
		t.Errorf("keygen without the register: %v", err)
	}
}

func TestRetentionCutoff(t *testing.T) {
	now := time.Date(2026, 11, 23, 22, 5, 0, 0, time.UTC)
	for _, tt := range []struct{ in, want string }{{"7y", "2019-11-23"}, {"18m", "2025-05-23"}, {"400d", "2025-10-19"}} {
		got, err := retentionCutoff(tt.in, now)
		if err != nil || got.Format(time.DateOnly) != tt.want {
			t.Errorf("%s: %v %v, want %s", tt.in, got, err, tt.want)
		}
	}
}

// fakeReg is a register that remembers what it was given.
type fakeReg struct {
	batches []*koers.RegisterBatch
	cutoff  time.Time
}

func (f *fakeReg) Import(_ context.Context, _ int64, b *koers.RegisterBatch) (koers.ImportResult, error) {
	f.batches = append(f.batches, b)
	return koers.ImportResult{Added: b.Len(), Known: 1}, nil
}

// ImportAll takes the batches as one, as the one transaction of a store.
func (f *fakeReg) ImportAll(ctx context.Context, orgID int64, batches iter.Seq2[*koers.RegisterBatch, error]) (koers.ImportResult, error) {
	all := &koers.RegisterBatch{}
	for b, err := range batches {
		if err != nil {
			return koers.ImportResult{}, err
		}
		all.Add(b)
	}
	return f.Import(ctx, orgID, all)
}

func (f *fakeReg) Count(context.Context, int64, *koers.CountRule, []int) ([]koers.Tally, error) {
	return nil, nil
}
func (f *fakeReg) CountAll(_ context.Context, _ int64, rules []koers.CountRule, _ []int) ([][]koers.Tally, error) {
	return make([][]koers.Tally, len(rules)), nil
}
func (f *fakeReg) CeilingUse(context.Context, int64, int) ([]koers.CeilingUse, error) {
	return nil, nil
}
func (f *fakeReg) Forget(_ context.Context, _ int64, cutoff time.Time) (int, error) {
	f.cutoff = cutoff
	return 12, nil
}
func (f *fakeReg) Close() error { return nil }

type fakeKey struct{}

func (fakeKey) Pseudonym(string) (koers.Pseudonym, error) {
	return koers.Pseudonym(strings.Repeat("a", 64)), nil
}

// TestRegisterCommands runs import, compute --write and forget against a
// fake register and the real publication store: one batch for all files
// or none, the table of values, the values on the indicator's series.
func TestRegisterCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "koers.db")
	db := "sqlite:" + path
	mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"))
	reg := &fakeReg{}
	saved := backend
	defer func() { backend = saved }()
	at := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	backend = registerBackend{
		Open:    func(context.Context, string) (registerStore, error) { return reg, nil },
		LoadKey: func(string) (pseudonymiser, error) { return fakeKey{}, nil },
		Decode: func(name string, data []byte, _ pseudonymiser, muni string) (*koers.RegisterBatch, error) {
			if strings.Contains(string(data), "fout") {
				return nil, koers.Problems{{Path: []any{name, 3, "Client/Bsn"}, Message: "Het BSN klopt niet."}}.Err("message")
			}
			return &koers.RegisterBatch{Registrations: []koers.Registration{{Kind: koers.Melding, ID: name + " " + muni}}}, nil
		},
		DecodeRules: func(string, []byte) ([]koers.CountRule, error) {
			return []koers.CountRule{{Indicator: "jbt-meldingen", Version: 1, Source: koers.SourceJBT, Unit: koers.Records, Window: koers.StartedInYear},
				{Indicator: "jongeren-met-jeugdhulp", Version: 2, Source: koers.SourceJeugd, Unit: koers.UniqueClients, Window: koers.DuringYear,
					Denominator: &koers.Denominator{Population: "inwoners-0-17"}}}, nil
		},
		Compute: func(_ context.Context, _ koers.Register, _ int64, rules []koers.CountRule, thresholds map[string]int, years []int, _ time.Time) ([]koers.ComputedValue, error) {
			f := func(x float64) *float64 { return &x }
			var out []koers.ComputedValue
			for _, y := range years {
				out = append(out, koers.ComputedValue{Indicator: "jbt-meldingen", Year: y, Number: f(float64(y - 2000)), RuleVersion: 1, ComputedAt: at},
					koers.ComputedValue{Indicator: "jongeren-met-jeugdhulp", Year: y, Number: f(12.4), RuleVersion: 2, ComputedAt: at})
			}
			out[0].Number, out[0].Below = nil, 5
			return out, nil
		},
	}
	files := filepath.Join(dir, "berichten")
	if err := os.MkdirAll(filepath.Join(files, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"b.xml": "<x/>", "sub/a.csv": "x", "lees-mij.txt": "niet"} {
		if err := os.WriteFile(filepath.Join(files, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, "register", "import", "--db", db, "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547", files)
	if out != "2 files read into the register of leiderdorp: 2 facts added, 1 already known\n" {
		t.Errorf("import: %q", out)
	}
	if len(reg.batches) != 1 || len(reg.batches[0].Registrations) != 2 || reg.batches[0].Registrations[0].ID != "b.xml 0547" {
		t.Errorf("one batch of both files, in name order: %+v", reg.batches)
	}

	bad := filepath.Join(dir, "fout.xml")
	os.WriteFile(bad, []byte("fout"), 0o644)
	_, errs, err := run(t, "register", "import", "--db", db, "--org", "leiderdorp", "--key-file", "k", "--municipality", "0547", files, bad)
	if err == nil || err.Error() != "register import: 1 of 3 files have problems; nothing was written" || errs != "fout.xml:3:Client/Bsn: Het BSN klopt niet.\n" {
		t.Errorf("a file with a problem: %v\n%s", err, errs)
	}
	if len(reg.batches) != 1 {
		t.Error("an import with a problem wrote")
	}

	rules := filepath.Join(dir, "rules.json")
	os.WriteFile(rules, []byte("[]"), 0o644)
	out = mustRun(t, "register", "compute", "--db", db, "--org", "leiderdorp", "--rules", rules, "--years", "2019-2020")
	want := "indicator               versie  2019   2020\n" +
		"jbt-meldingen           1       <5     20\n" +
		"jongeren-met-jeugdhulp  2       12,4%  12,4%\n"
	if out != want {
		t.Errorf("compute:\n%s\nwant:\n%s", out, want)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	org, _ := s.OrganisationBySlug(context.Background(), "leiderdorp")
	series, _ := s.Series(context.Background(), org.ID, "jbt-meldingen")
	s.Close()
	if len(series.Computed) != 0 {
		t.Error("compute without --write kept values")
	}
	out = mustRun(t, "register", "compute", "--db", db, "--org", "leiderdorp", "--rules", rules, "--years", "2019-2020", "--write")
	if !strings.HasSuffix(out, "4 values kept for leiderdorp; the indicator pages show them\n") {
		t.Errorf("compute --write: %q", out)
	}
	s, _ = sqlite.Open(context.Background(), path)
	series, _ = s.Series(context.Background(), org.ID, "jbt-meldingen")
	s.Close()
	if len(series.Computed) != 2 || series.Computed[0].Display(koers.Count) != "<5" || series.Computed[1].Display(koers.Count) != "20" {
		t.Errorf("kept: %+v", series.Computed)
	}

	out = mustRun(t, "register", "forget", "--db", db, "--org", "leiderdorp", "--older-than", "7y")
	today := time.Now().UTC()
	if wantCut := time.Date(today.Year()-7, today.Month(), today.Day(), 0, 0, 0, 0, time.UTC); !reg.cutoff.Equal(wantCut) ||
		out != "12 records of leiderdorp that ended before "+wantCut.Format(time.DateOnly)+" forgotten\n" {
		t.Errorf("forget: %q, cutoff %v", out, reg.cutoff)
	}
	// The import and the forgetting are in the audit log; the refused
	// import is not.
	s, _ = sqlite.Open(context.Background(), path)
	var logged []string
	for _, a := range []koers.AuditAction{koers.AuditRegisterImport, koers.AuditRegisterForget} {
		entries, _ := s.AuditLog(context.Background(), koers.AuditFilter{OrganisationID: org.ID, Action: a})
		for _, e := range entries {
			logged = append(logged, string(e.Action)+": "+e.After)
		}
	}
	s.Close()
	if got := strings.Join(logged, "\n"); got != "register_import: opdrachtregel: 2 bestanden: 2 nieuw, 1 al bekend\nregister_forget: 12 gegevens die eindigden voor "+reg.cutoff.Format(time.DateOnly) {
		t.Errorf("audit log:\n%s", got)
	}
	if _, _, err := run(t, "register", "forget", "--db", db, "--org", "nergens", "--older-than", "7y"); err == nil || !strings.Contains(err.Error(), `--org "nergens"`) {
		t.Errorf("an unknown organisation: %v", err)
	}
}

func TestServeRegisterFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--register-key-file", "k"}, "serve: --register-key-file and --register-municipality go together"},
		{[]string{"serve", "--register-municipality", "0547"}, "serve: --register-key-file and --register-municipality go together"},
		{[]string{"serve", "--register-key-file", "k", "--register-municipality", "GM0547"}, `serve: --register-municipality "GM0547": want the four-digit code, e.g. 0547`},
	} {
		if _, _, err := run(t, tt.args...); err == nil || err.Error() != tt.want {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
	}
}

// TestRegisterWeb: the back office's register services gather every
// file's problems and write nothing, refuse to compute without rules, and
// read the last import and computation from the audit log.
func TestRegisterWeb(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org := &koers.Organisation{Slug: "leiderdorp", Name: "Gemeente Leiderdorp"}
	if err := s.PutDocument(ctx, org, &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022", Slug: "begroting-2022"}); err != nil {
		t.Fatal(err)
	}
	saved := backend
	defer func() { backend = saved }()
	var rules []koers.CountRule
	backend = registerBackend{
		Decode: func(name string, data []byte, _ pseudonymiser, _ string) (*koers.RegisterBatch, error) {
			switch string(data) {
			case "located":
				return nil, koers.Problems{{Path: []any{name, 7, "Toewijzing"}, Message: "Onbekende productcategorie."}}.Err("message")
			case "plain":
				return nil, koers.Errorf(koers.EINVALID, "Dit is geen bericht.")
			}
			return &koers.RegisterBatch{Registrations: []koers.Registration{{Kind: koers.Melding, ID: name}}}, nil
		},
		Rules: func(context.Context, registerStore, int64) ([]koers.CountRule, error) { return rules, nil },
		Compute: func(context.Context, koers.Register, int64, []koers.CountRule, map[string]int, []int, time.Time) ([]koers.ComputedValue, error) {
			return []koers.ComputedValue{{Indicator: "x"}}, nil
		},
	}
	reg := &fakeReg{}
	rw := &registerWeb{reg: reg, key: fakeKey{}, muni: "0547", store: s}
	_, err = rw.Import(ctx, org.ID, []admin.UploadedFile{{Name: "a.xml", Data: []byte("located")}, {Name: "b.csv", Data: []byte("plain")}, {Name: "c.xml", Data: []byte("ok")}})
	var e *koers.Error
	if !errors.As(err, &e) || len(e.Problems) != 2 || e.Problems[0].String() != "/a.xml/7/Toewijzing: Onbekende productcategorie." ||
		e.Problems[1].String() != "/b.csv: Dit is geen bericht." {
		t.Errorf("problems: %v", err)
	}
	if len(reg.batches) != 0 {
		t.Error("an import with problems wrote")
	}
	if res, err := rw.Import(ctx, org.ID, []admin.UploadedFile{{Name: "c.xml", Data: []byte("ok")}, {Name: "d.xml", Data: []byte("ok")}}); err != nil || res.Added != 2 || len(reg.batches) != 1 {
		t.Errorf("import: %+v %v", res, err)
	}
	if _, err := rw.Compute(ctx, org.ID, []int{2020}); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("compute without rules: %v", err)
	}
	rules = []koers.CountRule{{Indicator: "x", Version: 1}}
	if v, err := rw.Compute(ctx, org.ID, []int{2020}); err != nil || len(v) != 1 {
		t.Errorf("compute: %v %v", v, err)
	}
	st, err := rw.Status(ctx, org.ID)
	if err != nil || !st.LastImport.IsZero() || !st.LastCompute.IsZero() || st.Facts != nil {
		t.Errorf("status of a register never used: %+v %v", st, err)
	}
	if err := s.RecordAudit(ctx, koers.AuditEntry{OrganisationID: org.ID, Action: koers.AuditRegisterImport}); err != nil {
		t.Fatal(err)
	}
	if st, _ := rw.Status(ctx, org.ID); st.LastImport.IsZero() || !st.LastCompute.IsZero() {
		t.Errorf("status after an import: %+v", st)
	}
}

// TestRegisterWired runs the wired register on SQLite: a key file, a CSV
// file imported, the overview's counts.
func TestRegisterWired(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"))
	key := filepath.Join(dir, "register.key")
	mustRun(t, "register", "keygen", "--key-file", key)
	if _, _, err := run(t, "register", "keygen", "--key-file", key); err == nil {
		t.Error("keygen overwrote a key file")
	}
	csv := filepath.Join(dir, "aanbieders.csv")
	if err := os.WriteFile(csv, []byte("agb;naam\n98100001;Zorg De Linde\n98100002;Zorg Het Anker\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "register", "import", "--db", db, "--org", "leiderdorp", "--key-file", key, "--municipality", "0547", csv)
	if out != "1 files read into the register of leiderdorp: 2 facts added, 0 already known\n" {
		t.Errorf("import: %q", out)
	}
	reg, err := backend.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	facts, err := backend.Facts(ctx, reg, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(facts); got != "[{Cliënten 0} {Toewijzingen 0} {Start- en stopberichten 0} {Registraties 0} {Uitkeringen 0} {Werkplekken 0} {Aanbieders 2} {Budgetplafonds 0} {Bevolkingscijfers 0}]" {
		t.Errorf("facts: %s", got)
	}
}
