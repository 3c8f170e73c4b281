package bundle_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/sqlite"
)

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustDecode(tb testing.TB, name string, data []byte) *bundle.Bundle {
	tb.Helper()
	b, err := bundle.Decode(name, data)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeMinimal(t *testing.T) {
	b := mustDecode(t, "minimal.json", mustRead(t, "testdata/minimal.json"))
	org, doc := b.Domain()
	if org.Slug != "leiderdorp" || doc.Slug != "bestuursrapportage-2020-1" {
		t.Errorf("slugs: %q %q", org.Slug, doc.Slug)
	}
	p := doc.Pages[0]
	if p.Slug != "1c-ondersteunde-inwoners" || p.Path != "1c-ondersteunde-inwoners" {
		t.Errorf("page slug %q path %q", p.Slug, p.Path)
	}
	v, ok := p.Indicators[0].Value(2020, koers.Budgeted)
	if !ok || v.Number != nil {
		t.Errorf("null value decoded as %+v", v)
	}
}

// TestRoundTrip imports every demo bundle and exports it again: the export
// is the bundle as written, and exporting a re-import changes nothing.
func TestRoundTrip(t *testing.T) {
	files, err := demo.Files()
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, demo.File{Name: "minimal.json", Data: mustRead(t, "testdata/minimal.json")})
	ctx := context.Background()
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			in := mustDecode(t, f.Name, f.Data)
			in.Schema = ""
			var want bytes.Buffer
			if err := bundle.Encode(&want, in); err != nil {
				t.Fatal(err)
			}
			export := func(data []byte) []byte {
				s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				org, doc := mustDecode(t, f.Name, data).Domain()
				if err := s.PutDocument(ctx, org, doc); err != nil {
					t.Fatal(err)
				}
				stored, err := s.Document(ctx, doc.ID, true)
				if err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				if err := bundle.Encode(&out, bundle.FromDomain(org, stored)); err != nil {
					t.Fatal(err)
				}
				return out.Bytes()
			}
			first := export(f.Data)
			if !bytes.Equal(first, want.Bytes()) {
				t.Errorf("export differs from the bundle:\n%s", firstDiff(first, want.Bytes()))
			}
			if second := export(first); !bytes.Equal(second, first) {
				t.Errorf("export of a re-import differs:\n%s", firstDiff(second, first))
			}
		})
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n got  " + g[i] + "\n want " + w[i]
		}
	}
	return "lengths differ"
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBadBundles changes the minimal bundle in one place each and checks
// that the error names the file, the JSON pointer, the line and the problem.
// financeBlock is a finance_table block on one line, with extra fields
// in its table.
func financeBlock(extra string) string {
	if extra != "" {
		extra = ", " + extra
	}
	return `{"type": "finance_table", "finance": {"scale": 1, "columns": [{"year": 2020, "version": "begroting"}, {"year": 2020, "version": "realisatie"}], ` +
		`"lines": [{"kind": "lasten", "taakveld": "6.1", "amounts": [100, 200]}]` + extra + `}},`
}

// comparisonBlock is a comparison_table block on one line.
const comparisonBlock = `{"type": "comparison_table", "comparison": {"areas": [{"name": "Nederland", "code": "NL01"}, {"name": "Regio"}], ` +
	`"rows": [{"name": "Banen", "period": "2020", "value": 712.40, "areas": [774.0, "n.n.b."]}]}},`

// amountOld is the minimal bundle's indicator as an amount: replacing its
// value tests the rules for money.
const amountOld = `"unit": "percentage",
            "values": [
              { "year": 2019, "kind": "realised", "value": 11.6 }`

