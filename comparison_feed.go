package koers

import "strconv"

// A comparison row that names one of the page's indicators is that
// indicator's one source for the figures it shows: the municipality's
// figure is the indicator's realised value for the row's year, and the
// areas' figures with a region code are its benchmarks. The author gives
// each number once; FeedComparisons derives the rest, and validation
// refuses a row whose figure contradicts a value given on the indicator.

// indicatorOn returns the indicator with key on p; nil when p has none.
func indicatorOn(p *Page, key string) *Indicator {
	if p == nil {
		return nil
	}
	for _, in := range p.Indicators {
		if in != nil && in.Key == key {
			return in
		}
	}
	return nil
}

// feedValue turns a figure into a value of the indicator's unit; ok is
// false for a notation or a figure that does not parse.
func feedValue(f Figure, u Unit) (v Value, ok bool) {
	if f.Decimal == "" {
		return Value{}, false
	}
	if u == Amount {
		m, err := ParseMoney(f.Decimal)
		if err != nil {
			return Value{}, false
		}
		return Value{Amount: &m}, true
	}
	n, err := strconv.ParseFloat(f.Decimal, 64)
	if err != nil {
		return Value{}, false
	}
	return Value{Number: &n}, true
}

func sameValue(a, b Value) bool {
	switch {
	case a.Amount != nil && b.Amount != nil:
		return *a.Amount == *b.Amount
	case a.Number != nil && b.Number != nil:
		return *a.Number == *b.Number
	}
	return false
}

// feedProblems checks what the row at rp would feed its indicator in and
// its benchmarks for the table's coded areas.
func (c *checker) feedProblems(rp []any, r ComparisonRow, in *Indicator, areas []ComparisonArea) {
	period, err := ParseComparisonPeriod(r.Period)
	if err != nil || in == nil {
		return // reported already
	}
	if period.Half > 0 || period.Q > 0 || period.M > 0 {
		c.at(join(rp, "period"), "a row of indicator %q needs a year as its period: the indicator's values are per year, and %s is not", in.Key, period.Label())
		return
	}
	for k, a := range areas {
		if a.Code == "" || k >= len(r.Areas) {
			continue
		}
		if av, ok := feedValue(r.Areas[k], in.Unit); ok && av.Number != nil {
			if m := valueProblem(*av.Number, in.Unit); m != nil {
				c.add(join(rp, "areas", k), m)
			}
		} else if !ok && r.Areas[k].Decimal != "" {
			c.at(join(rp, "areas", k), "figure %s is not an amount in whole cents, as indicator %q needs", r.Areas[k].Decimal, in.Key)
		}
	}
	v, ok := feedValue(r.Value, in.Unit)
	if !ok {
		if r.Value.Decimal != "" && in.Unit == Amount {
			c.at(join(rp, "value"), "figure %s is not an amount in whole cents, as indicator %q needs", r.Value.Decimal, in.Key)
		}
		return
	}
	if v.Number != nil {
		if m := valueProblem(*v.Number, in.Unit); m != nil {
			c.add(join(rp, "value"), m)
			return
		}
	}
	for j, given := range in.Values {
		if given.Year == period.Year && given.Kind == Realised && given.Known() && !sameValue(given, v) {
			c.at(join(rp, "value"), "indicator %q has %s as its realised value for %d (values/%d), and this row says %s; give the figure once",
				in.Key, in.Display(given), period.Year, j, r.Value.String())
		}
	}
}

// FeedComparisons gives the indicators of doc the figures of the
// comparison rows that name them: the municipality's figure becomes the
// indicator's realised value for the row's year where the indicator has
// none, and it returns the areas' figures that have a region code as
// benchmarks. Call it on a valid document; rows it cannot use (a
// notation, a period other than a year) are passed over.
func FeedComparisons(doc *Document) []Benchmark {
	var out []Benchmark
	_ = doc.Walk(func(p *Page) error {
		for _, b := range p.Blocks {
			t := b.Comparison
			if b.Type != ComparisonTableBlock || t == nil {
				continue
			}
			for _, r := range t.Rows {
				in := indicatorOn(p, r.Indicator)
				period, err := ParseComparisonPeriod(r.Period)
				if in == nil || err != nil || period.Half+period.Q+period.M > 0 {
					continue
				}
				if v, ok := feedValue(r.Value, in.Unit); ok {
					if _, has := in.Value(period.Year, Realised); !has {
						v.Year, v.Kind = period.Year, Realised
						in.Values = append(in.Values, v)
					}
				}
				for k, a := range t.Areas {
					if a.Code == "" || k >= len(r.Areas) {
						continue
					}
					v, ok := feedValue(r.Areas[k], in.Unit)
					if !ok {
						continue
					}
					bm := Benchmark{Indicator: in.Key, Area: a.Code, Period: strconv.Itoa(period.Year), Unit: in.Unit,
						Source: r.Source, ReferenceDate: t.Reference}
					if v.Amount != nil {
						bm.Amount = *v.Amount
					} else {
						bm.Value = *v.Number
					}
					out = append(out, bm)
				}
			}
		}
		return nil
	})
	return out
}
