package admin

import (
	"errors"
	"strconv"

	"github.com/koers-nl/koers"
)

// errForm is a change refused for the problems of its form, which the
// handler shows.
var errForm = errors.New("the form has problems")

// documentFields reads a document's properties from a form into doc,
// adding a problem for each field that cannot be read. The domain's rules
// (ValidateDocument) judge the rest when the draft is stored.
func documentFields(f *form, values map[string]string, doc *koers.Document) {
	doc.Kind = koers.DocumentKind(values["kind"])
	if !doc.Kind.Valid() {
		f.add("kind", "Kies het soort document.")
	}
	if y, err := strconv.Atoi(values["year"]); err != nil || y < koers.MinYear || y > koers.MaxYear {
		f.add("year", "Vul het jaar in als een getal, zoals 2025.")
	} else {
		doc.Year = y
	}
	doc.Sequence = 0
	if v := values["sequence"]; v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 9 {
			f.add("sequence", "Vul het volgnummer van de bestuursrapportage in als een getal van 1 tot 9, of laat het leeg.")
		} else {
			doc.Sequence = n
		}
	}
	if values["title"] == "" {
		f.add("title", "Vul de titel van het document in.")
	}
	doc.Title = values["title"]
	if values["slug"] != "" || doc.Slug == "" {
		doc.Slug = values["slug"]
	}
}

// documentFieldOf names the form field of a problem of a document's own
// properties; "" for a problem elsewhere in the document.
func documentFieldOf(p koers.Problem) string {
	if len(p.Path) == 1 {
		if name, ok := p.Path[0].(string); ok {
			switch name {
			case "kind", "year", "sequence", "title", "slug":
				return name
			}
		}
	}
	return ""
}

// formProblems shows the problems of a refused write in the form: each
// next to its field (fieldOf) or, when it has none there, in the summary.
// It reports false for an error that is not a refusal for problems.
func formProblems(f *form, err error, fieldOf func(koers.Problem) string) bool {
	var e *koers.Error
	if !errors.As(err, &e) || (e.Code != koers.EINVALID && e.Code != koers.ECONFLICT) {
		return false
	}
	if len(e.Problems) == 0 {
		f.Summary = append(f.Summary, problem{Message: e.Message})
		return true
	}
	for _, p := range e.Problems {
		if field := fieldOf(p); field != "" {
			f.add(field, problemText(p))
		} else {
			f.Summary = append(f.Summary, problem{Message: problemText(p)})
		}
	}
	return true
}

// problemText is a problem as the back office shows it.
func problemText(p koers.Problem) string { return p.Dutch() }
