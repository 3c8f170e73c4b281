package httpx

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testFront answers a few paths from memory, as the site's Front answers
// cached pages, and passes every other request (and every request with a
// cookie) on to routing.
func testFront(w http.ResponseWriter, r *http.Request) string {
	if len(r.Header["Cookie"]) > 0 {
		return ""
	}
	h := w.Header()
	switch r.URL.Path {
	case "/page":
		h["Content-Type"] = htmlType
		h["Etag"] = pageTag
		if r.Header.Get("If-None-Match") == pageTag[0] {
			w.WriteHeader(http.StatusNotModified)
			return "GET /page"
		}
		body, length := pageBody, pageLength
		if r.Header.Get("Accept-Encoding") == "gzip" {
			body, length = gzBody, gzLength // stand in for the gzip form
			h["Content-Encoding"] = gzipName
		}
		h["Content-Length"] = length
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return "GET /page"
	case "/other": // the header names of /page, other values
		h["Content-Type"] = htmlType
		h["Etag"] = otherTag
		h["Content-Length"] = gzLength
		w.Write(gzBody)
		return "GET /other"
	case "/empty":
		return "GET /empty"
	case "/missing":
		h["Content-Type"] = []string{"text/plain; charset=utf-8"}
		h["Content-Length"] = []string{"5"}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "weg.\n")
		return "GET /missing"
	case "/odd-header":
		h["X-Value"] = []string{"  a\r\nb  ", "tweede"}
		h["Content-Length"] = []string{"0"}
		return "GET /odd-header"
	case "/big":
		h["Content-Length"] = []string{strconv.Itoa(1 << 20)}
		w.Write([]byte(strings.Repeat("x", 1<<19)))
		w.Write([]byte(strings.Repeat("y", 1<<19)))
		return "GET /big"
	case "/no-length":
		io.WriteString(w, "zonder lengte")
		return "GET /no-length"
	case "/boom":
		panic("kapot")
	}
	return ""
}

// What testFront answers with, made once: answering allocates nothing.
var (
	htmlType   = []string{"text/html; charset=utf-8"}
	pageTag    = []string{`"e1"`}
	otherTag   = []string{`"e2"`}
	pageBody   = []byte("<p>pagina</p>")
	pageLength = []string{strconv.Itoa(len(pageBody))}
	gzBody     = []byte("gezipt")
	gzLength   = []string{strconv.Itoa(len(gzBody))}
	gzipName   = []string{"gzip"}
)

// testServer serves testFront with the front loop; release, if not nil,
// is what "GET /slow" waits for.
func testServer(t *testing.T, timeout time.Duration, release chan struct{}) (*Server, string) {
	t.Helper()
	mux := NewMux()
	mux.HandleFunc("GET /{path...}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "gerouteerd "+r.URL.Path)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		<-release
		io.WriteString(w, "traag")
	})
	opt := Options{Logger: slog.New(slog.DiscardHandler), Metrics: NewMetrics(), Front: testFront}
	srv := &Server{HTTP: &http.Server{Handler: Handler(mux, opt), ReadHeaderTimeout: timeout, IdleTimeout: timeout,
		WriteTimeout: 10 * time.Second}, Options: opt}
	return srv, serveOn(t, func(ln net.Listener) error { return srv.Serve(ln) }, func() { srv.Shutdown(context.Background()) })
}

