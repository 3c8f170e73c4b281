package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/synth"
)

// input is one file to import: a document bundle or benchmark CSV.
type input struct {
	name       string
	bundle     *bundle.Bundle
	benchmarks []koers.Benchmark // kept only to import them
	figures    int               // benchmark figures read
	ledger     *bundle.Ledger    // a ledger CSV (see doc/ledger.md)
}

// readInputs decodes every file before anything is written, so that one bad
// file stops the whole import. Benchmark CSV is read as a stream; its
// figures are kept only when keep is set, so that checking a large file
// takes little memory. Two files that hold the same document, or (when the
// figures are kept) the same figure, are refused: in one run the second
// would silently replace the first.
func readInputs(files []string, keep bool) ([]input, error) {
	var inputs []input
	var errs []error
	for _, f := range files {
		in := input{name: f}
		var err error
		if strings.EqualFold(filepath.Ext(f), ".csv") {
			var ledger bool
			if ledger, err = readLedger(&in); !ledger && err == nil {
				err = readBenchmarks(&in, keep)
			}
		} else {
			in.bundle, err = readBundle(f)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		inputs = append(inputs, in)
	}
	return inputs, errors.Join(append(errs, duplicates(inputs)...)...)
}

// duplicates names the files of a run that hold the same document
// (organisation and document slug), or a figure for the same indicator,
// area and period.
func duplicates(inputs []input) []error {
	var errs []error
	docs := map[string]string{}
	figures := map[[3]string]string{}
	for _, in := range inputs {
		if in.bundle != nil {
			org, doc := in.bundle.Domain()
			key := describe(org, doc)
			if first, ok := docs[key]; ok {
				errs = append(errs, koers.Errorf(koers.EINVALID, "%s and %s both hold the document %s; a run imports a document once", first, in.name, key))
			} else {
				docs[key] = in.name
			}
			continue
		}
		reported := map[string]bool{} // one error per pair of files
		for _, b := range in.benchmarks {
			key := [3]string{b.Indicator, b.Area, b.Period}
			first, ok := figures[key]
			if !ok {
				figures[key] = in.name
			} else if first != in.name && !reported[first] {
				reported[first] = true
				errs = append(errs, koers.Errorf(koers.EINVALID, "%s and %s both hold a figure for %s %s %s; a run imports a figure once", first, in.name, b.Indicator, b.Area, b.Period))
			}
		}
	}
	return errs
}

// readBundle decodes a bundle file, reading no more of it than a bundle
// may hold (bundle.MaxSize).
func readBundle(name string) (*bundle.Bundle, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer file.Close()
	return bundle.Read(name, file)
}

func readBenchmarks(in *input, keep bool) error {
	file, err := os.Open(in.name)
	if err != nil {
		return fmt.Errorf("read %s: %w", in.name, err)
	}
	defer file.Close()
	return bundle.ReadBenchmarks(in.name, file, func(b koers.Benchmark) {
		in.figures++
		if keep {
			in.benchmarks = append(in.benchmarks, b)
		}
	})
}

// describe says what an input holds.
func (in input) describe() string {
	if in.ledger != nil {
		n := len(in.ledger.Documents())
		return fmt.Sprintf("%d ledger amounts for %d %s", len(in.ledger.Rows), n, map[bool]string{true: "document", false: "documents"}[n == 1])
	}
	if in.bundle == nil {
		return fmt.Sprintf("%d benchmark figures", in.figures)
	}
	org, doc := in.bundle.Domain()
	return describe(org, doc) + " (" + summary(doc) + ")"
}

func (m *Main) importCmd(ctx context.Context, args []string) error {
	fs := m.flags("import", "[--db DB] FILE...   (document bundles .json, benchmark figures or a ledger .csv)")
	db := m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("import: no file given")
	}
	inputs, err := readInputs(fs.Args(), true)
	if err != nil {
		return fmt.Errorf("import: nothing imported:\n%w", err)
	}
	// One transaction for the whole run: if any file fails, nothing of
	// the run is written.
	var docs []koers.OrganisationDocument
	var figures []koers.Benchmark
	for _, in := range inputs {
		if in.bundle != nil {
			od, fed := in.bundle.Write()
			figures = append(figures, fed...)
			docs = append(docs, od)
		} else {
			figures = append(figures, in.benchmarks...)
		}
	}
	return withStore(ctx, *db, func(s koers.Store) error {
		docs, err := applyLedgers(ctx, s, inputs, docs)
		if err != nil {
			return fmt.Errorf("import: nothing imported: %w", err)
		}
		if err := s.PutAll(ctx, docs, figures); err != nil {
			return fmt.Errorf("import: nothing imported: %w", err)
		}
		for _, in := range inputs {
			fmt.Fprintf(m.Stdout, "imported %s: %s\n", in.name, in.describe())
		}
		m.analyze(ctx, s)
		return nil
	})
}