func TestBadBundles(t *testing.T) {
	base := string(mustRead(t, "testdata/minimal.json"))
	tests := []struct {
		name    string
		old     string // replaced once in the minimal bundle
		new     string
		pointer string
		line    int
		message string
	}{
		{"malformed JSON", `"year": 2020,`, `"year": 2020,,`, "/", 11, "malformed JSON"},
		{"wrong type", `"year": 2020,`, `"year": "2020",`, "/document/year", 11, "want integer"},
		{"unknown field", `"sequence": 1,`, `"sequence": 1, "colour": "red",`, "/document/colour", 12, `unknown field "colour"`},
		{"unknown goal in deviation", `{ "ref": "2", "paragraphs"`, `{ "ref": "7", "paragraphs"`, "/document/pages/0/blocks/1/deviations/1/ref", 45, `SMART goal "7" is not on this page`},
		{"unknown activity in deviation", `"scope": "smart_goals"`, `"scope": "activities"`, "/document/pages/0/blocks/1/deviations/0/ref", 44, `activity "1" is not on this page`},
		{"duplicate goal number", `{ "number": "2", "title": "Meer kinderen`, `{ "number": "1", "title": "Meer kinderen`, "/document/pages/0/smart_goals/1/number", 21, "SMART goal 1 appears twice"},
		{"activity of a missing goal", `{ "number": "2.2", "title"`, `{ "number": "4.2", "title"`, "/document/pages/0/activities/0/number", 24, "SMART goal 4"},
		{"percentage out of range", `"value": 11.6`, `"value": 116`, "/document/pages/0/indicators/0/values/0/value", 33, "outside 0 to 100"},
		{"year without kind", `{ "year": 2019, "kind": "realised", "value": 11.6 }`, `{ "year": 2019, "value": 11.6 }`, "/document/pages/0/indicators/0/values/0", 33, "kind"},
		{"unknown indicator in table", `"indicators": ["jeugdhulp"]`, `"indicators": ["jeugdzorg"]`, "/document/pages/0/blocks/2/indicators/0", 48, `indicator "jeugdzorg" is not on this page`},
		{"unsupported version", `"version": 1,`, `"version": 2,`, "/version", 3, "version 2 is not supported"},
		{"duplicate field", `"year": 2020,`, `"year": 2020, "year": 2021,`, "/document/year", 11, "appears twice"},
		{"burap without sequence", `"sequence": 1,`, ``, "/document", 9, "sequence number"},
		{"bad slug", `"slug": "leiderdorp"`, `"slug": "Leider Dorp"`, "/organisation/slug", 5, "does not match pattern"},
		{"theme without contrast", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "theme": {"colour": "#ffdd00"}`, "/organisation/theme/colour", 7, "contrast"},
		{"theme colour not hex", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "theme": {"colour": "blauw"}`, "/organisation/theme/colour", 7, "does not match pattern"},
		{"reserved slug", `"slug": "leiderdorp"`, `"slug": "api"`, "/organisation/slug", 5, "reserved"},
		{"finance total that does not add up", `"blocks": [`, `"blocks": [` + financeBlock(`"given": [{"kind": "lasten", "amounts": [100, 250]}]`),
			"/document/pages/0/blocks/0/finance/given/0/amounts/1", 38, `Totaal lasten in column "Realisatie 2020" is € 250, but the lines add up to € 200`},
		{"finance amount finer than cents", `"blocks": [`, `"blocks": [` + strings.Replace(financeBlock(""), "200", "200.005", 1),
			"/document/pages/0/blocks/0/finance/lines/0/amounts/1", 38, `amount 200.005 is not in whole cents`},
		{"finance line of nothing", `"blocks": [`, `"blocks": [` + strings.Replace(financeBlock(""), `"taakveld": "6.1", `, "", 1),
			"/document/pages/0/blocks/0/finance/lines/0", 38, `a line needs a "taakveld", a "programme" or a "label"`},
		{"status not in the default legend", `{ "ref": "2", "paragraphs": ["Ondersteuning op afstand."] }`, `{ "ref": "2", "paragraphs": ["Ondersteuning op afstand."], "status": "groen" }`,
			"/document/pages/0/blocks/1/deviations/1/status", 45, `status "groen" is not in the organisation's legend (op-schema, risico, achter, gereed)`},
		{"status not a key", `{ "ref": "2", "paragraphs": ["Ondersteuning op afstand."] }`, `{ "ref": "2", "paragraphs": ["Ondersteuning op afstand."], "status": "Op schema" }`,
			"/document/pages/0/blocks/1/deviations/1/status", 45, "does not match pattern"},
		{"legend colour without contrast", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "status_legend": [{"key": "a", "label": "A", "symbol": "●", "colour": "#ffd700"}]`,
			"/organisation/status_legend/0/colour", 7, "colour #ffd700 has a contrast of 1.4:1 against white; WCAG 1.4.11 needs at least 3.0:1"},
		{"legend key twice", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "status_legend": [{"key": "a", "label": "A", "symbol": "●", "colour": "#2e7d32"}, {"key": "a", "label": "B", "symbol": "■", "colour": "#2e7d32"}]`,
			"/organisation/status_legend/1/key", 7, `status "a" appears twice in the legend`},
		{"legend symbol with markup", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "status_legend": [{"key": "a", "label": "A", "symbol": "<b>", "colour": "#2e7d32"}]`,
			"/organisation/status_legend/0/symbol", 7, "does not match pattern"},
		{"legend entry without a label", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "status_legend": [{"key": "a", "symbol": "●", "colour": "#2e7d32"}]`,
			"/organisation/status_legend/0", 7, "label"},
		{"activity number with no goal", `{ "number": "2.2", "title"`, `{ "number": "(MD10)", "title"`, "/document/pages/0/activities/0/number", 24, `activity number "(MD10)" names no SMART goal`},
		{"comparison notation unknown", `"blocks": [`, `"blocks": [` + strings.Replace(comparisonBlock, `"n.n.b."`, `"nnb"`, 1),
			"/document/pages/0/blocks/0/comparison/rows/0/areas/1", 38, `value must be one of '-', '.', 'n.n.b.', 'n.v.t.'`},
		{"comparison figure with an exponent", `"blocks": [`, `"blocks": [` + strings.Replace(comparisonBlock, "774.0", "7.74e2", 1),
			"/document/pages/0/blocks/0/comparison/rows/0/areas/0", 38, `number 7.74e2 has an exponent; write it as a plain decimal`},
		{"comparison row of another indicator", `"blocks": [`, `"blocks": [` + strings.Replace(comparisonBlock, `"period"`, `"indicator": "banen", "period"`, 1),
			"/document/pages/0/blocks/0/comparison/rows/0/indicator", 38, `indicator "banen" is not on this page`},
		{"comparison half-year", `"blocks": [`, `"blocks": [` + strings.Replace(comparisonBlock, `"2020"`, `"2020-H3"`, 1),
			"/document/pages/0/blocks/0/comparison/rows/0/period", 38, `does not match pattern`},
		{"amount finer than cents", amountOld, strings.NewReplacer("percentage", "amount", "11.6 }", "11.605 }").Replace(amountOld), "/document/pages/0/indicators/0/values/0/value", 33, "amount 11.605 is not in whole cents"},
		{"unknown sign convention", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "finance": {"signs": "negatief"}`, "/organisation/finance/signs", 7, "value must be one of 'lasten_positief', 'baten_positief'"},
		{"negative threshold", `"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "finance": {"threshold": -1}`, "/organisation/finance/threshold", 7, "minimum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("minimal.json lacks %q", tt.old)
			}
			mustProblemAt(t, strings.Replace(base, tt.old, tt.new, 1), tt.pointer, tt.message, tt.line)
		})
	}
}

