package koers

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title into a URL segment: lower case, accents removed,
// apostrophes dropped, every other run of non-alphanumerics one hyphen.
// "1C: Ondersteunde inwoners" becomes "1c-ondersteunde-inwoners".
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
			// combining accents and apostrophes vanish
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// ValidSlug reports whether s is a slug as Slugify makes them.
func ValidSlug(s string) bool { return s != "" && Slugify(s) == s }
