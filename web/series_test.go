package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// demoIndicators are the keys of the nine indicators of the 2022 1C page.
var demoIndicators = []string{"wmo-maatwerkvoorzieningen", "wmo-kwaliteit-ondersteuning", "jeugdteam-aanmeldingen", "jongeren-met-jeugdhulp",
	"jeugd-gesloten-plaatsingen", "jbt-meldingen", "participatiewet-uitkeringen", "wsw-buiten-geplaatst", "beschut-werk-cumulatief"}

func TestIndicatorPages(t *testing.T) {
	site := mustSite(t)
	page := site.mustDoc(t, begrotingPath, http.StatusOK)
	var linked []string
	page.Find("table.indicator-table tbody th a:not(.footnote-ref)").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		linked = append(linked, href)
	})
	if len(linked) != 9 {
		t.Fatalf("%d indicator rows link to their page, want 9", len(linked))
	}
	if page.Find("table.indicator-table td.sparkline svg").Length() != 9 {
		t.Error("not every row has a small chart")
	}
	for i, key := range demoIndicators {
		if linked[i] != "/leiderdorp/indicatoren/"+key {
			t.Errorf("row %d links %s", i, linked[i])
		}
		doc := site.mustDoc(t, linked[i], http.StatusOK)
		svg := doc.Find("svg.chart")
		if role, _ := svg.Attr("role"); role != "img" || svg.Find("title").Length() != 1 || svg.Find("desc").Length() != 1 {
			t.Errorf("%s: chart is not an accessible image", key)
		}
		if n := doc.Find(`section[aria-labelledby="verloop"] tbody tr`).Length(); n != 8 {
			t.Errorf("%s: %d years in the table, want 8", key, n)
		}
		if doc.Find(`a[href$="/leiderdorp/begroting-2022"]`).Length() == 0 {
			t.Errorf("%s: the document that reports it is not named", key)
		}
	}
	jbt := site.mustDoc(t, "/leiderdorp/indicatoren/jbt-meldingen", http.StatusOK)
	if first := jbt.Find(`section[aria-labelledby="verloop"] tbody tr`).First().Find("td").First().Text(); first != "nnb" {
		t.Errorf("JBT 2018 = %q, want nnb", first)
	}
	jeugd := site.mustDoc(t, "/leiderdorp/indicatoren/jongeren-met-jeugdhulp", http.StatusOK)
	if !strings.Contains(jeugd.Find(".facts").Text(), "lager is beter") {
		t.Error("direction not shown")
	}
	index := site.mustDoc(t, "/leiderdorp/indicatoren", http.StatusOK)
	if n := index.Find("main .link-list li").Length(); n != 9 {
		t.Errorf("index lists %d indicators", n)
	}
	if res, _ := site.get(t, "/leiderdorp/indicatoren/nergens"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown indicator: %d", res.StatusCode)
	}
}

// TestSeriesAcrossDocuments shows a value two documents report differently:
// both with their source, the latest one displayed, and the status per year.
func TestSeriesAcrossDocuments(t *testing.T) {
	site := mustSite(t)
	org := storetest.Leiderdorp()
	site.mustPut(t, org, storetest.Begroting2022())
	site.mustPut(t, org, storetest.Jaarstukken2022())
	doc := site.mustDoc(t, "/leiderdorp/indicatoren/wmo-maatwerk", http.StatusOK)
	years := map[string][]string{}
	doc.Find(`section[aria-labelledby="verloop"] tbody tr`).Each(func(_ int, s *goquery.Selection) {
		var cells []string
		s.Find("td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, strings.TrimSpace(c.Text())) })
		years[s.Find("th").Text()] = cells
	})
	if got := years["2019"]; got[0] != "1.400" {
		t.Errorf("2019 = %v, want the jaarstukken's 1.400", got)
	}
	if got := years["2022"]; got[0] != "1.300" || got[1] != "1.350" || got[2] != "gehaald" {
		t.Errorf("2022 = %v, want realised 1.300 against 1.350 at most: gehaald", got)
	}
	sources := doc.Find(`section[aria-labelledby="bronnen"] tbody`).Text()
	if !strings.Contains(sources, "nee, vervangen") || !strings.Contains(sources, "Jaarstukken 2022") || !strings.Contains(sources, "Beleidsbegroting 2022") {
		t.Errorf("sources table: %s", sources)
	}
}

func TestBenchmarksBesideSeries(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, "/leiderdorp/indicatoren/participatiewet-uitkeringen", http.StatusOK)
	rows := map[string]string{}
	doc.Find(`section[aria-labelledby="vergelijking"] tbody tr`).Each(func(_ int, s *goquery.Selection) {
		var cells []string
		s.Find("td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
		rows[s.Find("th").Text()] = strings.Join(cells, " ")
	})
	if rows["Nederland"] != "400.670 409.000 +2,1%" || rows["Gemeente Leiderdorp"] != "316 323 +2,2%" {
		t.Errorf("comparison = %v", rows)
	}
	res, body := site.get(t, "/leiderdorp/indicatoren/participatiewet-uitkeringen/vergelijking.csv")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "indicator;area;period;value;unit;source;reference_date\n") || !strings.Contains(body, "NL01;2020-05;409000;count") {
		t.Errorf("benchmark CSV: %d\n%s", res.StatusCode, body)
	}
}

