package sqlstore

import (
	"encoding/json"
	"fmt"

	"github.com/koers-nl/koers"
)

// The stored shape of a block (blocks.body) is the store's own, apart from
// the bundle's and the API's, and carries its version so that it can change
// without touching either: a later version is read by a case of its own in
// decodeBlock. Rows written before the version existed are version 1.
const blockVersion = 1

type storedBlock struct {
	V            int                 `json:"v"`
	Type         koers.BlockType     `json:"type"`
	Heading      string              `json:"heading,omitempty"`
	Content      []storedElement     `json:"content,omitempty"`
	Text         string              `json:"text,omitempty"`
	Explanations []storedExplanation `json:"explanations,omitempty"`
	Indicators   []string            `json:"indicators,omitempty"`
	Scope        koers.Scope         `json:"scope,omitempty"`
	Deviations   []storedDeviation   `json:"deviations,omitempty"`
	// Finance is kept in the domain's JSON shape, whose amounts are exact
	// decimal euros; a change to it needs a block version of its own.
	Finance *koers.FinanceTable `json:"finance,omitempty"`
	// Printed is kept in the domain's JSON shape too.
	Printed *koers.PrintedTable `json:"printed,omitempty"`
	// Comparison is kept in the domain's JSON shape, whose figures are
	// exact decimals as printed, like Finance.
	Comparison *koers.ComparisonTable `json:"comparison,omitempty"`
}

type storedElement struct {
	Type    koers.TextElementType `json:"type"`
	Text    string                `json:"text,omitempty"`
	Items   []string              `json:"items,omitempty"`
	Ordered bool                  `json:"ordered,omitempty"`
}

type storedExplanation struct {
	Ref        string   `json:"ref"`
	Heading    string   `json:"heading,omitempty"`
	Paragraphs []string `json:"paragraphs"`
}

type storedDeviation struct {
	Ref        string   `json:"ref"`
	Paragraphs []string `json:"paragraphs"`
	Status     string   `json:"status,omitempty"` // added without a version: older rows have none
}

func encodeBlock(b koers.Block) ([]byte, error) {
	s := storedBlock{V: blockVersion, Type: b.Type, Heading: b.Heading, Text: b.Text,
		Indicators: b.Indicators, Scope: b.Scope, Finance: b.Finance, Comparison: b.Comparison}
	s.Printed = b.Printed
	for _, e := range b.Content {
		s.Content = append(s.Content, storedElement{Type: e.Type, Text: e.Text, Items: e.Items, Ordered: e.Ordered})
	}
	for _, e := range b.Explanations {
		s.Explanations = append(s.Explanations, storedExplanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: e.Paragraphs})
	}
	for _, d := range b.Deviations {
		s.Deviations = append(s.Deviations, storedDeviation{Ref: d.Ref, Paragraphs: d.Paragraphs, Status: d.Status})
	}
	return json.Marshal(s)
}

func decodeBlock(body []byte) (koers.Block, error) {
	var s storedBlock
	if err := json.Unmarshal(body, &s); err != nil {
		return koers.Block{}, err
	}
	switch s.V {
	case 0, 1: // 0: written before blocks carried their version; the same shape
	default:
		return koers.Block{}, fmt.Errorf("stored block version %d is newer than this koers knows (%d)", s.V, blockVersion)
	}
	b := koers.Block{Type: s.Type, Heading: s.Heading, Text: s.Text, Indicators: s.Indicators, Scope: s.Scope, Finance: s.Finance,
		Comparison: s.Comparison}
	b.Printed = s.Printed
	for _, e := range s.Content {
		b.Content = append(b.Content, koers.TextElement{Type: e.Type, Text: e.Text, Items: e.Items, Ordered: e.Ordered})
	}
	for _, e := range s.Explanations {
		b.Explanations = append(b.Explanations, koers.Explanation{Ref: e.Ref, Heading: e.Heading, Paragraphs: e.Paragraphs})
	}
	for _, d := range s.Deviations {
		b.Deviations = append(b.Deviations, koers.Deviation{Ref: d.Ref, Paragraphs: d.Paragraphs, Status: d.Status})
	}
	return b, nil
}
