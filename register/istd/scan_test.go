package istd_test

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers/register/istd"
)

// TestXML checks the scanner on what XML allows and forbids: references,
// CDATA, comments, line ends, and what is refused, located.
func TestXML(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // the problem; "" when the message is accepted
	}{
		{"references", "<iwmo:Volume>10<", "<iwmo:Volume>&#49;&#x30;<", ""},
		{"entities in text", "Client commentaar", "Client &amp; &lt;commentaar&gt; &quot;&apos;", ""},
		{"CDATA", "<iwmo:Volume>10<", "<iwmo:Volume><![CDATA[10]]><", ""},
		{"comment in a value", "<iwmo:Volume>10<", "<iwmo:Volume>1<!-- tien -->0<", ""},
		{"processing instruction", "<wmo301:Header>", "<?koers iets?><wmo301:Header>", ""},
		{"empty-element tag", "<iwmo:Voorvoegsel>de</iwmo:Voorvoegsel>", "<iwmo:Voorvoegsel/>", "WMO301.xml:27:5: /Bericht/Client/Naam/Geslachtsnaam/Voorvoegsel: de waarde is leeg"},
		{"unknown entity", "Client commentaar", "Client &nbsp;", "WMO301.xml:43:29: geen geldige XML: onbekende verwijzing &nbsp;"},
		{"bare ampersand", "Client commentaar", "Client & co", "WMO301.xml:43:29: geen geldige XML: een & zonder ;"},
		{"character XML forbids", "Client commentaar", "Client \x01", "WMO301.xml:43:29: geen geldige XML: een teken dat XML niet toestaat (1)"},
		{"noncharacter", "Client commentaar", "Client \uFFFE", "WMO301.xml:43:29: geen geldige XML: een teken dat XML niet toestaat"},
		{"not UTF-8", "Client commentaar", "Client \xe9", "WMO301.xml:43:29: geen geldige XML: het bestand is geen UTF-8"},
		{"another encoding", `encoding="UTF-8"`, `encoding="ISO-8859-1"`, `WMO301.xml:1:1: geen geldige XML: de tekenset "ISO-8859-1" wordt niet gelezen; alleen UTF-8`},
		{"document type", "<wmo301:Bericht ", "<!DOCTYPE x [<!ENTITY a \"b\">]><wmo301:Bericht ", "WMO301.xml:2:1: geen geldige XML: een documenttypedeclaratie (<!DOCTYPE) wordt niet gelezen"},
		{"unclosed comment", "<wmo301:Header>", "<!-- <wmo301:Header>", "WMO301.xml:3:2: geen geldige XML: een commentaar is niet afgesloten"},
		{"double hyphen in a comment", "<wmo301:Header>", "<!-- a -- b --><wmo301:Header>", "WMO301.xml:3:2: geen geldige XML: -- staat midden in een commentaar"},
		{"attribute twice", "<wmo301:Header>", `<wmo301:Header a="1" a="2">`, "WMO301.xml:3:2: geen geldige XML: het attribuut a staat twee keer in <wmo301:Header>"},
		{"attribute unquoted", "<wmo301:Header>", `<wmo301:Header a=1>`, "WMO301.xml:3:2: geen geldige XML: de waarde van het attribuut a staat niet tussen aanhalingstekens"},
		{"non-ASCII name", "<wmo301:Header>", "<wmo301:Header><é/>", "WMO301.xml:3:17: geen geldige XML: een < zonder geldige elementnaam"},
		{"undeclared prefix", "<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>", "<x:Einddatum>2023-12-31</x:Einddatum>",
			"WMO301.xml:174:5: /Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum: element Einddatum is onbekend in ToegewezenProduct"},
		{"truncated", "</wmo301:Bericht>", "", "WMO301.xml:185:1: geen geldige XML: het bestand houdt op voor het einde van <wmo301:Bericht>"},
		{"text after the message", "</wmo301:Bericht>", "</wmo301:Bericht>tekst", "WMO301.xml:184:18: na het einde van het bericht volgt nog tekst"},
		{"end tag of nothing", "</wmo301:Bericht>", "</wmo301:Bericht></x>", "WMO301.xml:184:18: geen geldige XML: </x> sluit niets"},
		{"]]> in text", "Client commentaar", "Client ]]>", "WMO301.xml:43:22: geen geldige XML: ]]> staat in tekst"},
	}
	base := string(example(t, w301))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("WMO301.xml lacks %q", tt.old)
			}
			_, err := istd.Decode("WMO301.xml", []byte(strings.Replace(base, tt.old, tt.new, 1)), fakeKey{}, "0384")
			if tt.want == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want %s", tt.want)
			}
			if lines := strings.Split(err.Error(), "\n"); len(lines) != 2 || lines[1] != tt.want {
				t.Errorf("error\n%v\nwant the one problem\n%s", err, tt.want)
			}
		})
	}
}
