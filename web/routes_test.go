package web

import (
	"reflect"
	"testing"
)

// TestParseContent pins how the catch-all under /{org}/ reads an address:
// the one place that tells a page from its PDF and its tables.
func TestParseContent(t *testing.T) {
	tests := []struct {
		in    string
		ok    bool
		want  contentTarget
		label string
	}{
		{"begroting-2022", true, contentTarget{kind: documentIndex, doc: "begroting-2022"}, "GET /{org}/{doc}"},
		{"begroting-2022.pdf", true, contentTarget{kind: documentPDF, doc: "begroting-2022"}, "GET /{org}/{doc}.pdf"},
		{"begroting-2022.html", true, contentTarget{kind: wholeDocument, doc: "begroting-2022"}, "GET /{org}/{doc}.html"},
		{".pdf", true, contentTarget{kind: documentIndex, doc: ".pdf"}, "GET /{org}/{doc}"},
		{"sitemap-2.xml", true, contentTarget{kind: sitemapFile, part: 2}, "GET /{org}/sitemap-{part}.xml"},
		{"sitemap-17.xml", true, contentTarget{kind: sitemapFile, part: 17}, "GET /{org}/sitemap-{part}.xml"},
		// Part 1 is sitemap.xml; no other spelling is a sitemap.
		{"sitemap-1.xml", true, contentTarget{kind: documentIndex, doc: "sitemap-1.xml"}, "GET /{org}/{doc}"},
		{"sitemap-02.xml", true, contentTarget{kind: documentIndex, doc: "sitemap-02.xml"}, "GET /{org}/{doc}"},
		{"sitemap-+2.xml", true, contentTarget{kind: documentIndex, doc: "sitemap-+2.xml"}, "GET /{org}/{doc}"},
		{"sitemap-.xml", true, contentTarget{kind: documentIndex, doc: "sitemap-.xml"}, "GET /{org}/{doc}"},
		{"sitemap-9999999999.xml", true, contentTarget{kind: documentIndex, doc: "sitemap-9999999999.xml"}, "GET /{org}/{doc}"},
		{"d/sitemap-2.xml", true, contentTarget{kind: pageHTML, doc: "d", page: "sitemap-2.xml"}, "GET /{org}/{doc}/{path...}"},
		{"d/a", true, contentTarget{kind: pageHTML, doc: "d", page: "a"}, "GET /{org}/{doc}/{path...}"},
		{"d/a/b/c/d/e/f/g", true, contentTarget{kind: pageHTML, doc: "d", page: "a/b/c/d/e/f/g"}, "GET /{org}/{doc}/{path...}"},
		{"d/a/b.pdf", true, contentTarget{kind: pagePDF, doc: "d", page: "a/b"}, "GET /{org}/{doc}/{path...}.pdf"},
		{"d/a/indicatoren.csv", true, contentTarget{kind: pageTable, doc: "d", page: "a", table: "indicatoren", format: "csv"},
			"GET /{org}/{doc}/{path...}/indicatoren.{format}"},
		{"d/a/b/afwijkingen.json", true, contentTarget{kind: pageTable, doc: "d", page: "a/b", table: "afwijkingen", format: "json"},
			"GET /{org}/{doc}/{path...}/afwijkingen.{format}"},
		// A page called "indicatoren" at the top has no table of its own.
		{"d/indicatoren.csv", true, contentTarget{kind: pageHTML, doc: "d", page: "indicatoren.csv"}, "GET /{org}/{doc}/{path...}"},
		{"d/a/onbekend.csv", true, contentTarget{kind: pageHTML, doc: "d", page: "a/onbekend.csv"}, "GET /{org}/{doc}/{path...}"},
		{"d/a/indicatoren.xml", true, contentTarget{kind: pageHTML, doc: "d", page: "a/indicatoren.xml"}, "GET /{org}/{doc}/{path...}"},
		{"d/a/.pdf", true, contentTarget{kind: pageHTML, doc: "d", page: "a/.pdf"}, "GET /{org}/{doc}/{path...}"},
		// The overview per taakveld takes its segment at the top only.
		{"d/overzicht-per-taakveld", true, contentTarget{kind: taakvelden, doc: "d"}, "GET /{org}/{doc}/overzicht-per-taakveld"},
		{"d/overzicht-per-taakveld.pdf", true, contentTarget{kind: taakveldenPDF, doc: "d"}, "GET /{org}/{doc}/overzicht-per-taakveld.pdf"},
		{"d/overzicht-per-taakveld.csv", true, contentTarget{kind: taakveldenData, doc: "d", format: "csv"}, "GET /{org}/{doc}/overzicht-per-taakveld.{format}"},
		{"d/overzicht-per-taakveld.json", true, contentTarget{kind: taakveldenData, doc: "d", format: "json"}, "GET /{org}/{doc}/overzicht-per-taakveld.{format}"},
		{"d/a/overzicht-per-taakveld", true, contentTarget{kind: pageHTML, doc: "d", page: "a/overzicht-per-taakveld"}, "GET /{org}/{doc}/{path...}"},
		// The versions take their segment at the top only; a number that
		// is none is version 0, which no version has.
		{"d/versies", true, contentTarget{kind: versionList, doc: "d", page: "versies"}, "GET /{org}/{doc}/versies"},
		{"d/versies/12", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/12", version: 12}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/3/a/b", true, contentTarget{kind: versionPage, doc: "d", page: "versies/3/a/b", version: 3, versionPath: "a/b"}, "GET /{org}/{doc}/versies/{n}/{path...}"},
		{"d/versies/3/wijzigingen", true, contentTarget{kind: versionChanges, doc: "d", page: "versies/3/wijzigingen", version: 3}, "GET /{org}/{doc}/versies/{n}/wijzigingen"},
		{"d/versies/3/a/wijzigingen", true, contentTarget{kind: versionPage, doc: "d", page: "versies/3/a/wijzigingen", version: 3, versionPath: "a/wijzigingen"}, "GET /{org}/{doc}/versies/{n}/{path...}"},
		{"d/versies/abc", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/abc"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/0", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/0"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/-1", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/-1"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/01", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/01"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/1000001", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/1000001"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/99999999999999999999", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/99999999999999999999"}, "GET /{org}/{doc}/versies/{n}"},
		{"d/versies/1000000", true, contentTarget{kind: versionIndex, doc: "d", page: "versies/1000000", version: 1000000}, "GET /{org}/{doc}/versies/{n}"},
		{"d/a/versies", true, contentTarget{kind: pageHTML, doc: "d", page: "a/versies"}, "GET /{org}/{doc}/{path...}"},
		{"d/versies.pdf", true, contentTarget{kind: pagePDF, doc: "d", page: "versies"}, "GET /{org}/{doc}/{path...}.pdf"},
		{"d/versies/1/a/indicatoren.csv", true, contentTarget{kind: pageTable, doc: "d", page: "versies/1/a", table: "indicatoren", format: "csv"}, "GET /{org}/{doc}/{path...}/indicatoren.{format}"},
		// Each segment unescaped on its own: an escaped slash stays in its segment.
		{"d/a%2Fb", true, contentTarget{kind: pageHTML, doc: "d", page: "a/b"}, "GET /{org}/{doc}/{path...}"},
		{"d/%C3%A9", true, contentTarget{kind: pageHTML, doc: "d", page: "é"}, "GET /{org}/{doc}/{path...}"},
		// A trailing slash: the same address without it.
		{"d/", true, contentTarget{kind: canonical, doc: "d", segs: []string{"d"}}, "GET /{org}/{doc}/{path...}/"},
		{"d/a/b/", true, contentTarget{kind: canonical, doc: "d", segs: []string{"d", "a", "b"}}, "GET /{org}/{doc}/{path...}/"},
		{"%2Fevil.example/", true, contentTarget{kind: canonical, doc: "/evil.example", segs: []string{"/evil.example"}}, "GET /{org}/{doc}/{path...}/"},
		// What no content answers.
		{"", false, contentTarget{}, ""},
		{"d//a", false, contentTarget{}, ""},
		{"d/a//", false, contentTarget{}, ""},
		{"d/%zz", false, contentTarget{}, ""},
		{"d/a%09b", false, contentTarget{}, ""},
		{"%0Aevil", false, contentTarget{}, ""},
		{"d/a%00", false, contentTarget{}, ""},
	}
	for _, tt := range tests {
		got, ok := parseContent(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseContent(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			continue
		}
		if ok && got.label() != tt.label {
			t.Errorf("parseContent(%q).label() = %q, want %q", tt.in, got.label(), tt.label)
		}
	}
}
