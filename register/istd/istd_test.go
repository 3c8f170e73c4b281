package istd_test

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register/istd"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestMessages reads the iWmo examples of the reference and our own iJw
// messages, and pins the whole batch of each.
func TestMessages(t *testing.T) {
	wmo, jeugd := pseudonym("999900006"), pseudonym("999990019")
	tests := []struct {
		file, municipality string
		want               koers.RegisterBatch
	}{
		{"iwmo/berichten/WMO301.xml", "0384", koers.RegisterBatch{
			Clients: []koers.Client{{Pseudonym: wmo, BirthYear: 1967, Sex: "1", Area: "9999"}},
			Assignments: []koers.Assignment{{Law: koers.Wmo, Number: "101", Client: wmo, Category: "01", Product: "01A01",
				Delivery: koers.InKind, Provider: "42420001", Start: day("2023-01-01"), End: day("2023-12-31"),
				Volume: 10, Unit: "01", Frequency: "1", Message: "0384/123456789012/2023-08-13"}},
			Providers: []koers.Provider{{AGB: "42420001"}},
		}},
		{"iwmo/berichten/WMO305.xml", "0363", koers.RegisterBatch{
			Care: []koers.CareEvent{
				{Law: koers.Wmo, Assignment: "300201", Kind: koers.CareStart, Date: day("2025-04-03"), Message: "65656055/123456789013/2025-04-05"},
				{Law: koers.Wmo, Assignment: "300202", Kind: koers.CareStart, Date: day("2025-04-04"), Message: "65656055/123456789013/2025-04-05"},
			},
		}},
		{"iwmo/berichten/WMO307.xml", "0363", koers.RegisterBatch{
			Care: []koers.CareEvent{
				{Law: koers.Wmo, Assignment: "300201", Kind: koers.CareStop, Date: day("2025-07-18"), Reason: "31", Message: "65656055/123456789014/2025-07-21"},
				{Law: koers.Wmo, Assignment: "300202", Kind: koers.CareStop, Date: day("2025-07-18"), Reason: "31", Message: "65656055/123456789014/2025-07-21"},
			},
		}},
		{"JW301.xml", "0547", koers.RegisterBatch{
			// The BRP address's postcode (soort 01), not the first one's.
			Clients: []koers.Client{{Pseudonym: jeugd, BirthYear: 2012, Sex: "2", Area: "2351"}},
			Assignments: []koers.Assignment{
				{Law: koers.Jeugdwet, Number: "701", Client: jeugd, Category: "45", Product: "45A53", Delivery: koers.InKind,
					Provider: "98765432", Start: day("2024-02-01"), End: day("2024-12-31"), Volume: 120, Unit: "04", Frequency: "2",
					Budget: 1250000, Message: "0547/JW-2024-0001/2024-01-15"},
				{Law: koers.Jeugdwet, Number: "702", Client: jeugd, Category: "37", Delivery: koers.InKind,
					Provider: "98765432", Start: day("2024-03-01"), ChangeReason: "01", Message: "0547/JW-2024-0001/2024-01-15"},
			},
			Providers: []koers.Provider{{AGB: "98765432"}},
		}},
		{"JW305.xml", "0547", koers.RegisterBatch{
			Care: []koers.CareEvent{{Law: koers.Jeugdwet, Assignment: "701", Kind: koers.CareStart, Date: day("2024-02-05"), Message: "98765432/A-77/2024-02-06"}},
		}},
		{"JW307.xml", "0547", koers.RegisterBatch{
			Care: []koers.CareEvent{{Law: koers.Jeugdwet, Assignment: "701", Kind: koers.CareStop, Date: day("2024-09-30"), Reason: "32", Message: "98765432/A-98/2024-10-02"}},
		}},
		{"JW307-verwijderd.xml", "0547", koers.RegisterBatch{
			// StatusAanlevering 3: the same stop, withdrawn.
			Care: []koers.CareEvent{{Law: koers.Jeugdwet, Assignment: "701", Kind: koers.CareStop, Date: day("2024-09-30"), Reason: "32",
				Message: "98765432/A-99/2024-10-04", Withdrawn: true}},
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			data := read(t, tt.file)
			got, err := istd.Decode(filepath.Base(tt.file), data, fakeKey{}, tt.municipality)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("batch\n got %+v\nwant %+v", *got, tt.want)
			}
			for _, a := range got.Assignments {
				if err := a.Validate(); err != nil {
					t.Errorf("assignment %s: %v", a.Number, err)
				}
			}
			again, err := istd.Decode(filepath.Base(tt.file), data, fakeKey{}, tt.municipality)
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("the same message twice gives another batch: %+v, %v", again, err)
			}
			if s := fmt.Sprintf("%+v", *got); strings.Contains(s, "999900006") || strings.Contains(s, "999990019") {
				t.Errorf("the BSN left Decode: %s", s)
			}
		})
	}
}

