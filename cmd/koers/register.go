package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register"
	"github.com/koers-nl/koers/web/admin"
)

const registerUsage = `Usage:
  koers register keygen --key-file F
  koers register import [--db DB] --org SLUG --key-file F --municipality CODE FILE_OR_DIR...
  koers register compute [--db DB] --org SLUG --rules FILE --years 2016-2025 [--write]
  koers register forget [--db DB] --org SLUG --older-than 7y

The social-domain register: its own tables in the same database, reached
only through these commands and the back office's register role.

keygen   makes the installation's secret for pseudonyms, once: a file of
         random bytes readable by its owner only. Keep it outside the
         database and back it up; without it no BSN finds its client again.
import   reads iWmo/iJw 3.2 messages (.xml: 301, 305, 307) and the
         register's CSV files (.csv), every file of a directory included;
         the BSN becomes a pseudonym under the key. A problem in any file
         is printed with its file, line and element, and nothing is
         written. CODE is the municipality's four-digit code (0547): a
         message for another municipality is refused.
compute  counts every rule of FILE (JSON, as demo/register/rules.json) for
         the years and prints the values, small numbers suppressed; with
         --write it keeps them beside the documents' values, shown on the
         indicator pages.
forget   deletes client-level data that ended longer ago than the period
         (7y, 18m or 400d: years, months, days).
`

// The register's packages (register, register/sqlreg, register/istd,
// register/regcsv) are reached through registerBackend, which
// register_wire.go fills; without it the commands parse their flags and
// say the register is not built in.

// registerStore is the register's store as the commands use it.
type registerStore interface {
	koers.Register
	Close() error
}

// pseudonymiser turns a BSN into a pseudonym (register.Keyer).
type pseudonymiser interface {
	Pseudonym(bsn string) (koers.Pseudonym, error)
}

// registerBackend connects the commands to the register's packages.
type registerBackend struct {
	// Open opens the register on the database that --db names
	// (sqlreg.OpenSQLite, sqlreg.OpenPostgres).
	Open func(ctx context.Context, db string) (registerStore, error)
	// LoadKey reads the key file (register.LoadKey); NewKeyFile makes
	// one (register.NewKeyFile).
	LoadKey    func(path string) (pseudonymiser, error)
	NewKeyFile func(path string) error
	// Decode reads one file into a batch: a message (istd.Decode) or a
	// CSV file (regcsv.Decode), by its name. Its problems are located.
	Decode func(name string, data []byte, key pseudonymiser, municipality string) (*koers.RegisterBatch, error)
	// DecodeRules reads a rules file (register.DecodeRules).
	DecodeRules func(name string, data []byte) ([]koers.CountRule, error)
	// Rules are an organisation's stored rules, latest versions
	// (sqlreg.Store.Rules); SaveRules stores a rules file's rules, a
	// changed rule as a new version (sqlreg.Store.SaveRules), and returns
	// them with the versions stored. SaveRules may be nil: compute then
	// uses the file's versions as they are.
	Rules     func(ctx context.Context, reg registerStore, orgID int64) ([]koers.CountRule, error)
	SaveRules func(ctx context.Context, reg registerStore, orgID int64, rules []koers.CountRule) ([]koers.CountRule, error)
	// Facts counts the register's facts per kind, for the back office's
	// overview; nil shows no counts.
	Facts func(ctx context.Context, reg registerStore, orgID int64) ([]admin.FactCount, error)
	// Compute counts rules for years (register.Compute).
	Compute func(ctx context.Context, reg koers.Register, orgID int64, rules []koers.CountRule, thresholds map[string]int,
		years []int, now time.Time) ([]koers.ComputedValue, error)
}

// backend is filled by register_wire.go.
var backend registerBackend

var errNoRegister = errors.New("this koers is built without the register's packages (see cmd/koers/register_wire.go)")

var municipalityCode = regexp.MustCompile(`^[0-9]{4}$`)

