package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

func itoa(n int) string { return strconv.Itoa(n) }

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// pageTypes are every kind of page the site has, by a path that shows it.
// "setup" prepares what the page needs (a selection).
var pageTypes = []struct {
	name, path string
	status     int
	selection  bool
}{
	{"organisation", "/leiderdorp", 200, false},
	{"document", "/leiderdorp/begroting-2022", 200, false},
	{"grouping-page", "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp", 200, false},
	{"content-begroting", begrotingPath, 200, false},
	{"content-burap", burapPath, 200, false},
	{"content-selected", begrotingPath, 200, true},
	{"full-document", "/leiderdorp/begroting-2022.html", 200, false},
	{"selection-empty", "/selectie", 200, false},
	{"selection", "/selectie", 200, true},
	{"indicators", "/leiderdorp/indicatoren", 200, false},
	{"indicator", "/leiderdorp/indicatoren/jongeren-met-jeugdhulp", 200, false},
	{"indicator-benchmarks", "/leiderdorp/indicatoren/participatiewet-uitkeringen", 200, false},
	{"indicator-changed", "/leiderdorp/indicatoren/jbt-meldingen", 200, false},
	{"indicator-computed", computedIndicator, 200, false},
	{"cycle", "/leiderdorp/cyclus/1c/2020", 200, false},
	{"trajectory", "/leiderdorp/cyclus/1c/activiteiten/2.2", 200, false}, // word changes as del and ins
	{"search", "/zoeken?q=uitkering", 200, false},
	{"search-empty", "/zoeken", 200, false},
	// Voorbeeldgemeente (fictief) shows the blocks Leiderdorp's pages do
	// not have.
	{"home", "/", 200, false},
	{"content-finance-comparison", "/voorbeeldgemeente/begroting-2024/programmas/programma-1-meedoen-en-ondersteuning", 200, false},
	{"content-status", "/voorbeeldgemeente/bestuursrapportage-2024-1/programmas/programma-1-meedoen-en-ondersteuning", 200, false},
	{"content-printed-jaarstukken", "/voorbeeldgemeente/jaarstukken-2024/programmas/programma-1-meedoen-en-ondersteuning", 200, false},
	{"full-document-finance", "/voorbeeldgemeente/jaarstukken-2024.html", 200, false},
	{"cycle-status", "/voorbeeldgemeente/cyclus/1/2024", 200, false},
	{"trajectory-status", "/voorbeeldgemeente/cyclus/1/doelen/1", 200, false},
	// mustSite publishes a second version of this begroting.
	{"versions", "/voorbeeldgemeente/begroting-2024/versies", 200, false},
	{"version-document", "/voorbeeldgemeente/begroting-2024/versies/1", 200, false},
	{"version-page", "/voorbeeldgemeente/begroting-2024/versies/1/programmas/programma-1-meedoen-en-ondersteuning", 200, false},
	{"version-changes", "/voorbeeldgemeente/begroting-2024/versies/2/wijzigingen", 200, false},
	{"not-found", "/leiderdorp/begroting-2022/nergens", 404, false},
	{"bad-request", "/pdf?pages=twee", 400, false},
	{"taakveld-overview", "/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld", 200, false},
	{"taakveld-overview-spending", "/voorbeeldgemeente/jaarstukken-2024/overzicht-per-taakveld", 200, false},
}

// axeResult is what axe.run reports that we read.
type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []struct{} `json:"passes"`
}

// axePageTimeout is the time TestAxe gives each page type: prepare,
// load, run axe, take two screenshots. It takes a few seconds.
const axePageTimeout = 30 * time.Second

// TestAxe runs axe-core's WCAG 2.1 A and AA rules on every page type and
// takes screenshots at 375 and 1280 pixels wide. Each page type is a
// subtest with a deadline of its own.
func TestAxe(t *testing.T) {
	axe := need(t, "axe-core (npm ci --prefix e2e)", filepath.Join(toolsDir(), "axe-core", "axe.min.js"))
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	base := mustSite(t)
	browser := mustBrowserNoDeadline(t)
	shots := filepath.Join(os.TempDir(), "koers-screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, pt := range pageTypes {
		t.Run(pt.name, func(t *testing.T) {
			// A context derived from the browser's: its end stops this
			// page's actions, not the browser.
			ctx, cancel := context.WithTimeout(browser, axePageTimeout)
			defer cancel()
			if pt.selection {
				must(t, ctx, chromedp.Navigate(base+begrotingPath))
				follow(t, ctx, "Zelf je pdf samenstellen")
			} else {
				must(t, ctx, chromedp.Navigate(base+"/selectie"), chromedp.WaitVisible("h1"))
				var n int
				must(t, ctx, chromedp.Evaluate(`document.querySelectorAll(".selection-list__item").length`, &n))
				if n > 0 {
					follow(t, ctx, "Alles verwijderen")
				}
			}
			must(t, ctx, chromedp.Navigate(base+pt.path), chromedp.WaitVisible("h1"))
			var res axeResult
			must(t, ctx, chromedp.Evaluate(string(src), nil), chromedp.Evaluate(`axe.run(document, {
				runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
				resultTypes: ["violations"]
			})`, &res, awaitPromise))
			if len(res.Passes) < 5 {
				t.Errorf("axe passed only %d rules: did it run?", len(res.Passes))
			}
			for _, v := range res.Violations {
				for _, n := range v.Nodes {
					t.Errorf("%s: %s\n\t%v %s", v.ID, v.Help, n.Target, n.HTML)
				}
			}
			for _, width := range []int64{375, 1280} {
				var png []byte
				must(t, ctx, chromedp.EmulateViewport(width, 900), chromedp.FullScreenshot(&png, 80))
				file := filepath.Join(shots, fmt.Sprintf("%s-%d.jpg", pt.name, width))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			must(t, ctx, chromedp.EmulateViewport(1280, 900))
		})
	}
	t.Logf("screenshots in %s", shots)
}

// TestValidHTML runs the Nu Html Checker on every page type: no errors.
func TestValidHTML(t *testing.T) {
	java := need(t, "Java", lookPath("java"))
	vnu := need(t, "vnu-jar (npm ci --prefix e2e)", filepath.Join(toolsDir(), "vnu-jar", "build", "dist", "vnu.jar"))
	base := mustSite(t)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	dir := t.TempDir()
	var files []string
	for _, pt := range pageTypes {
		if pt.selection {
			res, err := client.Get(base + begrotingPath)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			id := between(string(body), `name="pagina" value="`, `"`)
			if _, err := client.PostForm(base+"/selectie", url.Values{"pagina": {id}}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := client.Get(base + pt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != pt.status {
			t.Errorf("%s: status %d, want %d", pt.name, res.StatusCode, pt.status)
		}
		file := filepath.Join(dir, pt.name+".html")
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	checkHTML(t, java, vnu, files)
}

func between(s, start, end string) string {
	_, rest, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(rest, end)
	return v
}

// TestReflow checks WCAG 1.4.10: at 320 CSS pixels wide no page type
// scrolls sideways (wide tables scroll inside their own region).
func TestReflow(t *testing.T) {
	base := mustSite(t)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.EmulateViewport(320, 800))
	for _, pt := range pageTypes {
		if pt.selection {
			continue
		}
		var width int
		must(t, ctx, chromedp.Navigate(base+pt.path), chromedp.WaitVisible("h1"),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width))
		if width > 320 {
			t.Errorf("%s: %d px wide at a 320 px viewport", pt.name, width)
		}
	}
}
