package bundle

import (
	"fmt"
	"strings"

	"github.com/koers-nl/koers"
)

// ReservedSlugs cannot name an organisation: the site uses them as the
// first segment of its own URLs.
var ReservedSlugs = []string{"api", "static", "healthz", "readyz", "metrics", "pdf", "selectie", "zoeken", "sitemap"}

// ReservedDocumentSlugs cannot name a document: they are the second
// segment of an organisation's own pages.
var ReservedDocumentSlugs = []string{"indicatoren", "cyclus", "open-data"}

// validate checks what the schema cannot: uniqueness, references between
// parts of a page, ranges that depend on the unit, and slugs.
func validate(ps *problems, b *Bundle) {
	for _, r := range ReservedSlugs {
		if b.Organisation.Slug == r {
			ps.add("/organisation/slug", "%q is reserved for the site's own pages", r)
		}
	}
	if t := b.Organisation.Theme; t != nil {
		problems := koers.Theme{Colour: t.Colour, Logo: t.LogoSVG}.Check()
		if msg, ok := problems["colour"]; ok {
			ps.add("/organisation/theme/colour", "%s", msg)
		}
		if msg, ok := problems["logo"]; ok {
			ps.add("/organisation/theme/logo_svg", "%s", msg)
		}
	}
	d := b.Document
	slug := d.Slug
	if slug == "" {
		slug = (&koers.Document{Kind: d.Kind, Year: d.Year, Sequence: d.Sequence}).DefaultSlug()
	}
	for _, r := range ReservedDocumentSlugs {
		if slug == r {
			ps.add("/document/slug", "%q is reserved for the organisation's own pages", r)
		}
	}
	switch {
	case d.Kind == koers.Bestuursrapportage && d.Sequence == 0:
		ps.add("/document", "a bestuursrapportage needs its sequence number (1 for the 1ste)")
	case d.Kind != koers.Bestuursrapportage && d.Sequence != 0:
		ps.add("/document/sequence", "only a bestuursrapportage has a sequence number")
	}
	v := &validator{ps: ps, keys: map[string]string{}}
	v.pages("/document/pages", d.Pages, 1)
}

type validator struct {
	ps   *problems
	keys map[string]string // indicator key -> pointer of its first use
}

func (v *validator) pages(ptr string, pages []Page, depth int) {
	if depth > koers.MaxPageDepth {
		v.ps.add(ptr, "pages nest deeper than %d levels", koers.MaxPageDepth)
		return
	}
	slugs := map[string]string{}
	for i := range pages {
		p := &pages[i]
		pp := fmt.Sprintf("%s/%d", ptr, i)
		slug := p.Slug
		if slug == "" {
			slug = koers.Slugify(p.Title)
			if slug == "" {
				v.ps.add(pp+"/title", "title %q gives no URL slug; add a \"slug\"", p.Title)
			}
		}
		if first, ok := slugs[slug]; ok && slug != "" {
			v.ps.add(pp, "slug %q is already used by the page at %s", slug, first)
		}
		slugs[slug] = pp
		v.page(pp, p)
		v.pages(pp+"/children", p.Children, depth+1)
	}
}

func (v *validator) page(ptr string, p *Page) {
	if p.Number == "" && (len(p.SmartGoals) > 0 || len(p.Activities) > 0) {
		v.ps.add(ptr, "a page with SMART goals or activities needs a \"number\" (such as \"1C\"): they keep their identity by it")
	}
	goals := map[string]bool{}
	for i, g := range p.SmartGoals {
		if goals[g.Number] {
			v.ps.add(fmt.Sprintf("%s/smart_goals/%d/number", ptr, i), "SMART goal %s appears twice", g.Number)
		}
		goals[g.Number] = true
	}
	activities := map[string]bool{}
	for i, a := range p.Activities {
		ap := fmt.Sprintf("%s/activities/%d/number", ptr, i)
		if activities[a.Number] {
			v.ps.add(ap, "activity %s appears twice", a.Number)
		}
		activities[a.Number] = true
		goal, _, _ := strings.Cut(a.Number, ".")
		if len(p.SmartGoals) > 0 && !goals[goal] {
			v.ps.add(ap, "activity %s belongs to SMART goal %s, which the page does not have", a.Number, goal)
		}
	}
	indicators := map[string]bool{}
	for i, in := range p.Indicators {
		ip := fmt.Sprintf("%s/indicators/%d", ptr, i)
		if first, ok := v.keys[in.Key]; ok {
			v.ps.add(ip+"/key", "indicator key %q is already used at %s", in.Key, first)
		} else {
			v.keys[in.Key] = ip
		}
		indicators[in.Key] = true
		if in.PrivacyThreshold != 0 && in.Unit != koers.Count {
			v.ps.add(ip+"/privacy_threshold", "a privacy threshold applies to counts only, and this indicator's unit is %s", in.Unit)
		}
		seen := map[koers.Column]bool{}
		for j, val := range in.Values {
			vp := fmt.Sprintf("%s/values/%d", ip, j)
			c := koers.Column{Year: val.Year, Kind: val.Kind}
			if seen[c] {
				v.ps.add(vp, "indicator %q has two %s values for %d", in.Key, val.Kind, val.Year)
			}
			seen[c] = true
			if in.Unit == koers.Percentage && val.Value != nil && (*val.Value < 0 || *val.Value > 100) {
				v.ps.add(vp+"/value", "percentage %v is outside 0 to 100", *val.Value)
			}
		}
	}
	for i, blk := range p.Blocks {
		v.block(fmt.Sprintf("%s/blocks/%d", ptr, i), blk, goals, activities, indicators)
	}
}

func (v *validator) block(ptr string, b koers.Block, goals, activities, indicators map[string]bool) {
	refs := func(field string, n int, ref func(i int) string, known map[string]bool, what string) {
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			r := ref(i)
			rp := fmt.Sprintf("%s/%s/%d", ptr, field, i)
			if field != "indicators" {
				rp += "/ref"
			}
			if !known[r] {
				v.ps.add(rp, "%s %q is not on this page", what, r)
			}
			if seen[r] {
				v.ps.add(rp, "%s %q appears twice in this block", what, r)
			}
			seen[r] = true
		}
	}
	switch b.Type {
	case koers.SmartGoalsBlock:
		if len(goals) == 0 {
			v.ps.add(ptr, "a smart_goals block needs the page's \"smart_goals\"")
		}
	case koers.ActivitiesBlock:
		if len(activities) == 0 {
			v.ps.add(ptr, "an activities block needs the page's \"activities\"")
		}
	case koers.GoalExplanationsBlock:
		refs("explanations", len(b.Explanations), func(i int) string { return b.Explanations[i].Ref }, goals, "SMART goal")
	case koers.ActivityExplanationsBlock:
		refs("explanations", len(b.Explanations), func(i int) string { return b.Explanations[i].Ref }, activities, "activity")
	case koers.IndicatorTableBlock:
		refs("indicators", len(b.Indicators), func(i int) string { return b.Indicators[i] }, indicators, "indicator")
	case koers.DeviationsBlock:
		if b.Scope == koers.ScopeSmartGoals {
			refs("deviations", len(b.Deviations), func(i int) string { return b.Deviations[i].Ref }, goals, "SMART goal")
		} else {
			refs("deviations", len(b.Deviations), func(i int) string { return b.Deviations[i].Ref }, activities, "activity")
		}
	}
}
