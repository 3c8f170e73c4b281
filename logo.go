package koers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// An organisation's logo is SVG that the site serves as it is. It is shown
// through <img>, where SVG runs no scripts and loads nothing, but a reader
// may open it on its own, and it passes through other hands (exports,
// copies). So it is checked against an allowlist: the elements and
// attributes a drawn logo needs, references only within the logo itself, and
// nothing that declares entities, runs code, embeds other markup or loads
// anything from elsewhere.

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// logoElements are the SVG elements a logo may hold.
var logoElements = set("svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath", "title", "desc", "metadata", "defs", "symbol", "use", "image",
	"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "style",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
	"feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode",
	"feMorphology", "feOffset", "feDropShadow")

// logoAttributes are the attributes without a namespace a logo may use:
// geometry, presentation, text, gradients and the like, and accessibility.
var logoAttributes = set(
	// core and accessibility
	"id", "class", "style", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "focusable",
	"version", "baseProfile", "viewBox", "preserveAspectRatio", "transform", "transform-origin", "href",
	// geometry
	"x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d", "pathLength",
	// paint and presentation
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
	"stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
	"display", "visibility", "overflow", "clip-path", "clip-rule", "mask", "filter", "shape-rendering",
	"text-rendering", "image-rendering", "color-interpolation", "color-interpolation-filters", "paint-order",
	"vector-effect", "mix-blend-mode", "isolation", "marker-start", "marker-mid", "marker-end",
	"flood-color", "flood-opacity", "lighting-color",
	// text
	"dx", "dy", "rotate", "textLength", "lengthAdjust", "text-anchor", "font-family", "font-size",
	"font-size-adjust", "font-weight", "font-style", "font-variant", "font-stretch", "letter-spacing",
	"word-spacing", "text-decoration", "dominant-baseline", "alignment-baseline", "baseline-shift",
	"writing-mode", "direction", "unicode-bidi", "white-space", "startOffset", "method", "spacing", "side",
	// gradients, patterns, clips, masks, markers, symbols
	"gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "offset", "stop-color", "stop-opacity",
	"patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
	"markerUnits", "markerWidth", "markerHeight", "orient", "refX", "refY",
	// style element
	"type", "media",
	// filters
	"filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "edgeMode", "mode", "operator",
	"k1", "k2", "k3", "k4", "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius",
)

// plainAttributes hold names and text, not CSS.
var plainAttributes = set("id", "class", "role", "lang", "aria-label", "aria-labelledby", "aria-describedby")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	// localRef is a reference within the logo: "#id".
	localRef = regexp.MustCompile(`^#[A-Za-z_][A-Za-z0-9_.:-]*$`)
	// cssURL finds url(...) in CSS; localURL is the one form allowed.
	cssURL    = regexp.MustCompile(`(?i)url\(`)
	localURL  = regexp.MustCompile(`(?i)^url\(\s*(["']?)#[A-Za-z_][A-Za-z0-9_.:-]*(["']?)\s*\)`)
	cssAtRule = regexp.MustCompile(`@[a-z-]*`)
	// cssComment is removed before CSS is looked at.
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	// rasterData is an embedded bitmap, the only image a logo may hold.
	rasterData = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/\s]*=*\s*$`)
)

// cssFetches are CSS functions and words that load or run something.
var cssFetches = []string{"image-set(", "image(", "cross-fade(", "element(", "src(", "expression(", "-moz-binding", "behavior", "javascript:"}

// checkLogo returns what makes svg unfit as a logo, or "".
func checkLogo(svg string) string {
	d := xml.NewDecoder(strings.NewReader(strings.TrimPrefix(svg, "\ufeff")))
	d.Strict = true
	first := true // no token read yet
	var stack []string
	var root xml.Name
	var style strings.Builder // the text of the <style> element being read
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Sprintf("the logo is not well-formed XML: line %d: %s", se.Line, se.Msg)
			}
			return fmt.Sprintf("the logo is not well-formed XML: %v", err)
		}
		inStyle := len(stack) > 0 && stack[len(stack)-1] == "style"
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || !first {
				return fmt.Sprintf("the logo holds the processing instruction <?%s?> (line %d); only the XML declaration is allowed", t.Target, line)
			}
		case xml.Directive:
			return fmt.Sprintf("the logo holds a DOCTYPE or entity declaration (line %d); remove it", line)
		case xml.StartElement:
			if root.Local == "" {
				root = t.Name
				if root.Local != "svg" {
					return fmt.Sprintf("the logo is not an SVG document: its root element is <%s>", root.Local)
				}
			}
			if inStyle {
				return fmt.Sprintf("the logo's <style> holds <%s> (line %d); it may hold only CSS", t.Name.Local, line)
			}
			if msg := checkLogoElement(t, line); msg != "" {
				return msg
			}
			stack = append(stack, t.Name.Local)
			style.Reset()
		case xml.EndElement:
			if inStyle {
				// The whole text, as the browser joins it around comments.
				if msg := checkCSS(style.String()); msg != "" {
					return fmt.Sprintf("the logo's <style> (line %d) %s", line, msg)
				}
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if inStyle {
				style.Write(t)
			}
		}
		first = false
	}
	switch {
	case root.Local == "":
		return "the logo is not an SVG document"
	case root.Space != svgNS:
		// Checked last, so that a hostile logo is told why it is refused.
		return `the logo's <svg> lacks xmlns="http://www.w3.org/2000/svg", without which browsers do not show it`
	}
	return ""
}

