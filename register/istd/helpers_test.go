package istd_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/koers-nl/koers"
)

// fakeKey pseudonymises as the register's Keyer does, with a fixed key.
type fakeKey struct{}

func (fakeKey) Pseudonym(bsn string) (koers.Pseudonym, error) {
	m := hmac.New(sha256.New, []byte("istd test key"))
	m.Write([]byte(bsn))
	return koers.Pseudonym(hex.EncodeToString(m.Sum(nil))), nil
}

// pseudonym is fakeKey's pseudonym of bsn.
func pseudonym(bsn string) koers.Pseudonym {
	p, _ := fakeKey{}.Pseudonym(bsn)
	return p
}

// reference is the directory of the iStandaarden reference files beside
// the repository; the test skips where it is missing, unless in CI.
func reference(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "reference", "istandaarden")
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("the iStandaarden reference files are missing at %s, and CI must use them", dir)
		}
		tb.Skipf("the iStandaarden reference files are not at %s", dir)
	}
	return dir
}

// example reads a file of the reference directory.
func example(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(reference(tb), rel))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func testdata(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// xmllint returns the path of xmllint; the test skips where it is missing,
// unless in CI.
func xmllint(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("xmllint (libxml2-utils) is not installed, and CI must check the messages against their schemas")
		}
		tb.Skip("xmllint (libxml2-utils) is not installed")
	}
	return path
}
