package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/web/httpcache"
)

// testAPI is the API on a fresh SQLite database holding the demo data.
type testAPI struct {
	store  *sqlite.Store
	cache  *httpcache.Cache
	search *httpcache.Cache // search answers, as the site's search cache keeps them
	mux    *httpx.Mux
	http   *httptest.Server
}

func mustAPI(tb testing.TB) *testAPI {
	tb.Helper()
	return mustAPIWith(tb, Options{})
}

// mustAPIWith is mustAPI with options; the logger is the test's.
func mustAPIWith(tb testing.TB, opt Options) *testAPI {
	tb.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "koers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := demo.Load(ctx, store); err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	cache := httpcache.NewCache(store, httpcache.Options{Interval: time.Millisecond})
	search := httpcache.NewCache(store, httpcache.Options{Interval: time.Millisecond})
	mux := httpx.NewMux()
	opt.Logger, opt.SearchCache = log, search
	New(store.Published(), cache, opt).Register(mux)
	ts := httptest.NewServer(httpx.Handler(mux, httpx.Options{Logger: log}))
	tb.Cleanup(ts.Close)
	return &testAPI{store: store, cache: cache, search: search, mux: mux, http: ts}
}

// get fetches a path and returns the response with its body read.
func (s *testAPI) get(tb testing.TB, path string) (*http.Response, string) {
	tb.Helper()
	res, err := http.Get(s.http.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(body)
}

func itoa(n int) string { return strconv.Itoa(n) }

// Paths of the demo pages.
const (
	begrotingPath = "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
)

// mustJSON fetches a path, checks the status and decodes the body into v.
func (s *testAPI) mustJSON(tb testing.TB, path string, status int, v any) {
	tb.Helper()
	res, body := s.get(tb, path)
	if res.StatusCode != status {
		tb.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		tb.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		tb.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

type docList struct {
	Documents []Document `json:"documents"`
}

func (s *testAPI) documentID(tb testing.TB, slug string) int64 {
	tb.Helper()
	var list docList
	s.mustJSON(tb, "/api/v1/documents", http.StatusOK, &list)
	for _, d := range list.Documents {
		if strings.HasSuffix(d.URL, "/"+slug) {
			return d.ID
		}
	}
	tb.Fatalf("no document %s in %+v", slug, list)
	return 0
}

func TestAPIDocuments(t *testing.T) {
	site := mustAPI(t)
	var list docList
	site.mustJSON(t, "/api/v1/documents", http.StatusOK, &list)
	if len(list.Documents) != 5 { // Leiderdorp's two, Voorbeeldgemeente's three
		t.Fatalf("%d documents, want 5", len(list.Documents))
	}
	// Newest first: Voorbeeldgemeente's 2024 documents, then Leiderdorp's.
	if v := list.Documents[0]; v.Organisation.Slug != "voorbeeldgemeente" || v.Year != 2024 {
		t.Errorf("first document = %+v", v)
	}
	d := list.Documents[3]
	if d.Kind != "begroting" || d.Year != 2022 || d.Title != "Beleidsbegroting 2022" || d.URL != site.http.URL+"/leiderdorp/begroting-2022" {
		t.Errorf("first document = %+v", d)
	}
	if b := list.Documents[4]; b.Kind != "bestuursrapportage" || b.Sequence != 1 || b.Title != "1ste bestuursrapportage 2020" {
		t.Errorf("second document = %+v", b)
	}

	var full Document
	site.mustJSON(t, "/api/v1/documents/"+itoa(int(d.ID)), http.StatusOK, &full)
	if len(full.Pages) != 1 || len(full.Pages[0].Children) != 1 || len(full.Pages[0].Children[0].Children) != 1 {
		t.Fatalf("tree = %+v", full.Pages)
	}
	sub := full.Pages[0].Children[0].Children[0]
	if sub.Number != "1C" || sub.Title != "1C: Ondersteunde inwoners" || sub.URL != site.http.URL+begrotingPath || sub.Kind != "subprogramme" {
		t.Errorf("1C node = %+v", sub)
	}

	var page Page
	site.mustJSON(t, "/api/v1/pages/"+itoa(int(sub.ID)), http.StatusOK, &page)
	var types []string
	for _, b := range page.Blocks {
		types = append(types, string(b.Type))
	}
	want := "text goal smart_goals activities goal_explanations activity_explanations indicator_table"
	if strings.Join(types, " ") != want {
		t.Errorf("block types = %q, want %q", strings.Join(types, " "), want)
	}
	if len(page.SmartGoals) != 3 || len(page.Activities) != 8 || len(page.Indicators) != 9 || page.ParentID == nil {
		t.Errorf("page: %d goals, %d activities, %d indicators, parent %v", len(page.SmartGoals), len(page.Activities), len(page.Indicators), page.ParentID)
	}
}

func TestAPIIndicators(t *testing.T) {
	site := mustAPI(t)
	id := site.documentID(t, "begroting-2022")
	var out struct {
		Indicators []Indicator `json:"indicators"`
	}
	site.mustJSON(t, "/api/v1/documents/"+itoa(int(id))+"/indicators", http.StatusOK, &out)
	if len(out.Indicators) != 9 {
		t.Fatalf("%d indicators, want 9", len(out.Indicators))
	}
	values, nulls := 0, 0
	for _, in := range out.Indicators {
		values += len(in.Values)
		for _, v := range in.Values {
			if v.Kind != "realised" && v.Kind != "budgeted" {
				t.Errorf("%s %d: kind %q", in.Key, v.Year, v.Kind)
			}
			if v.Value == nil {
				nulls++
				if in.Name != "Aantal meldingen JBT" || v.Year != 2018 || v.Display != "nnb" {
					t.Errorf("unexpected null: %s %d %q", in.Name, v.Year, v.Display)
				}
			}
		}
	}
	if values != 72 || nulls != 1 {
		t.Errorf("%d values (%d null), want 72 (1 null)", values, nulls)
	}
	first := out.Indicators[0]
	if first.Values[0].Year != 2018 || *first.Values[0].Value != 1992 || first.Values[0].Display != "1.992" {
		t.Errorf("first value = %+v", first.Values[0])
	}
}

func TestAPIErrors(t *testing.T) {
	site := mustAPI(t)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/documents/999", http.StatusNotFound, "not_found"},
		{"/api/v1/documents/abc", http.StatusBadRequest, "invalid"},
		{"/api/v1/documents/-1/indicators", http.StatusBadRequest, "invalid"},
		{"/api/v1/pages/999", http.StatusNotFound, "not_found"},
		{"/api/v1/nergens", http.StatusNotFound, "not_found"},
	}
	for _, tt := range tests {
		var body ErrorBody
		site.mustJSON(t, tt.path, tt.status, &body)
		if body.Error.Code != tt.code || body.Error.Message == "" {
			t.Errorf("%s: %+v", tt.path, body)
		}
	}
}

// TestOpenAPIDescribesEveryRoute keeps the OpenAPI document and the routes
// in step: every route registered under /api/v1 is described, and every
// described path is registered.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	site := mustAPI(t)
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	site.mustJSON(t, "/api/v1/openapi.json", http.StatusOK, &spec)
	if spec.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", spec.OpenAPI)
	}
	var described []string
	for p, ops := range spec.Paths {
		if strings.HasPrefix(p, "/organisaties/") {
			continue // the write API's, which package write serves and tests
		}
		for method := range ops {
			described = append(described, strings.ToUpper(method)+" /api/v1"+p)
		}
	}
	sort.Strings(described)
	var served []string
	for _, p := range site.mux.Patterns() {
		if strings.Contains(p, " /api/v1/") {
			served = append(served, p)
		}
	}
	if len(served) < 7 {
		t.Fatalf("only %d routes registered under /api/v1: %v", len(served), served)
	}
	if strings.Join(described, "\n") != strings.Join(served, "\n") {
		t.Errorf("described %v\nserved    %v", described, served)
	}
}

