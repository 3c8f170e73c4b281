package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
)

// xssPayloads try to run __xss(n) or to put elements in a page, each way
// a field's text could escape: tags, event handlers, javascript: links,
// breaking out of attributes and text areas, template and Markdown
// syntax, and characters that look like others. Each carries a harmless
// word, xssNN, that must show on the page as text.
var xssPayloads = []string{
	`<script>__xss(1)</script>xss01`,
	`<img src=x onerror=__xss(2)>xss02`,
	`"><img src=x onerror=__xss(3)>xss03`,
	`'><svg onload=__xss(4)>xss04`,
	`<svg><script>__xss(5)</script></svg>xss05`,
	`javascript:__xss(6)//xss06`,
	`[xss07](javascript:__xss(7))`,
	`<a href="javascript:__xss(8)">xss08</a>`,
	`</textarea><script>__xss(9)</script>xss09`,
	`{{define "x"}}{{end}}{{template "x"}}{{.}}xss10`,
	`<iframe src="javascript:__xss(11)"></iframe>xss11`,
	`<details open ontoggle=__xss(12)>xss12`,
	`＜script＞__xss(13)＜/script＞xss13`,
	`<math><mi xlink:href="javascript:__xss(14)">xss14</mi></math>`,
	`![xss15](x" onerror="__xss(15))`,
	`<object data="javascript:__xss(16)">xss16</object>`,
	`xss17` + "\u202e" + `<img src=x onerror=__xss(17)>`,
	`<a href="&#106;avascript:__xss(18)">xss18</a>`,
	`[xss19](&#x6A;avascript:__xss(19))`,
	`' onmouseover='__xss(20)' x='xss20`,
	`<input autofocus onfocus=__xss(21)>xss21`,
	`[xss22]: javascript:__xss(22) "t" [xss22]`,
	"`<style>@import 'x'</style>` <base href=//evil.example/>xss23",
}

// xssMarker is the harmless word of payload i.
func xssMarker(i int) string { return fmt.Sprintf("xss%02d", i+1) }

// xssHook is installed in every document before its own content: it
// records calls of __xss and alert, and the content security policy's
// refusals.
const xssHook = `window.__xssCalls = [];
window.__xss = (n) => window.__xssCalls.push(n);
window.alert = (m) => window.__xssCalls.push("alert " + m);
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));`

// xssInjected lists what a page holds that only an injection would put
// there: elements with event handler attributes, scripts, frames, plug-ins,
// base and refresh elements, javascript:/data: addresses and the
// payloads' images.
const xssInjected = `(() => {
	const out = [];
	const bad = /^\s*(javascript|vbscript|data:text\/html)/i;
	for (const e of document.querySelectorAll("*")) {
		for (const a of e.attributes) {
			if (a.name.startsWith("on")) out.push("handler " + a.name + ": " + e.outerHTML.slice(0, 100));
			if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"].includes(a.name) && bad.test(a.value)) out.push("address: " + e.outerHTML.slice(0, 100));
		}
	}
	for (const e of document.querySelectorAll("script:not([src^='/static/']), iframe, frame, object, embed, applet, base, meta[http-equiv], link[rel=import], img[src=x], math, details[open] > input, input[autofocus], style")) {
		out.push("element: " + e.outerHTML.slice(0, 100));
	}
	return out;
})()`

