// Command plainhttp is a yardstick for scripts/load.sh: a bare net/http
// server that answers every request with one file's bytes from memory,
// the least any Go server built on net/http can do per request.
//
//	plainhttp ADDR FILE
package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: plainhttp ADDR FILE")
		os.Exit(2)
	}
	body, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "plainhttp:", err)
		os.Exit(1)
	}
	contentType := []string{"text/html; charset=utf-8"}
	length := []string{strconv.Itoa(len(body))}
	err = http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = contentType
		w.Header()["Content-Length"] = length
		w.Write(body)
	}))
	fmt.Fprintln(os.Stderr, "plainhttp:", err)
	os.Exit(1)
}
