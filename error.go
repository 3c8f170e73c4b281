package koers

import (
	"errors"
	"fmt"
)

// The error codes of koers. Every layer speaks these; the web layer maps
// them to HTTP status codes in one table.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EBUSY         = "busy" // too much work at once: try again shortly
	EINTERNAL     = "internal"
)

// Error is an error a user may see: Message is written for them. Errors
// without a code are internal and are logged, never shown.
type Error struct {
	Code    string
	Message string
	Err     error // the cause, if any; not shown to users
	// Problems are what Validate found, each at its field path; set on
	// EINVALID errors of the domain's rules.
	Problems Problems
}

func (e *Error) Error() string {
	msg := e.Message
	if len(e.Problems) > 0 {
		msg += ":" + e.Problems.lines()
	}
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", msg, e.Err)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic message so that nothing about the system leaks.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Er ging iets mis aan onze kant. Probeer het later opnieuw."
}