// TestXSS types the payloads into every field the back office edits, and
// looks at every page that shows them: the editor, the refused forms, the
// preview, the public site after publishing, the PDF and the audit log.
// Nothing runs, nothing is injected, and each payload's word is shown.
func TestXSS(t *testing.T) {
	o := mustOffice(t)
	addPerson(t, o, allRolesEmail, "Alex Alles", koers.Roles...)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(xssHook).Do(ctx)
		return err
	}))
	base := o.URL
	all := strings.Join(xssPayloads, "\n\n")
	one := func(i int) string { return xssPayloads[i%len(xssPayloads)] }
	seen := map[string]string{} // page name -> its text
	var checked int
	check := func(name string) {
		t.Helper()
		checked++
		var got struct {
			Calls    []any    `json:"calls"`
			CSP      []string `json:"csp"`
			Injected []string `json:"injected"`
			Text     string   `json:"text"`
			Fields   string   `json:"fields"`
		}
		must(t, ctx, chromedp.Evaluate(`({calls: window.__xssCalls || ["no hook"], csp: window.__csp || [], injected: `+xssInjected+`,
			text: document.body.innerText,
			fields: [...document.querySelectorAll("input, textarea")].map(e => e.value).join("\n")})`, &got))
		if len(got.Calls) > 0 {
			t.Errorf("%s: a payload ran: %v", name, got.Calls)
		}
		for _, c := range got.CSP {
			t.Errorf("%s: the content security policy refused %s", name, c)
		}
		for _, e := range got.Injected {
			t.Errorf("%s: injected %s", name, e)
		}
		seen[name] = got.Text + "\n" + got.Fields
	}
	// showsAll fails unless every payload's word is on the named pages.
	showsAll := func(names ...string) {
		t.Helper()
		for _, name := range names {
			for i := range xssPayloads {
				if !strings.Contains(seen[name], xssMarker(i)) {
					t.Errorf("%s does not show %s: the payload %q never reached it", name, xssMarker(i), xssPayloads[i])
				}
			}
		}
	}
	// save clicks a form's button and checks the page that follows
	// reports success.
	save := func(name, button, flash string) {
		t.Helper()
		submit(t, ctx, button)
		var got []string
		must(t, ctx, chromedp.Evaluate(`[document.querySelector(".flash")?.innerText || "", document.querySelector(".error-summary")?.innerText || ""]`, &got))
		check(name)
		if got[1] != "" || (flash != "" && got[0] != flash) {
			t.Fatalf("%s: %q\n%s", name, got[0], got[1])
		}
	}

	signIn(t, ctx, base, allRolesEmail, testPassword)

	// User names: one payload each, as names are one line.
	for i := 0; i < 3; i++ {
		must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp/gebruikers/nieuw"),
			fill("#email", fmt.Sprintf("persoon%d@leiderdorp.nl", i)),
			chromedp.SetValue("#naam", one(i)+" "+one(i+3)+" "+one(i+6), chromedp.ByQuery),
			chromedp.Click("#rollen", chromedp.ByQuery), fill("#wachtwoord", "paars-giraf-onweer-zeilboot-7"))
		save("user "+itoa(i), `main form button[type=submit]`, "")
	}
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp/gebruikers"))
	check("users")

	// The organisation's name, on every page of its public site and its
	// PDFs.
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp/instellingen"),
		chromedp.SetValue("#naam", "Gemeente Leiderdorp "+one(4), chromedp.ByQuery))
	save("organisation name", `main form button[type=submit]`, "")
	check("settings")

	// A new document whose title is a payload; its refused form with a
	// payload in every field.
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp/nieuw"),
		chromedp.SetValue("#year", one(1), chromedp.ByQuery), chromedp.SetValue("#title", one(2), chromedp.ByQuery),
		chromedp.SetValue("#slug", one(3), chromedp.ByQuery), chromedp.SetValue("#sequence", one(8), chromedp.ByQuery))
	submit(t, ctx, `form[action$="/nieuw"] button[type=submit]`)
	check("new document refused")

	// The draft of the Beleidsbegroting 2022: its title, then the 1C page.
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp"))
	follow(t, ctx, "Bewerken Beleidsbegroting 2022")
	draft := location(t, ctx)
	must(t, ctx, chromedp.SetValue("#title", "Beleidsbegroting 2022 "+one(0)+" "+one(2), chromedp.ByQuery))
	save("document title", `form[action$="/eigenschappen"] button[type=submit]`, "")
	follow(t, ctx, "1C: Ondersteunde inwoners")
	editor := location(t, ctx)
	var opened string // the draft's version when the page was opened
	must(t, ctx, chromedp.Value(`input[name=versie]`, &opened, chromedp.ByQuery))
	// The page's number and slug refuse payloads; the refusal shows them.
	must(t, ctx, chromedp.SetValue("#number", one(9), chromedp.ByQuery), chromedp.SetValue("#slug", one(10), chromedp.ByQuery),
		chromedp.SetValue("#title", one(11), chromedp.ByQuery))
	submit(t, ctx, `form[action$="/eigenschappen"] button[type=submit]`)
	check("page properties refused")
	must(t, ctx, chromedp.Navigate(base+editor),
		chromedp.SetValue("#title", "1C: Ondersteunde inwoners "+one(1)+" "+one(3), chromedp.ByQuery))
	save("page title", `form[action$="/eigenschappen"] button[type=submit]`, "")

	// A block 1C lacks: a finance table.
	must(t, ctx, chromedp.Navigate(base+editor), chromedp.SetValue("#nieuw-blok", "finance_table", chromedp.ByQuery))
	save("add a finance table", `form[action$="/blokken"] button[type=submit]`, "Het blok is toegevoegd.")
	fillBlocks := func(min int) {
		t.Helper()
		var blocks []string
		must(t, ctx, chromedp.Evaluate(`[...document.querySelectorAll("section.block")].filter(s => s.querySelector("button[value=opslaan]")).map(s => s.id)`, &blocks))
		if len(blocks) < min {
			t.Fatalf("%d editable blocks: %v", len(blocks), blocks)
		}
		for _, id := range blocks {
			var kind string
			must(t, ctx, chromedp.Evaluate(fillBlock+`(`+jsString(id)+`, `+jsString(all)+`, `+jsArray(xssPayloads)+`, false)`, &kind))
			submit(t, ctx, "#"+id+" button[value=opslaan]")
			var refused bool
			must(t, ctx, chromedp.Evaluate(`!!document.querySelector(".error-summary")`, &refused))
			if !refused {
				check("block " + id + " (" + kind + ")")
				continue
			}
			// Markdown refuses HTML: the refusal shows the payloads in
			// the form; written as the refusal says, "\<", they are saved.
			check("block " + id + " (" + kind + ") refused")
			must(t, ctx, chromedp.Evaluate(fillBlock+`(`+jsString(id)+`, `+jsString(all)+`, `+jsArray(xssPayloads)+`, true)`, &kind))
			save("block "+id+" ("+kind+") escaped", "#"+id+" button[value=opslaan]", "Het blok is opgeslagen.")
		}
	}
	fillBlocks(8)
	check("editor")
	showsAll("editor")
	// A save based on the page as it was opened is refused with what
	// changed since, and the stored block, both full of payloads.
	must(t, ctx, chromedp.Evaluate(`(() => {
		const f = document.querySelector("#b2 form");
		f.querySelector("input[name=versie]").value = `+jsString(opened)+`;
		f.querySelector("textarea[name=inhoud]").value = "Een ander doel xss99";
	})()`, nil))
	submit(t, ctx, "#b2 button[value=opslaan]")
	check("stale conflict")
	if !strings.Contains(seen["stale conflict"], "Wat er intussen is gewijzigd") || !strings.Contains(seen["stale conflict"], "xss99") {
		t.Fatalf("no conflict page:\n%s", seen["stale conflict"])
	}
	showsAll("stale conflict")

	// The 1C page of a bestuursrapportage has the deviations blocks.
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp"))
	submit(t, ctx, `form[action$="/documenten/bestuursrapportage-2020-1/concept"] button`)
	burapDraft := location(t, ctx)
	follow(t, ctx, "1C")
	fillBlocks(3)
	check("burap editor")
	showsAll("burap editor")

	// The preview, the draft and the audit log.
	must(t, ctx, chromedp.Navigate(base+draft))
	check("draft")
	follow(t, ctx, "Voorbeeld bekijken")
	check("preview")
	must(t, ctx, chromedp.Navigate(base+editor))
	follow(t, ctx, "Voorbeeld van deze pagina")
	check("preview of 1C")
	showsAll("preview of 1C")
	public := strings.TrimPrefix(location(t, ctx), draft+"/voorbeeld")

	// Published: the public site, its PDF, the audit log.
	// One person plays every role here, so the organisation lets them
	// approve their own work; four eyes are tested in web/admin.
	org, err := o.store.OrganisationBySlug(context.Background(), "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	org.SelfReview = true
	if err := o.store.UpdateOrganisation(context.Background(), org); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{draft, burapDraft} {
		must(t, ctx, chromedp.Navigate(base+d))
		follow(t, ctx, "Ter beoordeling aanbieden")
		check("in review " + d)
		follow(t, ctx, "Goedkeuren")
		check("approved " + d)
		follow(t, ctx, "Nu publiceren")
		check("published " + d)
	}
	for _, path := range []string{"/leiderdorp/begroting-2022" + public, "/leiderdorp/begroting-2022", "/leiderdorp",
		"/zoeken?q=xss01", "/zoeken?q=onerror", "/zoeken?q=script+javascript", "/leiderdorp/begroting-2022.html",
		"/leiderdorp/indicatoren/jongeren-met-jeugdhulp", burapPath, "/leiderdorp/cyclus/1c/2020",
		"/beheer/leiderdorp", "/beheer/leiderdorp/versies/begroting-2022", "/beheer/leiderdorp/gebruikers"} {
		must(t, ctx, chromedp.Navigate(base+path), chromedp.WaitVisible("h1"))
		check(path)
	}
	showsAll("/leiderdorp/begroting-2022"+public, burapPath)
	if !strings.Contains(seen["/leiderdorp"], xssMarker(4)) {
		t.Errorf("the public site does not show the organisation's name with %s", xssMarker(4))
	}
	for _, q := range []string{"xss01", "onerror"} {
		if text := seen["/zoeken?q="+q]; !strings.Contains(text, "1C") || !strings.Contains(text, q) {
			t.Errorf("searching for %s finds no page with the payloads:\n%s", q, text)
		}
	}
	for _, path := range []string{"/leiderdorp/begroting-2022" + public, burapPath} {
		res, err := http.Get(base + path + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(pdf), "%PDF-") || len(pdf) < 5000 {
			t.Errorf("the PDF of %s: %d, %d bytes", path, res.StatusCode, len(pdf))
			continue
		}
		if text := pdftest.Text(t, pdf, 0, 0); !strings.Contains(text, "xss01") {
			t.Errorf("the PDF of %s does not show the payloads", path)
		}
	}
	must(t, ctx, chromedp.Navigate(base+"/beheer/leiderdorp/logboek"))
	check("audit log")
	for i := 0; i < 9; i++ { // the user names
		if !strings.Contains(seen["audit log"], xssMarker(i)) {
			t.Errorf("the audit log does not show %s", xssMarker(i))
		}
	}
	// The detector itself: an element planted as an injection would be is
	// found.
	var planted []string
	must(t, ctx, chromedp.Evaluate(`document.body.insertAdjacentHTML("beforeend", "<img src=x onerror=__xss(0)><a href='javascript:__xss(0)'>x</a>"); `+xssInjected, &planted))
	if len(planted) != 3 {
		t.Errorf("the detector found %q in a planted injection, want the handler, the address and the image", planted)
	}
	t.Logf("%d pages checked", checked)
}

