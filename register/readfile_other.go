//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package register

import "os"

// readFile reads a file; buf is of no use here.
func readFile(path string, buf []byte) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return buf[:0], err
	}
	return data, nil
}
