package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// readLedger decodes a ledger CSV when the file is one (by its header);
// ok is false for any other CSV.
func readLedger(in *input) (ok bool, err error) {
	file, err := os.Open(in.name)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", in.name, err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, bundle.MaxLedgerBytes+1))
	if err != nil {
		return false, fmt.Errorf("read %s: %w", in.name, err)
	}
	if !bundle.IsLedger(data) {
		return false, nil
	}
	in.ledger, err = bundle.DecodeLedger(in.name, data)
	return true, err
}

// applyLedgers fills the documents the run's ledgers name: a document of
// the run itself (a bundle beside the ledger), else the stored one, read
// whole. It returns the documents to write with the run's own.
func applyLedgers(ctx context.Context, s koers.Store, inputs []input, docs []koers.OrganisationDocument) ([]koers.OrganisationDocument, error) {
	for _, in := range inputs {
		if in.ledger == nil {
			continue
		}
		for _, k := range in.ledger.Documents() {
			var target *koers.OrganisationDocument
			for i, d := range docs {
				if d.Organisation.Slug == k.Organisation && d.Document.Slug == k.Document {
					target = &docs[i]
				}
			}
			if target == nil {
				od, err := storedDocument(ctx, s, in.ledger, k)
				if err != nil {
					return nil, err
				}
				docs = append(docs, od)
				target = &docs[len(docs)-1]
			}
			if err := in.ledger.Apply(k.Organisation, target.Document); err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

// storedDocument reads a document a ledger names, with its organisation,
// from the store.
func storedDocument(ctx context.Context, s koers.Store, l *bundle.Ledger, k bundle.DocumentKey) (koers.OrganisationDocument, error) {
	org, err := s.OrganisationBySlug(ctx, k.Organisation)
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		return koers.OrganisationDocument{}, l.Unknown(k, fmt.Sprintf("organisation %q is not in the database; import its documents first", k.Organisation))
	} else if err != nil {
		return koers.OrganisationDocument{}, err
	}
	doc, err := s.DocumentBySlug(ctx, org.ID, k.Document)
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		return koers.OrganisationDocument{}, l.Unknown(k, fmt.Sprintf("document %q of %s is not in the database; import it first", k.Document, k.Organisation))
	} else if err != nil {
		return koers.OrganisationDocument{}, err
	}
	if doc, err = s.Document(ctx, doc.ID, true); err != nil {
		return koers.OrganisationDocument{}, err
	}
	return koers.OrganisationDocument{Organisation: org, Document: doc}, nil
}
