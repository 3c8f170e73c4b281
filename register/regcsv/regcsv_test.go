package regcsv_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register/regcsv"
)

// fakeKeyer pseudonymises without a key: enough to tell clients apart.
type fakeKeyer struct{}

func (fakeKeyer) Pseudonym(bsn string) (koers.Pseudonym, error) {
	if !regcsv.ValidBSN(bsn) {
		return "", errors.New("geen BSN")
	}
	sum := sha256.Sum256([]byte("test|" + bsn))
	return koers.Pseudonym(hex.EncodeToString(sum[:])), nil
}

func ps(bsn string) koers.Pseudonym { p, _ := fakeKeyer{}.Pseudonym(bsn); return p }

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

func TestDecode(t *testing.T) {
	tests := []struct {
		name, text string
		want       *koers.RegisterBatch
	}{
		{"registraties.csv", "\ufeffsoort;id;bsn;geboortejaar;geslacht;wijk;datum;einddatum;uitkomst\n" +
			"melding;M1;999900006;1941;2;2351;2024-01-05;;\n" +
			"onderzoek;O1;999900006;1941;2;2351;05-01-2024;2024-02-10;\n" +
			"clientervaring;C1;999900018;;;;2024-03-01;;goed\n",
			&koers.RegisterBatch{
				Clients: []koers.Client{{Pseudonym: ps("999900006"), BirthYear: 1941, Sex: "2", Area: "2351"}, {Pseudonym: ps("999900018"), Sex: "0"}},
				Registrations: []koers.Registration{
					{Kind: koers.Melding, ID: "M1", Client: ps("999900006"), Date: day("2024-01-05")},
					{Kind: koers.Onderzoek, ID: "O1", Client: ps("999900006"), Date: day("2024-01-05"), End: day("2024-02-10")},
					{Kind: koers.Clientervaring, ID: "C1", Client: ps("999900018"), Date: day("2024-03-01"), Outcome: "goed"},
				}}},
		{"uitkeringen-2024.csv", "ID;BSN;begindatum;einddatum\nU1;999900006;2020-02-29;\n",
			&koers.RegisterBatch{Clients: []koers.Client{{Pseudonym: ps("999900006"), Sex: "0"}},
				Benefits: []koers.Benefit{{ID: "U1", Client: ps("999900006"), Start: day("2020-02-29")}}}},
		{"werk.csv", "id;bsn;plaatsing;begindatum;einddatum\nW1;999900006;detachering;1999-06-01;2024-12-31\nW2;999900018;beschut_werk;2016-01-01;\n",
			&koers.RegisterBatch{Clients: []koers.Client{{Pseudonym: ps("999900006"), Sex: "0"}, {Pseudonym: ps("999900018"), Sex: "0"}},
				Work: []koers.Work{{ID: "W1", Client: ps("999900006"), Placement: koers.Detachering, Start: day("1999-06-01"), End: day("2024-12-31")},
					{ID: "W2", Client: ps("999900018"), Placement: koers.NieuwBeschut, Start: day("2016-01-01")}}}},
		{"aanbieders.csv", "agb;naam\n98000001;\"Thuiszorg De Linde; Leiden\"\n",
			&koers.RegisterBatch{Providers: []koers.Provider{{AGB: "98000001", Name: "Thuiszorg De Linde; Leiden"}}}},
		{"plafonds.csv", "agb;jaar;bedrag;waarschuwing\n98000001;2024;1.234.567,89;90\n98000001;2025;€ 1234567;85%\n98000002;2025;12,5;\n",
			&koers.RegisterBatch{Ceilings: []koers.Ceiling{{Provider: "98000001", Year: 2024, Amount: 123456789, WarnAt: 90},
				{Provider: "98000001", Year: 2025, Amount: 123456700, WarnAt: 85}, {Provider: "98000002", Year: 2025, Amount: 1250}}}},
		{"bevolking.csv", "sleutel;jaar;aantal\ninwoners;2024;27000\ninwoners-0-17;2024;5940\n",
			&koers.RegisterBatch{Populations: []koers.Population{{Key: "inwoners", Year: 2024, Count: 27000}, {Key: "inwoners-0-17", Year: 2024, Count: 5940}}}},
		{"bevolking.csv", "sleutel;jaar;aantal\n", &koers.RegisterBatch{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := regcsv.Decode(tt.name, strings.NewReader(tt.text), fakeKeyer{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	const reg = "soort;id;bsn;datum;einddatum;uitkomst\n"
	tests := []struct {
		name, file, text string
		pointer          string
		message          string
	}{
		{"empty file", "bevolking.csv", "", "/bevolking.csv/1", "Het bestand is leeg; de eerste regel noemt de kolommen."},
		{"unknown column", "aanbieders.csv", "agb;naam;adres\n", "/aanbieders.csv/1/adres", `Onbekende kolom "adres"; dit bestand kent agb, naam.`},
		{"column twice", "aanbieders.csv", "agb;naam;agb\n", "/aanbieders.csv/1/agb", `De kolom "agb" staat twee keer in de kopregel.`},
		{"missing column", "aanbieders.csv", "agb\n", "/aanbieders.csv/1/naam", `De kolom "naam" ontbreekt in de kopregel.`},
		{"field count", "aanbieders.csv", "agb;naam\n98000001\n", "/aanbieders.csv/2", "De regel heeft 1 velden, de kopregel 2."},
		{"bad quote", "aanbieders.csv", "agb;naam\n98000001;De \"Linde\"\n", "/aanbieders.csv/2", "Geen geldige CSV: een aanhalingsteken staat in een veld zonder aanhalingstekens."},
		{"unknown kind", "registraties.csv", reg + "huisbezoek;1;999900006;2024-01-01;;\n", "/registraties.csv/2/soort",
			`Onbekende soort "huisbezoek"; kies melding, onderzoek, jeugdteam, jbt, gesloten_plaatsing of clientervaring.`},
		{"empty id", "registraties.csv", reg + "melding;;999900006;2024-01-01;;\n", "/registraties.csv/2/id", `De kolom "id" is leeg.`},
		{"bsn fails elfproef", "registraties.csv", reg + "melding;1;999900007;2024-01-01;;\n", "/registraties.csv/2/bsn", "Dit is geen BSN: negen cijfers die de elfproef doorstaan."},
		{"bsn too short", "registraties.csv", reg + "melding;1;99990000;2024-01-01;;\n", "/registraties.csv/2/bsn", "Dit is geen BSN: negen cijfers die de elfproef doorstaan."},
		{"date not a day", "registraties.csv", reg + "melding;1;999900006;2023-02-29;;\n", "/registraties.csv/2/datum", `"2023-02-29" is geen bestaande datum.`},
		{"dutch date not a day", "registraties.csv", reg + "melding;1;999900006;31-04-2023;;\n", "/registraties.csv/2/datum", `"31-04-2023" is geen bestaande datum.`},
		{"date form", "registraties.csv", reg + "melding;1;999900006;1/2/2024;;\n", "/registraties.csv/2/datum", `"1/2/2024" is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.`},
		{"end before start", "registraties.csv", reg + "onderzoek;1;999900006;2024-03-01;2024-02-01;\n", "/registraties.csv/2/einddatum", "De einddatum 2024-02-01 ligt voor de datum 2024-03-01."},
		{"survey without outcome", "registraties.csv", reg + "clientervaring;1;999900006;2024-03-01;;\n", "/registraties.csv/2/uitkomst",
			"Een antwoord op het cliëntervaringsonderzoek heeft een uitkomst (bijvoorbeeld goed)."},
		{"id twice", "registraties.csv", reg + "melding;1;999900006;2024-03-01;;\nmelding;1;999900018;2024-03-02;;\n", "/registraties.csv/3/id", `De melding met id "1" staat al op regel 2.`},
		{"sex", "uitkeringen.csv", "id;bsn;geslacht;begindatum\n1;999900006;x;2024-01-01\n", "/uitkeringen.csv/2/geslacht",
			`Onbekend geslacht "x"; gebruik 0 (onbekend), 1 (man), 2 (vrouw) of 9 (niet gespecificeerd).`},
		{"birth year", "uitkeringen.csv", "id;bsn;geboortejaar;begindatum\n1;999900006;75;2024-01-01\n", "/uitkeringen.csv/2/geboortejaar", "75 ligt niet tussen 1900 en 2200."},
		{"benefit end before start", "uitkeringen.csv", "id;bsn;begindatum;einddatum\n1;999900006;2024-01-02;01-01-2024\n", "/uitkeringen.csv/2/einddatum",
			"De einddatum 2024-01-01 ligt voor de begindatum 2024-01-02."},
		{"placement", "werk.csv", "id;bsn;plaatsing;begindatum\n1;999900006;buiten;2024-01-01\n", "/werk.csv/2/plaatsing",
			`Onbekende plaatsing "buiten"; kies beschut_binnen, detachering, begeleid_werken of beschut_werk.`},
		{"agb", "plafonds.csv", "agb;jaar;bedrag\n9800001;2024;100\n", "/plafonds.csv/2/agb", `De AGB-code "9800001" heeft geen acht cijfers.`},
		{"amount grouping", "plafonds.csv", "agb;jaar;bedrag\n98000001;2024;1.23.456\n", "/plafonds.csv/2/bedrag", `"1.23.456" is geen bedrag in euro's; schrijf bijvoorbeeld 1.234.567,89 of 1234567.`},
		{"amount with a decimal point", "plafonds.csv", "agb;jaar;bedrag\n98000001;2024;1234.56\n", "/plafonds.csv/2/bedrag", `"1234.56" is geen bedrag in euro's; schrijf bijvoorbeeld 1.234.567,89 of 1234567.`},
		{"warning percent", "plafonds.csv", "agb;jaar;bedrag;waarschuwing\n98000001;2024;100;120\n", "/plafonds.csv/2/waarschuwing", `"120" is geen percentage van 1 tot en met 100.`},
		{"ceiling twice", "plafonds.csv", "agb;jaar;bedrag\n98000001;2024;100\n98000001;2024;200\n", "/plafonds.csv/3/jaar", "Het plafond van 98000001 voor 2024 staat al op regel 2."},
		{"population key", "bevolking.csv", "sleutel;jaar;aantal\nInwoners 0-17;2024;10\n", "/bevolking.csv/2/sleutel",
			`"Inwoners 0-17" is geen sleutel: kleine letters en cijfers met streepjes, zoals inwoners-0-17.`},
		{"population count", "bevolking.csv", "sleutel;jaar;aantal\ninwoners;2024;27.000\n", "/bevolking.csv/2/aantal", `"27.000" is geen geheel getal.`},
		{"comma separated", "bevolking.csv", "sleutel,jaar,aantal\n", "/bevolking.csv/1/sleutel,jaar,aantal", `Onbekende kolom "sleutel,jaar,aantal"; dit bestand kent sleutel, jaar, aantal.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := regcsv.Decode(tt.file, strings.NewReader(tt.text), fakeKeyer{})
			if b != nil {
				t.Errorf("a file with a problem gave a batch: %+v", b)
			}
			var e *koers.Error
			if !errors.As(err, &e) || e.Code != koers.EINVALID || len(e.Problems) == 0 {
				t.Fatalf("err = %v, want EINVALID with problems", err)
			}
			p := e.Problems[0]
			if p.Pointer() != tt.pointer || p.Message != tt.message {
				t.Errorf("got %s: %s\nwant %s: %s", p.Pointer(), p.Message, tt.pointer, tt.message)
			}
			if strings.Contains(err.Error(), "99990000") {
				t.Errorf("the error repeats a BSN: %v", err)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	for name, want := range map[string]regcsv.Kind{
		"registraties.csv": regcsv.Registraties, "dir/Uitkeringen_2024.CSV": regcsv.Uitkeringen, "werk-wsw.csv": regcsv.Werk,
		"werkgevers.csv": "", "plafonds.txt": "", "bevolking.csv": regcsv.Bevolking,
	} {
		got, ok := regcsv.KindOf(name)
		if got != want || ok != (want != "") {
			t.Errorf("KindOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, err := regcsv.Decode("adressen.csv", strings.NewReader(""), fakeKeyer{}); err == nil {
		t.Error("an unknown file name was read")
	}
}

func TestValidBSN(t *testing.T) {
	for bsn, want := range map[string]bool{"999900006": true, "999900018": true, "999900007": false, "111222333": true, "12345678": false, "99990000a": false} {
		if regcsv.ValidBSN(bsn) != want {
			t.Errorf("ValidBSN(%q) = %v", bsn, !want)
		}
	}
}

// FuzzDecode: no input makes a decoder panic, a batch comes only without
// an error, and every problem is located in the file.
func FuzzDecode(f *testing.F) {
	f.Add(0, "soort;id;bsn;geboortejaar;geslacht;wijk;datum;einddatum;uitkomst\nmelding;1;999900006;1950;1;2351;2024-01-01;;\n")
	f.Add(1, "id;bsn;begindatum;einddatum\nU1;999900006;01-02-2020;\n")
	f.Add(2, "id;bsn;plaatsing;begindatum\n1;999900006;detachering;2024-01-01\n")
	f.Add(3, "agb;naam\n98000001;\"A \"\"B\"\"\"\n")
	f.Add(4, "agb;jaar;bedrag;waarschuwing\n98000001;2024;1.234,5;90\n")
	f.Add(5, "\ufeffsleutel;jaar;aantal\ninwoners;2024;27000\n")
	f.Fuzz(func(t *testing.T, k int, text string) {
		kind := regcsv.Kinds[(k%len(regcsv.Kinds)+len(regcsv.Kinds))%len(regcsv.Kinds)]
		b, err := regcsv.DecodeKind(kind, "x.csv", strings.NewReader(text), fakeKeyer{})
		if (b == nil) == (err == nil) {
			t.Fatalf("batch %v and error %v", b, err)
		}
		var e *koers.Error
		if err != nil {
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("unlocated error %v", err)
			}
			for _, p := range e.Problems {
				if len(p.Path) < 2 || p.Path[0] != "x.csv" {
					t.Fatalf("problem without file and line: %v", p)
				}
			}
			return
		}
		for _, c := range b.Clients {
			if !c.Pseudonym.Valid() {
				t.Fatalf("client without a pseudonym: %+v", c)
			}
		}
	})
}