// serveOn serves on a loopback port until the test ends.
func serveOn(t *testing.T, serve func(net.Listener) error, stop func()) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serve(ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// exchange sends raw requests on one connection, all at once, and reads
// as many responses, each as its bytes with the Date's value blanked.
func exchange(t *testing.T, addr string, reqs ...string) []string {
	t.Helper()
	c := dial(t, addr, 10*time.Second)
	if _, err := io.WriteString(c, strings.Join(reqs, "")); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var out []string
	for _, req := range reqs {
		raw, err := readRaw(br, strings.HasPrefix(req, "HEAD"))
		if err != nil {
			t.Fatalf("response to %q: %v (read %q)", req, err, raw)
		}
		out = append(out, raw)
	}
	return out
}

var dateLine = regexp.MustCompile(`(?m)^Date: .*\r$`)

// readRaw reads one response as it came: the head, then as many bytes of
// body as its Content-Length says, or all until the connection closes.
func readRaw(br *bufio.Reader, head bool) (string, error) {
	var b strings.Builder
	length, status := -1, 0
	for {
		line, err := br.ReadString('\n')
		b.WriteString(line)
		if err != nil {
			return b.String(), err
		}
		if status == 0 {
			status, _ = strconv.Atoi(strings.Fields(line + " x x")[1])
		}
		if name, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(name, "Content-Length") {
			length, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		if line == "\r\n" {
			break
		}
	}
	switch {
	case head || status == http.StatusNotModified:
	case length >= 0:
		body := make([]byte, length)
		_, err := io.ReadFull(br, body)
		b.Write(body)
		if err != nil {
			return b.String(), err
		}
	default:
		body, err := io.ReadAll(br)
		b.Write(body)
		if err != nil {
			return b.String(), err
		}
	}
	return dateLine.ReplaceAllString(b.String(), "Date: -\r"), nil
}

const hostLine = "Host: koers.example\r\n"

// dial connects to addr, closed when the test ends, with a deadline for
// everything the test does on it.
func dial(t *testing.T, addr string, d time.Duration) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(d))
	return c
}

// TestFrontLoopWritesWhatNetHTTPWrites: a response the front loop sends
// is, byte for byte but the date, the one net/http sends for the same
// answer of Front.
func TestFrontLoopWritesWhatNetHTTPWrites(t *testing.T) {
	srv, front := testServer(t, 5*time.Second, nil)
	plainSrv := &http.Server{Handler: srv.HTTP.Handler}
	plain := serveOn(t, plainSrv.Serve, func() { plainSrv.Close() })
	reqs := []string{
		"GET /page HTTP/1.1\r\n" + hostLine + "\r\n",
		"HEAD /page HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /page HTTP/1.1\r\n" + hostLine + "Accept-Encoding: gzip\r\n\r\n",
		"GET /page HTTP/1.1\r\n" + hostLine + "If-None-Match: \"e1\"\r\n\r\n",
		"HEAD /page HTTP/1.1\r\n" + hostLine + "If-None-Match: \"e1\"\r\n\r\n",
		"GET /empty HTTP/1.1\r\n" + hostLine + "\r\n",
		"HEAD /empty HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /missing HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /odd-header HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /big HTTP/1.1\r\n" + hostLine + "\r\n",
		// A connection keeps the last head it made: the same names with
		// other values must not get it.
		"GET /page HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /other HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /page HTTP/1.1\r\n" + hostLine + "\r\n",
		"GET /page HTTP/1.1\r\n" + hostLine + "\r\n",
	}
	got := exchange(t, front, reqs...)
	want := exchange(t, plain, reqs...)
	for i := range reqs {
		if got[i] != want[i] {
			t.Errorf("%q:\nfront loop %.600q\nnet/http   %.600q", reqs[i], got[i], want[i])
		}
	}
	if n := srv.Answered(); n != int64(len(reqs)) {
		t.Errorf("the front loop answered %d of %d requests", n, len(reqs))
	}
	if n := srv.Handed(); n != 0 {
		t.Errorf("%d connections handed on", n)
	}
}

// TestFrontLoopHandsOn: at the first request the loop does not answer,
// net/http takes the connection with that request and all after it,
// pipelined or not.
func TestFrontLoopHandsOn(t *testing.T) {
	srv, addr := testServer(t, 5*time.Second, nil)
	page := "GET /page HTTP/1.1\r\n" + hostLine + "\r\n"
	got := exchange(t, addr,
		page,
		"GET /page HTTP/1.1\r\n"+hostLine+"Cookie: selectie=1\r\n\r\n", // Front passes: routed
		"GET /elders HTTP/1.1\r\n"+hostLine+"\r\n",                     // not Front's
		page, // net/http's Front answers it now
	)
	wantBodies := []string{"<p>pagina</p>", "gerouteerd /page", "gerouteerd /elders", "<p>pagina</p>"}
	for i, raw := range got {
		if !strings.HasPrefix(raw, "HTTP/1.1 200 OK\r\n") || !strings.HasSuffix(raw, "\r\n\r\n"+wantBodies[i]) {
			t.Errorf("response %d: %q, want body %q", i, raw, wantBodies[i])
		}
	}
	if a, h := srv.Answered(), srv.Handed(); a != 1 || h != 1 {
		t.Errorf("answered %d, handed %d connections; want 1 and 1", a, h)
	}
}

