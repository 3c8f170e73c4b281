package web

import (
	"net/url"
	"strings"
)

// What an address under /{org}/{doc} asks for. The page path has any
// depth, so ServeMux cannot tell these apart by pattern; parseContent
// does, and names each in the same pattern syntax for metrics and logs.
type contentKind int

const (
	documentIndex  contentKind = iota // /{org}/{doc}: the table of contents
	wholeDocument                     // /{org}/{doc}.html: every page on one page
	documentPDF                       // /{org}/{doc}.pdf
	pageHTML                          // /{org}/{doc}/{path...}
	pagePDF                           // /{org}/{doc}/{path...}.pdf
	pageTable                         // /{org}/{doc}/{path...}/indicatoren.csv, afwijkingen.json ...
	canonical                         // a trailing slash: the same address without it
	sitemapFile                       // /{org}/sitemap-{part}.xml: part 2 and on of the sitemap
	fiscalData                        // /{org}/{doc}.datapackage.zip: the document's money as a Fiscal Data Package
	taakvelden                        // /{org}/{doc}/overzicht-per-taakveld: the money of every programme per taakveld
	taakveldenPDF                     // /{org}/{doc}/overzicht-per-taakveld.pdf
	taakveldenData                    // /{org}/{doc}/overzicht-per-taakveld.csv, .json
	versionList                       // /{org}/{doc}/versies: the kept versions
	versionIndex                      // /{org}/{doc}/versies/{n}: an old version's table of contents
	versionPage                       // /{org}/{doc}/versies/{n}/{path...}
	versionChanges                    // /{org}/{doc}/versies/{n}/wijzigingen
)

// routeLabels are the route labels of each kind, for metrics and logs.
var routeLabels = map[contentKind]string{
	documentIndex:  "GET /{org}/{doc}",
	wholeDocument:  "GET /{org}/{doc}.html",
	documentPDF:    "GET /{org}/{doc}.pdf",
	pageHTML:       "GET /{org}/{doc}/{path...}",
	pagePDF:        "GET /{org}/{doc}/{path...}.pdf",
	canonical:      "GET /{org}/{doc}/{path...}/",
	sitemapFile:    "GET /{org}/sitemap-{part}.xml",
	fiscalData:     "GET /{org}/{doc}.datapackage.zip",
	taakvelden:     "GET /{org}/{doc}/" + overviewSlug,
	taakveldenPDF:  "GET /{org}/{doc}/" + overviewSlug + ".pdf",
	taakveldenData: "GET /{org}/{doc}/" + overviewSlug + ".{format}",
	versionList:    "GET /{org}/{doc}/" + versionsSlug,
	versionIndex:   "GET /{org}/{doc}/" + versionsSlug + "/{n}",
	versionPage:    "GET /{org}/{doc}/" + versionsSlug + "/{n}/{path...}",
	versionChanges: "GET /{org}/{doc}/" + versionsSlug + "/{n}/" + changesSlug,
}

// tableLabels are the route labels of a page's tables as open data.
var tableLabels = map[string]string{
	"indicatoren": "GET /{org}/{doc}/{path...}/indicatoren.{format}",
	"afwijkingen": "GET /{org}/{doc}/{path...}/afwijkingen.{format}",
	"financien":   "GET /{org}/{doc}/{path...}/financien{-n}.{format}",
}

// contentTarget is a parsed content address.
type contentTarget struct {
	kind   contentKind
	doc    string   // the document's slug
	page   string   // the page's path of slugs, joined by "/"
	table  string   // for pageTable: indicatoren or afwijkingen
	format string   // for pageTable: csv or json
	segs   []string // the canonical address's segments after the organisation
	part   int      // for sitemapFile: from 2
	// For the version kinds: the version's number (0 when the segment is
	// none) and the page's path within it. page keeps the whole path, for
	// a document whose own page shadows the versions (versionsShadowed).
	version     int
	versionPath string
}

// label is the target's route label.
func (t contentTarget) label() string {
	if t.kind == pageTable {
		if _, ok := financeTableIndex(t.table); ok {
			return tableLabels["financien"]
		}
		return tableLabels[t.table]
	}
	return routeLabels[t.kind]
}

