package istd_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers/register/istd"
)

// mutation is an example message changed in one place, with the verdict
// its schema gives it.
type mutation struct {
	file     string // a reference example or a file of testdata
	old, new string // old replaced once by new
	valid    bool
}

// mutations change dates, codes, numbers and texts, remove elements and
// add them. Each keeps to what the schema decides: not the order of
// elements (koers does not check it) nor the register's rules beyond the
// schema (the elfproef, the municipality, a product and a
// ToewijzingNummer that counting needs, an end after the start).
var mutations = []mutation{
	// Dates.
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2024-02-29<", true},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-02-29<", false},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-13-01<", false},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-1-01<", false},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum> 2023-12-31\n<", true},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-12-31+01:00<", false},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-12-31Z<", false},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum><![CDATA[2023-12-31]]><", true},
	{w301, "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-<!-- comment -->12-31<", true},
	{w301, "<iwmo:Dagtekening>2023-08-13<", "<iwmo:Dagtekening>2023-08-13T00:00:00<", false},
	{w301, "<iwmo:Datum>1967-08-13<", "<iwmo:Datum>1967-02-29<", false},
	{w301, "<iwmo:Datum>1967-08-13<", "<iwmo:Datum>1968-02-29<", true},
	{w301, "<wmo301:Toewijzingstijd>12:34:56<", "<wmo301:Toewijzingstijd>12:34:56.5<", true},
	{w301, "<wmo301:Toewijzingstijd>12:34:56<", "<wmo301:Toewijzingstijd>12:34<", false},
	{w301, "<wmo301:Toewijzingstijd>12:34:56<", "<wmo301:Toewijzingstijd>12:60:00<", false},
	{w301, "<wmo301:Toewijzingstijd>12:34:56<", "<wmo301:Toewijzingstijd>12:34:56Z<", false},
	{w305, "<wmo305:Begindatum>2025-04-03<", "<wmo305:Begindatum>2025-04-31<", false},
	{w307, "<wmo307:Einddatum>2025-07-18<", "<wmo307:Einddatum>2025-06-31<", false},
	// Numbers.
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume>+10<", true},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume> 010 <", true},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume>1.5<", false},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume>99999999<", true},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume>100000000<", false},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume>-1<", false},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume><", false},
	{w301, "<wmo301:ToewijzingNummer>101<", "<wmo301:ToewijzingNummer>0101<", true},
	{w301, "<wmo301:ToewijzingNummer>101<", "<wmo301:ToewijzingNummer>1000000000<", false},
	{w301, "<wmo301:Commentaar>Toegewezen", "<wmo301:Budget>0</wmo301:Budget><wmo301:Commentaar>Toegewezen", true},
	{w301, "<wmo301:Commentaar>Toegewezen", "<wmo301:Budget>100000000</wmo301:Budget><wmo301:Commentaar>Toegewezen", false},
	{j301, "<jw301:Budget>1250000<", "<jw301:Budget>99999999<", true},
	{j301, "<jw301:Budget>1250000<", "<jw301:Budget>12500,00<", false},
	{w301, "<iwmo:Huisnummer>100<", "<iwmo:Huisnummer>-1<", false},
	{w301, "<wmo301:Volgorde>1<", "<wmo301:Volgorde>100<", false},
	// Codes.
	{w301, "<iwmo:Categorie>01<", "<iwmo:Categorie>18<", true},
	{w301, "<iwmo:Categorie>01<", "<iwmo:Categorie>00<", false},
	{w301, "<iwmo:Categorie>01<", "<iwmo:Categorie> 01<", false},
	{w301, "<iwmo:Categorie>01<", "<iwmo:Categorie>1<", false},
	{j301, "<ijw:Categorie>45<", "<ijw:Categorie>55<", true},
	{j301, "<ijw:Categorie>45<", "<ijw:Categorie>39<", false},
	{j301, "<ijw:Categorie>45<", "<ijw:Categorie>01<", false},
	{w301, "<iwmo:Eenheid>01<", "<iwmo:Eenheid>84<", true},
	{w301, "<iwmo:Eenheid>01<", "<iwmo:Eenheid>1<", false},
	{w301, "<iwmo:Frequentie>1<", "<iwmo:Frequentie>6<", true},
	{w301, "<iwmo:Frequentie>1<", "<iwmo:Frequentie>5<", false},
	{w301, "<wmo301:Omvang>", "<wmo301:RedenWijziging>13</wmo301:RedenWijziging><wmo301:Omvang>", true},
	{w301, "<wmo301:Omvang>", "<wmo301:RedenWijziging>00</wmo301:RedenWijziging><wmo301:Omvang>", false},
	{w301, "<wmo301:Geslacht>1<", "<wmo301:Geslacht>0<", true},
	{w301, "<wmo301:Geslacht>1<", "<wmo301:Geslacht>9<", false},
	{w301, "<wmo301:JuridischeStatus>02<", "<wmo301:JuridischeStatus>06<", false},
	{w301, "<wmo301:WettelijkeVertegenwoordiging>06<", "<wmo301:WettelijkeVertegenwoordiging>02<", false},
	{w301, "<iwmo:LandCode>AD<", "<iwmo:LandCode>NL<", true},
	{w307, "<wmo307:RedenBeeindiging>31<", "<wmo307:RedenBeeindiging>19<", true},
	{w307, "<wmo307:RedenBeeindiging>31<", "<wmo307:RedenBeeindiging>24<", false},
	{w307, "<wmo307:RedenBeeindiging>31<", "<wmo307:RedenBeeindiging>32<", false},
	{j307, "<jw307:RedenBeeindiging>32<", "<jw307:RedenBeeindiging>35<", true},
	{j307, "<jw307:RedenBeeindiging>32<", "<jw307:RedenBeeindiging>19<", false},
	{w305, "<wmo305:StatusAanlevering>1<", "<wmo305:StatusAanlevering>9<", true},
	{w305, "<wmo305:StatusAanlevering>1<", "<wmo305:StatusAanlevering>4<", false},
	{w301, "<wmo301:BerichtCode>414<", "<wmo301:BerichtCode>415<", false},
	{w301, "<wmo301:BerichtCode>414<", "<wmo301:BerichtCode> 414<", false},
	{j301, "<jw301:BerichtCode>436<", "<jw301:BerichtCode>414<", false},
	{w301, "<wmo301:BerichtVersie>3<", "<wmo301:BerichtVersie> 3 <", true},
	{w301, "<wmo301:BerichtVersie>3<", "<wmo301:BerichtVersie>+3<", false},
	{w301, "<wmo301:BerichtSubversie>2<", "<wmo301:BerichtSubversie>1<", false},
	{w301, "<iwmo:BerichtXsdVersie>1.0.0<", "<iwmo:BerichtXsdVersie>10.0.0<", true},
	{w301, "<iwmo:BerichtXsdVersie>1.0.0<", "<iwmo:BerichtXsdVersie>1.0<", false},
	{w301, "<iwmo:BerichtXsdVersie>1.0.0<", "<iwmo:BerichtXsdVersie>1.0.01<", false},
	// Identifiers and texts.
	{w301, "<wmo301:Bsn>999900006<", "<wmo301:Bsn> 999900006<", false},
	{w301, "<wmo301:Bsn>999900006<", "<wmo301:Bsn>99990000A<", false},
	{w301, "<wmo301:Afzender>0384<", "<wmo301:Afzender>03840<", false},
	{w301, "<wmo301:Ontvanger>42420001<", "<wmo301:Ontvanger>424200011<", false},
	{w305, "<wmo305:Afzender>65656055<", "<wmo305:Afzender>6565605X<", false},
	{w301, "<iwmo:Identificatie>123456789012<", "<iwmo:Identificatie>1234567890123<", false},
	{w301, "<iwmo:Identificatie>123456789012<", "<iwmo:Identificatie>   <", false},
	{w301, "<iwmo:Postcode>9999XX<", "<iwmo:Postcode>2351 AB<", true},
	{w301, "<iwmo:Postcode>9999XX<", "<iwmo:Postcode>123456789<", false},
	{w301, "<iwmo:Voorletters>T<", "<iwmo:Voorletters>T.<", false},
	{w301, "<iwmo:Voorletters>T<", "<iwmo:Voorletters>ÉÅ<", true},
	{w301, "<wmo301:Commentaar>Client commentaar<", "<wmo301:Commentaar>  \n <", false},
	{w301, "<wmo301:Commentaar>Client commentaar<", "<wmo301:Commentaar>regel een\nregel twee<", true},
	{w301, "<iwmo:Achternaam>Wit<", "<iwmo:Achternaam>W\nit<", false},
	{w301, "<iwmo:Code>01A01<", "<iwmo:Code>01A011<", false},
	{w301, "<iwmo:Telefoonnummer>0101234567<", "<iwmo:Telefoonnummer>010-1234567<", false},
	// Elements missing.
	{w301, "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "", true},
	{w301, "<wmo301:Ingangsdatum>2023-01-01</wmo301:Ingangsdatum>", "", false},
	{w301, "<iwmo:Taal>Deens</iwmo:Taal>", "", true},
	{w301, "<iwmo:Vorm>1</iwmo:Vorm>", "", false},
	{w301, "<iwmo:NaamGebruik>4</iwmo:NaamGebruik>", "", false},
	{w301, "<iwmo:Code>01A01</iwmo:Code>", "", true},
	{w301, "<iwmo:Volume>10</iwmo:Volume>", "", false},
	{w301, "<wmo301:Geslacht>1</wmo301:Geslacht>", "", false},
	{w301, "<iwmo:Dagtekening>2023-08-13</iwmo:Dagtekening>", "", false},
	{w305, "<wmo305:StatusAanlevering>1</wmo305:StatusAanlevering>", "", false},
	{w305, "<iwmo:Code>01A11</iwmo:Code>", "", true},
	{w307, "<wmo307:Einddatum>2025-07-18</wmo307:Einddatum>", "", false},
	{w307, "<wmo307:RedenBeeindiging>31</wmo307:RedenBeeindiging>", "", false},
	{j301, "<ijw:Voorletters>A</ijw:Voorletters>", "", true},
	// Elements added.
	{w301, "<wmo301:Omvang>", "<wmo301:Leveringsvorm>1</wmo301:Leveringsvorm><wmo301:Omvang>", false},
	{w301, "<wmo301:Geslacht>1</wmo301:Geslacht>", "<wmo301:Geslacht>1</wmo301:Geslacht><wmo301:Geslacht>1</wmo301:Geslacht>", false},
	{w301, "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "<iwmo:Einddatum>2023-12-31</iwmo:Einddatum>", false},
	{w301, "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "<Einddatum>2023-12-31</Einddatum>", false},
	{w301, "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", `<Einddatum xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema">2023-12-31</Einddatum>`, true},
	{w301, "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", `<b:Einddatum xmlns:b="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema">2023-12-31</b:Einddatum>`, false},
	{w301, "<iwmo:Volume>10</iwmo:Volume>", `<w:Volume xmlns:w="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema">10</w:Volume>`, true},
	{w301, "<wmo301:Omvang>", `<wmo301:Omvang xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">`, false},
	{w301, "<wmo301:Omvang>", `<wmo301:Omvang soort="uren">`, false},
	{w301, "<wmo301:Omvang>", "<wmo301:Omvang>uren", false},
	{w301, "<iwmo:Volume>10<", "<iwmo:Volume><iwmo:Uren>10</iwmo:Uren><", false},
	{w301, "<wmo301:Bericht ", `<wmo301:Bericht xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema WMO301.xsd" `, true},
	{w301, "</wmo301:Relaties>", "<wmo301:Relatie><wmo301:Nummer>3</wmo301:Nummer><wmo301:Soort>04</wmo301:Soort><wmo301:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>X</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:NaamGebruik>1</iwmo:NaamGebruik></wmo301:Naam><wmo301:Contact><wmo301:Soort>01</wmo301:Soort></wmo301:Contact></wmo301:Relatie></wmo301:Relaties>", true},
	{w301, "</wmo301:ToegewezenProducten>", "<wmo301:ToegewezenProduct><wmo301:ToewijzingNummer>102</wmo301:ToewijzingNummer><wmo301:Product><iwmo:Categorie>02</iwmo:Categorie></wmo301:Product><wmo301:Toewijzingsdatum>2023-08-13</wmo301:Toewijzingsdatum><wmo301:Toewijzingstijd>12:00:00</wmo301:Toewijzingstijd><wmo301:Ingangsdatum>2023-02-01</wmo301:Ingangsdatum></wmo301:ToegewezenProduct></wmo301:ToegewezenProducten>", true},
	{w305, "</wmo305:Naam>", "</wmo305:Naam><wmo305:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>X</iwmo:Achternaam></iwmo:Geslachtsnaam></wmo305:Naam>", false},
	{w305, "<iwmo:Voornamen>Tim</iwmo:Voornamen>", "<iwmo:Partnernaam><iwmo:Achternaam>X</iwmo:Achternaam></iwmo:Partnernaam>", false},
	{w307, "</wmo307:StopProducten>", "</wmo307:StopProducten><wmo307:Commentaar>x</wmo307:Commentaar>", false},
	// Not well-formed.
	{j305, "</jw305:Bericht>", "</jw305:Bericht><jw305:Bericht/>", false},
	{w301, "<wmo301:Communicatie>", "<wmo301:Communicatie-weg>", false},
	{w301, "Client commentaar", "Client & commentaar", false},
}

const (
	w301 = "iwmo/berichten/WMO301.xml"
	w305 = "iwmo/berichten/WMO305.xml"
	w307 = "iwmo/berichten/WMO307.xml"
	j301 = "JW301.xml"
	j305 = "JW305.xml"
	j307 = "JW307.xml"
)

// schemaOf is the XSD of a test message.
func schemaOf(ref, file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".xml")
	if strings.HasPrefix(base, "JW") {
		return filepath.Join(ref, "ijw", "xsd", base+".xsd")
	}
	return filepath.Join(ref, "iwmo", "xsd", base+".xsd")
}

// TestSchemaVerdicts checks that Decode accepts and refuses the mutations
// as their schema does; with xmllint it checks the schema's verdict too.
// This is what "checked against the rules of their schemas" means.
func TestSchemaVerdicts(t *testing.T) {
	ref := reference(t)
	var lint string
	if _, err := exec.LookPath("xmllint"); err == nil || os.Getenv("CI") == "true" {
		lint = xmllint(t)
	}
	dir := t.TempDir()
	bySchema := map[string][]string{}
	for i, m := range mutations {
		base := string(read(t, m.file))
		if !strings.Contains(base, m.old) {
			t.Fatalf("mutation %d: %s lacks %q", i, m.file, m.old)
		}
		data := strings.Replace(base, m.old, m.new, 1)
		_, err := istd.Decode(filepath.Base(m.file), []byte(data), fakeKey{}, municipalityOf(m.file))
		if (err == nil) != m.valid {
			t.Errorf("mutation %d (%s: %q → %q): valid = %v, Decode says %v", i, m.file, m.old, m.new, m.valid, err)
		}
		name := filepath.Join(dir, fmt.Sprintf("m%03d.xml", i))
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		xsd := schemaOf(ref, m.file)
		bySchema[xsd] = append(bySchema[xsd], name)
	}
	if lint == "" {
		t.Log("xmllint is not installed: the schema's own verdicts are not checked")
		return
	}
	verdict := map[string]bool{}
	for xsd, files := range bySchema {
		out, _ := exec.Command(lint, append([]string{"--noout", "--schema", xsd}, files...)...).CombinedOutput()
		for _, line := range strings.Split(string(out), "\n") {
			if f, ok := strings.CutSuffix(line, " validates"); ok {
				verdict[f] = true
			} else if f, ok := strings.CutSuffix(line, " fails to validate"); ok {
				verdict[f] = false
			} else if f, _, ok := strings.Cut(line, ":"); ok && strings.Contains(line, "parser error") {
				verdict[f] = false // not well-formed
			}
		}
	}
	for i, m := range mutations {
		name := filepath.Join(dir, fmt.Sprintf("m%03d.xml", i))
		valid, ok := verdict[name]
		if !ok {
			t.Errorf("mutation %d (%s: %q → %q): xmllint gave no verdict", i, m.file, m.old, m.new)
		} else if valid != m.valid {
			t.Errorf("mutation %d (%s: %q → %q): xmllint says valid = %v, the test says %v", i, m.file, m.old, m.new, valid, m.valid)
		}
	}
}
