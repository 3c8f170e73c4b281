package httpx

import (
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// rawWriter is the front loop's http.ResponseWriter: it writes the status
// line and header as net/http would (names sorted, Date last, the headers
// a status without body must not have left out) and sends them with the
// body in one write. A response with a body and no Content-Length is
// ended by closing the connection.
type rawWriter struct {
	c      *frontConn
	header http.Header
	head   []byte // status line and header, as they go on the wire
	bufs   net.Buffers
	vec    [2][]byte

	noBody      bool // a HEAD request
	wroteHeader bool
	headMade    bool
	sentHead    bool
	closeAfter  bool
	status      int
	bytes       int64
	start       time.Time
	err         error

	date    []byte // the Date field
	dateSec int64
	memo    headMemo
}

func (w *rawWriter) reset(head bool, start time.Time) {
	clear(w.header)
	w.noBody, w.wroteHeader, w.headMade, w.sentHead, w.closeAfter = head, false, false, false, false
	w.status, w.bytes, w.start, w.err = 0, 0, start, nil
}

func (w *rawWriter) Header() http.Header { return w.header }

func (w *rawWriter) WriteHeader(code int) {
	if w.wroteHeader || code < 100 || code > 999 {
		return
	}
	w.wroteHeader, w.status = true, code
}

// makeHead makes the status line and header as net/http's chunkWriter does
// when it sends them: with the first bytes of the body, p, or at the end
// (done) when there are none.
func (w *rawWriter) makeHead(p []byte, done bool) {
	h, code := w.header, w.status
	var contentType, connection, contentLength string
	if !bodyAllowed(code) {
		w.noBody = true
		delete(h, "Content-Length")
		delete(h, "Transfer-Encoding")
		if code == http.StatusNotModified {
			delete(h, "Content-Type")
		}
	} else {
		if _, ok := h["Content-Type"]; !ok && len(p) > 0 && h.Get("Content-Encoding") == "" {
			contentType = http.DetectContentType(p)
		}
		if _, ok := h["Content-Length"]; !ok {
			switch {
			case done && (!w.noBody || len(p) > 0):
				contentLength = "0"
			case !w.noBody:
				connection = "close" // no length: the end of the body is the end of the connection
				w.closeAfter = true
			}
		}
	}

	if contentType == "" && contentLength == "" && connection == "" && w.memo.matches(code, h) {
		w.head = append(append(w.head[:0], w.memo.head...), w.dateLine()...)
		w.head = append(w.head, "\r\n"...)
		w.headMade = true
		return
	}

	b := append(w.head[:0], "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(code), 10)
	if text := http.StatusText(code); text != "" {
		b = append(append(b, ' '), text...)
	} else {
		b = append(append(b, " status code "...), strconv.Itoa(code)...)
	}
	b = append(b, "\r\n"...)
	keys := w.c.keys[:0]
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			b = appendField(b, k, v)
		}
	}
	w.c.keys = keys[:0]
	_, hasDate := h["Date"]
	if contentType == "" && contentLength == "" && connection == "" && !hasDate {
		w.memo.keep(code, h, keys, b)
	}
	// What net/http adds, in its order.
	if !hasDate {
		b = append(b, w.dateLine()...)
	}
	if contentLength != "" {
		b = appendField(b, "Content-Length", contentLength)
	}
	if contentType != "" {
		b = appendField(b, "Content-Type", contentType)
	}
	if connection != "" {
		b = appendField(b, "Connection", connection)
	}
	w.head = append(b, "\r\n"...)
	w.headMade = true
}

// dateLine returns the Date field of a response begun at w.start, made
// once a second.
func (w *rawWriter) dateLine() []byte {
	if sec := w.start.Unix(); sec != w.dateSec || w.date == nil {
		w.date = append(w.date[:0], "Date: "...)
		w.date = append(w.start.UTC().AppendFormat(w.date, http.TimeFormat), "\r\n"...)
		w.dateSec = sec
	}
	return w.date
}

// headMemo is the last head a connection made whose fields were all the
// handler's, without its Date: a response with the same status and the
// same header values has the same head. Clients ask for the same pages
// again and again on one connection, and a cached page's header values
// are the same strings each time, so the comparison is cheap and the
// sorting and escaping are skipped.
type headMemo struct {
	status int
	names  []string   // sorted
	values [][]string // by name, copies of the slices
	head   []byte     // status line and fields
}

func (m *headMemo) matches(status int, h http.Header) bool {
	if m.head == nil || status != m.status || len(h) != len(m.names) {
		return false
	}
	for i, name := range m.names {
		v, ok := h[name]
		if !ok || !slices.Equal(v, m.values[i]) {
			return false
		}
	}
	return true
}

func (m *headMemo) keep(status int, h http.Header, sorted []string, head []byte) {
	m.status = status
	m.names = append(m.names[:0], sorted...)
	for len(m.values) < len(sorted) {
		m.values = append(m.values, nil)
	}
	m.values = m.values[:len(sorted)]
	for i, name := range sorted {
		m.values[i] = append(m.values[i][:0], h[name]...) // reusing what the last one held
	}
	m.head = append(m.head[:0], head...)
}

func appendField(b []byte, name, value string) []byte {
	b = append(append(b, name...), ": "...)
	return append(appendValue(b, value), "\r\n"...)
}

// appendValue appends a header value as net/http writes it: line breaks
// become spaces, surrounding white space goes.
func appendValue(b []byte, v string) []byte {
	if v != "" && !isSpace(v[0]) && !isSpace(v[len(v)-1]) && !strings.ContainsAny(v, "\r\n") {
		return append(b, v...)
	}
	for len(v) > 0 && isSpace(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isSpace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	for i := range len(v) {
		c := v[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func bodyAllowed(status int) bool {
	return !(status >= 100 && status <= 199 || status == http.StatusNoContent || status == http.StatusNotModified)
}

func (w *rawWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return 0, w.err
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !w.headMade {
		w.makeHead(p, false)
	}
	if w.noBody {
		return len(p), nil // HEAD: the length was what it would be
	}
	w.setWriteDeadline()
	var err error
	if !w.sentHead {
		w.sentHead = true
		w.c.srv.answered.Add(1) // before the client can read the answer
		w.vec = [2][]byte{w.head, p}
		w.bufs = w.vec[:]
		_, err = w.bufs.WriteTo(w.c.Conn)
		w.vec = [2][]byte{}
	} else {
		_, err = w.c.Conn.Write(p)
	}
	if err != nil {
		w.err, w.closeAfter = err, true
		return 0, err
	}
	w.bytes += int64(len(p))
	return len(p), nil
}

// finish sends the head if no body has carried it.
func (w *rawWriter) finish() {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.sentHead || w.err != nil {
		return
	}
	if !w.headMade {
		w.makeHead(nil, true)
	}
	w.sentHead = true
	w.c.srv.answered.Add(1) // before the client can read the answer
	w.setWriteDeadline()
	if _, err := w.c.Conn.Write(w.head); err != nil {
		w.err, w.closeAfter = err, true
	}
}

func (w *rawWriter) setWriteDeadline() {
	if d := w.c.srv.HTTP.WriteTimeout; d > 0 {
		w.c.Conn.SetWriteDeadline(w.start.Add(d))
	}
}
