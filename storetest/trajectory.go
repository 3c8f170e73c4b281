package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// subProgramme1C is the 1C page of a fixture document.
func subProgramme1C(d *koers.Document) *koers.Page {
	var found *koers.Page
	_ = d.Walk(func(p *koers.Page) error {
		if p.Number == "1C" {
			found = p
		}
		return nil
	})
	return found
}

// CycleDocuments are a begroting 2022, its first bestuursrapportage with
// statuses, and a begroting 2023 that rewords goal 2, drops activity 2.2
// and lowers the target of indicator wmo-maatwerk for 2022.
func CycleDocuments() []*koers.Document {
	b22 := Begroting2022()
	burap := Burap2020()
	burap.Year, burap.Title, burap.Slug = 2022, "1ste bestuursrapportage 2022", "bestuursrapportage-2022-1"
	devs := subProgramme1C(burap).Blocks
	devs[1].Deviations[1].Status = "risico"
	devs[2].Deviations[0].Status = "achter"
	b23 := Begroting2022()
	b23.Year, b23.Title, b23.Slug = 2023, "Beleidsbegroting 2023", "begroting-2023"
	p := subProgramme1C(b23)
	p.SmartGoals[1].Title = "Meer kinderen groeien veilig op."
	p.Activities = append(p.Activities[:1], p.Activities[2])
	p.Blocks = append(p.Blocks[:5], p.Blocks[6]) // without the explanation of 2.2
	p.Indicators[0].Values = []koers.Value{{Year: 2022, Kind: koers.Budgeted, Number: num(1300)}, {Year: 2023, Kind: koers.Budgeted, Number: num(1250)}}
	return []*koers.Document{b23, burap, b22}
}

// testTrajectory: a goal or activity through the documents of several
// kinds and years, in the cycle's order, with each document's wording,
// values and status, and what changed; ENOTFOUND for what no document has.
func testTrajectory(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	for _, d := range CycleDocuments() {
		MustPut(t, s, org, d)
	}
	MustPut(t, s, org, Begroting2020()) // another year, worded as 2022
	pub := s.Published()
	lines := func(tr *koers.Trajectory) []string {
		var out []string
		for _, st := range tr.Steps {
			var values, changes []string
			for _, in := range st.Indicators {
				for _, v := range in.Values {
					values = append(values, fmt.Sprintf("%s %d %s=%s", in.Key, v.Year, v.Kind, in.Display(v)))
				}
			}
			for _, c := range st.Changes {
				changes = append(changes, c.Sentence(koers.DefaultStatusLegend))
			}
			status := ""
			if st.Deviation != nil {
				status = st.Deviation.Status + ": " + strings.Join(st.Deviation.Paragraphs, " ")
			}
			out = append(out, fmt.Sprintf("%s (%s) | %s | %s | %s | %s", st.Document.Slug, st.Page.Path, st.Title,
				strings.Join(values, ", "), status, strings.Join(changes, " ")))
		}
		return out
	}
	tests := []struct {
		programme, number string
		scope             koers.Scope
		want              []string
	}{
		{"1c", "2", koers.ScopeSmartGoals, []string{
			"begroting-2020 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | Meer kinderen groeien gezond en veilig op. |  |  | ",
			"begroting-2022 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | Meer kinderen groeien gezond en veilig op. |  |  | ",
			"bestuursrapportage-2022-1 (programmas/programma-1/1c-ondersteunde-inwoners) | Meer kinderen groeien gezond en veilig op. |  | risico: Ondersteuning op afstand. | Status: risico.",
			"begroting-2023 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | Meer kinderen groeien veilig op. |  |  | De formulering veranderde.",
		}},
		{"1C", "1.1", koers.ScopeActivities, []string{
			"begroting-2020 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | We verstrekken maatwerkvoorzieningen vanuit de Wmo. | " +
				"wmo-maatwerk 2018 realised=1.992, wmo-maatwerk 2019 realised=1.350, wmo-maatwerk 2022 budgeted=1.350 |  | ",
			"begroting-2022 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | We verstrekken maatwerkvoorzieningen vanuit de Wmo. | " +
				"wmo-maatwerk 2018 realised=1.992, wmo-maatwerk 2019 realised=1.350, wmo-maatwerk 2022 budgeted=1.350 |  | ",
			"begroting-2023 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | We verstrekken maatwerkvoorzieningen vanuit de Wmo. | " +
				"wmo-maatwerk 2022 budgeted=1.300, wmo-maatwerk 2023 budgeted=1.250 |  | " +
				"De streefwaarde van Aantal inwoners met een maatwerkvoorziening Wmo voor 2022 veranderde van 1.350 in 1.300.",
		}},
		{"1c", "2.2", koers.ScopeActivities, []string{
			"begroting-2020 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | We hebben voldoende aanbod kwalitatief goede gespecialiseerde jeugdhulp. |  |  | ",
			"begroting-2022 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) | We hebben voldoende aanbod kwalitatief goede gespecialiseerde jeugdhulp. |  |  | ",
			"bestuursrapportage-2022-1 (programmas/programma-1/1c-ondersteunde-inwoners) | We stellen voldoende aanbod van kwalitatief goede gespecialiseerde jeugdhulp beschikbaar. |  | " +
				"achter: Het budgetplafond is bereikt. Hiervoor is € 60.000 geraamd. | De formulering veranderde. Status: achter.",
			"begroting-2023 (beleidsbegroting/programma-1/1c-ondersteunde-inwoners) |  |  |  | Niet meer opgenomen.",
		}},
	}
	for _, tt := range tests {
		tr, err := pub.Trajectory(ctx(), org.ID, tt.programme, tt.number, tt.scope)
		if err != nil {
			t.Fatalf("Trajectory(%s, %s): %v", tt.programme, tt.number, err)
		}
		if got := lines(tr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Trajectory(%s, %s):\n%s\nwant:\n%s", tt.programme, tt.number, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if tr.Programme != tt.programme || tr.Number != tt.number || tr.Scope != tt.scope {
			t.Errorf("Trajectory(%s, %s) = %s %s %s", tt.programme, tt.number, tr.Programme, tr.Number, tr.Scope)
		}
	}
	for _, tt := range []struct {
		orgID             int64
		programme, number string
		scope             koers.Scope
	}{
		{org.ID, "1c", "9", koers.ScopeSmartGoals},
		{org.ID, "1c", "2", koers.ScopeActivities}, // a goal's number is no activity
		{org.ID, "9z", "2", koers.ScopeSmartGoals},
		{org.ID, "1", "2", koers.ScopeSmartGoals}, // programme 1 groups pages: it carries no plan
		{org.ID + 1000, "1c", "2", koers.ScopeSmartGoals},
	} {
		_, err := pub.Trajectory(ctx(), tt.orgID, tt.programme, tt.number, tt.scope)
		if koers.ErrorCode(err) != koers.ENOTFOUND {
			t.Errorf("Trajectory(%d, %s, %s, %s): %v", tt.orgID, tt.programme, tt.number, tt.scope, err)
		}
	}
}
