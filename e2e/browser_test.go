package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// byText finds a link or button by its visible text (or its start).
func byText(text string) chromedp.Action {
	return chromedp.Click(`//*[self::a or self::button][normalize-space(.)="`+text+`" or starts-with(normalize-space(.), "`+text+`")]`, chromedp.BySearch, chromedp.NodeVisible)
}

// follow clicks a link or button by its text and waits for the page it
// leads to.
func follow(tb testing.TB, ctx context.Context, text string) {
	tb.Helper()
	// A step of its own deadline, so that a missing link fails soon and
	// says where the browser was.
	step, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(step, byText(text)); err != nil {
		var loc string
		_ = chromedp.Run(ctx, chromedp.Location(&loc))
		tb.Fatalf("follow %q at %s: %v", text, loc, err)
	}
}

// TestNavigateToPage goes from the home page to 1C through the links a
// reader sees.
func TestNavigateToPage(t *testing.T) {
	base := mustSite(t)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.Navigate(base+"/"))
	if h1 := text(t, ctx, "h1"); h1 != "Publicaties" {
		t.Fatalf("home h1 = %q", h1)
	}
	for _, step := range []struct{ link, h1 string }{
		{"Gemeente Leiderdorp", "Planning- en controldocumenten"},
		{"Beleidsbegroting 2022", "Beleidsbegroting 2022"},
		{"Programma 1: Meedoen in Leiderdorp", "Programma 1: Meedoen in Leiderdorp"},
		{"1C: Ondersteunde inwoners", "1C: Ondersteunde inwoners"},
	} {
		follow(t, ctx, step.link)
		if h1 := text(t, ctx, "h1"); h1 != step.h1 {
			t.Fatalf("after %q: h1 = %q", step.link, h1)
		}
	}
	var loc string
	must(t, ctx, chromedp.Location(&loc))
	if !strings.HasSuffix(loc, begrotingPath) {
		t.Errorf("ended at %s", loc)
	}
}

// TestComposeAndDownload adds two pages to the selection and downloads the
// composed PDF.
func TestComposeAndDownload(t *testing.T) {
	base := mustSite(t)
	ctx := mustBrowser(t)
	for i, path := range []string{begrotingPath, burapPath} {
		must(t, ctx, chromedp.Navigate(base+path))
		follow(t, ctx, "Zelf je pdf samenstellen")
		want := "Geselecteerde pagina's: " + string(rune('1'+i))
		if got := text(t, ctx, ".pdf-controls__count"); got != want {
			t.Fatalf("after selecting %s: %q, want %q", path, got, want)
		}
	}
	follow(t, ctx, "Geselecteerde pagina's: 2")
	var items []string
	must(t, ctx, chromedp.Evaluate(`[...document.querySelectorAll(".selection-list__item > a")].map(a => a.textContent)`, &items))
	if strings.Join(items, "|") != "1C: Ondersteunde inwoners|1C Ondersteunde inwoners" {
		t.Errorf("selection = %q", items)
	}
	var pdf struct {
		Type  string `json:"type"`
		Start string `json:"start"`
		Size  int    `json:"size"`
	}
	must(t, ctx, chromedp.Evaluate(`(async () => {
		const a = [...document.querySelectorAll("a")].find(a => a.textContent.trim() === "Download selectie als pdf");
		const r = await fetch(a.href);
		const b = await r.arrayBuffer();
		return {type: r.headers.get("content-type"), start: new TextDecoder().decode(b.slice(0, 5)), size: b.byteLength};
	})()`, &pdf, awaitPromise))
	if pdf.Type != "application/pdf" || pdf.Start != "%PDF-" || pdf.Size < 10000 {
		t.Errorf("download = %+v", pdf)
	}
	follow(t, ctx, "Alles verwijderen")
	if got := text(t, ctx, "main .pdf-controls__count"); got != "Geselecteerde pagina's: 0" {
		t.Errorf("after clearing: %q", got)
	}
}

// TestKeyboardOnly tabs through the 1C page: the skip link comes first,
// every link and button can be reached, and the selection works with Enter.
func TestKeyboardOnly(t *testing.T) {
	base := mustSite(t)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.Navigate(base+begrotingPath), chromedp.WaitVisible("h1"))
	var total int
	must(t, ctx, chromedp.Evaluate(`document.querySelectorAll("a[href], button, [tabindex='0']").length`, &total))
	reached := map[string]bool{}
	var first string
	for i := 0; i < total+5; i++ {
		var id string
		must(t, ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`(() => {
			const e = document.activeElement;
			const all = [...document.querySelectorAll("a[href], button, [tabindex='0']")];
			return all.indexOf(e) + ":" + (e.textContent || "").trim().slice(0, 40);
		})()`, &id))
		if i == 0 {
			first = id
		}
		reached[strings.SplitN(id, ":", 2)[0]] = true
	}
	if !strings.Contains(first, "Ga direct naar de inhoud") {
		t.Errorf("first tab stop = %q, want the skip link", first)
	}
	for i := 0; i < total; i++ {
		if !reached[itoa(i)] {
			t.Errorf("element %d of %d never got focus", i, total)
		}
	}
	// Focus the add button with the keyboard and press Enter.
	for i := 0; i < 40; i++ {
		var label string
		must(t, ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`document.activeElement.textContent.trim()`, &label))
		if strings.HasPrefix(label, "Zelf je pdf samenstellen") {
			if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			if got := text(t, ctx, ".pdf-controls__count"); got != "Geselecteerde pagina's: 1" {
				t.Errorf("after Enter: %q", got)
			}
			return
		}
	}
	t.Error("the add button was not reached with Tab")
}
