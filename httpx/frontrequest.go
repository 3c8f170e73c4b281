package httpx

import "bytes"

// frontRequest is a request head the front loop may answer itself: a GET
// or HEAD of a plain path over HTTP/1.1, with nothing that asks for more
// than a response from memory. Its fields are slices of the connection's
// buffer.
type frontRequest struct {
	size           int  // bytes of the head, through its empty line
	head           bool // HEAD, not GET
	path, host     []byte
	acceptEncoding []byte
	ifNoneMatch    []byte
	hasEncoding    bool
	hasNoneMatch   bool
}

// parseFront parses the request head at the start of b, which holds it
// through its empty line, and reports whether the front loop may answer
// it. It says yes only to a strict subset of what net/http accepts and
// reads the same way (FuzzParseFront holds it to http.ReadRequest); every
// other request, odd or wrong, goes to net/http with its bytes unread,
// and net/http decides, so that no request is understood two ways.
//
// The subset: "GET" or "HEAD", a target of unreserved characters and
// slashes starting with "/" (no query, no percent escapes, so that the
// target is the URL's escaped path), "HTTP/1.1", header lines of a token,
// a colon and visible ASCII, ending in CRLF, exactly one Host, at most one
// Accept-Encoding and one If-None-Match, and none of Cookie (a cookie
// may personalise the page), Content-Length, Transfer-Encoding, Expect,
// Upgrade, or a Connection other than keep-alive.
func parseFront(b []byte) (req frontRequest, ok bool) {
	end := bytes.Index(b, crlfcrlf)
	if end < 0 {
		return req, false
	}
	req.size = end + len(crlfcrlf)
	b = b[:end+2] // the lines, each with its CRLF

	switch {
	case bytes.HasPrefix(b, []byte("GET /")):
		b = b[len("GET "):]
	case bytes.HasPrefix(b, []byte("HEAD /")):
		req.head = true
		b = b[len("HEAD "):]
	default:
		return req, false
	}
	sp := bytes.IndexByte(b, ' ')
	if sp < 0 {
		return req, false
	}
	req.path = b[:sp]
	for _, c := range req.path {
		if !pathByte[c] {
			return req, false
		}
	}
	b = b[sp+1:]
	if !bytes.HasPrefix(b, []byte("HTTP/1.1\r\n")) {
		return req, false
	}
	b = b[len("HTTP/1.1\r\n"):]

	hosts := 0
	for len(b) > 0 {
		eol := bytes.Index(b, crlf)
		line := b[:eol]
		b = b[eol+2:]
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			return req, false
		}
		name, value := line[:colon], trimSpace(line[colon+1:])
		for _, c := range name {
			if !tokenByte[c] {
				return req, false
			}
		}
		for _, c := range value {
			if (c < ' ' && c != '\t') || c > '~' {
				return req, false
			}
		}
		switch {
		case equalFold(name, "host"):
			hosts++
			req.host = value
		case equalFold(name, "accept-encoding"):
			if req.hasEncoding {
				return req, false
			}
			req.acceptEncoding, req.hasEncoding = value, true
		case equalFold(name, "if-none-match"):
			if req.hasNoneMatch {
				return req, false
			}
			req.ifNoneMatch, req.hasNoneMatch = value, true
		case equalFold(name, "connection"):
			if !equalFold(value, "keep-alive") {
				return req, false
			}
		case equalFold(name, "cookie"), equalFold(name, "content-length"), equalFold(name, "transfer-encoding"),
			equalFold(name, "expect"), equalFold(name, "upgrade"):
			return req, false
		}
	}
	if hosts != 1 || len(req.host) == 0 {
		return req, false
	}
	for _, c := range req.host {
		if !hostByte[c] {
			return req, false
		}
	}
	return req, true
}

var (
	crlf     = []byte("\r\n")
	crlfcrlf = []byte("\r\n\r\n")
)

// The bytes each part of a front request may hold. Path: RFC 3986's
// unreserved characters and "/". Host: a name, an IPv4 address or a
// bracketed IPv6 address, with a port.
var pathByte, tokenByte, hostByte = byteSet("-._~/"), byteSet("!#$%&'*+-.^_`|~"), byteSet("-.:[]")

// byteSet is the ASCII letters and digits and the bytes of extra.
func byteSet(extra string) (set [256]bool) {
	for c := 0; c < 256; c++ {
		set[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	for i := range len(extra) {
		set[extra[i]] = true
	}
	return set
}

// trimSpace trims spaces and tabs, which is what http.ReadRequest trims
// from a header value, given no other control bytes.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// equalFold reports whether b is lower, ignoring ASCII case; lower is in
// lower case.
func equalFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
