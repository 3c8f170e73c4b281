package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// cycleSite is the demo site with an organisation whose sub-programme 1C
// goes through a begroting 2022, its bestuursrapportage and a begroting
// 2023 (storetest.CycleDocuments).
func cycleSite(t *testing.T) *testSite {
	site := mustSite(t)
	org := &koers.Organisation{Slug: "alpha", Name: "Gemeente Alpha"}
	for _, d := range storetest.CycleDocuments() {
		site.mustPut(t, org, d)
	}
	return site
}

// innerHTML is a selection's HTML with its white space made single.
func innerHTML(t *testing.T, s *goquerySel) string {
	t.Helper()
	h, err := s.Html()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(h), " ")
}

// TestTrajectoryPage: a goal or activity per document in the cycle's
// order, its wording compared word by word with del and ins that say what
// they are without colour, each target as each document stated it, the
// status, and what changed in sentences.
func TestTrajectoryPage(t *testing.T) {
	site := cycleSite(t)
	const page = "/alpha/begroting-2023/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	tests := []struct {
		path, h1 string
		head     []string
		rows     []string
		changes  []string
		cells    map[string]string // a cell's headers: its HTML
		last     string            // the last column's link
	}{
		{
			path: "/alpha/cyclus/1c/doelen/2",
			h1:   "Door de cyclus: Meer kinderen groeien veilig op.",
			last: page + "#doel-2",
			head: []string{"Onderdeel", "Beleidsbegroting 2022", "1ste bestuursrapportage 2022", "Beleidsbegroting 2023"},
			rows: []string{
				"Formulering | Meer kinderen groeien gezond en veilig op. | Meer kinderen groeien gezond en veilig op. | Meer kinderen groeien verwijderd: gezond en veilig op.",
				"Status en afwijkingen | geen melding | ▲ RisicoOndersteuning op afstand. | geen melding",
			},
			changes: []string{"1ste bestuursrapportage 2022: Status: risico.", "Beleidsbegroting 2023: De formulering veranderde."},
			cells: map[string]string{
				"doc-3 formulering": `Meer kinderen groeien <del><span class="visually-hidden">verwijderd: </span>gezond en </del>veilig op.`,
			},
		},
		{
			path: "/alpha/cyclus/1c/activiteiten/1.1",
			h1:   "Door de cyclus: We verstrekken maatwerkvoorzieningen vanuit de Wmo.",
			last: page + "#activiteit-1-1",
			head: []string{"Onderdeel", "Beleidsbegroting 2022", "Beleidsbegroting 2023"},
			rows: []string{
				"Formulering | We verstrekken maatwerkvoorzieningen vanuit de Wmo. | We verstrekken maatwerkvoorzieningen vanuit de Wmo.",
				"Aantal inwoners met een maatwerkvoorziening Wmo: streefwaarde 2022 | 1.350 | verwijderd: 1.350 toegevoegd: 1.300",
				"Aantal inwoners met een maatwerkvoorziening Wmo: streefwaarde 2023 | niet vermeld | 1.250",
				"Aantal inwoners met een maatwerkvoorziening Wmo: realisatie 2018 | 1.992 | niet vermeld",
				"Aantal inwoners met een maatwerkvoorziening Wmo: realisatie 2019 | 1.350 | niet vermeld",
				"Status en afwijkingen | geen melding | geen melding",
			},
			changes: []string{"Beleidsbegroting 2023: De streefwaarde van Aantal inwoners met een maatwerkvoorziening Wmo voor 2022 veranderde van 1.350 in 1.300."},
			cells: map[string]string{
				"doc-2 waarde-wmo-maatwerk-budgeted-2022": `<del><span class="visually-hidden">verwijderd: </span>1.350</del> <ins><span class="visually-hidden">toegevoegd: </span>1.300</ins>`,
			},
		},
		{
			path: "/alpha/cyclus/1C/activiteiten/2.2",
			h1:   "Door de cyclus: We stellen voldoende aanbod van kwalitatief goede gespecialiseerde jeugdhulp beschikbaar.",
			last: page, // it does not name the activity
			head: []string{"Onderdeel", "Beleidsbegroting 2022", "1ste bestuursrapportage 2022", "Beleidsbegroting 2023"},
			rows: []string{
				"Formulering | We hebben voldoende aanbod kwalitatief goede gespecialiseerde jeugdhulp. | " +
					"We verwijderd: hebbentoegevoegd: stellen voldoende aanbod toegevoegd: van kwalitatief goede gespecialiseerde jeugdhulptoegevoegd: beschikbaar. | niet genoemd",
				"Status en afwijkingen | geen melding | ■ AchterHet budgetplafond is bereikt. Hiervoor is € 60.000 geraamd. | geen melding",
			},
			changes: []string{"1ste bestuursrapportage 2022: De formulering veranderde. Status: achter.", "Beleidsbegroting 2023: Niet meer opgenomen."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc := site.mustDoc(t, tt.path, http.StatusOK)
			if h1 := strings.TrimSpace(doc.Find("h1").Text()); h1 != tt.h1 {
				t.Errorf("h1 %q", h1)
			}
			table := doc.Find("table.trace-table")
			if got := cellTexts(table.Find("thead tr")); !reflect.DeepEqual(got, []string{strings.Join(tt.head, " | ")}) {
				t.Errorf("head %q", got)
			}
			if got := cellTexts(table.Find("tbody tr")); !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.rows, "\n"))
			}
			var changes []string
			doc.Find("ul.trace-changes li").Each(func(_ int, li *goquerySel) {
				changes = append(changes, strings.Join(strings.Fields(li.Text()), " "))
			})
			if !reflect.DeepEqual(changes, tt.changes) {
				t.Errorf("changes %q", changes)
			}
			for headers, want := range tt.cells {
				if got := innerHTML(t, table.Find(`td[headers="`+headers+`"]`)); got != want {
					t.Errorf("cell %s:\n%s\nwant\n%s", headers, got, want)
				}
			}
			// Every cell names its column and row header.
			table.Find("tbody td").Each(func(_ int, td *goquerySel) {
				for _, id := range strings.Fields(td.AttrOr("headers", "")) {
					if table.Find("#"+id).Length() != 1 {
						t.Errorf("cell names header %q, which is not there", id)
					}
				}
			})
			if href := table.Find("thead th a").Last().AttrOr("href", ""); href != tt.last {
				t.Errorf("column link %q", href)
			}
		})
	}
}