// TestFrontLoopLeavesToNetHTTP: what the loop does not take is answered
// by net/http as it would be without the loop, the bad with its error.
func TestFrontLoopLeavesToNetHTTP(t *testing.T) {
	for _, tc := range []struct{ name, req, want string }{
		{"no Host", "GET /page HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"two Hosts", "GET /page HTTP/1.1\r\n" + hostLine + hostLine + "\r\n", "HTTP/1.1 400 Bad Request"},
		{"a head larger than the loop's buffer", "GET /page HTTP/1.1\r\n" + hostLine + "X-Lang: " + strings.Repeat("a", 5000) + "\r\n\r\n",
			"HTTP/1.1 200 OK\r\n"},
		{"HTTP/1.0", "GET /page HTTP/1.0\r\n\r\n", "HTTP/1.0 200 OK\r\n"},
		{"a body", "GET /page HTTP/1.1\r\n" + hostLine + "Content-Length: 2\r\n\r\nab", "HTTP/1.1 200 OK\r\n"},
		{"a query", "GET /page?x=1 HTTP/1.1\r\n" + hostLine + "\r\n", "HTTP/1.1 200 OK\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, addr := testServer(t, 5*time.Second, nil)
			c := dial(t, addr, 5*time.Second)
			io.WriteString(c, tc.req)
			raw, _ := readRaw(bufio.NewReader(c), false)
			if !strings.HasPrefix(raw, tc.want) {
				t.Errorf("got %.200q, want %q", raw, tc.want)
			}
			if a, h := srv.Answered(), srv.Handed(); a != 0 || h != 1 {
				t.Errorf("answered %d, handed %d; want 0 and 1", a, h)
			}
		})
	}
}

// TestFrontLoopReadsAHeadInPieces: a head that comes in parts is read to
// its end.
func TestFrontLoopReadsAHeadInPieces(t *testing.T) {
	srv, addr := testServer(t, 5*time.Second, nil)
	c := dial(t, addr, 5*time.Second)
	for _, part := range []string{"GE", "T /page HTTP/1.1\r", "\nHost: koers.example\r\n", "\r", "\n"} {
		io.WriteString(c, part)
		time.Sleep(10 * time.Millisecond)
	}
	raw, err := readRaw(bufio.NewReader(c), false)
	if err != nil || !strings.HasSuffix(raw, "<p>pagina</p>") {
		t.Errorf("got %q, %v", raw, err)
	}
	if srv.Answered() != 1 {
		t.Errorf("answered %d", srv.Answered())
	}
}

// TestFrontLoopTimesOut: a client that sends no request, or not all of
// its head, or nothing after a request, is cut off after the server's
// time-outs, as net/http cuts it off.
func TestFrontLoopTimesOut(t *testing.T) {
	_, addr := testServer(t, 200*time.Millisecond, nil)
	for _, tc := range []struct{ name, send string }{
		{"nothing", ""},
		{"half a head", "GET /page HTTP/1.1\r\nHo"},
		{"nothing after a request", "GET /page HTTP/1.1\r\n" + hostLine + "\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, addr, 5*time.Second)
			start := time.Now()
			io.WriteString(c, tc.send)
			rest, err := io.ReadAll(c) // until the server closes
			if err != nil {
				t.Fatalf("not closed: %v", err)
			}
			if d := time.Since(start); d < 150*time.Millisecond || d > 3*time.Second {
				t.Errorf("closed after %v, want about 200ms", d)
			}
			if tc.send != "" && strings.HasSuffix(tc.send, "\r\n\r\n") != strings.HasPrefix(string(rest), "HTTP/1.1 200") {
				t.Errorf("answer %q", rest)
			}
		})
	}
}

// TestFrontLoopClosesWhatHasNoLength: a body without Content-Length ends
// with the connection.
func TestFrontLoopClosesWhatHasNoLength(t *testing.T) {
	_, addr := testServer(t, 5*time.Second, nil)
	got := exchange(t, addr, "GET /no-length HTTP/1.1\r\n"+hostLine+"\r\n")
	if !strings.Contains(got[0], "\r\nConnection: close\r\n") || !strings.HasSuffix(got[0], "\r\n\r\nzonder lengte") {
		t.Errorf("got %q", got[0])
	}
}

