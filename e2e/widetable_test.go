package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIndicatorTableAtDesktopWidth: at 1280 px the 1C indicator table
// shows every column, "Verloop" included, without scrolling, and no
// indicator name wraps over more than three lines.
func TestIndicatorTableAtDesktopWidth(t *testing.T) {
	base := mustSite(t)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.EmulateViewport(1280, 900))
	var got struct {
		Overflow int     `json:"overflow"`
		Lines    float64 `json:"lines"`
		Verloop  bool    `json:"verloop"`
	}
	must(t, ctx, chromedp.Navigate(base+begrotingPath), chromedp.WaitVisible("h1"),
		chromedp.Evaluate(`(() => {
			const region = document.querySelector(".table-scroll");
			const table = region.querySelector("table.indicator-table");
			const heads = [...table.querySelectorAll("thead th")].map(th => th.textContent);
			let lines = 0;
			for (const th of table.querySelectorAll("tbody th")) {
				const a = th.querySelector("a") || th;
				const lh = parseFloat(getComputedStyle(a).lineHeight);
				lines = Math.max(lines, a.getClientRects().length || Math.round(th.clientHeight / lh));
			}
			return {overflow: region.scrollWidth - region.clientWidth, lines: lines, verloop: heads.includes("Verloop")};
		})()`, &got))
	if !got.Verloop {
		t.Fatal("the 1C table has no Verloop column")
	}
	if got.Overflow > 0 {
		t.Errorf("the 1C table scrolls %d px sideways at 1280 px", got.Overflow)
	}
	if got.Lines > 3 {
		t.Errorf("an indicator name wraps over %v lines at 1280 px", got.Lines)
	}
}