// TestTrajectoryNotFound: an unknown organisation, programme or number,
// a goal's number asked as an activity's and what cannot be a number get
// the Dutch 404 page, saying what is not there.
func TestTrajectoryNotFound(t *testing.T) {
	site := cycleSite(t)
	for path, detail := range map[string]string{
		"/alpha/cyclus/1c/doelen/9":                          "Doel 9 van programma 1C staat in geen document.",
		"/alpha/cyclus/1c/activiteiten/2":                    "Activiteit 2 van programma 1C staat in geen document.",
		"/alpha/cyclus/9z/doelen/2":                          "Doel 2 van programma 9Z staat in geen document.",
		"/alpha/cyclus/1c/doelen/2%3Cscript":                 "Dit is geen nummer van een programma, doel of activiteit.",
		"/alpha/cyclus/1c/doelen/" + strings.Repeat("1", 17): "Dit is geen nummer van een programma, doel of activiteit.",
		"/onbekend/cyclus/1c/doelen/2":                       "",
	} {
		doc := site.mustDoc(t, path, http.StatusNotFound)
		if text := doc.Find("main").Text(); !strings.Contains(text, "Pagina niet gevonden") || !strings.Contains(text, detail) {
			t.Errorf("%s: %s", path, strings.Join(strings.Fields(text), " "))
		}
	}
	// The year's cycle view is still its own route.
	site.mustDoc(t, "/alpha/cyclus/1c/2022", http.StatusOK)
}

// TestCycleViewLinksTrajectories: each goal and activity of the cycle
// view leads to its way through the whole cycle.
func TestCycleViewLinksTrajectories(t *testing.T) {
	site := cycleSite(t)
	doc := site.mustDoc(t, "/alpha/cyclus/1c/2022", http.StatusOK)
	var links []string
	doc.Find("table.cycle-table tbody th a").Each(func(_ int, a *goquerySel) {
		links = append(links, strings.Join(strings.Fields(a.Text()), " ")+" "+a.AttrOr("href", ""))
	})
	want := []string{
		"SMART-doel 1 door de hele cyclus /alpha/cyclus/1c/doelen/1",
		"SMART-doel 2 door de hele cyclus /alpha/cyclus/1c/doelen/2",
		"Activiteit 1.1 door de hele cyclus /alpha/cyclus/1c/activiteiten/1.1",
		"Activiteit 2.2 door de hele cyclus /alpha/cyclus/1c/activiteiten/2.2",
		"Activiteit 2.3 door de hele cyclus /alpha/cyclus/1c/activiteiten/2.3",
	}
	if !reflect.DeepEqual(links, want) {
		t.Errorf("links:\n%s", strings.Join(links, "\n"))
	}
	for _, l := range links {
		site.mustDoc(t, l[strings.LastIndex(l, " ")+1:], http.StatusOK)
	}
}

// TestIndicatorThroughTheCycle: the indicator page shows the indicator
// per document, its targets side by side, and links the goal or activity
// it measures.
func TestIndicatorThroughTheCycle(t *testing.T) {
	site := cycleSite(t)
	doc := site.mustDoc(t, "/alpha/indicatoren/wmo-maatwerk", http.StatusOK)
	section := doc.Find(`section[aria-labelledby="door-de-cyclus"]`)
	table := section.Find("table.trace-table")
	if got := cellTexts(table.Find("thead tr")); !reflect.DeepEqual(got, []string{"Onderdeel | Beleidsbegroting 2022 | Beleidsbegroting 2023"}) {
		t.Errorf("head %q", got)
	}
	want := []string{
		"Naam | Aantal inwoners met een maatwerkvoorziening Wmo | Aantal inwoners met een maatwerkvoorziening Wmo",
		"Eenheid | aantal | aantal",
		"Meet | activiteit 1.1 van 1C | activiteit 1.1 van 1C",
		"Realisatie 2018 | 1.992 | niet vermeld",
		"Realisatie 2019 | 1.350 | niet vermeld",
		"Streefwaarde 2022 | 1.350 | 1.300",
		"Streefwaarde 2023 | niet vermeld | 1.250",
	}
	if got := cellTexts(table.Find("tbody tr")); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n%s", strings.Join(got, "\n"))
	}
	if href := table.Find(`td[headers="cyclus-doc-2 cyclus-meet"] a`).AttrOr("href", ""); href != "/alpha/cyclus/1c/activiteiten/1.1" {
		t.Errorf("link to the activity %q", href)
	}
}
