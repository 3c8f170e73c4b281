//go:build !unix

package istd_test

import "time"

// cpuTime is unknown here: the CPU-time metric reads zero.
func cpuTime() time.Duration { return 0 }