// analyze has the database refresh its planner's statistics after a bulk
// write, where the engine needs it (PostgreSQL; see postgres.Store.Analyze).
// The write is done either way, so a failure is only reported.
func (m *Main) analyze(ctx context.Context, s koers.Store) {
	a, ok := s.(interface {
		Analyze(context.Context) (bool, error)
	})
	if !ok {
		return
	}
	if _, err := a.Analyze(ctx); err != nil {
		fmt.Fprintf(m.Stderr, "koers: the database's statistics were not refreshed; reads may be slow until autovacuum does it: %v\n", err)
	}
}

func (m *Main) check(args []string) error {
	fs := m.flags("check", "FILE...")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("check: no file given")
	}
	inputs, err := readInputs(fs.Args(), false)
	for _, in := range inputs {
		fmt.Fprintf(m.Stdout, "ok: %s: %s\n", in.name, in.describe())
	}
	return err
}

func (m *Main) export(ctx context.Context, args []string) error {
	fs := m.flags("export", "[--db DB] DOCUMENT")
	db := m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("export: name one document, by id or as ORGANISATION/DOCUMENT")
	}
	ref := fs.Arg(0)
	return withStore(ctx, *db, func(s koers.Store) error {
		org, doc, err := findDocument(ctx, s, ref)
		if err != nil {
			return fmt.Errorf("export %s: %w", ref, err)
		}
		if err := bundle.Encode(m.Stdout, bundle.FromDomain(org, doc)); err != nil {
			return fmt.Errorf("export %s: %w", ref, err)
		}
		return nil
	})
}

// findDocument loads a document with its content by id or by
// "organisation/document" slugs.
func findDocument(ctx context.Context, s koers.Store, ref string) (*koers.Organisation, *koers.Document, error) {
	var id int64
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		id = n
	} else {
		orgSlug, docSlug, ok := strings.Cut(ref, "/")
		if !ok {
			return nil, nil, koers.Errorf(koers.EINVALID, "%q is neither an id nor ORGANISATION/DOCUMENT", ref)
		}
		org, err := s.OrganisationBySlug(ctx, orgSlug)
		if err != nil {
			return nil, nil, err
		}
		d, err := s.DocumentBySlug(ctx, org.ID, docSlug)
		if err != nil {
			return nil, nil, err
		}
		id = d.ID
	}
	doc, err := s.Document(ctx, id, true)
	if err != nil {
		return nil, nil, err
	}
	org, err := s.Organisation(ctx, doc.OrganisationID)
	return org, doc, err
}

// summary counts a document's pages and indicators for messages.
func summary(doc *koers.Document) string {
	pages, indicators := 0, 0
	_ = doc.Walk(func(p *koers.Page) error {
		pages++
		indicators += len(p.Indicators)
		return nil
	})
	return fmt.Sprintf("%d pages, %d indicators", pages, indicators)
}

