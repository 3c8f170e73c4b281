package httpx

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// Server serves HTTP/1.1 with a front loop ahead of net/http. Every
// connection starts in the loop, which reads request heads itself and
// answers those Options.Front answers from memory (a cached page) in one
// write, without net/http's per-request work: on this two-core machine
// net/http serves a page from memory at about 0,6 of nginx's rate, the
// loop at about nginx's. At the first request the loop cannot or may not
// answer (see parseFront), it hands the connection, with every byte it
// has read, to HTTP, which serves it from then on. So net/http still
// decides every request that is not a plain GET or HEAD of a cached path,
// and the loop understands no request net/http would read differently.
//
// HTTP's timeouts bound the loop's connections too: ReadHeaderTimeout the
// first request's head and the rest of a head that has begun, IdleTimeout
// the wait for the next, WriteTimeout each response.
type Server struct {
	HTTP    *http.Server
	Options Options // as given to Handler: Front answers, Metrics counts, Logger logs

	mu       sync.Mutex
	ln       net.Listener
	handoff  *handoff
	conns    map[*frontConn]struct{}
	closing  atomic.Bool
	answered atomic.Int64 // requests the front loop answered
	handed   atomic.Int64 // connections handed to HTTP
}

// Answered returns how many requests the front loop has answered.
func (s *Server) Answered() int64 { return s.answered.Load() }

// Handed returns how many connections the front loop has handed to net/http.
func (s *Server) Handed() int64 { return s.handed.Load() }

// Serve accepts connections on ln until Shutdown, and returns
// http.ErrServerClosed then.
func (s *Server) Serve(ln net.Listener) error {
	if s.Options.Front == nil {
		return s.HTTP.Serve(ln)
	}
	if s.Options.Logger == nil {
		s.Options.Logger = slog.Default()
	}
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		return http.ErrServerClosed
	}
	s.ln = ln
	s.handoff = &handoff{conns: make(chan net.Conn), closed: make(chan struct{}), addr: ln.Addr()}
	s.conns = map[*frontConn]struct{}{}
	s.mu.Unlock()

	served := make(chan error, 1)
	go func() { served <- s.HTTP.Serve(s.handoff) }()
	err := s.accept(ln)
	if s.closing.Load() {
		<-served
		return http.ErrServerClosed
	}
	s.handoff.Close()
	<-served
	return err
}

// accept runs the accept loop, backing off on temporary errors as
// net/http does.
func (s *Server) accept(ln net.Listener) error {
	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if s.closing.Load() {
				return http.ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		fc := s.newConn(c)
		if fc == nil {
			c.Close()
			continue
		}
		go fc.serve()
	}
}

