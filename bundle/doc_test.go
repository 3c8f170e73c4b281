package bundle_test

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers/bundle"
)

// TestDocExample keeps the example in doc/bundle.md valid.
func TestDocExample(t *testing.T) {
	doc := string(mustRead(t, "../doc/bundle.md"))
	_, rest, ok := strings.Cut(doc, "## A minimal bundle")
	if !ok {
		t.Fatal("doc/bundle.md has no minimal bundle")
	}
	_, rest, _ = strings.Cut(rest, "```json\n")
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("doc/bundle.md: unterminated example")
	}
	if _, err := bundle.Decode("doc/bundle.md", []byte(example)); err != nil {
		t.Error(err)
	}
}
