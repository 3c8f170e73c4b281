package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// comparisonJSON is a comparison_table block whose first row names its
// StatLine figure and whose second the export cannot fill.
const comparisonJSON = `{"type": "comparison_table", "heading": "Waar staat je gemeente?", "comparison": {
  "reference": "2023-05-01", "areas": [{"name": "Nederland", "code": "NL01"}, {"name": "Holland Rijnland"}],
  "rows": [{"name": "Banen", "unit": "per 1.000 inwoners 15-64 jaar", "period": "2020", "value": "n.n.b.", "areas": ["n.n.b.", 700],
            "source": "LISA", "statline": {"table": "99999ned", "measure": "Banen_1"}},
           {"name": "Tevredenheid", "period": "2017-H2", "value": 7.4, "areas": [7.1, "n.v.t."], "source": "Waar staat je gemeente"}]}},
`

// TestStatLineFillsAComparisonTable: koers statline fills a stored
// document's comparison table from a StatLine CSV export; a bad export is
// refused with its line and column, and nothing changes.
func TestStatLineFillsAComparisonTable(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	begroting := strings.Replace(readDemo(t, "leiderdorp-begroting-2022.json"), `"blocks": [`, `"blocks": [`+comparisonJSON, 1)
	mustRun(t, "import", "--db", db, writeFile(t, dir, "begroting.json", begroting))

	bad := writeFile(t, dir, "bad.csv", "RegioS;Perioden;Banen_1\nGM0547    ;2020JJ00;712,40\nNL01      ;2020XX00;774,0\n")
	_, _, err := run(t, "statline", "--db", db, "leiderdorp/begroting-2022", bad)
	if err == nil || !strings.Contains(err.Error(), bad+`: line 3, column "Perioden": "2020XX00" is not a StatLine period`) || !strings.Contains(err.Error(), "nothing imported") {
		t.Errorf("bad export: %v", err)
	}
	missing := writeFile(t, dir, "missing.csv", "RegioS;Perioden;Banen_1\nGM0547    ;2020JJ00;712,40\n")
	_, _, err = run(t, "statline", "--db", db, "leiderdorp/begroting-2022", missing)
	if err == nil || !strings.Contains(err.Error(), "/pages/0/children/0/children/0/blocks/0/comparison/rows/0/statline: the export has no figure of Banen_1 for Nederland (NL01) in 2020JJ00") {
		t.Errorf("export without Nederland: %v", err)
	}
	if out := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022"); !strings.Contains(compact(out), `"value":"n.n.b.","areas":["n.n.b.",700]`) {
		t.Errorf("a refused import changed the table:\n%s", out)
	}

	good := writeFile(t, dir, "export.csv", "ID;RegioS;Perioden;Banen_1\n0;GM0547    ;2020JJ00;712,40\n1;NL01      ;2020JJ00;774,0\n2;GM0546    ;2020JJ00;.\n")
	if out := mustRun(t, "statline", "--db", db, "leiderdorp/begroting-2022", good); !strings.HasPrefix(out, "filled 1 comparison rows of ") {
		t.Errorf("statline printed %q", out)
	}
	out := compact(mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022"))
	for _, want := range []string{`"value":712.40,"areas":[774.0,700]`, `"value":7.4,"areas":[7.1,"n.v.t."]`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
}

// compact drops the white space of JSON whose strings hold none that
// matters here.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }
