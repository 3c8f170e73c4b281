package koers

import (
	"slices"
	"strings"
	"testing"
)

// TestTaakveldCatalogueLoads fails when the embedded file is malformed:
// the program itself only finds out on first use.
func TestTaakveldCatalogueLoads(t *testing.T) {
	rows, err := taakveldCatalogue()
	if err != nil {
		t.Fatalf("catalogue/iv3-taakvelden.csv: %v", err)
	}
	// The file is kept in BBV order, so that a person reading it sees the
	// order the lists use.
	var fileOrder []string
	for _, line := range strings.Split(string(taakveldenCSV), "\n") {
		code, _, ok := strings.Cut(line, ",")
		if ok && !strings.HasPrefix(line, "#") && code != "code" {
			fileOrder = append(fileOrder, code)
		}
	}
	if len(fileOrder) != len(rows) {
		t.Fatalf("%d lines with a code, %d rows", len(fileOrder), len(rows))
	}
	for i, r := range rows {
		if fileOrder[i] != r.Code {
			t.Fatalf("row %d of the file is %s, in BBV order it is %s: keep the file in order", i+1, fileOrder[i], r.Code)
		}
	}
}

func TestTaakveldenPerPeriod(t *testing.T) {
	// 2017–2022: the set of the BBV from the begroting 2017 on. 2023–2024:
	// 6.71, 6.72, 6.81, 6.82 split into 18 (53 - 4 + 18). From 2025: the
	// sociaal domein renumbered (67 - 20 + 22).
	counts := map[int]int{2016: 0, 2017: 53, 2019: 53, 2022: 53, 2023: 67, 2024: 67, 2025: 69, 2026: 69, 2100: 69}
	for year, want := range counts {
		if got := len(Taakvelden(year)); got != want {
			t.Errorf("Taakvelden(%d): %d taakvelden, want %d", year, got, want)
		}
	}
	for year := firstTaakveldYear; year <= 2030; year++ {
		set := Taakvelden(year)
		if !slices.IsSortedFunc(set, func(a, b Taakveld) int { return CompareTaakveldCodes(a.Code, b.Code) }) {
			t.Errorf("Taakvelden(%d) is not in BBV order", year)
		}
		seen := map[string]bool{}
		for _, tv := range set {
			if seen[tv.Code] {
				t.Errorf("Taakvelden(%d) has %s twice", year, tv.Code)
			}
			seen[tv.Code] = true
			if got, ok := TaakveldIn(year, tv.Code); !ok || got != tv {
				t.Errorf("TaakveldIn(%d, %q) = %v, %v; want %v", year, tv.Code, got, ok, tv)
			}
			// A taakveld that ends must say what took it over, or every
			// later ValidateTaakveld can only say that it is gone.
			if _, next := TaakveldIn(year+1, tv.Code); !next && year < 2030 {
				if err := ValidateTaakveld(year+1, tv.Code); !strings.Contains(err.Error(), "split into") && !strings.Contains(err.Error(), "now ") {
					t.Errorf("%s ends in %d without successors: %v", tv.Code, year, err)
				}
			}
		}
	}
}

