package httpx

import (
	"errors"
	"net/http"

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
	koers.EBUSY:         http.StatusServiceUnavailable,
	koers.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err. A body over the size limit is
// 413, whatever the handler made of it.
func Status(err error) int {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	if code, ok := statusCodes[koers.ErrorCode(err)]; ok {
		return code
	}
	return http.StatusInternalServerError
}