// register runs the register's commands.
func (m *Main) register(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, registerUsage)
		return errors.New("register: no subcommand given")
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "keygen", "import", "compute", "forget":
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, registerUsage)
		return nil
	default:
		fmt.Fprint(m.Stderr, registerUsage)
		return fmt.Errorf("register: unknown subcommand %q", sub)
	}
	fs := m.flags("register "+sub, "[flags]")
	fs.Usage = func() {
		fmt.Fprint(m.Stderr, registerUsage)
		fmt.Fprintln(m.Stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	db := m.dbFlag(fs)
	org := fs.String("org", "", "the organisation's slug")
	keyFile := fs.String("key-file", "", "the file with the secret for pseudonyms (keygen makes it)")
	muni := fs.String("municipality", "", "import: the municipality's four-digit code, e.g. 0547")
	rules := fs.String("rules", "", "compute: the rules file (JSON)")
	years := fs.String("years", "", "compute: the years, e.g. 2016-2025 or 2019,2021")
	write := fs.Bool("write", false, "compute: keep the values beside the documents' values")
	older := fs.String("older-than", "", "forget: the retention period, e.g. 7y, 18m, 400d")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	need := func(name, value string) error {
		if value == "" {
			return fmt.Errorf("register %s: --%s is required", sub, name)
		}
		return nil
	}
	only := func(allowed ...string) error {
		var err error
		fs.Visit(func(f *flag.Flag) {
			if err == nil && f.Name != "db" && !slices.Contains(allowed, f.Name) {
				err = fmt.Errorf("register %s: --%s does not belong to this subcommand", sub, f.Name)
			}
		})
		return err
	}
	switch sub {
	case "keygen":
		if err := errors.Join(only("key-file"), need("key-file", *keyFile)); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return fmt.Errorf("register keygen: unexpected argument %q", fs.Arg(0))
		}
		if backend.NewKeyFile == nil {
			return errNoRegister
		}
		if err := backend.NewKeyFile(*keyFile); err != nil {
			return fmt.Errorf("register keygen: %s", koers.ErrorMessage(err))
		}
		fmt.Fprintf(m.Stdout, "key written to %s (readable by its owner only); keep it outside the database and back it up\n", *keyFile)
		return nil
	case "import":
		if err := only("org", "key-file", "municipality"); err != nil {
			return err
		}
		if err := errors.Join(need("org", *org), need("key-file", *keyFile), need("municipality", *muni)); err != nil {
			return err
		}
		if !municipalityCode.MatchString(*muni) {
			return fmt.Errorf("register import: --municipality %q: want the four-digit code, e.g. 0547", *muni)
		}
		if fs.NArg() == 0 {
			return errors.New("register import: give the files or directories to read")
		}
		files, err := registerFiles(fs.Args())
		if err != nil {
			return err
		}
		return m.registerImport(ctx, *db, *org, *keyFile, *muni, files)
	case "compute":
		if err := only("org", "rules", "years", "write"); err != nil {
			return err
		}
		if err := errors.Join(need("org", *org), need("rules", *rules), need("years", *years)); err != nil {
			return err
		}
		ys, err := koers.ParseYears(*years)
		if err != nil {
			return fmt.Errorf("register compute: --years %q: %s", *years, koers.ErrorMessage(err))
		}
		if fs.NArg() > 0 {
			return fmt.Errorf("register compute: unexpected argument %q", fs.Arg(0))
		}
		return m.registerCompute(ctx, *db, *org, *rules, ys, *write)
	default: // forget
		if err := errors.Join(only("org", "older-than"), need("org", *org), need("older-than", *older)); err != nil {
			return err
		}
		cutoff, err := retentionCutoff(*older, time.Now())
		if err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return fmt.Errorf("register forget: unexpected argument %q", fs.Arg(0))
		}
		return m.registerForget(ctx, *db, *org, cutoff)
	}
}

// retentionPeriod reads "7y", "18m" or "400d".
var retentionPeriod = regexp.MustCompile(`^([0-9]{1,4})([ymd])$`)

// retentionCutoff is the day before which client data ended is forgotten:
// the period back from today (UTC).
func retentionCutoff(s string, now time.Time) (time.Time, error) {
	m := retentionPeriod.FindStringSubmatch(strings.TrimSpace(s))
	bad := fmt.Errorf("register forget: --older-than %q: want a period such as 7y, 18m or 400d", s)
	if m == nil {
		return time.Time{}, bad
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return time.Time{}, fmt.Errorf("register forget: --older-than %q: a period of nothing would forget everything that ended", s)
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch m[2] {
	case "y":
		return today.AddDate(-n, 0, 0), nil
	case "m":
		return today.AddDate(0, -n, 0), nil
	}
	return today.AddDate(0, 0, -n), nil
}

// registerFiles lists the files to import: each file given, and every
// .xml and .csv file under each directory given, in name order.
func registerFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("register import: %w", err)
		}
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".xml" || ext == ".csv") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("register import: %w", err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("register import: %s holds no .xml or .csv files", a)
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}

