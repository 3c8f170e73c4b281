package bundle

import (
	"errors"
	"fmt"

	"github.com/koers-nl/koers"
)

// validate checks the decoded bundle against the domain's rules and
// reports each problem at its place in the file. The domain's field paths
// are the bundle's JSON field names, so a path is a pointer; what only a
// bundle can get wrong is a page without a slug whose title gives none.
func validate(ps *problems, b *Bundle) {
	org, doc := b.Domain()
	var e *koers.Error
	if err := koers.ValidateDocument(org, doc); !errors.As(err, &e) {
		return
	}
	// A page that leaves out its slug gets its title's: a problem with
	// that slug is one of the title, which is in the file.
	defaulted := map[string]*koers.Page{}
	var walk func(ptr string, pages []Page, dps []*koers.Page)
	walk = func(ptr string, pages []Page, dps []*koers.Page) {
		for i := range pages {
			pp := fmt.Sprintf("%s/%d", ptr, i)
			if pages[i].Slug == "" {
				defaulted[pp+"/slug"] = dps[i]
			}
			walk(pp+"/children", pages[i].Children, dps[i].Children)
		}
	}
	walk("/document/pages", b.Document.Pages, doc.Pages)
	for _, p := range e.Problems {
		ptr, msg := p.Pointer(), p.Message
		if page, ok := defaulted[ptr]; ok {
			ptr = ptr[:len(ptr)-len("slug")] + "title"
			if page.Slug == "" {
				msg = fmt.Sprintf("title %q gives no URL slug; add a \"slug\"", page.Title)
			} else {
				msg += " (the page has no \"slug\", so its title gives it)"
			}
		}
		ps.add(ptr, "%s", msg)
	}
}