// TestFrontLoopRecovers: a Front that panics costs its connection, not
// the server.
func TestFrontLoopRecovers(t *testing.T) {
	_, addr := testServer(t, 5*time.Second, nil)
	c := dial(t, addr, 5*time.Second)
	io.WriteString(c, "GET /boom HTTP/1.1\r\n"+hostLine+"\r\n")
	if rest, err := io.ReadAll(c); err != nil || len(rest) > 0 {
		t.Errorf("after a panic: %q, %v", rest, err)
	}
	c.Close()
	if got := exchange(t, addr, "GET /page HTTP/1.1\r\n"+hostLine+"\r\n"); !strings.HasSuffix(got[0], "<p>pagina</p>") {
		t.Errorf("after a panic: %q", got[0])
	}
}

// TestFrontLoopShutdown: Shutdown closes the loop's idle connections,
// lets a request net/http is serving finish, and ends Serve.
func TestFrontLoopShutdown(t *testing.T) {
	release := make(chan struct{})
	srv, addr := testServer(t, 5*time.Second, release)
	idle := dial(t, addr, 5*time.Second)
	io.WriteString(idle, "GET /page HTTP/1.1\r\n"+hostLine+"\r\n")
	idleReader := bufio.NewReader(idle)
	if _, err := readRaw(idleReader, false); err != nil {
		t.Fatal(err)
	}
	busy := dial(t, addr, 5*time.Second)
	io.WriteString(busy, "GET /slow HTTP/1.1\r\n"+hostLine+"\r\n")
	for srv.Handed() == 0 {
		time.Sleep(time.Millisecond)
	}

	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(context.Background()) }()
	if rest, err := io.ReadAll(idleReader); err != nil || len(rest) > 0 {
		t.Errorf("idle connection: %q, %v; want it closed", rest, err)
	}
	select {
	case err := <-shut:
		t.Fatalf("shut down with a request in flight: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	raw, err := readRaw(bufio.NewReader(busy), false)
	if err != nil || !strings.HasSuffix(raw, "traag") {
		t.Errorf("request in flight: %q, %v", raw, err)
	}
	if err := <-shut; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("still accepting after shutdown")
	}
}

// discardConn is a connection whose reads repeat one request and whose
// writes go nowhere.
type discardConn struct {
	net.Conn
	req string
}

func (c *discardConn) Read(p []byte) (int, error)       { return copy(p, c.req), nil }
func (c *discardConn) Write(p []byte) (int, error)      { return len(p), nil }
func (c *discardConn) SetReadDeadline(time.Time) error  { return nil }
func (c *discardConn) SetWriteDeadline(time.Time) error { return nil }
func (c *discardConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }
func (c *discardConn) Close() error                     { return nil }
func (c *discardConn) SetDeadline(t time.Time) error    { return nil }
func (c *discardConn) LocalAddr() net.Addr              { return c.RemoteAddr() }

// TestFrontLoopAllocatesNothing: reading a request and answering it from
// memory allocates nothing once the connection has served one.
func TestFrontLoopAllocatesNothing(t *testing.T) {
	srv := &Server{HTTP: &http.Server{WriteTimeout: time.Minute},
		Options: Options{Logger: slog.New(slog.DiscardHandler), Metrics: NewMetrics(), Front: testFront}}
	srv.conns = map[*frontConn]struct{}{}
	c := srv.newConn(&discardConn{req: "GET /page HTTP/1.1\r\n" + hostLine + "Accept-Encoding: gzip\r\n\r\n"})
	serveOne := func() {
		req, ok, err := c.readHead()
		if !ok || err != nil || !c.answer(&req) {
			t.Fatalf("not answered: %v", err)
		}
	}
	serveOne()
	if allocs := testing.AllocsPerRun(1000, serveOne); allocs > 0 {
		t.Errorf("%.1f allocations per request, want 0", allocs)
	}
	if srv.Answered() < 1000 || c.w.status != http.StatusOK || c.w.header.Get("Content-Encoding") != "gzip" {
		t.Errorf("answered %d, last %d %v", srv.Answered(), c.w.status, c.w.header)
	}
}