func TestDeviationsLinkToPlan(t *testing.T) {
	site := mustSite(t)
	// The demo has no begroting 2020: the references stand without links.
	doc := site.mustDoc(t, burapPath, http.StatusOK)
	if n := doc.Find("table.deviation-table tbody th a").Length(); n != 0 {
		t.Errorf("%d deviation links without the begroting they point to", n)
	}
	// With the begroting of 2020 in koers, every reference points into it.
	begroting := storetest.Begroting2022()
	begroting.Year, begroting.Title, begroting.Slug = 2020, "Begroting 2020", "begroting-2020"
	site.mustPut(t, storetest.Leiderdorp(), begroting)
	site.mustPut(t, storetest.Leiderdorp(), storetest.Burap2020())
	doc = site.mustDoc(t, "/leiderdorp/bestuursrapportage-2020-1/programmas/programma-1/1c-ondersteunde-inwoners", http.StatusOK)
	var hrefs []string
	doc.Find("table.deviation-table tbody th a").Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		hrefs = append(hrefs, h)
	})
	plan := "/leiderdorp/begroting-2020/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	want := []string{plan + "#doel-1", plan + "#doel-2", plan + "#activiteit-2-2"}
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("links = %v, want %v", hrefs, want)
	}
	target := site.mustDoc(t, plan, http.StatusOK)
	for _, id := range []string{"doel-1", "doel-2", "activiteit-2-2"} {
		if target.Find("#"+id).Length() != 1 {
			t.Errorf("the begroting has no #%s", id)
		}
	}
}

func TestCycleView(t *testing.T) {
	site := mustSite(t)
	page := site.mustDoc(t, burapPath, http.StatusOK)
	href, _ := page.Find(".cycle-link a").Attr("href")
	if href != "/leiderdorp/cyclus/1c/2020" {
		t.Fatalf("cycle link = %q", href)
	}
	doc := site.mustDoc(t, href, http.StatusOK)
	if cols := doc.Find("table.cycle-table thead th").Length(); cols != 2 {
		t.Errorf("%d columns, want the label and the burap", cols)
	}
	if !strings.Contains(doc.Find("table.cycle-table tbody").Text(), "budgetplafond") {
		t.Error("the burap's deviation is not in the cycle view")
	}
	if doc.Find(`.year-nav a[href="/leiderdorp/cyclus/1c/2022"]`).Length() != 1 {
		t.Error("no link to 2022")
	}
	if res, _ := site.get(t, "/leiderdorp/cyclus/1c/1999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a year without documents: %d", res.StatusCode)
	}
}

func TestOpenData(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, begrotingPath, http.StatusOK)
	csvURL, _ := doc.Find(`.data-links a:contains("CSV")`).Attr("href")
	jsonURL, _ := doc.Find(`.data-links a:contains("JSON")`).Attr("href")
	if csvURL != begrotingPath+"/indicatoren.csv" || jsonURL != begrotingPath+"/indicatoren.json" {
		t.Fatalf("links %q %q", csvURL, jsonURL)
	}
	res, body := site.get(t, csvURL)
	if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("CSV headers: %v", res.Header)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 73 || strings.Join(records[0], ",") != "indicator,number,name,unit,year,kind,value,display,document,current" {
		t.Fatalf("%d records, header %v", len(records), records[0])
	}
	found := false
	for _, rec := range records {
		if rec[0] == "jongeren-met-jeugdhulp" && rec[4] == "2019" {
			found = rec[6] == "11,6" && rec[7] == "11,6%"
		}
	}
	if !found {
		t.Error("11,6 not written with a decimal comma")
	}
	var values []valueRecord
	res, body = site.get(t, jsonURL)
	if err := json.Unmarshal([]byte(body), &values); err != nil || len(values) != 72 {
		t.Fatalf("JSON: %d values, %v", len(values), err)
	}
	// Deviations.
	res, body = site.get(t, burapPath+"/afwijkingen.csv")
	if res.StatusCode != 200 || strings.Count(body, "\n") < 8 || !strings.HasPrefix(body, "scope;ref;label;text\n") {
		t.Errorf("deviations CSV: %d\n%.200s", res.StatusCode, body)
	}
	var devs []deviationRecord
	_, body = site.get(t, burapPath+"/afwijkingen.json")
	if json.Unmarshal([]byte(body), &devs) != nil || len(devs) != 7 || devs[4].Ref != "2.2" {
		t.Errorf("deviations JSON: %+v", devs)
	}
	// A series with its sources.
	_, body = site.get(t, "/leiderdorp/indicatoren/jbt-meldingen.json")
	var series struct {
		Values []valueRecord `json:"values"`
	}
	if json.Unmarshal([]byte(body), &series) != nil || len(series.Values) != 8 || series.Values[0].Value != nil || series.Values[0].Display != "nnb" {
		t.Errorf("series JSON: %s", body)
	}
	if res, _ := site.get(t, begrotingPath+"/onbekend.csv"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown table: %d", res.StatusCode)
	}
}