func (m *Main) synth(args []string) error {
	if len(args) > 0 && args[0] == "register" {
		return m.synthRegister(args[1:])
	}
	fs := m.flags("synth", "[--programmes N] | --out DIR [--organisations N] [--documents M] [--programmes P] | --queries N")
	n := fs.Int("programmes", 60, "number of programme pages of each document, each shaped like Leiderdorp's 1C")
	out := fs.String("out", "", "write a corpus to this directory, one bundle per document (DIR/ORGANISATION/DOCUMENT.json), instead of one begroting to stdout")
	orgs := fs.Int("organisations", 1, "with --out: number of organisations")
	docs := fs.Int("documents", 1, "with --out: number of documents per organisation (four a year, going back from 2030)")
	queries := fs.Int("queries", 0, "print this many search queries for a corpus, one per line, instead of a document")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("synth: unexpected argument %q", fs.Arg(0))
	case set["queries"] && len(set) > 1:
		return errors.New("synth: --queries goes alone")
	case set["queries"]:
		if *queries < 1 || *queries > maxQueries {
			return fmt.Errorf("synth: --queries must be between 1 and %d, not %d", maxQueries, *queries)
		}
		return m.writeLines(synth.Queries(*queries))
	case *n < 1 || *n > 10000:
		return fmt.Errorf("synth: --programmes must be between 1 and 10000, not %d", *n)
	case (set["organisations"] || set["documents"]) && *out == "":
		return errors.New("synth: --organisations and --documents write a corpus, one file per document: name its directory with --out DIR")
	case set["out"] && *out == "":
		return errors.New("synth: --out needs a directory")
	case *out == "":
		return bundle.Encode(m.Stdout, bundle.FromDomain(synth.Organisation(), synth.Document(*n)))
	case *orgs < 1 || *orgs > maxOrganisations:
		return fmt.Errorf("synth: --organisations must be between 1 and %d, not %d", maxOrganisations, *orgs)
	case *docs < 1 || *docs > maxDocuments:
		return fmt.Errorf("synth: --documents must be between 1 and %d (four a year from 2030 back to %d), not %d",
			maxDocuments, 2030-(maxDocuments-1)/4, *docs)
	}
	written, err := writeCorpus(*out, *orgs, *docs, *n)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	fmt.Fprintf(m.Stdout, "wrote %d documents to %s: %d organisations × %d documents, programmes per document: %d\n", written, *out, *orgs, *docs, *n)
	return nil
}

// Bounds of a synthetic corpus: the Netherlands has 342 municipalities; a
// century of documents at four a year.
const (
	maxOrganisations = 9999
	maxDocuments     = 400
	maxQueries       = 100000
)

// writeCorpus writes documents 0..docs-1 of organisations 0..orgs-1 of
// synth's corpus, one bundle file per document, and returns how many it
// wrote. The same arguments always write the same files.
func writeCorpus(dir string, orgs, docs, programmes int) (int, error) {
	written := 0
	for i := range orgs {
		org := synth.CorpusOrganisation(i)
		orgDir := filepath.Join(dir, org.Slug)
		if err := os.MkdirAll(orgDir, 0o755); err != nil {
			return written, err
		}
		for j := range docs {
			doc := synth.CorpusDocument(i, j, programmes)
			var buf bytes.Buffer
			if err := bundle.Encode(&buf, bundle.FromDomain(org, doc)); err != nil {
				return written, fmt.Errorf("%s/%s: %w", org.Slug, doc.Slug, err)
			}
			if err := os.WriteFile(filepath.Join(orgDir, doc.Slug+".json"), buf.Bytes(), 0o644); err != nil {
				return written, err
			}
			written++
		}
	}
	return written, nil
}

// writeLines writes one line per string to stdout.
func (m *Main) writeLines(lines []string) error {
	w := bufio.NewWriter(m.Stdout)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	return w.Flush()
}
