package bundle_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

func cents(c koers.Money) *koers.Money { return &c }

// TestDecodeLedger reads the example ledger of doc/ledger.md, and the same
// amounts written plainly, to the cent.
func TestDecodeLedger(t *testing.T) {
	dutch := string(mustRead(t, "testdata/ledger.csv"))
	plain := strings.NewReplacer(";", ",", "1.234.567,89", "1234567.89", "1.300.000", "1300000", "3.456.789,01", "3456789.01",
		"3.600.000,50", "3600000.5", "120.000,10", "120000.1", "95.000", "95000", "-2.500,00", "-2500").Replace(dutch)
	want := []koers.Money{123456789, 130000000, 345678901, 360000050, 12000010, 9500000, -250000}
	for name, data := range map[string]string{"dutch": dutch, "plain": plain, "BOM and CRLF": "\xef\xbb\xbf" + strings.ReplaceAll(dutch, "\n", "\r\n")} {
		l, err := bundle.DecodeLedger("ledger.csv", []byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []koers.Money
		for i, r := range l.Rows {
			got = append(got, r.Amount)
			if r.Line != i+2 || r.Organisation != "leiderdorp" || r.Document != "begroting-2022" || r.Programme != "1C" {
				t.Errorf("%s: row %d = %+v", name, i, r)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: amounts %v, want %v", name, got, want)
		}
		if last := l.Rows[6]; last.Kind != koers.FromReserve || last.Taakveld != "0.10" || last.Year != 2022 || last.Version != koers.PrimitiveBudget {
			t.Errorf("%s: last row %+v", name, last)
		}
		if keys := l.Documents(); !reflect.DeepEqual(keys, []bundle.DocumentKey{{Organisation: "leiderdorp", Document: "begroting-2022"}}) {
			t.Errorf("%s: documents %v", name, keys)
		}
	}
}

const ledgerHeader = "organisation;document;programme;taakveld;kind;year;version;amount\n"

// TestBadLedgers: every problem has its line, its column and a message
// that says what is wrong.
func TestBadLedgers(t *testing.T) {
	row := "leiderdorp;begroting-2022;1C;6.1;lasten;2022;begroting;1.000\n"
	tests := []struct {
		name, data string
		want       []string // line:column: message
	}{
		{"empty", "", []string{"1:1: the header must be organisation;document;programme;taakveld;kind;year;version;amount"}},
		{"benchmark header", "indicator;area;period;value;unit;source;reference_date\n", []string{"1:1: the header must be organisation;document;programme;taakveld;kind;year;version;amount"}},
		{"no rows", ledgerHeader, []string{"2:1: the file has a header but no amounts"}},
		{"columns", ledgerHeader + row + "leiderdorp;begroting-2022;1C;6.1;lasten;2022;begroting\n",
			[]string{"3:1: 7 columns, want 8 (organisation;document;programme;taakveld;kind;year;version;amount)"}},
		{"quote", ledgerHeader + `leiderdorp;begroting-2022;1C;6.1;lasten;2022;"begroting;1.000` + "\n",
			[]string{"2:63: malformed CSV: extraneous or missing \" in quoted-field"}},
		{"fields", ledgerHeader + "Leiderdorp;;1C;6.1;baten; ;raming;1\n", []string{
			"2:1: organisation \"Leiderdorp\" is not an organisation's slug",
			"2:12: document is empty",
			"2:26: year is empty",
		}},
		{"values", ledgerHeader + "leiderdorp;begroting-2022;1C;6.1;kosten;22;rekening;1,2,3\n", []string{
			"2:34: kind \"kosten\" is not lasten, baten, toevoeging or onttrekking",
			"2:41: year \"22\" is not a year from 1900 to 2200",
			"2:44: version \"rekening\" is not realisatie, begroting, begroting_gewijzigd or raming",
			"2:53: amount \"1,2,3\" is not a Dutch amount such as -1.234,56 (\".\" between thousands, \",\" before at most two decimals)",
		}},
		{"thousands", ledgerHeader + strings.Replace(row, "1.000", "10.00", 1),
			[]string{"2:56: amount \"10.00\" has a misplaced thousands separator; write 1.234.567,89"}},
		{"cents", ledgerHeader + strings.Replace(row, "1.000", "1.000,005", 1),
			[]string{"2:56: amount \"1.000,005\" is not a Dutch amount such as -1.234,56 (\".\" between thousands, \",\" before at most two decimals)"}},
		{"plain with a comma", strings.ReplaceAll(ledgerHeader, ";", ",") + "leiderdorp,begroting-2022,1C,6.1,lasten,2022,begroting,1.000.000\n",
			[]string{"2:56: amount \"1.000.000\" is not a plain amount such as -1234.56 (a decimal point, at most two decimals, no thousands separators)"}},
		{"too large", ledgerHeader + strings.Replace(row, "1.000", "1.000.000.000.000,01", 1),
			[]string{"2:56: amount \"1.000.000.000.000,01\" is not a Dutch amount such as -1.234,56 (\".\" between thousands, \",\" before at most two decimals)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bundle.DecodeLedger("l.csv", []byte(tt.data))
			var be *bundle.Error
			if !errors.As(err, &be) || koers.ErrorCode(err) != koers.EINVALID {
				t.Fatalf("err = %v, want an EINVALID *bundle.Error", err)
			}
			var got []string
			for _, p := range be.Problems {
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if !strings.HasPrefix(err.Error(), "l.csv: invalid ledger file (") {
				t.Errorf("message %q", err.Error())
			}
		})
	}
}

// FuzzDecodeLedger: any input decodes or fails with located problems,
// never panics; what decodes has amounts within bounds.
func FuzzDecodeLedger(f *testing.F) {
	f.Add([]byte(ledgerHeader + "leiderdorp;begroting-2022;1C;6.1;lasten;2022;begroting;1.000,50\n"))
	f.Add([]byte(strings.ReplaceAll(ledgerHeader, ";", ",") + "a,b,1,6.1,baten,2022,raming,-12.5\n"))
	f.Add([]byte(ledgerHeader + "\"a\";b;\"1\"\"\";6.1;lasten;2022;begroting;1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		l, err := bundle.DecodeLedger("f.csv", data)
		if err != nil {
			var be *bundle.Error
			if !errors.As(err, &be) || len(be.Problems) == 0 || l != nil {
				t.Fatalf("err = %v, ledger %v", err, l)
			}
			for _, p := range be.Problems {
				if p.Line < 1 || p.Column < 1 || p.Message == "" {
					t.Fatalf("unlocated problem %+v", p)
				}
			}
			return
		}
		for _, r := range l.Rows {
			if r.Amount > koers.MaxMoney || r.Amount < -koers.MaxMoney || !r.Kind.Valid() || !r.Version.Valid() {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