// checkLogoElement checks one element and its attributes.
func checkLogoElement(t xml.StartElement, line int) string {
	name := t.Name.Local
	if t.Name.Space != "" && t.Name.Space != svgNS {
		return fmt.Sprintf("the logo holds <%s> from %s (line %d); a logo is plain SVG", name, t.Name.Space, line)
	}
	switch {
	case name == "script":
		return fmt.Sprintf("the logo holds scripts: <script> (line %d)", line)
	case name == "foreignObject":
		return fmt.Sprintf("the logo holds <foreignObject> (line %d), which embeds other markup", line)
	case strings.HasPrefix(name, "animate") || name == "set":
		return fmt.Sprintf("the logo holds <%s> (line %d); animation is not allowed", name, line)
	case !logoElements[name]:
		return fmt.Sprintf("the logo holds <%s> (line %d), which a logo may not hold", name, line)
	}
	for _, a := range t.Attr {
		if msg := checkLogoAttr(name, a, line); msg != "" {
			return msg
		}
	}
	return ""
}

// checkLogoAttr checks one attribute of element el.
func checkLogoAttr(el string, a xml.Attr, line int) string {
	name, ns := a.Name.Local, a.Name.Space
	if strings.HasPrefix(strings.ToLower(name), "on") && ns == "" {
		return fmt.Sprintf("the logo holds event handlers: %s on <%s> (line %d)", name, el, line)
	}
	switch {
	case ns == "xmlns" || (ns == "" && name == "xmlns"):
		return "" // a namespace declaration does nothing by itself
	case ns == xmlNS || ns == "xml":
		if name != "space" && name != "lang" {
			return fmt.Sprintf("attribute xml:%s on <%s> (line %d) is not allowed in a logo", name, el, line)
		}
		return ""
	case (ns == xlinkNS || ns == "xlink") && (name == "href" || name == "title"):
	case ns != "":
		return fmt.Sprintf("attribute %s:%s on <%s> (line %d) is not allowed in a logo; save it as plain SVG", shortNS(ns), name, el, line)
	case !logoAttributes[name]:
		return fmt.Sprintf("attribute %s on <%s> (line %d) is not allowed in a logo", name, el, line)
	}
	v := strings.TrimSpace(a.Value)
	if name == "href" {
		switch {
		case localRef.MatchString(v):
			return ""
		case el == "image" && rasterData.MatchString(v):
			return "" // an embedded PNG, JPEG, GIF or WebP
		}
		return fmt.Sprintf("the logo refers outside itself: href=%q on <%s> (line %d); only references within the logo (#id) are allowed", shorten(v), el, line)
	}
	if name == "title" || plainAttributes[name] {
		return ""
	}
	if msg := checkCSS(v); msg != "" {
		return fmt.Sprintf("attribute %s on <%s> (line %d) %s", name, el, line, msg)
	}
	return ""
}

// checkCSS checks CSS (a style element or attribute, or a presentation
// attribute's value): it may refer only within the logo, with url(#id), and
// may not import, load or run anything.
func checkCSS(css string) string {
	if strings.Contains(css, `\`) {
		return `holds a backslash; CSS escapes are not allowed`
	}
	css = cssComment.ReplaceAllString(css, " ")
	lower := strings.ToLower(css)
	for _, at := range cssAtRule.FindAllString(lower, -1) {
		if at != "@media" {
			return fmt.Sprintf("holds %s; only @media is allowed", at)
		}
	}
	for _, f := range cssFetches {
		if strings.Contains(lower, f) {
			return fmt.Sprintf("holds %s, which may load or run something", strings.TrimSuffix(f, "("))
		}
	}
	for _, loc := range cssURL.FindAllStringIndex(css, -1) {
		if !localURL.MatchString(css[loc[0]:]) {
			end := min(loc[0]+60, len(css))
			if i := strings.IndexByte(css[loc[0]:end], ')'); i >= 0 {
				end = loc[0] + i + 1
			}
			return fmt.Sprintf("refers outside the logo: %s; only url(#id) is allowed", css[loc[0]:end])
		}
	}
	return ""
}

// shortNS names well-known namespaces by their usual prefix.
func shortNS(ns string) string {
	switch ns {
	case "http://www.inkscape.org/namespaces/inkscape":
		return "inkscape"
	case "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd":
		return "sodipodi"
	case "http://www.w3.org/2001/xml-events":
		return "ev"
	}
	return ns
}

// shorten cuts a value for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
