package koers_test

import (
	"encoding/xml"
	"io"
	"maps"
	"math"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#1a5a96", "#ffffff", 7.13},
		{"#767676", "#ffffff", 4.54},
	}
	for _, tt := range tests {
		if got := koers.Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestThemeCheck(t *testing.T) {
	tests := []struct {
		theme koers.Theme
		field string // "" for none
		says  string
	}{
		{koers.Theme{}, "", ""},
		{koers.Theme{Colour: "#1a5a96", Logo: `<svg xmlns="http://www.w3.org/2000/svg"/>`}, "", ""},
		{koers.Theme{Colour: "blue"}, "colour", `colour "blue" is not of the form #rrggbb`},
		{koers.Theme{Colour: "#ffdd00"}, "colour", "white text on #ffdd00 has a contrast of 1.3:1; WCAG AA needs at least 4.5:1"},
		{koers.Theme{Logo: "<png/>"}, "logo", "the logo is not an SVG document: its root element is <png>"},
		{koers.Theme{Logo: `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat(" ", koers.MaxLogoSize) + `</svg>`}, "logo", "the logo is larger than 200 KiB"},
	}
	for _, tt := range tests {
		got := tt.theme.Check()
		want := map[string]string{}
		if tt.field != "" {
			want[tt.field] = tt.says
		}
		if !maps.Equal(got, want) {
			t.Errorf("%.80v: %v, want %v", tt.theme, got, want)
		}
	}
	if d := koers.Darker("#1a5a96", 0.5); d != "#0d2d4b" {
		t.Errorf("Darker = %s", d)
	}
}

// svg wraps a logo's body in an SVG root with the usual namespaces.
func svg(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 50">` + body + `</svg>`
}

// TestLogoCheck: the logo check is an allowlist. It refuses what can run
// code, embed other markup, declare entities or load anything from
// elsewhere, each with its reason and line, and accepts drawn logos.
func TestLogoCheck(t *testing.T) {
	tests := []struct {
		name, logo string
		want       string // "" for fit
	}{
		// Harmless logos.
		{"empty svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`, ""},
		{"Gemeente on tour", svg(`<rect width="200" height="50" fill="#1a5a96"/><text x="10" y="30" font-family="'Open Sans', sans-serif" font-size="20" fill="#fff">Gemeente on tour</text>`), ""},
		{"declaration, comments, title", "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Gemeente Leiderdorp -->\n" +
			svg(`<title>Gemeente Leiderdorp</title><desc>Wapen &amp; naam</desc><path d="M0 0L10 10Z" stroke="#000" stroke-width="2"/>`), ""},
		{"gradient, use, clip, mask", svg(`<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#1a5a96"/><stop offset="1" stop-color="#fff"/></linearGradient>` +
			`<radialGradient id="r" xlink:href="#g"/><clipPath id="c"><circle cx="25" cy="25" r="20"/></clipPath><mask id="m"><rect width="50" height="50" fill="#fff"/></mask>` +
			`<symbol id="s" viewBox="0 0 10 10"><polygon points="0,0 10,0 5,10"/></symbol></defs>` +
			`<g clip-path="url(#c)" mask="url( '#m' )"><rect width="50" height="50" fill="url(#g)"/></g><use href="#s" x="60" width="20" height="20"/><use xlink:href="#s" x="90"/>`), ""},
		{"style element and attribute", svg(`<style type="text/css">/* huisstijl */ .st0{fill:#1A5A96;} .st1{fill:url(#g)} @media (prefers-color-scheme: dark) {.st0{fill:#fff}}</style>` +
			`<path class="st0" style="stroke:#000;stroke-width:1;font-family:&quot;Open Sans&quot;" d="M0 0h10v10z"/>`), ""},
		{"CDATA style", svg(`<style><![CDATA[ .a > .b { fill: #000 } ]]></style>`), ""},
		{"embedded bitmap", svg(`<image width="10" height="10" href="data:image/png;base64,iVBORw0KGgo="/>`), ""},
		{"filter", svg(`<filter id="f"><feGaussianBlur stdDeviation="2"/></filter><rect filter="url(#f)" width="5" height="5"/>`), ""},

		// The hostile logos of issue 9, and more.
		{"onload after a line break", "<svg xmlns=\"http://www.w3.org/2000/svg\"\nonload=\"alert(1)\"/>", "the logo holds event handlers: onload on <svg> (line 2)"},
		{"onclick after a tab", "<svg xmlns=\"http://www.w3.org/2000/svg\"\tonclick=\"alert(1)\"/>", "the logo holds event handlers: onclick on <svg> (line 1)"},
		{"handler on a child, upper case", svg(`<rect ONMOUSEOVER="alert(1)"/>`), "the logo holds event handlers: ONMOUSEOVER on <rect> (line 1)"},
		{"foreignObject", svg(`<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>`),
			"the logo holds <foreignObject> (line 1), which embeds other markup"},
		{"external image", svg(`<image href="https://evil.example/pixel.png" width="1" height="1"/>`),
			`the logo refers outside itself: href="https://evil.example/pixel.png" on <image> (line 1); only references within the logo (#id) are allowed`},
		{"external image by xlink", svg(`<image xlink:href="//evil.example/pixel.png"/>`),
			`the logo refers outside itself: href="//evil.example/pixel.png" on <image> (line 1); only references within the logo (#id) are allowed`},
		{"embedded SVG image", svg(`<image href="data:image/svg+xml;base64,PHN2Zz4="/>`),
			`the logo refers outside itself: href="data:image/svg+xml;base64,PHN2Zz4=" on <image> (line 1); only references within the logo (#id) are allowed`},
		{"XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + svg(`<text>&xxe;</text>`),
			"the logo holds a DOCTYPE or entity declaration (line 2); remove it"},
		{"billion laughs", "<!DOCTYPE svg [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>" + svg(`<text>&lol3;</text>`),
			"the logo holds a DOCTYPE or entity declaration (line 5); remove it"},
		{"undeclared entity", svg(`<text>&lol;</text>`), "the logo is not well-formed XML: line 1: invalid character entity &lol;"},
		{"script", `<svg><script>alert(1)</script></svg>`, "the logo holds scripts: <script> (line 1)"},
		{"script in a namespace prefix", svg(`<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>`), "the logo holds scripts: <script> (line 1)"},
		{"XHTML script", svg(`<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`),
			"the logo holds <script> from http://www.w3.org/1999/xhtml (line 1); a logo is plain SVG"},
		{"javascript: link", svg(`<a href="javascript:alert(1)"><rect width="9" height="9"/></a>`), "the logo holds <a> (line 1), which a logo may not hold"},
		{"javascript: use", svg(`<use href="javascript:alert(1)"/>`),
			`the logo refers outside itself: href="javascript:alert(1)" on <use> (line 1); only references within the logo (#id) are allowed`},
		{"external use", svg(`<use href="https://evil.example/sprite.svg#logo"/>`),
			`the logo refers outside itself: href="https://evil.example/sprite.svg#logo" on <use> (line 1); only references within the logo (#id) are allowed`},
		{"set changes href", svg(`<a><set attributeName="href" to="javascript:alert(1)"/></a>`), "the logo holds <a> (line 1), which a logo may not hold"},
		{"set", svg(`<use href="#x"><set attributeName="href" to="javascript:alert(1)"/></use>`), "the logo holds <set> (line 1); animation is not allowed"},
		{"animate", svg(`<use href="#x"><animate attributeName="href" values="javascript:alert(1)"/></use>`), "the logo holds <animate> (line 1); animation is not allowed"},
		{"style url", svg(`<style>rect{fill:url(https://evil.example/track)}</style>`),
			"the logo's <style> (line 1) refers outside the logo: url(https://evil.example/track); only url(#id) is allowed"},
		{"style import", svg(`<style>@import "https://evil.example/x.css";</style>`), "the logo's <style> (line 1) holds @import; only @media is allowed"},
		{"style url split by a comment", svg(`<style>rect{fill:ur<!-- -->l(//evil.example/t)}</style>`),
			"the logo's <style> (line 1) refers outside the logo: url(//evil.example/t); only url(#id) is allowed"},
		{"style attribute url", svg(`<rect style="fill:URL( 'https://evil.example/t' )"/>`),
			"attribute style on <rect> (line 1) refers outside the logo: URL( 'https://evil.example/t' ); only url(#id) is allowed"},
		{"CSS escape", svg(`<rect style="fill:u\72l(//evil.example/t)"/>`), "attribute style on <rect> (line 1) holds a backslash; CSS escapes are not allowed"},
		{"image-set", svg(`<rect style="fill:image-set('//evil.example/t' 1x)"/>`), "attribute style on <rect> (line 1) holds image-set, which may load or run something"},
		{"presentation attribute url", svg(`<rect fill="url(https://evil.example/t#g)"/>`),
			"attribute fill on <rect> (line 1) refers outside the logo: url(https://evil.example/t#g); only url(#id) is allowed"},
		{"stylesheet instruction", "<?xml-stylesheet href=\"https://evil.example/x.css\"?>" + svg(``),
			"the logo holds the processing instruction <?xml-stylesheet?> (line 1); only the XML declaration is allowed"},
		{"xml:base", svg(`<g xml:base="https://evil.example/"><use href="#a"/></g>`), "attribute xml:base on <g> (line 1) is not allowed in a logo"},
		{"Inkscape attributes", svg(`<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Laag 1"/>`),
			"attribute inkscape:label on <g> (line 1) is not allowed in a logo; save it as plain SVG"},
		{"unknown attribute", svg(`<rect formaction="x"/>`), "attribute formaction on <rect> (line 1) is not allowed in a logo"},
		{"iframe", svg(`<iframe src="https://evil.example/"/>`), "the logo holds <iframe> (line 1), which a logo may not hold"},
		{"element in a style", svg(`<style><rect/></style>`), "the logo's <style> holds <rect> (line 1); it may hold only CSS"},
		{"HTML root", `<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>`, "the logo is not an SVG document: its root element is <html>"},
		{"SVG root in another namespace", `<svg xmlns="http://www.w3.org/1999/xhtml"/>`, "the logo holds <svg> from http://www.w3.org/1999/xhtml (line 1); a logo is plain SVG"},
		{"no namespace", `<svg><rect width="1" height="1"/></svg>`, `the logo's <svg> lacks xmlns="http://www.w3.org/2000/svg", without which browsers do not show it`},
		{"not XML", `<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>`, "the logo is not well-formed XML: line 1: element <rect> closed by </svg>"},
		{"Latin-1 declared", `<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
			`the logo is not well-formed XML: xml: encoding "ISO-8859-1" declared but Decoder.CharsetReader is nil`},
		{"text only", "Gemeente on tour", "the logo is not an SVG document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := koers.Theme{Logo: tt.logo}.Check()["logo"]
			if got != tt.want {
				t.Errorf("logo %q:\n got %q\nwant %q", tt.logo, got, tt.want)
			}
		})
	}
}

// FuzzLogoCheck: the logo check never panics, and a logo it accepts holds
// no DOCTYPE, no element outside SVG's namespace, no script or
// foreignObject and no event handler.
func FuzzLogoCheck(f *testing.F) {
	f.Add(svg(`<rect width="1" height="1" fill="url(#g)"/><text>Gemeente on tour</text>`))
	f.Add(svg(`<style>.a{fill:url(#b)}</style><use xlink:href="#a"/><!-- <script> -->`))
	f.Add("<!DOCTYPE svg>" + svg(`<script>alert(1)</script>`))
	f.Fuzz(func(t *testing.T, logo string) {
		if logo == "" || (koers.Theme{Logo: logo}).Check()["logo"] != "" {
			return
		}
		d := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(logo, "\ufeff")))
		for {
			tok, err := d.Token()
			if err != nil {
				if err != io.EOF {
					t.Fatalf("accepted %q: %v", logo, err)
				}
				return
			}
			switch tok := tok.(type) {
			case xml.Directive:
				t.Fatalf("accepted %q with <!%s>", logo, tok)
			case xml.StartElement:
				if tok.Name.Space != "http://www.w3.org/2000/svg" || tok.Name.Local == "script" || tok.Name.Local == "foreignObject" {
					t.Fatalf("accepted %q with <%s>", logo, tok.Name)
				}
				for _, a := range tok.Attr {
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
						t.Fatalf("accepted %q with %s", logo, a.Name.Local)
					}
				}
			}
		}
	})
}