// mustProblemAt decodes data as bad.json and checks that it is refused
// with EINVALID and a problem at pointer ("/" for the whole bundle) whose
// message contains message, on line, named so in the error's text.
func mustProblemAt(t *testing.T, data, pointer, message string, line int) {
	t.Helper()
	_, err := bundle.Decode("bad.json", []byte(data))
	var be *bundle.Error
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *bundle.Error", err)
	}
	if koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("code = %q", koers.ErrorCode(err))
	}
	var found *bundle.Problem
	for i, p := range be.Problems {
		ptr := p.Pointer
		if ptr == "" {
			ptr = "/"
		}
		if ptr == pointer && strings.Contains(p.Message, message) {
			found = &be.Problems[i]
		}
	}
	if found == nil {
		t.Fatalf("no problem at %s containing %q in:\n%v", pointer, message, err)
	}
	if found.Line != line {
		t.Errorf("line = %d, want %d (%v)", found.Line, line, err)
	}
	prefix := "bad.json:" + strings.TrimSpace(itoa(found.Line)) + ":"
	if !strings.Contains(err.Error(), prefix) {
		t.Errorf("error text lacks %q:\n%v", prefix, err)
	}
}

func TestNotUTF8(t *testing.T) {
	data := append(mustRead(t, "testdata/minimal.json"), 0xff)
	_, err := bundle.Decode("x.json", data)
	if err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("err = %v", err)
	}
}

