package httpx

import (
	"bufio"
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestParseFront: the front loop answers a plain GET or HEAD of a path and
// leaves every other request, odd or wrong, to net/http.
func TestParseFront(t *testing.T) {
	const host = "Host: koers.example\r\n"
	tests := []struct {
		name, head string
		ok         bool
		want       frontRequest // checked when ok
	}{
		{"get", "GET /leiderdorp/begroting-2022 HTTP/1.1\r\n" + host + "\r\n", true,
			frontRequest{path: []byte("/leiderdorp/begroting-2022"), host: []byte("koers.example")}},
		{"head", "HEAD / HTTP/1.1\r\n" + host + "\r\n", true, frontRequest{head: true, path: []byte("/"), host: []byte("koers.example")}},
		{"what a cached answer depends on", "GET /a.pdf HTTP/1.1\r\nhost:127.0.0.1:8080\r\nAccept-Encoding: gzip, br \r\n" +
			"IF-NONE-MATCH:\t\"abc\"\r\nConnection: Keep-Alive\r\nUser-Agent: wrk\r\n\r\n", true,
			frontRequest{path: []byte("/a.pdf"), host: []byte("127.0.0.1:8080"), acceptEncoding: []byte("gzip, br"), hasEncoding: true,
				ifNoneMatch: []byte(`"abc"`), hasNoneMatch: true}},
		{"an empty Accept-Encoding is still one", "GET / HTTP/1.1\r\n" + host + "Accept-Encoding:\r\n\r\n", true,
			frontRequest{path: []byte("/"), host: []byte("koers.example"), hasEncoding: true}},
		{"ipv6 host", "GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n", true, frontRequest{path: []byte("/"), host: []byte("[::1]:80")}},

		{"head not complete", "GET / HTTP/1.1\r\n" + host, false, frontRequest{}},
		{"post", "POST / HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"lower-case method", "get / HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"options", "OPTIONS * HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"absolute form", "GET http://koers.example/ HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"query", "GET /?q=zorg HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"empty query", "GET /? HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"percent escape", "GET /%7e HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"fragment", "GET /#a HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"non-ASCII path", "GET /\xc3\xa9 HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"two spaces", "GET  / HTTP/1.1\r\n" + host + "\r\n", false, frontRequest{}},
		{"HTTP/1.0", "GET / HTTP/1.0\r\n" + host + "\r\n", false, frontRequest{}},
		{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", false, frontRequest{}},
		{"no version", "GET /\r\n" + host + "\r\n", false, frontRequest{}},
		{"bare LF line", "GET / HTTP/1.1\n" + host + "\r\n", false, frontRequest{}},
		{"bare LF in a value", "GET / HTTP/1.1\r\n" + host + "X: a\nb\r\n\r\n", false, frontRequest{}},
		{"CR in a value", "GET / HTTP/1.1\r\n" + host + "X: a\rb\r\n\r\n", false, frontRequest{}},
		{"folded line", "GET / HTTP/1.1\r\n" + host + "X: a\r\n b\r\n\r\n", false, frontRequest{}},
		{"space before colon", "GET / HTTP/1.1\r\nHost : koers.example\r\n\r\n", false, frontRequest{}},
		{"no colon", "GET / HTTP/1.1\r\n" + host + "X\r\n\r\n", false, frontRequest{}},
		{"empty name", "GET / HTTP/1.1\r\n" + host + ": x\r\n\r\n", false, frontRequest{}},
		{"non-ASCII value", "GET / HTTP/1.1\r\n" + host + "X: caf\xc3\xa9\r\n\r\n", false, frontRequest{}},
		{"no host", "GET / HTTP/1.1\r\n\r\n", false, frontRequest{}},
		{"empty host", "GET / HTTP/1.1\r\nHost:\r\n\r\n", false, frontRequest{}},
		{"two hosts", "GET / HTTP/1.1\r\n" + host + host + "\r\n", false, frontRequest{}},
		{"odd host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", false, frontRequest{}},
		{"host with user", "GET / HTTP/1.1\r\nHost: u@koers.example\r\n\r\n", false, frontRequest{}},
		{"cookie", "GET / HTTP/1.1\r\n" + host + "Cookie: selectie=1\r\n\r\n", false, frontRequest{}},
		{"content length", "GET / HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n", false, frontRequest{}},
		{"transfer encoding", "GET / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n", false, frontRequest{}},
		{"expect", "GET / HTTP/1.1\r\n" + host + "Expect: 100-continue\r\n\r\n", false, frontRequest{}},
		{"upgrade", "GET / HTTP/1.1\r\n" + host + "Upgrade: h2c\r\n\r\n", false, frontRequest{}},
		{"connection close", "GET / HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", false, frontRequest{}},
		{"two Accept-Encodings", "GET / HTTP/1.1\r\n" + host + "Accept-Encoding: gzip\r\nAccept-Encoding: br\r\n\r\n", false, frontRequest{}},
		{"two If-None-Matches", "GET / HTTP/1.1\r\n" + host + "If-None-Match: \"a\"\r\nIf-None-Match: \"b\"\r\n\r\n", false, frontRequest{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.head + "GET /next HTTP/1.1\r\n") // a pipelined request behind it
			got, ok := parseFront(b)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !strings.HasSuffix(tt.head, "\r\n\r\n") || tt.name == "HTTP/2 preface" {
				return
			}
			if got.size != len(tt.head) {
				t.Errorf("size %d, want %d", got.size, len(tt.head))
			}
			if !ok {
				return
			}
			tt.want.size = len(tt.head)
			if !sameFront(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func sameFront(a, b frontRequest) bool {
	return a.size == b.size && a.head == b.head && bytes.Equal(a.path, b.path) && bytes.Equal(a.host, b.host) &&
		bytes.Equal(a.acceptEncoding, b.acceptEncoding) && a.hasEncoding == b.hasEncoding &&
		bytes.Equal(a.ifNoneMatch, b.ifNoneMatch) && a.hasNoneMatch == b.hasNoneMatch
}

// FuzzParseFront holds the front loop's reading to net/http's: a request
// head it takes is one http.ReadRequest reads the same way, to the byte.
func FuzzParseFront(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"HEAD /x/y.pdf HTTP/1.1\r\nHost: 127.0.0.1:80\r\nAccept-Encoding: gzip\r\nIf-None-Match: W/\"e\"\r\n\r\n",
		"GET /a HTTP/1.1\r\nhost: [::1]\r\nconnection: keep-alive\r\nX-Y: z\r\n\r\nGET /b HTTP/1.1\r\n",
		"GET /a HTTP/1.1\r\nHost: a\r\nCookie: c=1\r\n\r\n",
		"GET /a?b HTTP/1.1\r\nHost: a\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, ok := parseFront(b)
		if !ok {
			return
		}
		rd := bytes.NewReader(b)
		br := bufio.NewReader(rd)
		r, err := http.ReadRequest(br)
		if err != nil {
			t.Fatalf("front takes what net/http refuses: %v\n%q", err, b)
		}
		method := http.MethodGet
		if fr.head {
			method = http.MethodHead
		}
		header := func(ok bool, v []byte) []string {
			if !ok {
				return nil
			}
			return []string{string(v)}
		}
		switch {
		case r.Method != method:
			t.Errorf("method %q, net/http %q", method, r.Method)
		case r.URL.EscapedPath() != string(fr.path) || r.URL.RawQuery != "" || r.URL.ForceQuery || r.URL.Host != "":
			t.Errorf("path %q, net/http %#v", fr.path, r.URL)
		case r.Host != string(fr.host):
			t.Errorf("host %q, net/http %q", fr.host, r.Host)
		case !slices.Equal(r.Header["Accept-Encoding"], header(fr.hasEncoding, fr.acceptEncoding)):
			t.Errorf("Accept-Encoding %q, net/http %q", fr.acceptEncoding, r.Header["Accept-Encoding"])
		case !slices.Equal(r.Header["If-None-Match"], header(fr.hasNoneMatch, fr.ifNoneMatch)):
			t.Errorf("If-None-Match %q, net/http %q", fr.ifNoneMatch, r.Header["If-None-Match"])
		case len(r.Header["Cookie"]) > 0 || r.ContentLength != 0 || r.Close || len(r.TransferEncoding) > 0 || r.ProtoMinor != 1:
			t.Errorf("net/http reads more into it: %#v", r)
		case len(b)-br.Buffered()-rd.Len() != fr.size:
			t.Errorf("head of %d bytes, net/http read %d", fr.size, len(b)-br.Buffered()-rd.Len())
		}
	})
}
