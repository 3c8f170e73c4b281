// Package statimport fills comparison tables from CBS StatLine exports:
// every row that names its StatLine figure (koers.StatLineSource) takes
// the municipality's figure and those of the areas with a region code
// from the export's observations, so that nobody types them over.
//
// Filling is all or nothing: a row whose figure is missing from the
// export, or matched twice, is a problem with its place, and no table is
// returned. See doc/statline.md.
package statimport

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/statline"
)

// key finds the observations of one region, period and measure.
type key struct {
	region  string
	period  statline.Period
	measure string
}

// Fill returns a copy of t with the figures of its StatLine rows taken
// from obs: the value from the municipality's code ("GM0547"), each area's
// from its code; areas without a code keep what they had. n is the number
// of rows filled. The error is an EINVALID *koers.Error whose problems
// are located in the table (/rows/3/statline).
func Fill(t *koers.ComparisonTable, municipality string, obs []statline.Observation) (out *koers.ComparisonTable, n int, err error) {
	index := make(map[key][]int, len(obs))
	for i, o := range obs {
		k := key{o.Region, o.Period, o.Measure}
		index[k] = append(index[k], i)
	}
	out = t.Clone()
	var ps koers.Problems
	for i := range out.Rows {
		r := &out.Rows[i]
		src := r.StatLine
		if src == nil {
			continue
		}
		at := []any{"rows", i, "statline"}
		p, err := period(r.Period)
		if err != nil {
			ps = append(ps, koers.Problem{Path: []any{"rows", i, "period"}, Message: err.Error()})
			continue
		}
		find := func(region, what string) (koers.Figure, bool) {
			var found []int
			for _, j := range index[key{region, p, src.Measure}] {
				if matches(obs[j].Dims, src.Dims) {
					found = append(found, j)
				}
			}
			switch len(found) {
			case 0:
				ps = append(ps, koers.Problem{Path: at, Message: fmt.Sprintf("the export has no figure of %s for %s (%s) in %s%s",
					src.Measure, what, region, p, dimsText(src.Dims))})
				return koers.Figure{}, false
			case 1:
				return figure(obs[found[0]].Value), true
			}
			ps = append(ps, koers.Problem{Path: at, Message: fmt.Sprintf("the export has %d figures of %s for %s (%s) in %s%s (%s and %s); name the other dimensions in \"dims\"",
				len(found), src.Measure, what, region, p, dimsText(src.Dims), obs[found[0]].At, obs[found[1]].At)})
			return koers.Figure{}, false
		}
		ok := true
		if f, found := find(municipality, "the municipality"); found {
			r.Value = f
		} else {
			ok = false
		}
		for k, a := range out.Areas {
			if a.Code == "" || k >= len(r.Areas) {
				continue
			}
			if f, found := find(a.Code, a.Name); found {
				r.Areas[k] = f
			} else {
				ok = false
			}
		}
		if ok {
			n++
		}
	}
	if err := ps.Err("comparison figures from StatLine"); err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// period turns a row's period into StatLine's: a year is 2020JJ00, a
// quarter 2020KW02, a month 2021MM12. StatLine has no half-years.
func period(s string) (statline.Period, error) {
	cp, err := koers.ParseComparisonPeriod(s)
	if err != nil {
		return statline.Period{}, err
	}
	switch {
	case cp.Half > 0:
		return statline.Period{}, fmt.Errorf("StatLine has no half-years: %s cannot be imported", cp.Label())
	case cp.Q > 0:
		return statline.Period{Year: cp.Year, Kind: statline.Quarter, N: cp.Q}, nil
	case cp.M > 0:
		return statline.Period{Year: cp.Year, Kind: statline.Month, N: cp.M}, nil
	}
	return statline.Period{Year: cp.Year, Kind: statline.Year}, nil
}

// matches reports whether an observation's other dimensions are the ones
// the row names: each named dimension has the named code. Dimensions the
// row does not name may be anything; two matches are then an error.
func matches(dims []statline.Dim, want map[string]string) bool {
	for name, code := range want {
		i := slices.IndexFunc(dims, func(d statline.Dim) bool { return d.Name == name })
		if i < 0 || dims[i].Code != code {
			return false
		}
	}
	return true
}

func dimsText(dims map[string]string) string {
	if len(dims) == 0 {
		return ""
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(dims)) {
		parts = append(parts, k+" "+dims[k])
	}
	return " with " + strings.Join(parts, ", ")
}

// figure shows a StatLine cell as the table prints it. A blank cell
// ("cannot occur on logical grounds") is not applicable; "x" (secret) and
// a figure without a reason are unknown, as CBS's "." says.
func figure(v statline.Value) koers.Figure {
	switch v.Missing {
	case statline.Number:
		return koers.Number(v.Decimal)
	case statline.Nil:
		return koers.Missing(koers.NotationNil)
	case statline.Impossible:
		return koers.Missing(koers.NotationNotApplicable)
	}
	return koers.Missing(koers.NotationUnknown)
}

// FillDocument fills every comparison table of doc that names StatLine
// figures, in place, and returns doc and the number of rows filled. It is
// all or nothing across the document: with any problem (located from the
// document, /pages/0/children/2/blocks/1/comparison/rows/3/statline)
// nothing of doc changes. A document without such rows is an error: the
// import would do nothing.
func FillDocument(doc *koers.Document, municipality string, obs []statline.Observation) (*koers.Document, int, error) {
	type fill struct {
		b *koers.Block
		t *koers.ComparisonTable
	}
	var fills []fill
	var ps koers.Problems
	total, sources := 0, 0
	var walk func(base []any, pages []*koers.Page)
	walk = func(base []any, pages []*koers.Page) {
		for i, p := range pages {
			pp := append(slices.Clip(base), i)
			for k := range p.Blocks {
				b := &p.Blocks[k]
				if b.Type != koers.ComparisonTableBlock || b.Comparison == nil {
					continue
				}
				for _, r := range b.Comparison.Rows {
					if r.StatLine != nil {
						sources++
					}
				}
				t, n, err := Fill(b.Comparison, municipality, obs)
				if err != nil {
					var e *koers.Error
					if errors.As(err, &e) {
						ps = append(ps, e.Problems.Prefix(append(slices.Clip(pp), "blocks", k, "comparison")...)...)
						continue
					}
					ps = append(ps, koers.Problem{Path: pp, Message: err.Error()})
					continue
				}
				total += n
				fills = append(fills, fill{b, t})
			}
			walk(append(slices.Clip(pp), "children"), p.Children)
		}
	}
	walk([]any{"pages"}, doc.Pages)
	if len(ps) == 0 && sources == 0 {
		ps = append(ps, koers.Problem{Message: "no comparison table of this document names a StatLine figure (\"statline\" on its rows)"})
	}
	if err := ps.Err("comparison figures from StatLine"); err != nil {
		return nil, 0, err
	}
	for _, f := range fills {
		f.b.Comparison = f.t
	}
	return doc, total, nil
}