// withRegister opens the publication store (for the organisation) and the
// register on the same database.
func withRegister(ctx context.Context, db, slug string, fn func(s koers.Store, reg registerStore, org *koers.Organisation) error) error {
	if backend.Open == nil {
		return errNoRegister
	}
	return withStore(ctx, db, func(s koers.Store) error {
		org, err := s.OrganisationBySlug(ctx, slug)
		if err != nil {
			return fmt.Errorf("register: --org %q: %s", slug, koers.ErrorMessage(err))
		}
		reg, err := backend.Open(ctx, db)
		if err != nil {
			return fmt.Errorf("register: %w", err)
		}
		defer reg.Close()
		return fn(s, reg, org)
	})
}

// registerImport reads the files and writes them in one transaction,
// each chunk as soon as it is read: all of them, or nothing when a file
// has a problem (every problem is printed).
func (m *Main) registerImport(ctx context.Context, db, slug, keyFile, muni string, files []string) error {
	if backend.LoadKey == nil || backend.Decode == nil {
		return errNoRegister
	}
	key, err := backend.LoadKey(keyFile)
	if err != nil {
		return fmt.Errorf("register import: %s", koers.ErrorMessage(err))
	}
	return withRegister(ctx, db, slug, func(s koers.Store, reg registerStore, org *koers.Organisation) error {
		load := register.Loader{Decode: func(path string, data []byte) (*koers.RegisterBatch, error) {
			return backend.Decode(filepath.Base(path), data, key, muni)
		}, Problem: m.printProblems}
		res, err := reg.ImportAll(ctx, org.ID, load.Batches(ctx, files))
		var failed *register.FilesError
		if errors.As(err, &failed) {
			return fmt.Errorf("register import: %s; nothing was written", failed)
		}
		if err != nil {
			m.printProblems("", err)
			return fmt.Errorf("register import: nothing was written: %s", koers.ErrorMessage(err))
		}
		if err := s.RecordAudit(ctx, koers.AuditEntry{OrganisationID: org.ID, Action: koers.AuditRegisterImport,
			After: fmt.Sprintf("opdrachtregel: %d bestanden: %d nieuw, %d al bekend", len(files), res.Added, res.Known)}); err != nil {
			return fmt.Errorf("register import: written, but not recorded in the audit log: %w", err)
		}
		fmt.Fprintf(m.Stdout, "%d files read into the register of %s: %d facts added, %d already known\n", len(files), org.Slug, res.Added, res.Known)
		return nil
	})
}

// printProblems writes an error's located problems, one a line, or the
// error itself.
func (m *Main) printProblems(file string, err error) {
	var e *koers.Error
	if errors.As(err, &e) && len(e.Problems) > 0 {
		for _, p := range e.Problems {
			place := make([]string, 0, len(p.Path))
			for _, x := range p.Path {
				place = append(place, fmt.Sprint(x))
			}
			fmt.Fprintf(m.Stderr, "%s: %s\n", strings.Join(place, ":"), p.Message)
		}
		return
	}
	if file != "" {
		fmt.Fprintf(m.Stderr, "%s: %s\n", file, koers.ErrorMessage(err))
		return
	}
	fmt.Fprintln(m.Stderr, koers.ErrorMessage(err))
}