func TestTaakveldIn(t *testing.T) {
	tests := []struct {
		year int
		code string
		name string // "" for none
	}{
		{2017, "0.1", "Bestuur"},
		{2017, "0.10", "Mutaties reserves"},
		{2017, "0.11", "Resultaat van de rekening van baten en lasten"},
		{2025, "0.11", "Resultaat van de rekening van baten en lasten"},
		{2017, "0.9", "Vennootschapsbelasting (VpB)"},
		{2017, "0.63", "Parkeerbelasting"},
		{2022, "6.1", "Samenkracht en burgerparticipatie"},
		{2025, "6.1", "Samenkracht en burgerparticipatie"},
		{2022, "6.2", "Wijkteams"},
		{2023, "6.2", "Toegang en eerstelijnsvoorzieningen"},
		{2025, "6.2", ""},
		{2022, "6.4", "Begeleide participatie"},
		{2023, "6.4", "WSW en beschut werk"},
		{2022, "6.71", "Maatwerkdienstverlening 18+"},
		{2022, "6.72", "Maatwerkdienstverlening 18-"},
		{2022, "6.71a", ""},
		{2023, "6.71", ""},
		{2023, "6.71a", "Hulp bij het huishouden (WMO)"},
		{2023, "6.71b", "Begeleiding (WMO)"},
		{2023, "6.71c", "Dagbesteding (WMO)"},
		{2023, "6.71d", "Overige maatwerkarrangementen (WMO)"},
		{2024, "6.71a", "Hulp bij het huishouden (WMO)"},
		{2024, "6.71b", "Begeleiding (WMO)"},
		{2024, "6.71c", "Dagbesteding (WMO)"},
		{2024, "6.71d", "Overige maatwerkarrangementen (WMO)"},
		{2024, "6.71", ""},
		{2023, "6.73a", "Pleegzorg"},
		{2024, "6.74c", "Gesloten plaatsing"},
		{2025, "6.74c", ""},
		{2024, "6.6", "Maatwerkvoorzieningen (WMO)"},
		{2025, "6.60", "Hulpmiddelen en diensten (Wmo)"},
		{2025, "6.711", "Huishoudelijke hulp (Wmo)"},
		{2024, "6.711", ""},
		{2025, "6.792", "PGB Jeugd"},
		{2100, "6.92", "Coördinatie en beleid Jeugd"},
		{2023, "6.81b", "Maatschappelijke- en vrouwenopvang (WMO)"},
		{2023, "8.1", "Ruimtelijke ordening"},
		{2024, "8.1", "Ruimte en leefomgeving"},
		{2017, "8.3", "Wonen en bouwen"},
		{2022, "8.3", "Wonen en bouwen"},
		{2100, "8.3", "Wonen en bouwen"},
		{2023, " 6.71A ", "Hulp bij het huishouden (WMO)"}, // as typed
		{2016, "6.1", ""},                                  // before the taakvelden
		{1999, "0.1", ""},
		{2022, "9.9", ""},
		{2022, "", ""},
		{2022, "6.7", ""},
	}
	for _, tt := range tests {
		got, ok := TaakveldIn(tt.year, tt.code)
		if ok != (tt.name != "") || got.Name != tt.name {
			t.Errorf("TaakveldIn(%d, %q) = %+v, %v; want name %q", tt.year, tt.code, got, ok, tt.name)
		}
		if ok && got.Code != normTaakveldCode(tt.code) {
			t.Errorf("TaakveldIn(%d, %q).Code = %q", tt.year, tt.code, got.Code)
		}
	}
}

func TestValidateTaakveld(t *testing.T) {
	tests := []struct {
		year int
		code string
		msg  string // "" for valid
	}{
		{2024, "6.71a", ""},
		{2022, "6.71", ""},
		{2030, "6.822", ""},
		{2024, "6.71", `taakveld "6.71" does not exist in 2024 (valid in 2017–2022; split into 6.71a–6.71d)`},
		{2023, "6.72", `taakveld "6.72" does not exist in 2023 (valid in 2017–2022; split into 6.72a–6.72d, 6.73a–6.73c and 6.74a–6.74c)`},
		{2023, "6.81", `taakveld "6.81" does not exist in 2023 (valid in 2017–2022; split into 6.81a and 6.81b)`},
		{2025, "6.71", `taakveld "6.71" does not exist in 2025 (valid in 2017–2022; split into 6.711–6.714)`},
		{2025, "6.72", `taakveld "6.72" does not exist in 2025 (valid in 2017–2022; split into 6.751–6.753 and 6.761–6.763)`},
		{2025, "6.71a", `taakveld "6.71a" does not exist in 2025 (valid in 2023–2024; now 6.711)`},
		{2025, "6.6", `taakveld "6.6" does not exist in 2025 (valid in 2017–2024; now 6.60)`},
		{2026, "6.2", `taakveld "6.2" does not exist in 2026 (valid in 2017–2024; split into 6.21–6.23)`},
		{2025, "6.74c", `taakveld "6.74c" does not exist in 2025 (valid in 2023–2024; split into 6.761–6.763)`},
		{2022, "6.71a", `taakveld "6.71a" does not exist in 2022 (valid in 2023–2024)`},
		{2024, "6.711", `taakveld "6.711" does not exist in 2024 (valid from 2025)`},
		{2022, "9.9", `taakveld "9.9" does not exist in 2022`},
		{2016, "6.1", `taakveld "6.1" does not exist in 2016 (taakvelden exist from 2017)`},
		{2024, " 6.71A", ""}, // valid as typed
		{2024, "zes", `"zes" is not a taakveld code (such as 6.1 or 6.71a)`},
		{2024, "6.", `"6." is not a taakveld code (such as 6.1 or 6.71a)`},
	}
	for _, tt := range tests {
		err := ValidateTaakveld(tt.year, tt.code)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("ValidateTaakveld(%d, %q) = %v, want nil", tt.year, tt.code, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("ValidateTaakveld(%d, %q) = nil, want %s", tt.year, tt.code, tt.msg)
			continue
		}
		if ErrorCode(err) != EINVALID || ErrorMessage(err) != tt.msg {
			t.Errorf("ValidateTaakveld(%d, %q) = %s %q\nwant invalid %q", tt.year, tt.code, ErrorCode(err), ErrorMessage(err), tt.msg)
		}
	}
}

