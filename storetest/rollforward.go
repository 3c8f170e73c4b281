package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// testRollForward stores a begroting, the next begroting rolled forward
// from what the store gives back (with one target filled in) and a
// bestuursrapportage rolled forward from it, and checks that the
// indicator's series runs through all three: the identity roll-forward
// keeps is the identity the store follows.
func testRollForward(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	meta, err := s.DocumentBySlug(ctx(), org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := s.Document(ctx(), meta.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	next, err := koers.NextBegroting(stored)
	if err != nil {
		t.Fatal(err)
	}
	in := next.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").Indicator("wmo-maatwerk")
	for i, v := range in.Values {
		if v.Year == 2023 && v.Kind == koers.Budgeted {
			in.Values[i].Number = num(1300)
		}
	}
	MustPut(t, s, org, next)
	report, err := koers.BestuursrapportageFrom(stored, 1)
	if err != nil {
		t.Fatal(err)
	}
	MustPut(t, s, org, report)

	series, err := s.Series(ctx(), org.ID, "wmo-maatwerk")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range series.Reports {
		got = append(got, fmt.Sprintf("%s %d%s=%s current=%v", r.Document.Slug, r.Value.Year, r.Value.Kind.Abbrev(), r.Display(series.Indicator), r.Current))
	}
	want := []string{
		"begroting-2022 2018w=1.992 current=true",
		"begroting-2023 2019w=1.350 current=true",
		"begroting-2022 2019w=1.350 current=false",
		"begroting-2023 2020w=nnb current=true",
		"bestuursrapportage-2022-1 2022w=nnb current=true",
		"bestuursrapportage-2022-1 2022b=1.350 current=true",
		"begroting-2022 2022b=1.350 current=false",
		"begroting-2023 2023b=1.300 current=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reports:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var mentions []string
	for _, m := range series.Mentions {
		mentions = append(mentions, m.Document.Slug)
	}
	if got, want := strings.Join(mentions, " "), "begroting-2023 bestuursrapportage-2022-1 begroting-2022"; got != want {
		t.Errorf("mentions %s, want %s", got, want)
	}
}
