package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/storetest"
)

// statusSite is a site with a jaarstukken page numbered freely, with
// statuses in the organisation's own legend and a sub-heading.
func statusSite(t *testing.T) *testSite {
	site, _ := statusSiteDoc(t)
	return site
}

func statusSiteDoc(t *testing.T) (*testSite, *koers.Document) {
	site := mustSite(t)
	org, doc := storetest.Leiderdorp(), storetest.StatusJaarstukken()
	org.StatusLegend = storetest.StatusLegend()
	p := doc.Pages[0]
	p.Blocks = append([]koers.Block{p.Blocks[0], {Type: koers.SmartGoalsBlock, Heading: "SMART doelen"}}, p.Blocks[1:]...)
	doc.SetPaths()
	site.mustPut(t, org, doc)
	return site, doc
}

const statusPath = "/leiderdorp/jaarstukken-2021/i-sociaal-domein"

func cellTexts(s *goquery.Selection) []string {
	var rows []string
	s.Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, strings.Join(strings.Fields(c.Text()), " ")) })
		rows = append(rows, strings.Join(cells, " | "))
	})
	return rows
}

// TestStatusOnThePage: each status shows its symbol and label in a column
// of its own, the colour on the symbol only, with the legend of the
// statuses used under the table; free numbers and sub-headings show as the
// document prints them.
func TestStatusOnThePage(t *testing.T) {
	site := statusSite(t)
	page := site.mustDoc(t, statusPath, http.StatusOK)

	tables := page.Find("table.deviation-table")
	if tables.Length() != 2 {
		t.Fatalf("%d deviation tables", tables.Length())
	}
	got := [][]string{cellTexts(tables.Eq(0).Find("tr")), cellTexts(tables.Eq(1).Find("tr"))}
	want := [][]string{{
		"SMART-doel | Status | Afwijkingen",
		"I.a Inwoners doen mee. | + Volgens plan | Loopt.",
		"I.d Jeugd groeit veilig op. | Geen status | Geen status gegeven.",
	}, {
		"Activiteit | Status | Afwijkingen",
		"I.d.1 (MD10, IBK BE28) We kopen jeugdhulp in. | ! Aandacht nodig | Wachtlijsten.",
	}}
	for i := range want {
		if strings.Join(got[i], "\n") != strings.Join(want[i], "\n") {
			t.Errorf("table %d:\n%s\nwant\n%s", i, strings.Join(got[i], "\n"), strings.Join(want[i], "\n"))
		}
	}
	mark, _ := tables.Eq(0).Find("td.status .status-mark").First().Html()
	if want := `<span class="status-mark__symbol" style="color: #2e7d32" aria-hidden="true">+</span> Volgens plan`; mark != want {
		t.Errorf("status mark %s, want %s", mark, want)
	}
	var legends []string
	page.Find("p.status-legend").Each(func(_ int, s *goquery.Selection) {
		legends = append(legends, strings.Join(strings.Fields(s.Text()), " "))
	})
	if want := []string{"Legenda: + Volgens plan", "Legenda: ! Aandacht nodig"}; strings.Join(legends, "\n") != strings.Join(want, "\n") {
		t.Errorf("legends %q, want %q", legends, want)
	}

	var goals []string
	page.Find("ol.smart-goals li").Each(func(_ int, s *goquery.Selection) {
		goals = append(goals, s.AttrOr("id", "")+" "+s.AttrOr("value", "-")+" "+s.Text())
	})
	if want := []string{"doel-i-a - I.a Inwoners doen mee.", "doel-i-d - I.d Jeugd groeit veilig op."}; strings.Join(goals, "\n") != strings.Join(want, "\n") {
		t.Errorf("goals %q, want %q", goals, want)
	}
	section := page.Find("section.block--text")
	if h := section.Find("h2").Text() + " > " + section.Find("h3").Text(); h != "Inleiding > Jeugd" {
		t.Errorf("headings of the text block: %q", h)
	}

	// The PDF prints the same statuses and legend, and the sub-heading.
	site.mustPDFText(t, statusPath+".pdf",
		"Inleiding Jeugd Het jaar van de jeugd.",
		"I.a Inwoners doen mee. I.d Jeugd groeit veilig op.",
		"SMART-doel Status Afwijkingen",
		"I.a Inwoners doen mee. + Volgens plan Loopt.",
		"Legenda: + Volgens plan",
		"I.d.1 (MD10, IBK BE28) We kopen jeugdhulp in. ! Aandacht nodig Wachtlijsten.",
		"Legenda: ! Aandacht nodig",
	)
}

