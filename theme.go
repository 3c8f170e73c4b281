package koers

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Theme is an organisation's own look on the site: its brand colour and its
// logo. Zero values keep koers's defaults.
type Theme struct {
	Colour string // "#1a5a96"; white text on it must have enough contrast
	Logo   string // an SVG document, within the allowlist of logo.go
}

// MinContrast is the WCAG 2.1 AA contrast ratio for normal text.
const MinContrast = 4.5

// MaxLogoSize bounds a logo's SVG.
const MaxLogoSize = 200 << 10

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Check returns what is wrong with the theme, per field ("colour", "logo"),
// in words for whoever configures it.
func (t Theme) Check() map[string]string {
	out := map[string]string{}
	for k, m := range t.problems() {
		out[k] = m.String()
	}
	return out
}

// problems is Check as messages.
func (t Theme) problems() map[string]*message {
	problems := map[string]*message{}
	if t.Colour != "" {
		if !hexColour.MatchString(t.Colour) {
			problems["colour"] = newMessage("colour %q is not of the form #rrggbb", t.Colour)
		} else if c := Contrast(t.Colour, "#ffffff"); c < MinContrast {
			problems["colour"] = newMessage("white text on %s has a contrast of %.1f:1; WCAG AA needs at least %.1f:1", t.Colour, c, MinContrast)
		}
	}
	if t.Logo != "" {
		if len(t.Logo) > MaxLogoSize {
			problems["logo"] = newMessage("the logo is larger than %d KiB", MaxLogoSize>>10)
		} else if msg := checkLogo(t.Logo); msg != "" {
			problems["logo"] = untranslated(msg)
		}
	}
	return problems
}

// Darker returns the colour with its lightness scaled by f (0..1), for
// hover states and headings on the brand colour.
func Darker(hex string, f float64) string {
	r, g, b := rgb(hex)
	return fmt.Sprintf("#%02x%02x%02x", int(float64(r)*f), int(float64(g)*f), int(float64(b)*f))
}

// Contrast is the WCAG contrast ratio of two #rrggbb colours.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	r, g, b := rgb(hex)
	ch := func(v int) float64 {
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

func rgb(hex string) (r, g, b int) {
	n, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return int(n >> 16 & 0xff), int(n >> 8 & 0xff), int(n & 0xff)
}
