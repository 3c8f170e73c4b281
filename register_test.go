package koers_test

import (
	"fmt"
	"testing"

	"github.com/koers-nl/koers"
)

// TestRegisterBatchAdd: facts are appended in order; a provider named by
// its AGB code alone (a message) keeps the name a CSV file gave it.
func TestRegisterBatchAdd(t *testing.T) {
	var all koers.RegisterBatch
	all.Add(&koers.RegisterBatch{Providers: []koers.Provider{{AGB: "1"}, {AGB: "2", Name: "Twee"}},
		Care: []koers.CareEvent{{Assignment: "A"}}})
	all.Add(&koers.RegisterBatch{Providers: []koers.Provider{{AGB: "1", Name: "Een"}, {AGB: "2"}, {AGB: "3"}},
		Care: []koers.CareEvent{{Assignment: "B"}}, Clients: []koers.Client{{Area: "Noord"}}})
	if got := fmt.Sprint(all.Providers); got != "[{1 Een} {2 Twee} {3 }]" {
		t.Errorf("providers %s", got)
	}
	if len(all.Care) != 2 || all.Care[0].Assignment != "A" || all.Care[1].Assignment != "B" || len(all.Clients) != 1 || all.Len() != 6 {
		t.Errorf("facts %+v", all)
	}
}
