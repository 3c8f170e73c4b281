package web

import (
	"net/http"
	"strconv"

	"github.com/koers-nl/koers"
)

// statusCodes maps koers error codes to HTTP status codes: the one place
// that decides.
var statusCodes = map[string]int{
	koers.EINVALID:      http.StatusBadRequest,
	koers.ENOTFOUND:     http.StatusNotFound,
	koers.ECONFLICT:     http.StatusConflict,
	koers.EUNAUTHORIZED: http.StatusUnauthorized,
	koers.EFORBIDDEN:    http.StatusForbidden,
	koers.EINTERNAL:     http.StatusInternalServerError,
}

// statusOf returns the HTTP status for err.
func statusOf(err error) int {
	if code, ok := statusCodes[koers.ErrorCode(err)]; ok {
		return code
	}
	return http.StatusInternalServerError
}

// logError logs errors users do not see the cause of.
func (s *Server) logError(r *http.Request, err error) {
	if koers.ErrorCode(err) == koers.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
