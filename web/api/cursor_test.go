package api

import (
	"testing"

	"github.com/koers-nl/koers"
)

// FuzzCursors: a cursor either is refused with a client's error, or reads
// as a key that writes back to the same cursor: one spelling per key, so
// that cursors cannot multiply the cache's entries.
func FuzzCursors(f *testing.F) {
	f.Add(documentCursor(koers.DocumentKey{Year: 2022, Kind: koers.Begroting, ID: 7}))
	f.Add(documentCursor(koers.DocumentKey{Year: -3, Kind: koers.Bestuursrapportage, Sequence: 2, ID: 1 << 40}))
	f.Add(indicatorCursor(koers.IndicatorKey{Place: []int{0, 3, 12}, PageID: 9, Row: 4, IndicatorID: 2}))
	f.Add(encodeCursor("i1", "0", "1", "0", "1"))
	f.Add("")
	f.Add("eA")
	f.Fuzz(func(t *testing.T, cursor string) {
		d, err := readDocumentCursor(cursor)
		switch {
		case err != nil && koers.ErrorCode(err) != koers.EINVALID:
			t.Fatalf("document cursor %q: %v", cursor, err)
		case err == nil && d != nil && documentCursor(*d) != cursor:
			t.Fatalf("document cursor %q reads as %+v, which writes %q", cursor, d, documentCursor(*d))
		case err == nil && d == nil && cursor != "":
			t.Fatalf("document cursor %q reads as none", cursor)
		}
		k, err := readIndicatorCursor(cursor)
		switch {
		case err != nil && koers.ErrorCode(err) != koers.EINVALID:
			t.Fatalf("indicator cursor %q: %v", cursor, err)
		case err == nil && k != nil && indicatorCursor(*k) != cursor:
			t.Fatalf("indicator cursor %q reads as %+v, which writes %q", cursor, k, indicatorCursor(*k))
		case err == nil && k == nil && cursor != "":
			t.Fatalf("indicator cursor %q reads as none", cursor)
		}
		if d != nil && k != nil {
			t.Fatalf("%q is a cursor of both lists", cursor)
		}
	})
}
