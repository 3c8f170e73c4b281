package web

import (
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// comparison lays out a comparison_table block; the caption is its
// heading, and the municipality's column is named after the organisation
// when the table does not name it.
func (vw *viewer) comparison(b koers.Block) *present.ComparisonTable {
	if b.Comparison == nil {
		return nil
	}
	name := ""
	if vw.org != nil {
		name = strings.TrimPrefix(vw.org.Name, "Gemeente ")
	}
	t := present.Comparison(b.Comparison, name)
	if b.Heading != "" {
		t.Caption = b.Heading
	}
	return t
}
