package sqlstore

import (
	"encoding/json"
	"fmt"

	"github.com/koers-nl/koers"
)

// storedStatusEntry is the stored shape of one entry of an organisation's
// status legend (organisations.status_legend, a JSON array; ” for none).
type storedStatusEntry struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
	Colour string `json:"colour"`
}

func encodeStatusLegend(l koers.StatusLegend) (string, error) {
	if len(l) == 0 {
		return "", nil
	}
	s := make([]storedStatusEntry, len(l))
	for i, e := range l {
		s[i] = storedStatusEntry{Key: e.Key, Label: e.Label, Symbol: e.Symbol, Colour: e.Colour}
	}
	b, err := json.Marshal(s)
	return string(b), err
}

func decodeStatusLegend(body string) (koers.StatusLegend, error) {
	if body == "" {
		return nil, nil
	}
	var s []storedStatusEntry
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return nil, fmt.Errorf("status legend: %w", err)
	}
	l := make(koers.StatusLegend, len(s))
	for i, e := range s {
		l[i] = koers.StatusEntry{Key: e.Key, Label: e.Label, Symbol: e.Symbol, Colour: e.Colour}
	}
	return l, nil
}