// read reads a reference example ("iwmo/...") or a file of testdata.
func read(tb testing.TB, file string) []byte {
	tb.Helper()
	if strings.Contains(file, "/") {
		return example(tb, file)
	}
	return testdata(tb, file)
}

// TestExamplesValidate checks every message the tests read with xmllint
// against its schema: the iWmo examples (those Decode refuses too) and our
// own iJw messages.
func TestExamplesValidate(t *testing.T) {
	lint := xmllint(t)
	ref := reference(t)
	var files [][2]string
	for _, m := range []string{"301", "305", "307", "315", "317", "319", "323"} {
		files = append(files, [2]string{filepath.Join(ref, "iwmo", "berichten", "WMO"+m+".xml"), filepath.Join(ref, "iwmo", "xsd", "WMO"+m+".xsd")})
	}
	for _, m := range []string{"301", "305", "307", "307-verwijderd"} {
		files = append(files, [2]string{filepath.Join("testdata", "JW"+m+".xml"), filepath.Join(ref, "ijw", "xsd", "JW"+m[:3]+".xsd")})
	}
	for _, f := range files {
		out, err := exec.Command(lint, "--noout", "--schema", f[1], f[0]).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against %s: %v\n%s", f[0], f[1], err, out)
		}
	}
}

// TestBadMessages changes an example in one place each and pins the
// problem: file, line, column, element path and message.
func TestBadMessages(t *testing.T) {
	const secondProduct = `</wmo301:ToegewezenProduct><wmo301:ToegewezenProduct><wmo301:ToewijzingNummer>102</wmo301:ToewijzingNummer>` +
		`<wmo301:Product><iwmo:Categorie>02</iwmo:Categorie></wmo301:Product><wmo301:Toewijzingsdatum>2023-08-13</wmo301:Toewijzingsdatum>` +
		`<wmo301:Toewijzingstijd>12:34:56</wmo301:Toewijzingstijd><wmo301:Ingangsdatum>2023-02-30</wmo301:Ingangsdatum></wmo301:ToegewezenProduct>`
	tests := []struct {
		name         string
		file         string // WMO301.xml when empty
		municipality string // that of the file when empty
		old, new     string // old replaced once by new
		want         string // the located problem, as the error says it
	}{
		{"date that does not exist", "", "", "<wmo301:Ingangsdatum>2023-01-01<", "<wmo301:Ingangsdatum>2023-02-30<",
			`WMO301.xml:173:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum: "2023-02-30" is geen geldige datum (jjjj-mm-dd)`},
		{"date in a second product", "", "", "</wmo301:ToegewezenProduct>", secondProduct,
			`WMO301.xml:181:297: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Ingangsdatum: "2023-02-30" is geen geldige datum (jjjj-mm-dd)`},
		{"date with a time zone", "", "", "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2023-12-31Z<",
			`WMO301.xml:174:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum: "2023-12-31Z" is geen geldige datum (jjjj-mm-dd)`},
		{"birth date, not repeated", "", "", "<iwmo:Datum>1967-08-13<", "<iwmo:Datum>1967-08-32<",
			`WMO301.xml:21:4: /Bericht/Client/Geboortedatum/Datum: de waarde is geen geldige datum (jjjj-mm-dd)`},
		{"born before 1900", "", "", "<iwmo:Datum>1967-08-13<", "<iwmo:Datum>1899-08-13<",
			`WMO301.xml:21:4: /Bericht/Client/Geboortedatum/Datum: de datum 1899-08-13 ligt buiten de jaren 1900–2200`},
		{"assignment starting in 1850", "", "", "<wmo301:Ingangsdatum>2023-01-01<", "<wmo301:Ingangsdatum>1850-01-01<",
			`WMO301.xml:173:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum: de datum 1850-01-01 ligt buiten de jaren 1900–2200`},
		{"care starting in 2201", "JW305.xml", "", "<jw305:Begindatum>2024-02-05<", "<jw305:Begindatum>2201-02-05<",
			`JW305.xml:38:9: /Bericht/Client/StartProducten/StartProduct[1]/Begindatum: de datum 2201-02-05 ligt buiten de jaren 1900–2200`},
		{"BSN of eight digits, not repeated", "", "", "<wmo301:Bsn>999900006<", "<wmo301:Bsn>99990006<",
			`WMO301.xml:19:3: /Bericht/Client/Bsn: de waarde is geen BSN: verwacht negen cijfers`},
		{"BSN failing the eleven test", "", "", "<wmo301:Bsn>999900006<", "<wmo301:Bsn>999900007<",
			`WMO301.xml:19:3: /Bericht/Client/Bsn: het BSN voldoet niet aan de elfproef`},
		{"municipality of three digits", "", "", "<wmo301:Afzender>0384<", "<wmo301:Afzender>384<",
			`WMO301.xml:7:3: /Bericht/Header/Afzender: "384" is geen gemeentecode: verwacht vier cijfers`},
		{"AGB code of seven digits", "", "", "<wmo301:Ontvanger>42420001<", "<wmo301:Ontvanger>4242001<",
			`WMO301.xml:8:3: /Bericht/Header/Ontvanger: "4242001" is geen AGB-code: verwacht acht cijfers`},
		{"product category not in WMO020", "", "", "<iwmo:Categorie>01<", "<iwmo:Categorie>19<",
			`WMO301.xml:168:6: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product/Categorie: "19" is geen code uit de lijst van productcategorieën (WMO020) (01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18)`},
		{"youth category in a Wmo message", "", "", "<iwmo:Categorie>01<", "<iwmo:Categorie>45<",
			`WMO301.xml:168:6: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product/Categorie: "45" is geen code uit de lijst van productcategorieën (WMO020) (01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18)`},
		{"Wmo category in a youth message", "JW301.xml", "", "<ijw:Categorie>45<", "<ijw:Categorie>01<",
			`JW301.xml:55:11: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product/Categorie: "01" is geen code uit de lijst van productcategorieën (JZ020) (31, 32, 33, 34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55)`},
		{"unit not in WJ756", "", "", "<iwmo:Eenheid>01<", "<iwmo:Eenheid>02<",
			`WMO301.xml:177:6: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Eenheid: "02" is geen code uit de lijst van eenheden (WJ756) (01, 04, 14, 16, 82, 83, 84)`},
		{"frequency not in WMO757", "", "", "<iwmo:Frequentie>1<", "<iwmo:Frequentie>3<",
			`WMO301.xml:178:6: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Frequentie: "3" is geen code uit de lijst van frequenties (WMO757) (1, 2, 4, 6)`},
		{"reason of change not in WMO002", "", "", "<wmo301:Omvang>", "<wmo301:RedenWijziging>15</wmo301:RedenWijziging><wmo301:Omvang>",
			`WMO301.xml:175:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/RedenWijziging: "15" is geen code uit de lijst van redenen van wijziging (WMO002/JZ002) (01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14)`},
		{"sex not in the list", "", "", "<wmo301:Geslacht>1<", "<wmo301:Geslacht>9<",
			`WMO301.xml:23:3: /Bericht/Client/Geslacht: "9" is geen code uit de lijst van geslacht (0, 1, 2)`},
		{"message code of another message", "", "", "<wmo301:BerichtCode>414<", "<wmo301:BerichtCode>418<",
			`WMO301.xml:4:3: /Bericht/Header/BerichtCode: "418" moet 414 zijn`},
		{"version 2", "", "", "<wmo301:BerichtVersie>3<", "<wmo301:BerichtVersie>2<",
			`WMO301.xml:5:3: /Bericht/Header/BerichtVersie: "2" moet 3 zijn`},
		{"subversion 02", "", "", "<wmo301:BerichtSubversie>2<", "<wmo301:BerichtSubversie>02<",
			`WMO301.xml:6:3: /Bericht/Header/BerichtSubversie: "02" moet 2 zijn`},
		{"volume not a number", "", "", "<iwmo:Volume>10<", "<iwmo:Volume>tien<",
			`WMO301.xml:176:6: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Volume: "tien" is geen geheel getal`},
		{"negative budget", "", "", "<wmo301:Commentaar>Toegewezen", "<wmo301:Budget>-5</wmo301:Budget><wmo301:Commentaar>Toegewezen",
			`WMO301.xml:180:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Budget: "-5" ligt niet tussen 0 en 99999999`},
		{"time that does not exist", "", "", "<wmo301:Toewijzingstijd>12:34:56<", "<wmo301:Toewijzingstijd>25:00:00<",
			`WMO301.xml:172:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Toewijzingstijd: "25:00:00" is geen geldige tijd (uu:mm:ss)`},
		{"required element missing", "", "", "<wmo301:Toewijzingstijd>12:34:56</wmo301:Toewijzingstijd>", "",
			`WMO301.xml:164:4: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]: element Toewijzingstijd ontbreekt`},
		{"client's sex missing", "", "", "<wmo301:Geslacht>1</wmo301:Geslacht>", "",
			`WMO301.xml:18:2: /Bericht/Client: element Geslacht ontbreekt`},
		{"unknown element", "", "", "<wmo301:Omvang>", "<wmo301:Leveringsvorm>PGB</wmo301:Leveringsvorm><wmo301:Omvang>",
			`WMO301.xml:175:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Leveringsvorm: element Leveringsvorm is onbekend in ToegewezenProduct`},
		{"element in the basisschema's namespace", "", "", "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "<iwmo:Einddatum>2023-12-31</iwmo:Einddatum>",
			`WMO301.xml:174:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum: element Einddatum is onbekend in ToegewezenProduct`},
		{"element twice", "", "", "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum><wmo301:Einddatum>2023-12-31</wmo301:Einddatum>",
			`WMO301.xml:174:52: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum: element Einddatum komt meer dan één keer voor`},
		{"text between elements", "", "", "<wmo301:Omvang>", "<wmo301:Omvang>tien uur",
			`WMO301.xml:175:20: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang: tekst hoort niet in Omvang, dat alleen elementen bevat`},
		{"an attribute", "", "", "<wmo301:Omvang>", `<wmo301:Omvang soort="uren">`,
			`WMO301.xml:175:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang: attribuut soort is onbekend`},
		{"element in a simple element", "", "", "<iwmo:Volume>10<", "<iwmo:Volume><iwmo:Uren/>10<",
			`WMO301.xml:176:19: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Volume: element Uren hoort hier niet: Volume bevat geen elementen`},
		{"malformed XML", "", "", "</wmo301:Omvang>", "</wmo301:Omvanf>",
			`WMO301.xml:179:5: geen geldige XML: element <wmo301:Omvang> wordt gesloten door </wmo301:Omvanf>`},
		{"another municipality's toewijzing", "", "0547", "", "",
			`WMO301.xml:7:3: /Bericht/Header/Afzender: het bericht komt van gemeente 0384, niet van deze gemeente (0547)`},
		{"a stop for another municipality", "iwmo/berichten/WMO307.xml", "0547", "", "",
			`WMO307.xml:8:3: /Bericht/Header/Ontvanger: het bericht is voor gemeente 0363, niet voor deze gemeente (0547)`},
		{"end before start", "", "", "<wmo301:Einddatum>2023-12-31<", "<wmo301:Einddatum>2022-12-31<",
			`WMO301.xml:174:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum: de einddatum 2022-12-31 ligt voor de ingangsdatum 2023-01-01`},
		{"toewijzing without a product", "JW301.xml", "", "<jw301:Product>\n          <ijw:Categorie>37</ijw:Categorie>\n        </jw301:Product>", "",
			`JW301.xml:69:7: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]: element Product ontbreekt: koers telt toewijzingen per productcategorie`},
		{"stop without a ToewijzingNummer", "JW307.xml", "", "<jw307:ToewijzingNummer>701</jw307:ToewijzingNummer>", "",
			`JW307.xml:32:7: /Bericht/Client/StopProducten/StopProduct[1]: element ToewijzingNummer ontbreekt: koers koppelt start en stop van zorg aan de toewijzing`},
		{"Wmo reason of ending in a youth message", "JW307.xml", "", "<jw307:RedenBeeindiging>32<", "<jw307:RedenBeeindiging>19<",
			`JW307.xml:35:9: /Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging: "19" is geen code uit de lijst van redenen van beëindiging (JZ588) (02, 20, 31, 32, 33, 34, 35, 36, 37, 38, 39)`},
		{"youth reason of ending in a Wmo message", "iwmo/berichten/WMO307.xml", "", "<wmo307:RedenBeeindiging>31<", "<wmo307:RedenBeeindiging>32<",
			`WMO307.xml:41:5: /Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging: "32" is geen code uit de lijst van redenen van beëindiging (WMO588) (02, 19, 20, 21, 22, 23, 31, 36, 37, 38, 39)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "iwmo/berichten/WMO301.xml"
			}
			municipality := tt.municipality
			if municipality == "" {
				municipality = municipalityOf(file)
			}
			base := string(read(t, file))
			if !strings.Contains(base, tt.old) {
				t.Fatalf("%s lacks %q", file, tt.old)
			}
			data := strings.Replace(base, tt.old, tt.new, 1)
			b, err := istd.Decode(filepath.Base(file), []byte(data), fakeKey{}, municipality)
			if b != nil {
				t.Errorf("a bad message gave a batch: %+v", b)
			}
			var e *istd.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *istd.Error", err)
			}
			if koers.ErrorCode(err) != koers.EINVALID {
				t.Errorf("code = %q, want %q", koers.ErrorCode(err), koers.EINVALID)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != 2 || lines[1] != tt.want {
				t.Errorf("error\n%s\nwant the one problem\n%s", err, tt.want)
			}
		})
	}
}

// municipalityOf is the municipality a test message is for.
func municipalityOf(file string) string {
	switch {
	case strings.HasPrefix(filepath.Base(file), "JW"):
		return "0547"
	case strings.HasSuffix(file, "WMO301.xml"):
		return "0384"
	}
	return "0363"
}

// TestAllProblems checks that a message wrong in many places reports
// every problem, in the order of the file.
func TestAllProblems(t *testing.T) {
	data := strings.NewReplacer(
		"<wmo301:Geslacht>1<", "<wmo301:Geslacht>3<",
		"<wmo301:Ingangsdatum>2023-01-01<", "<wmo301:Ingangsdatum>2023-02-29<",
		"<wmo301:Afzender>0384<", "<wmo301:Afzender>0385<",
	).Replace(string(example(t, "iwmo/berichten/WMO301.xml")))
	_, err := istd.Decode("WMO301.xml", []byte(data), fakeKey{}, "0384")
	want := `WMO301.xml: bericht afgewezen (2 problemen)
WMO301.xml:23:3: /Bericht/Client/Geslacht: "3" is geen code uit de lijst van geslacht (0, 1, 2)
WMO301.xml:173:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum: "2023-02-29" is geen geldige datum (jjjj-mm-dd)`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

// TestRefused checks that what is not one of the six messages is refused
// with a message that names it and the ones koers reads.
func TestRefused(t *testing.T) {
	wmo301 := string(example(t, "iwmo/berichten/WMO301.xml"))
	tests := []struct {
		name string
		data string
		want string
	}{
		{"WMO315", string(example(t, "iwmo/berichten/WMO315.xml")), "Bericht WMO315 wordt niet ingelezen; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"WMO317", string(example(t, "iwmo/berichten/WMO317.xml")), "Bericht WMO317 wordt niet ingelezen; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"WMO319", string(example(t, "iwmo/berichten/WMO319.xml")), "Bericht WMO319 wordt niet ingelezen; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"WMO323", string(example(t, "iwmo/berichten/WMO323.xml")), "Bericht WMO323 wordt niet ingelezen; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"JW302", strings.ReplaceAll(string(testdata(t, "JW301.xml")), "jw301", "jw302"), "Bericht JW302 wordt niet ingelezen; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"release 3.1", strings.ReplaceAll(wmo301, "3_2", "3_1"), "Bericht WMO301 van release 3.1 wordt niet ingelezen; koers leest release 3.2 (WMO301, WMO305, WMO307, JW301, JW305 en JW307)."},
		{"other XML", `<?xml version="1.0"?><bundle/>`, "Bestand x.xml is geen iWmo- of iJw-bericht; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"CSV", "bsn;datum\n999900006;2023-01-01\n", "Bestand x.xml is geen iWmo- of iJw-bericht; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"empty", "", "Bestand x.xml is geen iWmo- of iJw-bericht; koers leest WMO301, WMO305, WMO307, JW301, JW305 en JW307."},
		{"another root", strings.ReplaceAll(wmo301, "wmo301:Bericht", "wmo301:Toewijzing"), "Bestand x.xml is geen WMO301: het hoofdelement heet Toewijzing, niet Bericht."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := istd.Decode("x.xml", []byte(tt.data), fakeKey{}, "0363")
			if b != nil || koers.ErrorCode(err) != koers.EINVALID || koers.ErrorMessage(err) != tt.want {
				t.Errorf("Decode = %v, %v; want the error %q", b, err, tt.want)
			}
		})
	}
	if _, err := istd.Decode("x.xml", []byte(wmo301), fakeKey{}, "384"); koers.ErrorMessage(err) != `De gemeentecode "384" heeft geen vier cijfers.` {
		t.Errorf("a municipality of three digits: %v", err)
	}
}

// failingKey is a pseudonymiser without its key file.
type failingKey struct{}

func (failingKey) Pseudonym(string) (koers.Pseudonym, error) { return "", errors.New("no key file") }

func TestPseudonymiserFails(t *testing.T) {
	// A 305 needs no pseudonym: its care refers to the toewijzing.
	if _, err := istd.Decode("WMO305.xml", example(t, "iwmo/berichten/WMO305.xml"), failingKey{}, "0363"); err != nil {
		t.Errorf("a 305: %v", err)
	}
	_, err := istd.Decode("WMO301.xml", example(t, "iwmo/berichten/WMO301.xml"), failingKey{}, "0384")
	if err == nil || koers.ErrorCode(err) != koers.EINTERNAL || strings.Contains(err.Error(), "999900006") {
		t.Errorf("err = %v, want an internal error without the BSN", err)
	}
}
