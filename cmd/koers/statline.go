package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/statimport"
	"github.com/koers-nl/koers/statline"
)

// statlineCmd fills a stored document's comparison tables from a CBS
// StatLine export: the rows that name their StatLine figure take the
// municipality's and the areas' figures from it. All or nothing.
func (m *Main) statlineCmd(ctx context.Context, args []string) error {
	fs := m.flags("statline", "[--db DB] DOCUMENT FILE")
	db := m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errors.New("statline: name one document (an id, or ORGANISATION/DOCUMENT) and one StatLine export (OData JSON or CSV)")
	}
	ref, file := fs.Arg(0), fs.Arg(1)
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("statline: %w", err)
	}
	obs, err := statline.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("statline: %s: %w; nothing imported", file, err)
	}
	return withStore(ctx, *db, func(s koers.Store) error {
		org, doc, err := findDocument(ctx, s, ref)
		if err != nil {
			return fmt.Errorf("statline %s: %w", ref, err)
		}
		if org.CBSCode == "" {
			return fmt.Errorf("statline %s: the organisation %s has no CBS code to find its figures by; nothing imported", ref, org.Slug)
		}
		filled, n, err := statimport.FillDocument(doc, org.CBSCode, obs)
		if err != nil {
			return fmt.Errorf("statline %s from %s: %w; nothing imported", ref, file, err)
		}
		figures := koers.FeedComparisons(filled)
		if err := s.PutAll(ctx, []koers.OrganisationDocument{{Organisation: org, Document: filled}}, figures); err != nil {
			return fmt.Errorf("statline %s: %w; nothing imported", ref, err)
		}
		fmt.Fprintf(m.Stdout, "filled %d comparison rows of %s from %s\n", n, describe(org, filled), file)
		return nil
	})
}
