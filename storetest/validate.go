package storetest

import (
	"errors"
	"math"
	"testing"

	"github.com/koers-nl/koers"
)

// testInvalidRefused puts documents that break the domain's rules: the
// store refuses each with EINVALID and the problems Validate found, and
// writes nothing, not even the organisation.
func testInvalidRefused(t *testing.T, s koers.Store) {
	rev0, err := s.Revision(ctx())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(o *koers.Organisation, d *koers.Document)
		path   string // of the one problem
	}{
		{"blank page number", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[0].Children[1].Number = " "
		}, "/document/pages/0/children/0/children/1/number"},
		{"page number with a slash", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[0].Children[1].Number = "1/C"
		}, "/document/pages/0/children/0/children/1/number"},
		{"explanation of an unknown goal", func(o *koers.Organisation, d *koers.Document) {
			d.Pages[0].Children[0].Children[1].Blocks[4].Explanations[0].Ref = "7"
		}, "/document/pages/0/children/0/children/1/blocks/4/explanations/0/ref"},
		{"infinite value", func(o *koers.Organisation, d *koers.Document) {
			inf := math.Inf(1)
			d.Pages[0].Children[0].Children[1].Indicators[1].Values[1].Number = &inf
		}, "/document/pages/0/children/0/children/1/indicators/1/values/1/value"},
		{"NUL in a title", func(o *koers.Organisation, d *koers.Document) {
			d.Title = "Begroting\x002022"
		}, "/document/title"},
		{"reserved organisation slug", func(o *koers.Organisation, d *koers.Document) {
			o.Slug = "api"
		}, "/organisation/slug"},
	}
	for _, tt := range tests {
		org, doc := Leiderdorp(), Begroting2022()
		tt.change(org, doc)
		err := s.PutDocument(ctx(), org, doc)
		if koers.ErrorCode(err) != koers.EINVALID {
			t.Errorf("%s: err = %v, want invalid", tt.name, err)
			continue
		}
		var paths []string
		for _, p := range problemsOf(err) {
			paths = append(paths, p.Pointer())
		}
		if len(paths) != 1 || paths[0] != tt.path {
			t.Errorf("%s: problems at %q, want %s", tt.name, paths, tt.path)
		}
		if org.ID != 0 || doc.ID != 0 {
			t.Errorf("%s: IDs set on a refused put: org %d, doc %d", tt.name, org.ID, doc.ID)
		}
	}
	orgs, err := s.Organisations(ctx())
	if err != nil || len(orgs) != 0 {
		t.Errorf("after refused puts: %d organisations, %v", len(orgs), err)
	}
	docs, err := s.Documents(ctx(), koers.DocumentFilter{})
	if err != nil || len(docs) != 0 {
		t.Errorf("after refused puts: %d documents, %v", len(docs), err)
	}
	if rev, err := s.Revision(ctx()); err != nil || rev != rev0 {
		t.Errorf("after refused puts: revision %d -> %d, %v", rev0, rev, err)
	}
}

// problemsOf returns the domain problems an error holds.
func problemsOf(err error) koers.Problems {
	var e *koers.Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}