func jsArray(s []string) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = jsString(v)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// fillBlock puts payloads in every field of a block's form, keeping what
// the form's format needs (numbers, references, columns): the Markdown
// text and the explanations get all, one-line fields and table cells one
// each; escape writes "<" as Markdown's "\<". It returns what kind of
// block it took the form for.
const fillBlock = `((id, all, payloads, escape) => {
	const form = document.getElementById(id).querySelector("form");
	let n = 0;
	if (escape) {
		all = all.replaceAll("<", "\\<");
		payloads = payloads.map(p => p.replaceAll("<", "\\<"));
	}
	const one = () => payloads[n++ % payloads.length];
	for (const e of form.querySelectorAll("input[name=kop]")) e.value = one();
	// Explanations and deviations: those there are; the empty one that
	// would add another stays empty.
	for (const f of form.querySelectorAll("fieldset")) {
		if (!f.querySelector("input[name=ref]").value) continue;
		for (const e of f.querySelectorAll("input[name=titel]")) e.value = one();
		for (const e of f.querySelectorAll("textarea[name=tekst]")) e.value = all;
	}
	const ta = form.querySelector("textarea[name=inhoud]");
	if (!ta) return "explanations";
	const lines = ta.value.replace(/\n+$/, "").split("\n");
	const head = lines[0].split("\t");
	if (head.includes("naam") && head.includes("voetnoot")) { // indicators
		const name = head.indexOf("naam"), mark = head.indexOf("voetnootteken"), note = head.indexOf("voetnoot");
		for (let i = 1; i < lines.length; i++) {
			const c = lines[i].split("\t");
			c[name] = one();
			if (c[mark]) c[note] = one();
			lines[i] = c.join("\t");
		}
		ta.value = lines.join("\n");
		return "indicator table";
	}
	const li = lines.findIndex(l => l.split("\t").includes("omschrijving"));
	if (li >= 0) { // finance
		const h = lines[li].split("\t");
		const label = h.indexOf("omschrijving");
		h[h.length - 1] += " | " + one();
		lines[li] = h.join("\t");
		for (let i = li + 1; i < lines.length; i++) {
			const c = lines[i].split("\t");
			if (!c[0].startsWith("totaal")) c[label] = one();
			lines[i] = c.join("\t");
		}
		ta.value = lines.join("\n");
		return "finance table";
	}
	if (/^[0-9.]+\t/.test(lines[0])) { // SMART goals, activities: number, text, footnote mark, footnote
		ta.value = lines.map(l => {
			const c = l.split("\t");
			c[1] = one();
			if (c.length > 3) c[3] = one();
			return c.join("\t");
		}).join("\n");
		return "numbered lines";
	}
	ta.value = all;
	return "text";
})`
