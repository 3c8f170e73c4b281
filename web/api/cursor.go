package api

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// Lists answer in windows: ?limit= items (1 to koers.MaxLimit, by default
// defaultLimit, searchLimit for search), after ?cursor=, the next_cursor of
// the window before. A
// cursor is opaque to clients: base64url of the key of the last item read
// (koers.DocumentKey, koers.IndicatorKey), with the list's letter and a
// version, so that a cursor of one list is refused by another and the
// format may change. The key holds the values the list is ordered by, so a
// document published or removed between two windows does not shift the
// next one. Search results have no such key: ranked, a page's place
// depends on every other page's rank. A search's cursor holds how many
// results came before (see readSearchCursor).

// defaultLimit is the window of a list that asks for none.
const defaultLimit = 100

// maxCursor bounds a cursor before it is decoded.
const maxCursor = 200

// window is what a request asks of a list.
type window struct {
	limit  int
	cursor string // as given; "" for the first window
}

// readWindow reads the limit and cursor parameters; def is the limit when
// none is given.
func readWindow(r *http.Request, def int) (window, error) {
	q := r.URL.Query()
	w := window{limit: def, cursor: q.Get("cursor")}
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || !koers.ValidLimit(n) {
			return w, koers.Errorf(koers.EINVALID, "Ongeldige waarde voor limit: %q. Geef een geheel getal van 1 tot en met %d.", clip(raw), koers.MaxLimit)
		}
		w.limit = n
	}
	return w, nil
}

// windowKey is the part of a list's cache key that says which window: the
// limit as a number, the cursor as given (a valid cursor has one spelling,
// an invalid one is not cached), and no other parameter.
func windowKey(r *http.Request) string {
	q := r.URL.Query()
	limit := q.Get("limit")
	if n, err := strconv.Atoi(limit); err == nil {
		limit = strconv.Itoa(n)
	}
	return "?limit=" + limit + "&cursor=" + q.Get("cursor")
}

// next is the address of the window after this one: the list's address
// with the limit, the cursor and the parameters in keep (what the list
// reads besides the window, as it read them), no other.
func (s *Server) next(r *http.Request, w window, cursor string, keep url.Values) string {
	q := url.Values{"limit": {strconv.Itoa(w.limit)}, "cursor": {cursor}}
	for k, v := range keep {
		q[k] = v
	}
	return s.absolute(r, r.URL.EscapedPath()+"?"+q.Encode())
}

func badCursor() error {
	return koers.Errorf(koers.EINVALID, "Ongeldige waarde voor cursor. Geef de next_cursor uit het vorige antwoord van deze lijst, ongewijzigd, of laat cursor weg voor het begin.")
}

// clip shortens what a client sent for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// The lists' letters and the version of their cursors.
const (
	documentsCursor  = "d1"
	indicatorsCursor = "i1"
	searchCursor     = "s1"
)

func encodeCursor(fields ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(fields, ":")))
}

// decodeCursor returns the fields of a cursor of the list, or false. A
// cursor has one spelling: the one encodeCursor gives its fields.
func decodeCursor(cursor, list string, n int) ([]string, bool) {
	if len(cursor) > maxCursor {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(cursor)
	if err != nil {
		return nil, false
	}
	fields := strings.Split(string(raw), ":")
	if len(fields) != n+1 || fields[0] != list || encodeCursor(fields...) != cursor {
		return nil, false
	}
	return fields[1:], true
}

// number reads a field of a cursor: decimal, as strconv writes it, from
// least.
func number(field string, least int64) (int64, bool) {
	n, err := strconv.ParseInt(field, 10, 64)
	return n, err == nil && n >= least && strconv.FormatInt(n, 10) == field
}

// documentCursor is the cursor of the documents after the one at k.
func documentCursor(k koers.DocumentKey) string {
	return encodeCursor(documentsCursor, strconv.Itoa(k.Year), string(k.Kind), strconv.Itoa(k.Sequence), strconv.FormatInt(k.ID, 10))
}

// readDocumentCursor reads a cursor of GET /documents; nil for none.
func readDocumentCursor(cursor string) (*koers.DocumentKey, error) {
	if cursor == "" {
		return nil, nil
	}
	f, ok := decodeCursor(cursor, documentsCursor, 4)
	if !ok {
		return nil, badCursor()
	}
	year, okYear := number(f[0], -1<<31)
	seq, okSeq := number(f[2], 0)
	id, okID := number(f[3], 1)
	kind := koers.DocumentKind(f[1])
	if !okYear || year >= 1<<31 || !kind.Valid() || !okSeq || seq >= 1<<31 || !okID {
		return nil, badCursor()
	}
	return &koers.DocumentKey{Year: int(year), Kind: kind, Sequence: int(seq), ID: id}, nil
}

// indicatorCursor is the cursor of a document's indicators after the row
// at k.
func indicatorCursor(k koers.IndicatorKey) string {
	place := make([]string, len(k.Place))
	for i, n := range k.Place {
		place[i] = strconv.Itoa(n)
	}
	return encodeCursor(indicatorsCursor, strings.Join(place, "."), strconv.FormatInt(k.PageID, 10), strconv.Itoa(k.Row),
		strconv.FormatInt(k.IndicatorID, 10))
}

// maxPosition bounds a position in a cursor: what the store orders by.
const maxPosition = 1e10 - 1

// readIndicatorCursor reads a cursor of GET /documents/{id}/indicators;
// nil for none.
func readIndicatorCursor(cursor string) (*koers.IndicatorKey, error) {
	if cursor == "" {
		return nil, nil
	}
	f, ok := decodeCursor(cursor, indicatorsCursor, 4)
	if !ok {
		return nil, badCursor()
	}
	k := &koers.IndicatorKey{}
	places := strings.Split(f[0], ".")
	if len(places) > koers.MaxPageDepth+1 {
		return nil, badCursor()
	}
	for _, p := range places {
		n, ok := number(p, 0)
		if !ok || n > maxPosition {
			return nil, badCursor()
		}
		k.Place = append(k.Place, int(n))
	}
	page, okPage := number(f[1], 1)
	row, okRow := number(f[2], 0)
	id, okID := number(f[3], 1)
	if !okPage || !okRow || row > maxPosition || !okID {
		return nil, badCursor()
	}
	k.PageID, k.Row, k.IndicatorID = page, int(row), id
	return k, nil
}

// offsetCursor is the cursor of a search's results after the first n.
func offsetCursor(n int) string { return encodeCursor(searchCursor, strconv.Itoa(n)) }

// readSearchCursor reads a cursor of GET /search: how many results came
// before, 0 for none. A search ranks at most koers.SearchCandidates pages,
// so no window starts past them. An offset shifts when a page published in
// between ranks above it; results are ranked afresh for every window
// anyway, and the search is bounded, so a count is as good as any key.
func readSearchCursor(cursor string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	f, ok := decodeCursor(cursor, searchCursor, 1)
	if !ok {
		return 0, badCursor()
	}
	n, ok := number(f[0], 1)
	if !ok || n >= koers.SearchCandidates {
		return 0, badCursor()
	}
	return int(n), nil
}
