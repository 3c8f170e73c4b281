package pdf_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/pdf/pdfcheck"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/synth"
)

// TestTagged reads back every demo document whole, each of its pages on
// its own, and a synthetic document, and checks the tagging with
// pdfcheck: no problem, header and footer as artifacts on every page but
// the cover, the tree's reading order equal to pdftotext's, and the
// outline kept.
func TestTagged(t *testing.T) {
	org, docs := mustDemo(t)
	specs := map[string]pdf.Spec{"synthetic": wholeDocument(synth.Organisation(), synth.Document(3))}
	for _, doc := range docs {
		specs[doc.Title] = wholeDocument(org, doc)
		for i, sec := range wholeDocument(org, doc).Sections {
			specs[doc.Title+"/"+sec.Page.Title+"/"+itoa(i)] = pdf.Spec{Title: sec.Page.Title + " | " + doc.Title, Author: org.Name, Sections: []pdf.Section{sec}}
		}
	}
	for name, spec := range specs {
		t.Run(name, func(t *testing.T) {
			data := mustRender(t, spec)
			doc := pdftest.Tagged(t, data)
			first := 1
			if spec.Cover != nil {
				first = 2
			}
			pdftest.RunningArtifacts(t, doc, first)
			pdftest.ReadingOrder(t, data)
			if len(spec.Sections) > 1 && len(doc.Outline) < len(spec.Sections) {
				t.Errorf("outline of %d entries for %d sections", len(doc.Outline), len(spec.Sections))
			}
			if doc.Lang != "nl-NL" {
				t.Errorf("Lang = %q", doc.Lang)
			}
		})
	}
}

// TestTaggedRoles pins the roles of the first demo document's whole PDF:
// cover, table of contents, then the pages with their headings, tables,
// lists, notes and charts, in order.
func TestTaggedRoles(t *testing.T) {
	org, docs := mustDemo(t)
	doc, err := pdfcheck.Read(mustRender(t, wholeDocument(org, docs[0])))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range pdfcheck.Roles(doc) {
		if r.Role != "P" {
			got = append(got, r.String())
		}
	}
	want := []string{
		`H1 "Beleidsbegroting 2022"`, `H1 "Inhoudsopgave"`, "TOC 3 items",
		`H1 "Beleidsbegroting"`, `H2 "Programma 1: Meedoen in Leiderdorp"`, `H3 "1C: Ondersteunde inwoners"`,
		`H4 "Inleiding"`, `H4 "Doel"`, `H4 "SMART doel"`, "L 3 items",
		`H4 "Activiteiten 2022"`, "Table 4×3, 3 column headers, 0 row headers (3 TH, 9 TD)", `Note "* Met uitzondering van jeugd en veilighe…"`,
		`H4 "Wat willen we bereiken?"`,
		`H5 "1. Meer inwoners functioneren zo zelfsta…"`, `H5 "2. Meer kinderen groeien gezond en veili…"`, `H5 "3. De omvang van het klantenbestand Part…"`,
		`H4 "Wat gaan we ervoor doen?"`,
		`H5 "1.1 We verstrekken maatwerkvoorzieningen…"`, `H5 "1.2 We voeren de opvang en huisvesting v…"`,
		`H5 "2.1 We organiseren een sluitende keten v…"`, `H5 "2.2 We hebben voldoende aanbod kwalitati…"`,
		`H5 "2.3 We organiseren jeugdhulp lokaal en z…"`, `H5 "3.1 We verstrekken uitkeringen op grond …"`,
		`H5 "3.2 We begeleiden mensen in de Wsw naar …"`, `H5 "3.3 We plaatsen mensen met een grote afs…"`,
		`H4 "Prestatie-indicatoren"`, "Table 10×9, 9 column headers, 9 row headers (18 TH, 72 TD)", `Note "1. 1 Vanaf juli 2021 voert het Jeugdteam…"`,
		`Figure "Waarden per jaar: 2018 werkelijk 1.992; …"`, `Figure "Waarden per jaar: 2018 werkelijk 83%; 20…"`,
		`Figure "Waarden per jaar: 2018 werkelijk 365; 20…"`, `Figure "Waarden per jaar: 2018 werkelijk 13%; 20…"`,
		`Figure "Waarden per jaar: 2018 werkelijk 0; 2019…"`, `Figure "Waarden per jaar: 2018 werkelijk nnb; 20…"`,
		`Figure "Waarden per jaar: 2018 werkelijk 346; 20…"`, `Figure "Waarden per jaar: 2018 werkelijk 31,3%; …"`,
		`Figure "Waarden per jaar: 2018 werkelijk 3; 2019…"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("roles:\n%s", strings.Join(got, "\n"))
	}
}

// BenchmarkCheck reads back and checks the whole-document PDF of the
// 60-programme synthetic begroting (about 300 pages).
func BenchmarkCheck(b *testing.B) {
	data := mustRender(b, wholeDocument(synth.Organisation(), synth.Document(60)))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := pdfcheck.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if problems := pdfcheck.Check(doc); len(problems) > 0 {
			b.Fatal(problems[0])
		}
	}
}
