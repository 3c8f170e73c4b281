package dutch

import (
	"strings"
	"testing"
)

func TestStemsMeet(t *testing.T) {
	pairs := [][2]string{{"uitkering", "uitkeringen"}, {"jongere", "jongeren"}, {"voorziening", "voorzieningen"}, {"geïnd", "geind"}}
	for _, p := range pairs {
		if a, b := Stem(p[0]), Stem(p[1]); a != b {
			t.Errorf("%s -> %s, %s -> %s", p[0], a, p[1], b)
		}
	}
}

func TestQuery(t *testing.T) {
	if got := strings.Join(Query("De uitkeringen van de jongeren"), " "); got != "uitker jonger" {
		t.Errorf("Query = %q", got)
	}
	if got := Query("de het"); len(got) != 2 {
		t.Errorf("a query of stop words only keeps them: %v", got)
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("woord ", 40) + "Het aantal uitkeringen steeg. " + strings.Repeat("rest ", 40)
	frags := Snippet(text, Query("uitkering"), 12)
	var marked []string
	var all strings.Builder
	for _, f := range frags {
		all.WriteString(f.Text)
		if f.Match {
			marked = append(marked, f.Text)
		}
	}
	if len(marked) != 1 || marked[0] != "uitkeringen" {
		t.Errorf("marked = %q", marked)
	}
	if s := all.String(); !strings.HasPrefix(s, "… ") || !strings.HasSuffix(s, " …") || len(strings.Fields(s)) > 14 {
		t.Errorf("snippet = %q", s)
	}
}