func TestSearch(t *testing.T) {
	site := mustSite(t)
	// Both 1C pages speak of "uitkeringen"; the begroting's must be found.
	doc := site.mustDoc(t, "/zoeken?q=uitkering", http.StatusOK)
	var result *goquery.Selection
	doc.Find(".search-result").Each(func(_ int, s *goquery.Selection) {
		if href, _ := s.Find("a").Attr("href"); href == begrotingPath {
			result = s
		}
	})
	if result == nil {
		t.Fatalf("the 1C page of the begroting is not found:\n%s", doc.Find("main").Text())
	}
	if marks := result.Find("mark").Text(); !strings.Contains(strings.ToLower(marks), "uitkering") {
		t.Errorf("highlighted %q", marks)
	}
	if trail := result.Find(".search-result__trail").Text(); trail != "Gemeente Leiderdorp › Beleidsbegroting 2022 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp" {
		t.Errorf("breadcrumb = %q", trail)
	}
	for _, q := range []string{"jongere", "Jongeren", "maatwerkvoorzieningen"} {
		if site.mustDoc(t, "/zoeken?q="+q, http.StatusOK).Find(".search-result").Length() == 0 {
			t.Errorf("nothing found for %q", q)
		}
	}
	none := site.mustDoc(t, "/zoeken?q=ruimtevaart", http.StatusOK)
	if !strings.Contains(none.Find(".search-count").Text(), "0 resultaten") {
		t.Error("no-result message missing")
	}
}

// TestSmallNumbers publishes counts under an indicator's threshold as "<N"
// on the page, in open data and in the API.
func TestSmallNumbers(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Begroting2022()
	sub := doc.Pages[0].Children[0].Children[1]
	jbt := sub.Indicators[1]
	jbt.Threshold = 10
	site.mustPut(t, storetest.Leiderdorp(), doc)
	path := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	page := site.mustDoc(t, path, http.StatusOK)
	var cells []string
	page.Find("table.indicator-table tbody tr").Eq(1).Find("td.numeric").Each(func(_ int, s *goquery.Selection) { cells = append(cells, s.Text()) })
	// 2018 nnb, 2019 realised 5 (under 10), 2022 budgeted 4 (a target, shown)
	if strings.Join(cells, " ") != "nnb <10 4" {
		t.Errorf("cells = %v", cells)
	}
	_, body := site.get(t, path+"/indicatoren.csv")
	if !strings.Contains(body, "jbt-meldingen;2.4;Aantal meldingen JBT;count;2019;realised;;<10") {
		t.Errorf("CSV:\n%s", body)
	}
	if strings.Contains(site.mustDoc(t, "/leiderdorp/indicatoren/jbt-meldingen", http.StatusOK).Find("svg.chart desc").Text(), " 5") {
		t.Error("the chart's description gives the small count away")
	}
}

func TestBenchmarkInChart(t *testing.T) {
	site := mustSite(t)
	err := site.store.PutBenchmarks(context.Background(), []koers.Benchmark{
		{Indicator: "jongeren-met-jeugdhulp", Area: "NL01", Period: "2019", Value: 9.8, Unit: koers.Percentage},
		{Indicator: "jongeren-met-jeugdhulp", Area: "NL01", Period: "2020", Value: 9.7, Unit: koers.Percentage},
	})
	if err != nil {
		t.Fatal(err)
	}
	site.server.Invalidate()
	doc := site.mustDoc(t, "/leiderdorp/indicatoren/jongeren-met-jeugdhulp", http.StatusOK)
	if doc.Find("svg.chart polyline.chart__line--benchmark").Length() != 1 || doc.Find(".legend--benchmark").Length() != 1 {
		t.Error("the national percentage is not drawn beside Leiderdorp's")
	}
	counts := site.mustDoc(t, "/leiderdorp/indicatoren/participatiewet-uitkeringen", http.StatusOK)
	if counts.Find("polyline.chart__line--benchmark").Length() != 0 || counts.Find(".legend--benchmark").Length() != 0 {
		t.Error("national counts drawn on a municipality's scale")
	}
}

// TestCycleLinkWithSlash: a programme number holding "/" once made a cycle
// link that answered 404. Such a number is refused before it is stored, and
// the cycle URL escapes whatever it is given.
func TestCycleLinkWithSlash(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Burap2020()
	sub := doc.Pages[0].Children[0].Children[0]
	sub.Number = "1C/D"
	err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), doc)
	if koers.ErrorCode(err) != koers.EINVALID || !strings.Contains(err.Error(), `number "1C/D" holds one of / \ ? # %`) {
		t.Fatalf("err = %v, want the number refused", err)
	}
}