// TestBundleDefects pins the whole report for bundles that koers accepted,
// or reported in the wrong place, before (the last two cases guard how the
// domain's paths map to the file): one problem each, at the value's line
// and column, with its pointer and message.
func TestBundleDefects(t *testing.T) {
	base := string(mustRead(t, "testdata/minimal.json"))
	zeros := strings.Repeat("0", 400)
	tests := []struct {
		name     string
		old, new string // replaced once in the minimal bundle
		want     string // the one problem, as the error prints it
	}{
		{"exponent, overflowing", `"value": 11.6`, `"value": 1e400`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 1e400 has an exponent; write it as a plain decimal, such as 1992 or 11.6"},
		{"exponent, underflowing", `"value": 11.6`, `"value": 1e-400`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 1e-400 has an exponent; write it as a plain decimal, such as 1992 or 11.6"},
		{"exponent, harmless", `"value": 11.6`, `"value": 1.16E1`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 1.16E1 has an exponent; write it as a plain decimal, such as 1992 or 11.6"},
		{"plain decimal rounding to zero", `"value": 11.6`, `"value": 0.` + zeros + `1`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 0.000000000000000000...0000000001 is too close to zero"},
		{"plain decimal overflowing", `"value": 11.6`, `"value": 1` + zeros,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 10000000000000000000...0000000000 is too large"},
		{"too many digits", `"value": 11.6`, `"value": 11.60000000000000001`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: number 11.60000000000000001 has 19 significant digits; a bundle holds at most 15"},
		{"beyond the largest value", `"value": 11.6`, `"value": -4000000000000000`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: value -4e+15 is beyond the largest koers stores, 10^12 (a million million) either way"},
		{"whole number with a fraction", `"year": 2020,`, `"year": 2020.0,`,
			"bad.json:11:13: /document/year: 2020.0 is not a whole number"},
		{"NUL", `"title": "1ste`, `"title": "\u0000 1ste`,
			`bad.json:13:14: /document/title: text holds a NUL character (\u0000)`},
		{"half a surrogate pair", `"title": "1ste`, `"title": "\ud800 1ste`,
			`bad.json:13:14: /document/title: text holds \ud800, half of a UTF-16 surrogate pair, which is not a character`},
		{"blank page number", `"number": "1C"`, `"number": " "`,
			"bad.json:17:19: /document/pages/0/number: number is blank"},
		{"page number with a slash", `"number": "1C"`, `"number": "1/C"`,
			`bad.json:17:19: /document/pages/0/number: number "1/C" holds one of / \ ? # %; a page number is part of URLs (/cyclus/1c/2022)`},
		{"blank page title", `"title": "1C Ondersteunde inwoners"`, `"title": "  ", "slug": "1c"`,
			"bad.json:18:18: /document/pages/0/title: title is blank"},
		{"blank goal title", `"title": "Meer inwoners functioneren zelfstandig."`, `"title": "\t"`,
			"bad.json:20:37: /document/pages/0/smart_goals/0/title: title is blank"},
		{"blank deviation", `"paragraphs": ["Geen afwijkingen."]`, `"paragraphs": [" "]`,
			"bad.json:44:44: /document/pages/0/blocks/1/deviations/0/paragraphs/0: paragraph is blank"},
		{"values out of order", `{ "year": 2019, "kind": "realised", "value": 11.6 },`, `{ "year": 2019, "kind": "budgeted", "value": 116 },`,
			"bad.json:33:60: /document/pages/0/indicators/0/values/0/value: percentage 116 is outside 0 to 100"},
		{"title without a slug", `"title": "1C Ondersteunde inwoners"`, `"title": "!!!"`,
			`bad.json:18:18: /document/pages/0/title: title "!!!" gives no URL slug; add a "slug"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("minimal.json lacks %q", tt.old)
			}
			_, err := bundle.Decode("bad.json", []byte(strings.Replace(base, tt.old, tt.new, 1)))
			var be *bundle.Error
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *bundle.Error", err)
			}
			if koers.ErrorCode(err) != koers.EINVALID {
				t.Errorf("code = %q", koers.ErrorCode(err))
			}
			want := "bad.json: invalid bundle (1 problem)\n" + tt.want
			if err.Error() != want {
				t.Errorf("error:\n%s\nwant:\n%s", err, want)
			}
		})
	}
}

// TestThresholdBundle: with the organisation's threshold, a finance line
// whose difference reaches it without a toelichting is a located problem;
// with a toelichting, or below the threshold, the bundle is good.
func TestThresholdBundle(t *testing.T) {
	base := string(mustRead(t, "testdata/minimal.json"))
	tests := []struct {
		name, threshold, extra string
		want                   string
	}{
		{"reached", "50", "", "38 /document/pages/0/blocks/0/finance/lines/0: line 1 (taakveld 6.1) (lasten) differs by € 50 or more and has no toelichting (explanations)"},
		{"explained", "50", `, "explanations": [{"line": 0, "paragraphs": ["Meer inhuur."]}]`, ""},
		{"below", "50.01", "", ""},
		{"none asked", "0", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			block := strings.Replace(financeBlock(`"differences": [{"from": 0, "to": 1}]`+tt.extra), "200", "150", 1)
			data := strings.NewReplacer(`"cbs_code": "GM0547"`, `"cbs_code": "GM0547", "finance": {"signs": "lasten_positief", "threshold": `+tt.threshold+`}`,
				`"blocks": [`, `"blocks": [`+block).Replace(base)
			b, err := bundle.Decode("bad.json", []byte(data))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				org, _ := b.Domain()
				if org.Finance.Signs != koers.ExpensesPositive || org.Finance.Threshold.Decimal() != tt.threshold {
					t.Errorf("finance settings %+v", org.Finance)
				}
				return
			}
			var be *bundle.Error
			if !errors.As(err, &be) || koers.ErrorCode(err) != koers.EINVALID || len(be.Problems) != 1 {
				t.Fatalf("err = %v, want one EINVALID problem", err)
			}
			p := be.Problems[0]
			if got := fmt.Sprintf("%d %s: %s", p.Line, p.Pointer, p.Message); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
