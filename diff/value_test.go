package diff

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestValues pins the Dutch strings of changed values as readers see
// them, for each unit and for money.
func TestValues(t *testing.T) {
	ind := func(u koers.Unit, threshold int, vs ...koers.Value) *koers.Indicator {
		return &koers.Indicator{Key: "k", Unit: u, Threshold: threshold, Values: vs}
	}
	b2022 := func(n *float64) koers.Value { return koers.Value{Year: 2022, Kind: koers.Budgeted, Number: n} }
	w2022 := func(n *float64) koers.Value { return koers.Value{Year: 2022, Kind: koers.Realised, Number: n} }
	amount := func(m *koers.Money) koers.Value { return koers.Value{Year: 2022, Kind: koers.Realised, Amount: m} }
	tests := []struct {
		name     string
		old, new *koers.Indicator
		want     []string
	}{
		{"percentage", ind(koers.Percentage, 0, b2022(num(12))), ind(koers.Percentage, 0, b2022(num(11.5))), []string{"2022 (b): 12% → 11,5%"}},
		{"nnb to a count", ind(koers.Count, 0, w2022(nil)), ind(koers.Count, 0, w2022(num(1992))), []string{"2022 (w): nnb → 1.992"}},
		{"a column added", ind(koers.Count, 0), ind(koers.Count, 0, w2022(num(4))), []string{"2022 (w): geen → 4"}},
		{"a column removed", ind(koers.Count, 0, b2022(num(4))), ind(koers.Count, 0), []string{"2022 (b): 4 → geen"}},
		{"money", ind(koers.Amount, 0, amount(euros(60000))), ind(koers.Amount, 0, amount(euros(65000))), []string{"2022 (w): € 60.000 → € 65.000"}},
		{"cents", ind(koers.Amount, 0, amount(euros(1))), ind(koers.Amount, 0, amount(func() *koers.Money { m := koers.Money(150); return &m }())), []string{"2022 (w): € 1 → € 1,50"}},
		{"a small count stays hidden", ind(koers.Count, 10, w2022(num(3))), ind(koers.Count, 10, w2022(num(4))), nil},
		{"a small count becomes public", ind(koers.Count, 10, w2022(num(3))), ind(koers.Count, 10, w2022(num(12))), []string{"2022 (w): <10 → 12"}},
		{"same", ind(koers.Count, 0, w2022(num(3))), ind(koers.Count, 0, w2022(num(3))), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, v := range compareValues(tt.old, tt.new) {
				got = append(got, v.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNilDocuments(t *testing.T) {
	tests := []struct {
		name     string
		old, new *koers.Document
		want     Summary
		changed  bool
	}{
		{"both nil", nil, nil, Summary{}, false},
		{"nothing before", nil, base(), Summary{Added: 4}, true},
		{"nothing after", base(), nil, Summary{Removed: 4}, true},
		{"identical", base(), base(), Summary{Same: 4}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Documents(tt.old, tt.new)
			if d.Summary != tt.want || d.Changed() != tt.changed {
				t.Errorf("summary %+v changed %v, want %+v %v", d.Summary, d.Changed(), tt.want, tt.changed)
			}
		})
	}
	// Nothing before: every page is added with all its content.
	got := outline(Documents(nil, base()))
	want := `document {+Begroting 2022+}: 4 pagina's toegevoegd
page inleiding added {+Inleiding+}
  block text Toegevoegd
    paragraph added {+Voor u ligt de begroting.+}
page programmas added {+Programma's+}
page programmas/programma-1 added {+Programma 1: Meedoen+}
  goal 1 Toegevoegd {+Meer inwoners doen mee.+}
  goal 2 Toegevoegd {+Minder inwoners in armoede.+}
  goal 3 Toegevoegd {+Jongeren groeien veilig op.+}
  activity 1.1 Toegevoegd {+We openen een buurthuis.+}
    note {+* Onder voorbehoud.+}
  activity 2.1 Toegevoegd {+We voeren de minimaregeling uit.+}
  indicator meedoen added {+1.1+} {+Aandeel inwoners dat meedoet+}
    value 2021 (w): geen → 11,6%
    value 2022 (b): geen → 12%
  indicator cliënten added {+2.1+} {+Aantal cliënten+}
    value 2022 (w): geen → nnb
  block text Toegevoegd {+Inleiding+}
    paragraph added {+Wij ondersteunen inwoners.+}
    list added
      item  Toegevoegd {+buurthuis+}
      item  Toegevoegd {+bibliotheek+}
  block goal Toegevoegd {+Doel+}
    text {+Iedereen doet mee.+}
  block smart_goals Toegevoegd {+SMART doel+}
  block goal_explanations Toegevoegd {+Wat willen we bereiken?+}
    ref "1" added "1. Meer inwoners doen mee."
      paragraph {+Meedoen is belangrijk.+}
  block indicator_table Toegevoegd {+Prestatie-indicatoren+}
    row  Toegevoegd {+1.1 Aandeel inwoners dat meedoet+}
    row  Toegevoegd {+2.1 Aantal cliënten+}
  block deviations Toegevoegd
    ref "1" added "1. Meer inwoners doen mee."
      status Status: geen → op-schema
      paragraph {+Geen afwijkingen.+}
  block finance_table Toegevoegd {+Wat mag het kosten?+}
    row  Toegevoegd {+Programma 1 (lasten)+}
      value Realisatie 2021: geen → € 50.000
      value Begroting 2022: geen → € 60.000
    row  Toegevoegd {+Rijksbijdrage (baten)+}
      value Begroting 2022: geen → € 10.000
page programmas/programma-2 added {+Programma 2: Wonen+}
  block text Toegevoegd
    paragraph added {+Wonen in het dorp.+}
`
	if got != want {
		t.Errorf("nothing before: got\n%s\nwant\n%s", got, want)
	}
}
