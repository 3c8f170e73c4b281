package koers_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// fixtureDraft is a draft of the fullest fixture document, as published,
// with a change recorded.
func fixtureDraft() *koers.Draft {
	doc := storetest.Begroting2022()
	doc.ID, doc.UpdatedAt = 7, time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)
	d := koers.NewDraft(3, doc, true)
	d.Touch(2, 4)
	return d
}

func TestDraftRoundTrip(t *testing.T) {
	for _, d := range []*koers.Draft{fixtureDraft(), koers.NewDraft(3, storetest.Burap2020(), false)} {
		data, err := koers.EncodeDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		var got koers.Draft
		if err := koers.DecodeDraft(data, &got); err != nil {
			t.Fatal(err)
		}
		want := koers.Draft{Document: d.Document, PageVersions: d.PageVersions, Origins: d.Origins, NextKey: d.NextKey}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded\n %+v\nwant\n %+v", d.Document.Slug, got, want)
		}
		if !reflect.DeepEqual(got.Document, d.Document) {
			t.Errorf("%s: the document differs after a round trip", d.Document.Slug)
		}
	}
}

func TestDecodeDraftRefuses(t *testing.T) {
	for _, tt := range []struct {
		name, data, want string
	}{
		{"not JSON", `{`, "decode draft: unexpected EOF"},
		{"unknown field", `{"format":1,"document":{},"extra":1}`, `decode draft: json: unknown field "extra"`},
		{"other format", `{"format":2,"document":{}}`, "decode draft: format 2; this koers reads format 1"},
		{"no format", `{"document":{}}`, "decode draft: format 0; this koers reads format 1"},
		{"no document", `{"format":1}`, "decode draft: no document"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d koers.Draft
			err := koers.DecodeDraft([]byte(tt.data), &d)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
	// A stored draft without bookkeeping (a kept version) decodes with
	// empty maps, never nil ones.
	var d koers.Draft
	if err := koers.DecodeDraft([]byte(`{"format":1,"document":{"Slug":"x"}}`), &d); err != nil {
		t.Fatal(err)
	}
	if d.PageVersions == nil || d.Origins == nil || d.Document.Slug != "x" {
		t.Errorf("decoded %+v", d)
	}
}

// FuzzDecodeDraft: DecodeDraft never panics, and what it accepts encodes
// and decodes to the same draft again.
func FuzzDecodeDraft(f *testing.F) {
	data, err := koers.EncodeDraft(fixtureDraft())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"format":1,"document":{},"page_versions":{"1":2},"origins":{"1":"a"},"next_key":2}`))
	f.Add([]byte(`{"format":1,"document":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d koers.Draft
		if err := koers.DecodeDraft(data, &d); err != nil {
			return
		}
		again, err := koers.EncodeDraft(&d)
		if err != nil {
			t.Fatalf("encode what was decoded: %v", err)
		}
		var d2 koers.Draft
		if err := koers.DecodeDraft(again, &d2); err != nil {
			t.Fatalf("decode what was encoded: %v\n%s", err, again)
		}
		if !reflect.DeepEqual(d, d2) {
			t.Errorf("a second round trip differs:\n %+v\n %+v", d, d2)
		}
	})
}
