package diff

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name          string
		before, after string
		want          []Span
	}{
		{"same", "Meer inwoners doen mee.", "Meer inwoners doen mee.", []Span{{Equal, "Meer inwoners doen mee."}}},
		{"both empty", "", "", nil},
		{"added", "", "Nieuw doel.", []Span{{Insert, "Nieuw doel."}}},
		{"removed", "Oud doel.", "", []Span{{Delete, "Oud doel."}}},
		{"one word, whole", "Meer inwoners doen mee.", "Meer jongeren doen mee.",
			[]Span{{Equal, "Meer "}, {Delete, "inwoners"}, {Insert, "jongeren"}, {Equal, " doen mee."}}},
		{"a number is one word", "Het aandeel is 11,6% in 2022.", "Het aandeel is 11,5% in 2022.",
			[]Span{{Equal, "Het aandeel is "}, {Delete, "11,6"}, {Insert, "11,5"}, {Equal, "% in 2022."}}},
		{"inserted words", "Wij ondersteunen inwoners.", "Wij ondersteunen kwetsbare inwoners.",
			[]Span{{Equal, "Wij ondersteunen "}, {Insert, "kwetsbare "}, {Equal, "inwoners."}}},
		{"hyphenated word", "de e-mail van", "de e-post van",
			[]Span{{Equal, "de "}, {Delete, "e-mail"}, {Insert, "e-post"}, {Equal, " van"}}},
		{"accents", "coördinatie één", "coördinatie twee",
			[]Span{{Equal, "coördinatie "}, {Delete, "één"}, {Insert, "twee"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.before, tt.after)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Words(%q, %q)\n got %+v\nwant %+v", tt.before, tt.after, got, tt.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	got := tokenize("In 2022: 1.992 cliënten (11,6%), e-mail.")
	want := []string{"In", " ", "2022", ":", " ", "1.992", " ", "cliënten", " ", "(", "11,6", "%", ")", ",", " ", "e-mail", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize\n got %q\nwant %q", got, want)
	}
}

// FuzzWords holds Words to its promise: the equal and deleted spans spell
// the old text, the equal and inserted ones the new.
func FuzzWords(f *testing.F) {
	f.Add("Meer inwoners doen mee.", "Meer jongeren doen mee.")
	f.Add("11,6% in 2022", "11,5 % in 2023")
	f.Fuzz(func(t *testing.T, before, after string) {
		if !utf8.ValidString(before) || !utf8.ValidString(after) {
			return
		}
		var old, new strings.Builder
		for _, s := range Words(before, after) {
			if s.Op != Insert {
				old.WriteString(s.Text)
			}
			if s.Op != Delete {
				new.WriteString(s.Text)
			}
		}
		if old.String() != before || new.String() != after {
			t.Errorf("Words(%q, %q) spells %q and %q", before, after, old.String(), new.String())
		}
	})
}

func TestPlain(t *testing.T) {
	tests := []struct {
		spans []Span
		want  string
	}{
		{nil, ""},
		{Words("Meer inwoners", "Meer jongeren"), "Meer jongeren"},
		{Words("Weg", ""), "Weg"},
		{Words("", "Nieuw"), "Nieuw"},
	}
	for _, tt := range tests {
		if got := Plain(tt.spans); got != tt.want {
			t.Errorf("Plain(%v) = %q, want %q", tt.spans, got, tt.want)
		}
	}
}
