package admin

import (
	"net/http"
	"strings"
)

// BodyLimit is the bound of a request's body for httpx.Options.BodyLimit:
// the two forms that carry a file (a bundle, a logo) take more than the
// server's small default, which is 0.
func BodyLimit(r *http.Request) int64 {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, "/beheer/") {
		return 0
	}
	switch {
	case strings.HasSuffix(r.URL.Path, "/upload"):
		return maxBundle + 1<<20
	case strings.HasSuffix(r.URL.Path, "/instellingen"):
		return maxLogo + 1<<16
	}
	return 0
}