// TestStatusInTheCycle: the cycle view shows a goal's status in the
// document that reports it, with the legend.
func TestStatusInTheCycle(t *testing.T) {
	site := statusSite(t)
	page := site.mustDoc(t, "/leiderdorp/cyclus/i/2021", http.StatusOK)
	rows := cellTexts(page.Find("table.cycle-table tbody tr"))
	want := []string{
		// The link, the status and the paragraphs, run together by Text.
		"SMART-doel I.a door de hele cyclus | Inwoners doen mee.+ Volgens planLoopt.",
		"SMART-doel I.d door de hele cyclus | Jeugd groeit veilig op.Geen status gegeven.",
		"Activiteit I.d.1 (MD10, IBK BE28) door de hele cyclus | We kopen jeugdhulp in.! Aandacht nodigWachtlijsten.",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if href := page.Find("table.cycle-table tbody tr td a").First().AttrOr("href", ""); href != statusPath+"#doel-i-a" {
		t.Errorf("goal link %q", href)
	}
	if href := page.Find("table.cycle-table tbody tr th a").First().AttrOr("href", ""); href != "/leiderdorp/cyclus/i/doelen/I.a" {
		t.Errorf("link through the cycle %q", href)
	}
	if got := strings.Join(strings.Fields(page.Find("p.status-legend").Text()), " "); got != "Legenda: + Volgens plan ! Aandacht nodig" {
		t.Errorf("legend %q", got)
	}
}

// TestStatusInOpenData: the deviations download has status columns when
// the page reports statuses.
func TestStatusInOpenData(t *testing.T) {
	site := statusSite(t)
	_, body := site.get(t, statusPath+"/afwijkingen.csv")
	want := "scope;ref;label;text;status;status_label\n" +
		"smart_goals;I.a;I.a Inwoners doen mee.;Loopt.;groen;Volgens plan\n" +
		"smart_goals;I.d;I.d Jeugd groeit veilig op.;Geen status gegeven.;;\n" +
		"activities;I.d.1 (MD10, IBK BE28);I.d.1 (MD10, IBK BE28) We kopen jeugdhulp in.;Wachtlijsten.;oranje;Aandacht nodig\n"
	if body != want {
		t.Errorf("CSV:\n%s\nwant\n%s", body, want)
	}
	_, body = site.get(t, statusPath+"/afwijkingen.json")
	if !strings.Contains(body, `"status": "oranje",`+"\n"+`    "status_label": "Aandacht nodig"`) || strings.Count(body, `"status":`) != 2 {
		t.Errorf("JSON:\n%s", body)
	}
}

// TestStatusInDocumentPDFs: the whole document's PDF and a composed PDF
// print the statuses in the organisation's legend too.
func TestStatusInDocumentPDFs(t *testing.T) {
	site, doc := statusSiteDoc(t)
	for _, path := range []string{"/leiderdorp/jaarstukken-2021.pdf", "/pdf?pages=" + strconv.FormatInt(doc.Pages[0].ID, 10)} {
		res, body := site.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		text := strings.Join(strings.Fields(pdftest.Body(t, []byte(body))), " ")
		for _, line := range []string{"I.a Inwoners doen mee. + Volgens plan Loopt.", "Legenda: ! Aandacht nodig"} {
			if !strings.Contains(text, line) {
				t.Errorf("%s lacks %q:\n%s", path, line, text)
			}
		}
	}
}