// Shutdown stops accepting, closes the loop's idle connections, lets the
// requests in flight finish, and shuts HTTP down (see http.Server.Shutdown).
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing.Store(true)
	ln := s.ln
	conns := make([]*frontConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	if ln == nil {
		return s.HTTP.Shutdown(ctx)
	}
	ln.Close()
	for _, c := range conns {
		c.closeIfIdle()
	}
	err := s.HTTP.Shutdown(ctx) // closes the hand-off listener too
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		n := len(s.conns)
		s.mu.Unlock()
		if n == 0 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

func (s *Server) newConn(c net.Conn) *frontConn {
	fc := &frontConn{Conn: c, srv: s, r: bufio.NewReaderSize(c, 4096)}
	fc.req = http.Request{Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, URL: &fc.url, Header: http.Header{},
		Body: http.NoBody, RemoteAddr: c.RemoteAddr().String()}
	fc.w = rawWriter{c: fc, header: http.Header{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return nil
	}
	s.conns[fc] = struct{}{}
	return fc
}

func (s *Server) forget(c *frontConn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// frontConn is a connection in the front loop, with the request and the
// response writer it reuses for every request: answering one allocates
// nothing.
type frontConn struct {
	net.Conn
	srv *Server
	r   *bufio.Reader

	mu   sync.Mutex
	idle bool // waiting for a request's first byte

	req  http.Request
	url  url.URL
	w    rawWriter
	keys []string // the response's header names, sorted

	// The request's strings, kept while the next request sends the
	// same bytes, as clients do.
	path, host, encoding, noneMatch string
	encodings, noneMatches          [1]string
}

// serve runs the loop until the connection ends or is handed on.
func (c *frontConn) serve() {
	defer func() {
		if p := recover(); p != nil {
			c.srv.Options.Logger.Error("panic", "where", "front loop", "panic", p)
			c.Conn.Close()
			c.srv.forget(c)
		}
	}()
	srv := c.srv.HTTP
	wait := srv.ReadHeaderTimeout // for the first request
	if wait == 0 {
		wait = srv.ReadTimeout
	}
	for {
		if c.r.Buffered() == 0 && !c.waitIdle(wait) {
			c.end()
			return
		}
		if wait = srv.IdleTimeout; wait == 0 {
			wait = srv.ReadTimeout
		}
		req, ok, err := c.readHead()
		if err != nil {
			c.end()
			return
		}
		if !ok || !c.answer(&req) {
			c.handOn()
			return
		}
		if c.w.closeAfter || c.srv.closing.Load() {
			c.end()
			return
		}
	}
}

// waitIdle waits up to d for a request's first byte; it reports false
// when none came or the server is shutting down.
func (c *frontConn) waitIdle(d time.Duration) bool {
	c.mu.Lock()
	if c.srv.closing.Load() {
		c.mu.Unlock()
		return false
	}
	c.idle = true
	c.setReadDeadline(d)
	c.mu.Unlock()
	_, err := c.r.Peek(1)
	c.mu.Lock()
	c.idle = false
	c.mu.Unlock()
	return err == nil
}

// closeIfIdle wakes the connection if it waits for a request, so that it
// sees the server is shutting down.
func (c *frontConn) closeIfIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle {
		c.Conn.SetReadDeadline(time.Unix(1, 0))
	}
}

func (c *frontConn) setReadDeadline(d time.Duration) {
	if d > 0 {
		c.Conn.SetReadDeadline(time.Now().Add(d))
	} else {
		c.Conn.SetReadDeadline(time.Time{})
	}
}

// readHead reads until the buffer holds a whole request head, and parses
// it. A head that does not fit the buffer is not the loop's (ok false);
// the rest of a head that has begun must come within ReadHeaderTimeout.
func (c *frontConn) readHead() (req frontRequest, ok bool, err error) {
	timed := false
	for {
		b, _ := c.r.Peek(c.r.Buffered())
		if req, ok = parseFront(b); ok || req.size > 0 {
			return req, ok, nil
		}
		if len(b) == c.r.Size() {
			return req, false, nil
		}
		if !timed {
			c.setReadDeadline(c.srv.HTTP.ReadHeaderTimeout)
			timed = true
		}
		if _, err := c.r.Peek(len(b) + 1); err != nil {
			return req, false, err
		}
	}
}

// answer offers the request to Front; it reports false, having written
// nothing, when Front passes it on.
func (c *frontConn) answer(fr *frontRequest) bool {
	start := time.Now()
	r := &c.req
	r.Method = http.MethodGet
	if fr.head {
		r.Method = http.MethodHead
	}
	c.url.Path = reuse(&c.path, fr.path)
	r.RequestURI = c.url.Path
	r.Host = reuse(&c.host, fr.host)
	h := r.Header
	delete(h, "Accept-Encoding")
	delete(h, "If-None-Match")
	if fr.hasEncoding {
		c.encodings[0] = reuse(&c.encoding, fr.acceptEncoding)
		h["Accept-Encoding"] = c.encodings[:]
	}
	if fr.hasNoneMatch {
		c.noneMatches[0] = reuse(&c.noneMatch, fr.ifNoneMatch)
		h["If-None-Match"] = c.noneMatches[:]
	}

	w := &c.w
	w.reset(fr.head, start)
	secure(w.header)
	route := c.srv.Options.Front(w, r)
	if route == "" {
		return false
	}
	c.r.Discard(fr.size)
	w.finish()
	c.srv.Options.record(r, route, w.status, w.bytes, time.Since(start))
	return true
}

// reuse returns b as a string, the one in *s if it holds the same bytes.
func reuse(s *string, b []byte) string {
	if *s != string(b) {
		*s = string(b)
	}
	return *s
}

// handOn gives the connection, with the bytes read and not answered, to
// net/http.
func (c *frontConn) handOn() {
	c.srv.forget(c)
	c.Conn.SetDeadline(time.Time{})
	hc := &handedConn{Conn: c.Conn}
	if c.r.Buffered() > 0 {
		hc.r = c.r
	}
	// Counted before net/http can answer: a client may read that answer
	// before give returns.
	c.srv.handed.Add(1)
	if !c.srv.handoff.give(hc) {
		c.srv.handed.Add(-1)
		c.Conn.Close() // shutting down
	}
}

func (c *frontConn) end() {
	c.Conn.Close()
	c.srv.forget(c)
}

// handedConn is a connection handed to net/http: it reads what the front
// loop buffered first.
type handedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *handedConn) Read(p []byte) (int, error) {
	if c.r != nil {
		if c.r.Buffered() > 0 {
			return c.r.Read(p)
		}
		c.r = nil
	}
	return c.Conn.Read(p)
}

// handoff is the listener net/http serves: it accepts the connections
// the front loop hands on.
type handoff struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
	addr   net.Addr
}

func (h *handoff) Accept() (net.Conn, error) {
	select {
	case c := <-h.conns:
		return c, nil
	case <-h.closed:
		return nil, net.ErrClosed
	}
}

func (h *handoff) Close() error {
	h.once.Do(func() { close(h.closed) })
	return nil
}

func (h *handoff) Addr() net.Addr { return h.addr }

func (h *handoff) give(c net.Conn) bool {
	select {
	case h.conns <- c:
		return true
	case <-h.closed:
		return false
	}
}
