package web

import (
	"net/http"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestCycleLinkOnlyWhereACycleIs: a page links to its programme's cycle
// view only when that view exists (CycleOf takes numbered pages without
// children); a numbered page with content and children of its own used to
// link to a 404.
func TestCycleLinkOnlyWhereACycleIs(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Begroting, 2031, 0)
	text := []koers.Block{{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{{Type: koers.Paragraph, Text: "Tekst."}}}}
	parent := doc.Pages[0]
	parent.Kind, parent.Number, parent.Title, parent.Slug, parent.Blocks = koers.Programme, "2", "Programma 2", "programma-2", text
	parent.Children = []*koers.Page{{Kind: koers.SubProgramme, Number: "2A", Title: "2A Wonen", Slug: "2a-wonen", Blocks: text}}
	doc.SetPaths()
	site.mustPut(t, storetest.Leiderdorp(), doc)

	for _, tc := range []struct {
		path, link string
	}{
		{"/leiderdorp/begroting-2031/programma-2", ""},
		{"/leiderdorp/begroting-2031/programma-2/2a-wonen", "/leiderdorp/cyclus/2a/2031"},
	} {
		page := site.mustDoc(t, tc.path, http.StatusOK)
		link, _ := page.Find(".cycle-link a").Attr("href")
		if link != tc.link {
			t.Errorf("%s links to cycle view %q, want %q", tc.path, link, tc.link)
		}
		if link != "" {
			site.mustDoc(t, link, http.StatusOK)
		}
	}
}
