//go:build linux || darwin || freebsd || netbsd || openbsd

package register

import (
	"io/fs"
	"slices"
	"syscall"
)

// readFile reads a file into buf, grown as needed: open, read, close and
// nothing more. os.ReadFile also asks the size and the poller, which cost
// an import of millions of small messages more than reading them (5.2 s
// against 1.9 s for 250,000 files).
func readFile(path string, buf []byte) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return buf[:0], &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			// Doubled: a CSV file of 40 MB grew by a quarter at a time,
			// copied eighty times.
			buf = slices.Grow(buf, max(cap(buf), 16<<10))
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf[:0], &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}
