package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// An author takes a value the register computed into a draft: the
// indicator table's block offers, per year where the register's value is
// not the draft's, a button that sets the realised value to it
// (koers.TakeComputed), through the draft's ordinary change (a new
// version, the audit log, four eyes before it is published). The value is
// read from the publication store's computed values, never from the form.

// registerOffer is one computed value the draft does not hold.
type registerOffer struct {
	Key, Name string
	Year      int
	Value     string // the register's
	Draft     string // the draft's, "geen" when it has none
	Rule      string
	Version   int
}

// registerOffers are the computed values of the block's indicators that
// differ from the draft's realised values: what an author may take over.
// Suppressed values are never offered.
func (s *Server) registerOffers(r *request, p *koers.Page, b koers.Block) []registerOffer {
	var out []registerOffer
	for _, key := range b.Indicators {
		in := p.Indicator(key)
		if in == nil {
			continue
		}
		series, err := s.store.Series(r.Context(), r.org.ID, key)
		if err != nil {
			if koers.ErrorCode(err) != koers.ENOTFOUND {
				s.log.Error("computed values of indicator", "indicator", key, "err", err)
			}
			continue
		}
		for _, c := range series.Computed {
			if c.Suppressed() {
				continue
			}
			o := registerOffer{Key: key, Name: strings.TrimSpace(in.Number + " " + in.Name), Year: c.Year,
				Value: c.Display(in.Unit), Draft: "geen", Rule: c.Rule, Version: c.RuleVersion}
			if v, ok := in.Value(c.Year, koers.Realised); ok {
				if v.Number != nil && *v.Number == *c.Number {
					continue
				}
				o.Draft = in.Display(v)
			}
			out = append(out, o)
		}
	}
	return out
}

// takeComputed sets a realised value of the draft to the register's.
func (s *Server) takeComputed(w http.ResponseWriter, r *request) error {
	key := routePage(r)
	indicator := r.PostFormValue("sleutel")
	year, err := strconv.Atoi(r.PostFormValue("jaar"))
	if err != nil {
		return koers.Errorf(koers.EINVALID, "Het formulier noemt geen jaar.")
	}
	series, err := s.store.Series(r.Context(), r.org.ID, indicator)
	if err != nil {
		return err
	}
	var value *koers.ComputedValue
	for i, c := range series.Computed {
		if c.Year == year {
			value = &series.Computed[i]
		}
	}
	if value == nil {
		return koers.Errorf(koers.ENOTFOUND, "Het register heeft voor %s geen waarde voor %d.", indicator, year)
	}
	var shown string
	err = s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		p := d.Page(key)
		if p == nil {
			return koers.DraftChange{}, goneOrStale(d, r, errNoPage)
		}
		if d.Stale(key, seenVersion(r)) {
			return koers.DraftChange{}, errStale
		}
		in := p.Indicator(indicator)
		if in == nil {
			return koers.DraftChange{}, koers.Errorf(koers.ENOTFOUND, "Deze pagina heeft geen indicator %q.", indicator)
		}
		before := "geen"
		if v, ok := in.Value(year, koers.Realised); ok {
			before = in.Display(v)
		}
		keys, ps := koers.TakeComputed(d.Document, *value)
		if len(ps) > 0 {
			return koers.DraftChange{}, koers.Errorf(koers.EINVALID, "%s", ps[0].Message)
		}
		shown = value.Display(in.Unit)
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: p.Path, Keys: keys,
			Before: indicator + " " + strconv.Itoa(year) + ": " + before,
			After:  indicator + " " + strconv.Itoa(year) + ": " + shown + " uit het register (telregel versie " + strconv.Itoa(value.RuleVersion) + ")"}, nil
	})
	if err != nil {
		return err
	}
	return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft"), "/paginas/", itoa(key)),
		"De registerwaarde "+shown+" is overgenomen als realisatie "+strconv.Itoa(year)+".")
}