func TestCompareTaakveldCodes(t *testing.T) {
	// Each code sorts before the next, as the BBV lists them.
	order := []string{"0.1", "0.2", "0.5", "0.61", "0.64", "0.7", "0.9", "0.10", "0.11", "1.1",
		"5.7", "6.1", "6.2", "6.21", "6.23", "6.3", "6.6", "6.60", "6.71", "6.71a", "6.71d", "6.711",
		"6.714", "6.72", "6.72a", "6.74c", "6.751", "6.792", "6.81", "6.81a", "6.811", "6.822",
		"6.91", "6.92", "7.1", "8.3", "10.1", "not a code"}
	for i := 0; i+1 < len(order); i++ {
		a, b := order[i], order[i+1]
		if CompareTaakveldCodes(a, b) >= 0 || CompareTaakveldCodes(b, a) <= 0 {
			t.Errorf("%s does not sort before %s", a, b)
		}
	}
	if CompareTaakveldCodes("6.71a", "6.71a") != 0 {
		t.Error("6.71a does not equal itself")
	}
	// In the sets themselves.
	index := func(set []Taakveld, code string) int {
		return slices.IndexFunc(set, func(tv Taakveld) bool { return tv.Code == code })
	}
	s2022, s2023 := Taakvelden(2022), Taakvelden(2023)
	if i, j := index(s2022, "0.2"), index(s2022, "0.10"); i < 0 || j < 0 || i > j {
		t.Errorf("2022: 0.2 at %d, 0.10 at %d", i, j)
	}
	if i, j := index(s2023, "6.71a"), index(s2023, "6.72a"); i < 0 || j < 0 || i > j {
		t.Errorf("2023: 6.71a at %d, 6.72a at %d", i, j)
	}
	if s2022[0].Code != "0.1" || s2022[len(s2022)-1].Code != "8.3" {
		t.Errorf("2022 runs from %s to %s", s2022[0].Code, s2022[len(s2022)-1].Code)
	}
}

func TestParseTaakveldenRejects(t *testing.T) {
	const header = "code,name,from_year,to_year,successors\n"
	tests := []struct{ name, data, want string }{
		{"no header", "0.1,Bestuur,2017,,\n", "header"},
		{"other header", "code,naam,van,tot,opvolgers\n0.1,Bestuur,2017,,\n", "header"},
		{"empty", header, "no taakvelden"},
		{"fields", header + "0.1,Bestuur,2017\n", "wrong number of fields"},
		{"code", header + "0,1,Bestuur,2017,\n", "no taakveld code"},
		{"code letters", header + "6.71ab,X,2023,,\n", "no taakveld code"},
		{"name", header + "0.1, ,2017,,\n", "no name"},
		{"from", header + "0.1,Bestuur,2016,,\n", "from_year"},
		{"to", header + "0.1,Bestuur,2017,2016,\n", "to_year"},
		{"year", header + "0.1,Bestuur,twintig,,\n", "from_year"},
		{"overlap", header + "0.1,Bestuur,2017,,\n0.1,Bestuur anders,2020,,\n", "overlap"},
		{"duplicate", header + "0.1,Bestuur,2017,,\n0.1,Bestuur,2017,,\n", "overlap"},
		{"open with successors", header + "0.1,Bestuur,2017,,0.2\n0.2,X,2017,,\n", "still valid"},
		{"unknown successor", header + "6.71,X,2017,2022,6.71a\n", "successor 6.71a"},
		{"successor too late", header + "6.71,X,2017,2022,6.71a\n6.71a,Y,2024,,\n", "successor 6.71a"},
		{"quote", header + "0.1,\"Bestuur,2017,,\n", "quote"},
	}
	for _, tt := range tests {
		_, err := parseTaakvelden([]byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one with %q", tt.name, err, tt.want)
		}
	}
	good := header + "# a comment\n0.1,Bestuur,2017,,\n6.71,X,2017,2022,6.71a\n6.71a,Y,2023,,\n"
	if rows, err := parseTaakvelden([]byte(good)); err != nil || len(rows) != 3 {
		t.Errorf("a good file: %d rows, %v", len(rows), err)
	}
}
