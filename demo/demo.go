// Package demo holds the demo data of koers: Gemeente Leiderdorp's
// published documents as bundles and the comparison figures they quote
// (see README.md in this folder), embedded in the binary and loaded into an
// empty database on first start.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

//go:embed *.json *.csv
var files embed.FS

//go:embed register/rules.json
var registerRules []byte

// File is one demo file.
type File struct {
	Name string
	Data []byte
}

// Files returns the demo bundles in name order.
func Files() ([]File, error) { return read("*.json") }

// RegisterRules returns the counting rules of the demo's register: the
// nine indicators of Leiderdorp's programme 1C (see doc/register.md).
func RegisterRules() File { return File{Name: "register/rules.json", Data: registerRules} }

// BenchmarkFiles returns the demo's comparison figures (CSV).
func BenchmarkFiles() ([]File, error) { return read("*.csv") }

func read(pattern string) ([]File, error) {
	names, err := fs.Glob(files, pattern)
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []File
	for _, n := range names {
		data, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: n, Data: data})
	}
	return out, nil
}

// Load puts every demo document and benchmark into the store and names
// what it loaded.
func Load(ctx context.Context, s koers.Store) ([]string, error) {
	docs, err := Files()
	if err != nil {
		return nil, err
	}
	var loaded []string
	for _, f := range docs {
		b, err := bundle.Decode("demo/"+f.Name, f.Data)
		if err != nil {
			return loaded, fmt.Errorf("load demo: %w", err)
		}
		// The document with what its comparison rows give, in one write.
		od, figures := b.Write()
		if err := s.PutAll(ctx, []koers.OrganisationDocument{od}, figures); err != nil {
			return loaded, fmt.Errorf("load demo %s: %w", f.Name, err)
		}
		loaded = append(loaded, od.Organisation.Slug+"/"+od.Document.Slug)
	}
	csvs, err := BenchmarkFiles()
	if err != nil {
		return loaded, err
	}
	for _, f := range csvs {
		list, err := bundle.DecodeBenchmarks("demo/"+f.Name, f.Data)
		if err != nil {
			return loaded, fmt.Errorf("load demo: %w", err)
		}
		if err := s.PutBenchmarks(ctx, list); err != nil {
			return loaded, fmt.Errorf("load demo %s: %w", f.Name, err)
		}
		loaded = append(loaded, f.Name)
	}
	return loaded, nil
}