func TestAPIIndicatorSeries(t *testing.T) {
	site := mustAPI(t)
	id := site.documentID(t, "begroting-2022")
	var list struct {
		Indicators []Indicator `json:"indicators"`
	}
	site.mustJSON(t, "/api/v1/documents/"+itoa(int(id))+"/indicators", http.StatusOK, &list)
	var series Series
	site.mustJSON(t, "/api/v1/indicators/"+itoa(int(list.Indicators[6].ID)), http.StatusOK, &series)
	if series.Key != "participatiewet-uitkeringen" || len(series.Values) != 8 || len(series.Reports) != 8 || len(series.Benchmarks) != 4 ||
		series.URL != site.http.URL+"/leiderdorp/indicatoren/participatiewet-uitkeringen" || series.Direction != "lower_is_better" {
		t.Errorf("series = %+v", series)
	}
}

func TestAPISearch(t *testing.T) {
	site := mustAPI(t)
	var out SearchResults
	site.mustJSON(t, "/api/v1/search?q=uitkering", http.StatusOK, &out)
	if len(out.Results) != 3 || len(out.Results[0].Matches) == 0 || !strings.Contains(out.Results[0].URL+out.Results[1].URL+out.Results[2].URL, begrotingPath) {
		t.Errorf("API search = %+v", out)
	}
	for _, r := range out.Results {
		if strings.HasSuffix(r.URL, begrotingPath) && strings.Join(r.Trail, " › ") != "Beleidsbegroting 2022 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp" {
			t.Errorf("breadcrumb = %q", r.Trail)
		}
	}
	var e ErrorBody
	site.mustJSON(t, "/api/v1/search?q=", http.StatusBadRequest, &e)
	if e.Error.Code != "invalid" {
		t.Errorf("empty query: %+v", e)
	}
}

