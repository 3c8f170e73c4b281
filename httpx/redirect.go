package httpx

import (
	"net/http"
	"net/url"
	"strings"
)

// LocalPath returns p as a path on this site, escaped, with its query and
// fragment, and whether p is one. It refuses what a browser could take for
// another origin: a scheme or host, a path starting with "//" or "/\", a
// backslash anywhere, and control characters (browsers drop tabs and line
// breaks from a URL, so "/\t/evil.example" would become "//evil.example").
func LocalPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsRune(p, '\\') {
		return "", false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return "", false
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	out := u.EscapedPath()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || strings.HasPrefix(out, "/\\") {
		return "", false
	}
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, true
}

// PathOf joins path segments into an escaped path on this site: "/" and
// each segment escaped, so that a segment holding "/" stays one segment.
// It returns false for an empty segment, which would make "//".
func PathOf(segments ...string) (string, bool) {
	var b strings.Builder
	for _, s := range segments {
		if s == "" {
			return "", false
		}
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	if b.Len() == 0 {
		return "/", true
	}
	return LocalPath(b.String())
}

// Redirect sends the client to a path on this site. A target that is not
// local (see LocalPath) is never sent: the client gets fallback instead,
// which must be local itself.
func Redirect(w http.ResponseWriter, r *http.Request, to, fallback string, code int) {
	target, ok := LocalPath(to)
	if !ok {
		if target, ok = LocalPath(fallback); !ok {
			target = "/"
		}
	}
	w.Header().Set("Location", target)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
}
