package bundle

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/koers-nl/koers"
)

// Write is the bundle as every import writes it: its document, whose
// indicators have the values its comparison rows give them, and the
// benchmarks those rows give (koers.FeedComparisons). A comparison row is
// its indicator's one source, whichever command or loader writes it.
func (b *Bundle) Write() (koers.OrganisationDocument, []koers.Benchmark) {
	org, doc := b.Domain()
	figures := koers.FeedComparisons(doc)
	return koers.OrganisationDocument{Organisation: org, Document: doc}, figures
}

// Domain turns a decoded bundle into the domain's organisation and
// document, filling in default slugs. Every list keeps the file's order:
// the domain's field paths are then the bundle's JSON pointers, and an
// export gives values back in the order they came.
func (b *Bundle) Domain() (*koers.Organisation, *koers.Document) {
	org := &koers.Organisation{Slug: b.Organisation.Slug, Name: b.Organisation.Name, CBSCode: b.Organisation.CBSCode}
	if t := b.Organisation.Theme; t != nil {
		org.Theme = koers.Theme{Colour: t.Colour, Logo: t.LogoSVG}
	}
	for _, e := range b.Organisation.StatusLegend {
		org.StatusLegend = append(org.StatusLegend, koers.StatusEntry{Key: e.Key, Label: e.Label, Symbol: e.Symbol, Colour: e.Colour})
	}
	if f := b.Organisation.Finance; f != nil {
		org.Finance = koers.FinanceSettings{Signs: f.Signs, Threshold: f.Threshold}
	}
	d := b.Document
	doc := &koers.Document{Kind: d.Kind, Year: d.Year, Sequence: d.Sequence, Title: d.Title, Slug: d.Slug}
	if doc.Slug == "" {
		doc.Slug = doc.DefaultSlug()
	}
	doc.Pages = domainPages(d.Pages)
	doc.SetPaths()
	return org, doc
}

func domainPages(pages []Page) []*koers.Page {
	var out []*koers.Page
	for _, p := range pages {
		dp := &koers.Page{Kind: p.Kind, Number: p.Number, Title: p.Title, Slug: p.Slug, Blocks: domainBlocks(p.Blocks)}
		if dp.Slug == "" {
			dp.Slug = koers.Slugify(p.Title)
		}
		for _, g := range p.SmartGoals {
			dp.SmartGoals = append(dp.SmartGoals, koers.SmartGoal{Number: g.Number, Title: g.Title})
		}
		for _, a := range p.Activities {
			dp.Activities = append(dp.Activities, koers.Activity{Number: a.Number, Title: a.Title, Footnote: domainFootnote(a.Footnote)})
		}
		for _, in := range p.Indicators {
			di := &koers.Indicator{Key: in.Key, Number: in.Number, Name: in.Name, Unit: in.Unit, Footnote: domainFootnote(in.Footnote),
				Direction: in.Direction, Definition: in.Definition, Source: in.Source, Threshold: in.PrivacyThreshold}
			// Values keep the bundle's order, so that an export gives them back
			// as they came.
			for _, v := range in.Values {
				di.Values = append(di.Values, domainValue(in.Unit, v))
			}
			dp.Indicators = append(dp.Indicators, di)
		}
		dp.Children = domainPages(p.Children)
		out = append(out, dp)
	}
	return out
}

// domainValue converts a bundle value: an amount becomes exact cents, any
// other unit keeps its number.
func domainValue(u koers.Unit, v Value) koers.Value {
	dv := koers.Value{Year: v.Year, Kind: v.Kind}
	if v.Value == nil {
		return dv
	}
	if u == koers.Amount {
		// Only an amount in whole cents converts; any other stays a number,
		// which the domain's rules refuse, located at the value.
		if m, ok := koers.MoneyFromFloat(*v.Value); ok && m.Float() == *v.Value {
			dv.Amount = &m
			return dv
		}
	}
	dv.Number = v.Value
	return dv
}

// FromDomain makes the bundle of a stored document. Slugs that equal their
// default are left out, so that a bundle written by hand survives an
// import and export unchanged.
func FromDomain(org *koers.Organisation, doc *koers.Document) *Bundle {
	b := &Bundle{
		Format:       Format,
		Version:      Version,
		Organisation: Organisation{Slug: org.Slug, Name: org.Name, CBSCode: org.CBSCode},
		Document: Document{Kind: doc.Kind, Year: doc.Year, Sequence: doc.Sequence, Title: doc.Title,
			Pages: bundlePages(doc.Pages)},
	}
	if org.Theme != (koers.Theme{}) {
		b.Organisation.Theme = &Theme{Colour: org.Theme.Colour, LogoSVG: org.Theme.Logo}
	}
	for _, e := range org.StatusLegend {
		b.Organisation.StatusLegend = append(b.Organisation.StatusLegend, StatusEntry{Key: e.Key, Label: e.Label, Symbol: e.Symbol, Colour: e.Colour})
	}
	if org.Finance != (koers.FinanceSettings{}) {
		b.Organisation.Finance = &FinanceSettings{Signs: org.Finance.Signs, Threshold: org.Finance.Threshold}
	}
	if doc.Slug != doc.DefaultSlug() {
		b.Document.Slug = doc.Slug
	}
	return b
}

