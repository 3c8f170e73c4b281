package sqlstore

import (
	"fmt"
	"time"
)

// Times are TIMESTAMPTZ on PostgreSQL and integers on SQLite: microseconds
// since 1970 UTC, which sort and compare as times (RFC 3339 text with
// nanoseconds does not: "…:05Z" sorts after "…:05.1Z"). The dialect writes
// them (Dialect.Time); timeScan reads both.

// Microseconds is SQLite's time: microseconds since 1970 UTC.
func Microseconds(t time.Time) any { return t.UnixMicro() }

// Timestamp is PostgreSQL's time: the driver sends it as TIMESTAMPTZ.
func Timestamp(t time.Time) any { return t.UTC() }

// now is the time of a transaction, to microseconds: what both engines keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// timeScan reads a time column of either engine into t.
type timeScan struct{ t *time.Time }

func (s timeScan) Scan(v any) error {
	switch v := v.(type) {
	case int64:
		*s.t = time.UnixMicro(v).UTC()
	case time.Time:
		*s.t = v.UTC()
	default:
		return fmt.Errorf("time column holds %T, not a time", v)
	}
	return nil
}

var _ interface{ Scan(any) error } = timeScan{}
