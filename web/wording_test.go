package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestIndicatorWordingChanges: a later document that counts an indicator in
// another unit with another definition shows its words on the indicator
// page, says what changed where, and neither draws nor compares the values
// of the earlier unit; the earlier document's own page keeps its words.
func TestIndicatorWordingChanges(t *testing.T) {
	site := mustSite(t)
	org := storetest.Leiderdorp()
	site.mustPut(t, org, storetest.Begroting2022())
	later := storetest.Bare(koers.Begroting, 2023, 0)
	later.Pages[0].Kind, later.Pages[0].Number = koers.SubProgramme, "1C"
	later.Pages[0].Indicators = []*koers.Indicator{{Key: "wmo-maatwerk", Number: "1.1", Name: "Aandeel inwoners met maatwerk",
		Unit: koers.Percentage, Definition: "Aandeel van alle inwoners.",
		Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: storetestNum(7.5)}}}}
	later.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"wmo-maatwerk"}}}
	site.mustPut(t, org, later)

	doc := site.mustDoc(t, "/leiderdorp/indicatoren/wmo-maatwerk", http.StatusOK)
	if got := doc.Find("h1").Text(); !strings.Contains(got, "Aandeel inwoners met maatwerk") {
		t.Errorf("h1 = %q, want the latest wording", got)
	}
	changes := normalise(doc.Find(`section[aria-labelledby="wijzigingen"] li`).Text())
	for _, want := range []string{
		"Begroting 2023: De eenheid veranderde van aantal in percentage.",
		"Begroting 2023: De telregel veranderde van: Inwoners met ten minste één maatwerkvoorziening op 31-12. in: Aandeel van alle inwoners.",
	} {
		if !strings.Contains(changes, normalise(want)) {
			t.Errorf("changes section lacks %q; has %q", want, changes)
		}
	}
	if desc := doc.Find("svg.chart desc").Text(); strings.Contains(desc, "1.992") || !strings.Contains(desc, "7,5%") {
		t.Errorf("chart description = %q: it must draw 7,5%% and not the earlier counts", desc)
	}
	sources := doc.Find(`section[aria-labelledby="bronnen"] tbody`).Text()
	if !strings.Contains(sources, "1.992") || !strings.Contains(sources, "nee, andere eenheid") {
		t.Errorf("sources table should keep the counts, marked as another unit: %s", sources)
	}
	if strings.Contains(sources, "1.992%") {
		t.Errorf("a count is shown as a percentage: %s", sources)
	}

	// The download keeps each value in its own unit.
	_, csv := site.get(t, "/leiderdorp/indicatoren/wmo-maatwerk.csv")
	for _, want := range []string{"wmo-maatwerk;1.1;Aandeel inwoners met maatwerk;count;2018;realised;1992;1.992;Beleidsbegroting 2022;nee",
		"wmo-maatwerk;1.1;Aandeel inwoners met maatwerk;percentage;2021;realised;7,5;7,5%;Begroting 2023;ja"} {
		if !strings.Contains(csv, want) {
			t.Errorf("series CSV lacks %q:\n%s", want, csv)
		}
	}

	page := site.mustDoc(t, begrotingFixturePath, http.StatusOK)
	if text := page.Find("table.indicator-table").Text(); !strings.Contains(text, "1.992") || strings.Contains(text, "1.992%") {
		t.Errorf("the earlier page's table changed: %s", text)
	}
}

const begrotingFixturePath = "/leiderdorp/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"

func storetestNum(f float64) *float64 { return &f }

// TestIndicatorDownloadsOwnWords: the indicator's CSV and JSON give every
// value as its own document published it. A later document in another unit
// once turned an earlier count into "1.992%" there, and a later document
// without a privacy threshold published the small counts an earlier one
// kept as "<10", on the indicator page and in both downloads.
func TestIndicatorDownloadsOwnWords(t *testing.T) {
	site := mustSite(t)
	org := storetest.Leiderdorp()
	site.mustPut(t, org, storetest.Begroting2022())
	earlier := storetest.Bare(koers.Begroting, 2020, 0)
	earlier.Pages[0].Indicators = []*koers.Indicator{{Key: "klein", Number: "1", Name: "Kleine aantallen", Unit: koers.Count, Threshold: 10,
		Values: []koers.Value{{Year: 2018, Kind: koers.Realised, Number: storetestNum(3)}}}}
	earlier.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"klein"}}}
	site.mustPut(t, org, earlier)
	later := storetest.Bare(koers.Begroting, 2023, 0)
	later.Pages[0].Kind, later.Pages[0].Number = koers.SubProgramme, "1C"
	later.Pages[0].Indicators = []*koers.Indicator{
		{Key: "wmo-maatwerk", Number: "1.1", Name: "Aandeel inwoners met maatwerk", Unit: koers.Percentage,
			Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: storetestNum(7.5)}}},
		{Key: "klein", Number: "1", Name: "Kleine aantallen", Unit: koers.Count,
			Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: storetestNum(12)}}},
	}
	later.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"wmo-maatwerk", "klein"}}}
	site.mustPut(t, org, later)

	_, csv := site.get(t, "/leiderdorp/indicatoren/wmo-maatwerk.csv")
	for _, want := range []string{
		"wmo-maatwerk;1.1;Aandeel inwoners met maatwerk;count;2018;realised;1992;1.992;Beleidsbegroting 2022;nee\n",
		"wmo-maatwerk;1.1;Aandeel inwoners met maatwerk;percentage;2021;realised;7,5;7,5%;Begroting 2023;ja\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("wmo-maatwerk.csv lacks %q:\n%s", want, csv)
		}
	}
	_, csv = site.get(t, "/leiderdorp/indicatoren/klein.csv")
	for _, want := range []string{
		"klein;1;Kleine aantallen;count;2018;realised;;<10;Begroting 2020;ja\n",
		"klein;1;Kleine aantallen;count;2021;realised;12;12;Begroting 2023;ja\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("klein.csv lacks %q:\n%s", want, csv)
		}
	}
	_, js := site.get(t, "/leiderdorp/indicatoren/klein.json")
	if !strings.Contains(js, `"display": "\u003c10"`) || strings.Contains(js, `"value": 3,`) {
		t.Errorf("klein.json publishes the small count:\n%s", js)
	}
	page := site.mustDoc(t, "/leiderdorp/indicatoren/klein", http.StatusOK)
	if text := normalise(page.Find("main").Text()); !strings.Contains(text, "<10") || strings.Contains(text, "20183") {
		t.Errorf("the indicator page publishes the small count: %s", text)
	}
	if desc := page.Find("svg.chart desc").Text(); strings.Contains(desc, "werkelijk 3") {
		t.Errorf("the chart draws the small count: %s", desc)
	}
}