// parseContent reads the part of an address after "/{org}/", as escaped in
// the URL: the document's segment and the page path's. Each segment is
// unescaped on its own, so that an escaped "/" cannot join two. It
// returns false for what no content can answer: an empty segment within
// the path, an undecodable escape or a control character.
func parseContent(escaped string) (contentTarget, bool) {
	raw := strings.Split(escaped, "/")
	segs := make([]string, len(raw))
	for i, r := range raw {
		s, err := url.PathUnescape(r)
		if err != nil || strings.ContainsFunc(s, isControl) {
			return contentTarget{}, false
		}
		if s == "" && i != len(raw)-1 {
			return contentTarget{}, false
		}
		segs[i] = s
	}
	if segs[0] == "" {
		return contentTarget{}, false
	}
	if len(segs) == 1 {
		// A slug has no dot: no document is called sitemap-2.xml.
		if n, ok := sitemapPart(segs[0]); ok {
			return contentTarget{kind: sitemapFile, part: n}, true
		}
		if slug, ok := strings.CutSuffix(segs[0], fiscalSuffix); ok && slug != "" {
			return contentTarget{kind: fiscalData, doc: slug}, true
		}
		if slug, ok := strings.CutSuffix(segs[0], ".pdf"); ok && slug != "" {
			return contentTarget{kind: documentPDF, doc: slug}, true
		}
		if slug, ok := strings.CutSuffix(segs[0], ".html"); ok && slug != "" {
			return contentTarget{kind: wholeDocument, doc: slug}, true
		}
		return contentTarget{kind: documentIndex, doc: segs[0]}, true
	}
	t := contentTarget{doc: segs[0]}
	path := segs[1:]
	last := path[len(path)-1]
	switch {
	case last == "":
		t.kind, t.segs = canonical, segs[:len(segs)-1]
		return t, true
	case strings.HasSuffix(last, ".pdf") && last != ".pdf":
		t.kind = pagePDF
		path[len(path)-1] = strings.TrimSuffix(last, ".pdf")
	default:
		t.kind = pageHTML
		if name, format := splitFormat(last); len(path) == 1 && name == overviewSlug && format != "" {
			t.kind, t.format = taakveldenData, format
			return t, true
		}
		if len(path) > 1 {
			if name, format := splitFormat(last); format != "" && (name == "indicatoren" || name == "afwijkingen" || isFinanceTable(name)) {
				t.kind, t.table, t.format = pageTable, name, format
				path = path[:len(path)-1]
			}
		}
	}
	if t.kind == pageHTML && t.table == "" && path[0] == versionsSlug {
		t.page = strings.Join(path, "/")
		switch {
		case len(path) == 1:
			t.kind = versionList
		case len(path) == 2:
			t.kind, t.version = versionIndex, versionNumber(path[1])
		case len(path) == 3 && path[2] == changesSlug:
			t.kind, t.version = versionChanges, versionNumber(path[1])
		default:
			t.kind, t.version, t.versionPath = versionPage, versionNumber(path[1]), strings.Join(path[2:], "/")
		}
		return t, true
	}
	if len(path) == 1 && path[0] == overviewSlug {
		t.kind = map[contentKind]contentKind{pageHTML: taakvelden, pagePDF: taakveldenPDF}[t.kind]
		return t, true
	}
	t.page = strings.Join(path, "/")
	return t, true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// splitFormat cuts ".csv" or ".json" off a path segment.
func splitFormat(seg string) (name, format string) {
	for _, f := range []string{"csv", "json"} {
		if n, ok := strings.CutSuffix(seg, "."+f); ok && n != "" {
			return n, f
		}
	}
	return seg, ""
}

// maxVersion bounds a version's number in an address, so that a huge one
// is simply none.
const maxVersion = 1_000_000

// versionNumber reads a version's number as its address writes it: digits
// without a leading zero, 1 to maxVersion; 0 for anything else.
func versionNumber(seg string) int {
	if seg == "" || len(seg) > 7 || seg[0] == '0' {
		return 0
	}
	n := 0
	for _, c := range seg {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n > maxVersion {
		return 0
	}
	return n
}