// TestAPISmallNumbers: a count under an indicator's threshold has no value
// in the API, only its display "<N".
func TestAPISmallNumbers(t *testing.T) {
	site := mustAPI(t)
	doc := storetest.Begroting2022()
	jbt := doc.Pages[0].Children[0].Children[1].Indicators[1]
	jbt.Threshold = 10
	if err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), doc); err != nil {
		t.Fatal(err)
	}
	site.cache.Invalidate()
	var series Series
	site.mustJSON(t, "/api/v1/indicators/"+strconv.FormatInt(jbt.ID, 10), http.StatusOK, &series)
	checked := 0
	for _, v := range series.Values {
		if v.Year == 2019 {
			checked++
			if v.Value != nil || v.Display != "<10" {
				t.Errorf("API 2019 = %+v", v)
			}
		}
	}
	if checked != 1 {
		t.Errorf("%d values of 2019, want 1", checked)
	}
}

// TestAPIReportsOwnWords: every report is given as its own document
// published it, with its unit. A later document without a threshold once
// published an earlier one's "<10" as 5, and a later percentage showed an
// earlier count as "5%".
func TestAPIReportsOwnWords(t *testing.T) {
	site := mustAPI(t)
	put := func(year int, unit koers.Unit, threshold int, n float64) *koers.Indicator {
		t.Helper()
		doc := storetest.Bare(koers.Begroting, year, 0)
		in := &koers.Indicator{Key: "klein", Number: "1", Name: "Klein", Unit: unit, Threshold: threshold,
			Values: []koers.Value{{Year: year, Kind: koers.Realised, Number: &n}}}
		doc.Pages[0].Indicators = []*koers.Indicator{in}
		doc.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"klein"}}}
		if err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), doc); err != nil {
			t.Fatal(err)
		}
		return in
	}
	put(2019, koers.Count, 10, 5)
	put(2020, koers.Count, 0, 6)
	in := put(2021, koers.Percentage, 0, 7)
	site.cache.Invalidate()
	var series Series
	site.mustJSON(t, "/api/v1/indicators/"+strconv.FormatInt(in.ID, 10), http.StatusOK, &series)
	var got []string
	for _, r := range series.Reports {
		n := "null"
		if r.Value.Value != nil {
			n = strconv.FormatFloat(*r.Value.Value, 'f', -1, 64)
		}
		got = append(got, fmt.Sprintf("%d %s %s %s %v", r.Year, r.Unit, n, r.Display, r.Current))
	}
	want := []string{"2019 count null <10 false", "2020 count 6 6 false", "2021 percentage 7 7% true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reports = %q, want %q", got, want)
	}
}
