package present

import "github.com/koers-nl/koers"

// StatusMark is a status as readers see it: a symbol and a label, which
// carry the meaning, and a colour for the symbol, which only adds to it.
type StatusMark struct {
	Key    string
	Symbol string
	Label  string
	Colour string
}

// Text is the mark in plain text, "● Op schema": what the PDFs print and
// what a screen reader can read.
func (m StatusMark) Text() string { return m.Symbol + " " + m.Label }

// Status returns the mark of the status key in the legend, or nil for no
// status. A key the legend lacks (a legend changed after the document was
// written) is shown as the key itself, without a symbol of its own.
func Status(legend koers.StatusLegend, key string) *StatusMark {
	if key == "" {
		return nil
	}
	if e, ok := legend.Entry(key); ok {
		return &StatusMark{Key: e.Key, Symbol: e.Symbol, Label: e.Label, Colour: e.Colour}
	}
	return &StatusMark{Key: key, Symbol: "?", Label: key, Colour: "#595959"}
}

// DeviationStatuses lays out the statuses of a deviations block: one mark
// per deviation (nil where it has none), and the legend of the statuses
// used, in the legend's order. Without any status both are nil.
func DeviationStatuses(legend koers.StatusLegend, b koers.Block) (marks []*StatusMark, used []StatusMark) {
	keys := map[string]bool{}
	for _, d := range b.Deviations {
		if d.Status != "" {
			keys[d.Status] = true
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	for _, d := range b.Deviations {
		marks = append(marks, Status(legend, d.Status))
	}
	for _, e := range legend.Used(keys) {
		used = append(used, StatusMark{Key: e.Key, Symbol: e.Symbol, Label: e.Label, Colour: e.Colour})
	}
	return marks, used
}