// registerCompute counts the rules for the years and prints them; with
// write it keeps them on the publication side.
func (m *Main) registerCompute(ctx context.Context, db, slug, rulesFile string, years []int, write bool) error {
	if backend.DecodeRules == nil || backend.Compute == nil {
		return errNoRegister
	}
	data, err := os.ReadFile(rulesFile)
	if err != nil {
		return fmt.Errorf("register compute: %w", err)
	}
	rules, err := backend.DecodeRules(filepath.Base(rulesFile), data)
	if err != nil {
		m.printProblems(rulesFile, err)
		return fmt.Errorf("register compute: the rules in %s have problems", rulesFile)
	}
	return withRegister(ctx, db, slug, func(s koers.Store, reg registerStore, org *koers.Organisation) error {
		if backend.SaveRules != nil {
			// The rules the values name are the register's: a changed
			// rule is a new version there.
			if rules, err = backend.SaveRules(ctx, reg, org.ID, rules); err != nil {
				m.printProblems(rulesFile, err)
				return fmt.Errorf("register compute: the rules of %s were not stored: %s", rulesFile, koers.ErrorMessage(err))
			}
		}
		thresholds, units := indicatorThresholds(ctx, s, org.ID, rules)
		values, err := backend.Compute(ctx, reg, org.ID, rules, thresholds, years, time.Now().UTC().Truncate(time.Second))
		if err != nil {
			return fmt.Errorf("register compute: %w", err)
		}
		printComputed(m.Stdout, rules, years, values, units)
		if !write {
			return nil
		}
		cv, ok := s.(koers.ComputedValues)
		if !ok {
			return errors.New("register compute: this store keeps no computed values")
		}
		if err := cv.SaveComputed(ctx, org.ID, values); err != nil {
			return fmt.Errorf("register compute: %w", err)
		}
		fmt.Fprintf(m.Stdout, "%d values kept for %s; the indicator pages show them\n", len(values), org.Slug)
		return nil
	})
}

// indicatorThresholds are the privacy thresholds and units of the rules'
// indicators as the documents publish them: a count a document keeps as
// "<10" is suppressed under 10 here too. An indicator no document has
// takes the default.
func indicatorThresholds(ctx context.Context, s koers.Store, orgID int64, rules []koers.CountRule) (map[string]int, map[string]koers.Unit) {
	thresholds, units := map[string]int{}, map[string]koers.Unit{}
	for _, r := range rules {
		units[r.Indicator] = koers.Count
		if r.Percentage() {
			units[r.Indicator] = koers.Percentage
		}
		series, err := s.Series(ctx, orgID, r.Indicator)
		if err != nil {
			continue
		}
		if t := series.Indicator.Threshold; t > 1 {
			thresholds[r.Indicator] = t
		}
	}
	return thresholds, units
}

// printComputed writes a table: a row per rule, a column per year.
func printComputed(w interface{ Write([]byte) (int, error) }, rules []koers.CountRule, years []int, values []koers.ComputedValue, units map[string]koers.Unit) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"indicator", "versie"}
	for _, y := range years {
		head = append(head, strconv.Itoa(y))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	byKey := map[string]map[int]koers.ComputedValue{}
	for _, v := range values {
		if byKey[v.Indicator] == nil {
			byKey[v.Indicator] = map[int]koers.ComputedValue{}
		}
		byKey[v.Indicator][v.Year] = v
	}
	for _, r := range rules {
		row := []string{r.Indicator, strconv.Itoa(r.Version)}
		for _, y := range years {
			v, ok := byKey[r.Indicator][y]
			switch {
			case !ok:
				row = append(row, "")
			case v.Number == nil && v.Below == 0:
				row = append(row, "–") // no denominator: unknown
			default:
				row = append(row, v.Display(units[r.Indicator]))
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
}

// registerForget deletes client-level data that ended before cutoff.
func (m *Main) registerForget(ctx context.Context, db, slug string, cutoff time.Time) error {
	return withRegister(ctx, db, slug, func(s koers.Store, reg registerStore, org *koers.Organisation) error {
		n, err := reg.Forget(ctx, org.ID, cutoff)
		if err != nil {
			return fmt.Errorf("register forget: %w", err)
		}
		if err := s.RecordAudit(ctx, koers.AuditEntry{OrganisationID: org.ID, Action: koers.AuditRegisterForget,
			After: fmt.Sprintf("%d gegevens die eindigden voor %s", n, cutoff.Format(time.DateOnly))}); err != nil {
			return fmt.Errorf("register forget: done, but not recorded in the audit log: %w", err)
		}
		fmt.Fprintf(m.Stdout, "%d records of %s that ended before %s forgotten\n", n, org.Slug, cutoff.Format(time.DateOnly))
		return nil
	})
}