func bundlePages(pages []*koers.Page) []Page {
	var out []Page
	for _, p := range pages {
		bp := Page{Kind: p.Kind, Number: p.Number, Title: p.Title, Blocks: bundleBlocks(p.Blocks)}
		if p.Slug != koers.Slugify(p.Title) {
			bp.Slug = p.Slug
		}
		for _, g := range p.SmartGoals {
			bp.SmartGoals = append(bp.SmartGoals, SmartGoal{Number: g.Number, Title: g.Title})
		}
		for _, a := range p.Activities {
			bp.Activities = append(bp.Activities, Activity{Number: a.Number, Title: a.Title, Footnote: bundleFootnote(a.Footnote)})
		}
		for _, in := range p.Indicators {
			bi := Indicator{Key: in.Key, Number: in.Number, Name: in.Name, Unit: in.Unit, Footnote: bundleFootnote(in.Footnote), Values: []Value{},
				Direction: in.Direction, Definition: in.Definition, Source: in.Source, PrivacyThreshold: in.Threshold}
			for _, v := range in.Values {
				n, _ := v.Float()
				bv := Value{Year: v.Year, Kind: v.Kind}
				if v.Known() {
					bv.Value = &n
				}
				bi.Values = append(bi.Values, bv)
			}
			bp.Indicators = append(bp.Indicators, bi)
		}
		bp.Children = bundlePages(p.Children)
		out = append(out, bp)
	}
	if out == nil {
		out = []Page{}
	}
	return out
}

func domainFootnote(f *Footnote) *koers.Footnote {
	if f == nil {
		return nil
	}
	return &koers.Footnote{Marker: f.Marker, Text: f.Text}
}

func bundleFootnote(f *koers.Footnote) *Footnote {
	if f == nil {
		return nil
	}
	return &Footnote{Marker: f.Marker, Text: f.Text}
}

// domainBlocks and bundleBlocks convert blocks field by field: the two
// shapes are the same today and free to differ tomorrow.
func domainBlocks(blocks []Block) []koers.Block {
	if blocks == nil {
		return nil
	}
	out := make([]koers.Block, len(blocks))
	for i, b := range blocks {
		d := koers.Block{Type: koers.BlockType(b.Type), Heading: b.Heading, Text: b.Text,
			Indicators: slices.Clone(b.Indicators), Scope: koers.Scope(b.Scope), Finance: b.Finance.Clone(),
			Comparison: b.Comparison.Clone()}
		d.Printed = b.Printed.Clone()
		for _, el := range b.Content {
			d.Content = append(d.Content, koers.TextElement{Type: koers.TextElementType(el.Type), Text: el.Text,
				Items: slices.Clone(el.Items), Ordered: el.Ordered})
		}
		for _, e := range b.Explanations {
			d.Explanations = append(d.Explanations, koers.Explanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: slices.Clone(e.Paragraphs)})
		}
		for _, dv := range b.Deviations {
			d.Deviations = append(d.Deviations, koers.Deviation{Ref: dv.Ref, Paragraphs: slices.Clone(dv.Paragraphs), Status: dv.Status})
		}
		out[i] = d
	}
	return out
}

func bundleBlocks(blocks []koers.Block) []Block {
	if blocks == nil {
		return nil
	}
	out := make([]Block, len(blocks))
	for i, d := range blocks {
		b := Block{Type: string(d.Type), Heading: d.Heading, Text: d.Text,
			Indicators: slices.Clone(d.Indicators), Scope: string(d.Scope), Finance: d.Finance.Clone(),
			Comparison: d.Comparison.Clone()}
		b.Printed = d.Printed.Clone()
		for _, el := range d.Content {
			b.Content = append(b.Content, TextElement{Type: string(el.Type), Text: el.Text,
				Items: slices.Clone(el.Items), Ordered: el.Ordered})
		}
		for _, e := range d.Explanations {
			b.Explanations = append(b.Explanations, Explanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: slices.Clone(e.Paragraphs)})
		}
		for _, dv := range d.Deviations {
			b.Deviations = append(b.Deviations, Deviation{Ref: dv.Ref, Paragraphs: slices.Clone(dv.Paragraphs), Status: dv.Status})
		}
		out[i] = b
	}
	return out
}

// Encode writes b as indented JSON, characters unescaped, ending in a
// newline.
func Encode(w io.Writer, b *Bundle) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}
