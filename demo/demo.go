// Package demo holds the demo data of koers: Gemeente Leiderdorp's
// published documents as bundles (see README.md in this folder), embedded in
// the binary and loaded into an empty database on first start.
package demo

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.json
var files embed.FS

// File is one demo bundle.
type File struct {
	Name string
	Data []byte
}

// Files returns the demo bundles in name order.
func Files() ([]File, error) {
	names, err := fs.Glob(files, "*.json")
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
