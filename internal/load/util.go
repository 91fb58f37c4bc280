package load

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
)

var languageTag = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// checkAccent validates the site colour. It is used for text on white and as
// the background of white header text, so it must reach the WCAG AA contrast
// of 4.5:1 against white.
func checkAccent(v string) string {
	if !hexColour.MatchString(v) {
		return fmt.Sprintf("%q is not a colour written as #rrggbb", v)
	}
	if c := contrastWithWhite(v); c < 4.5 {
		return fmt.Sprintf("%s has a contrast of %.1f:1 with white; WCAG AA needs at least 4.5:1, so choose a darker colour", v, c)
	}
	return ""
}

func contrastWithWhite(hex string) float64 {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		n, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(n) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}
